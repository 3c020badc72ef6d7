# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import cc_provider_abstract
from . import cc_team
from . import cc_stage
from . import cc_tag
from . import cc_agent
from . import cc_connector
from . import cc_opt_out
from . import cc_conversation
from . import cc_conversation_lifecycle
from . import cc_conversation_provider_read
from . import cc_conversation_messaging
from . import cc_conversation_document
from . import cc_message
from . import cc_message_outbox
from . import cc_message_media
from . import cc_message_reply
from . import cc_template_category
from . import cc_template
from . import cc_webhook_event
from . import cc_webhook_receipt
from . import cc_inbound
from . import res_partner
from . import res_users
from . import res_company
from . import bus_bus
