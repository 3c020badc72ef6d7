# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The duplicate check of a one-message event, made by the inbound path's
first statement (as the webhook route processes it)."""
import json

from odoo.tests import tagged

from odoo.addons.cc_core.services.types import WebhookRequest

from .common import CcCase

CUSTOMER = "+5511987654321"


@tagged("post_install", "-at_install")
class TestInboundClaimInFirstStatement(CcCase):

    def _deliver(self, msg_id, text="Oi", **extra):
        """Journal and process one event as the webhook route does."""
        raw = json.dumps({"messages": [dict(
            {"id": msg_id, "from": CUSTOMER, "text": text}, **extra)]}).encode()
        event = self.env["cc.webhook.event"]._journal(self.connector, WebhookRequest(
            "POST", {"content-type": "application/json"}, raw, {}, None))
        event._process(own_transaction=True)
        return event

    def _conversation(self):
        return self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", CUSTOMER)])

    def _messages(self, msg_id):
        return self.env["cc.message"].search([("provider_message_id", "=", msg_id)])

    def _receipts(self, msg_id):
        return self.env["cc.webhook.receipt"].search_count(
            [("connector_id", "=", self.connector.id), ("event_id", "=", msg_id)])

    def test_new_customer_then_the_same_event_again(self):
        first = self._deliver("c-1")
        self.assertEqual(first.state, "processed")
        conversation = self._conversation()
        self.assertEqual((len(conversation), conversation.unread_count), (1, 1))
        again = self._deliver("c-1")
        self.assertEqual(again.state, "duplicate")
        self.assertEqual(len(self._conversation()), 1)
        self.assertEqual(len(self._messages("c-1")), 1)
        self.assertEqual(self._receipts("c-1"), 1)

    def test_duplicate_into_an_open_conversation_changes_nothing(self):
        self._deliver("c-2", "primeira")
        conversation = self._conversation()
        self._deliver("c-3", "segunda")
        self.env["base"].invalidate_cache()
        before = (conversation.unread_count, conversation.last_message_preview,
                  conversation.last_inbound_date)
        self.assertEqual(before[:2], (2, "segunda"))
        self.assertEqual(self._deliver("c-2", "primeira").state, "duplicate")
        self.env["base"].invalidate_cache()
        self.assertEqual((conversation.unread_count, conversation.last_message_preview,
                          conversation.last_inbound_date), before,
                         "a duplicate is not counted again")
        self.assertEqual(len(self._messages("c-2")), 1)

    def test_duplicate_of_a_message_that_would_reopen_changes_nothing(self):
        self._deliver("c-4")
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_close()
        self._deliver("c-5", "de novo")
        self.assertEqual((conversation.state != "done", conversation.cycle), (True, 2))
        conversation.with_user(self.user_agent).action_close()
        self.assertEqual(self._deliver("c-5", "de novo").state, "duplicate")
        self.env["base"].invalidate_cache()
        self.assertEqual((conversation.state, conversation.cycle), ("done", 2),
                         "a duplicate never reopens")
        self.assertEqual(len(self._messages("c-5")), 1)

    def test_reaction_removed_twice_is_one_removal(self):
        self._deliver("c-6", "olá")
        self._deliver("c-7", "👍", type="reaction", reply_to="c-6")
        removal = self._deliver("c-8", "", type="reaction", reply_to="c-6")
        self.assertEqual(removal.state, "processed")
        self.assertEqual(self._receipts("c-8"), 1)
        self.assertEqual(self._deliver("c-8", "", type="reaction",
                                       reply_to="c-6").state, "duplicate")
