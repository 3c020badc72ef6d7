# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import cc_kolmeya_cost_centre
from . import cc_connector
from . import cc_connector_access_hold
from . import cc_connector_balance
from . import cc_connector_reply_poll
from . import cc_conversation
from . import cc_message
from . import cc_campaign
from . import cc_kolmeya_blacklist_sync
from . import cc_provider_kolmeya
from . import cc_workspace
from . import res_company
from . import cc_connector_odoo_sms
from . import sms_sms
from . import cc_message_odoo_sms
from . import cc_connector_health
from . import cc_message_cost
