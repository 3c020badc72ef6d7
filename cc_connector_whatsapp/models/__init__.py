# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import cc_connector
from . import cc_connector_token
from . import cc_provider_whatsapp_cloud
from . import cc_provider_whatsapp_cloud_send
from . import cc_whatsapp_template
from . import cc_whatsapp_template_parameter
from . import cc_message
from . import cc_conversation
from . import cc_conversation_sms_fallback
from . import cc_connector_capabilities
from . import cc_connector_gateway
from . import cc_provider_whatsapp_gateway
from . import cc_provider_whatsapp_gateway_send
from . import cc_inbound_gateway
from . import cc_workspace
from . import cc_conversation_snooze_window
from . import cc_campaign
from . import cc_conversation_csat
from . import cc_connector_health
from . import cc_provider_whatsapp_gateway_avatar
from . import cc_message_cost
from . import cc_provider_whatsapp_cloud_cost
