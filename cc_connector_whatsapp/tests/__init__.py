# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_webhook
from . import test_inbound
from . import test_send
from . import test_send_errors
from . import test_window
from . import test_sms_fallback
from . import test_templates
from . import test_connector
from . import test_webhook_fuzz
from . import test_links
from . import test_gateway_pipeline
from . import test_gateway_webhook
from . import test_workspace
from . import test_workspace_tour
from . import test_snooze_window
from . import test_campaign
from . import test_connector_health
from . import test_gateway_avatar
from . import test_send_options
from . import test_csat
from . import test_status_pricing
from . import test_bot
