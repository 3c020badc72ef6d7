# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_conversation_lifecycle
from . import test_concurrency
from . import test_security
from . import test_partner_link
from . import test_conversation_document
from . import test_template
from . import test_outbox
from . import test_send_window
from . import test_opt_in
from . import test_provider_read
from . import test_inbound
from . import test_webhook_controller
from . import test_untrusted_webhooks
from . import test_message_links
from . import test_campaign
from . import test_campaign_crm
from . import test_document_send
from . import test_performance
from . import test_inbox_tour
from . import test_live_views_js
