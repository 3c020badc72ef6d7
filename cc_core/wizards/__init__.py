# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import cc_conversation_transfer
from . import cc_message_compose
from . import cc_agent_pause
from . import cc_conversation_snooze
from . import cc_document_send
