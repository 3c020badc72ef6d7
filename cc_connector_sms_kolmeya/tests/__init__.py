# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_connection
from . import test_balance
from . import test_send
from . import test_status
from . import test_reply
from . import test_reply_poll
from . import test_quiet_hours
from . import test_opt_out
from . import test_composer
from . import test_round_trip
from . import test_webhook_fuzz
from . import test_provider_errors
from . import test_workspace
from . import test_odoo_sms
from . import test_bot
from . import test_csat
from . import test_connector_health
from . import test_message_cost
