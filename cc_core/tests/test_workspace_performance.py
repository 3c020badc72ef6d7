# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Query counts of the workspace: constant whatever the number of
conversations or messages, and within the figures of issue 11 (open <= 12,
thread page <= 8, post <= 15)."""
import base64
import logging

from odoo import fields
from odoo.tests import tagged

from .common import CcCase

_logger = logging.getLogger(__name__)

OPEN_MAX = 12
THREAD_PAGE_MAX = 8
POST_MAX = 15


@tagged("post_install", "-at_install", "cc_performance")
class TestWorkspacePerformance(CcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tags = cls.env["cc.tag"].create([{"name": "Perf VIP"}, {"name": "Perf boleto"}])
        cls.partner = cls.env["res.partner"].create(
            {"name": "Cliente Perf", "mobile": "+5511987650000"})
        cls.image = cls.env["ir.attachment"].create({
            "name": "foto.png", "mimetype": "image/png",
            "datas": base64.b64encode(b"\x89PNG fake"),
        })
        cls.counter = 0

    def setUp(self):
        super().setUp()
        self.ws = self.env["cc.workspace"].with_user(self.user_agent)

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _conversations(self, count, state="current"):
        vals = []
        for _index in range(count):
            type(self).counter += 1
            vals.append({
                "connector_id": self.connector.id,
                "address": "+55119%08d" % self.counter,
                "agent_id": self.agent.id if state == "current" else False,
                "state": state,
                "tag_ids": [(6, 0, self.tags.ids)],
                "partner_id": self.partner.id,
                "last_message_date": fields.Datetime.now(),
                "last_message_preview": "Olá %s" % self.counter,
                "unread_count": 1,
            })
        conversations = self.env["cc.conversation"].create(vals)
        for conversation in conversations[:3]:
            conversation.activity_schedule("mail.mail_activity_data_todo",
                                           summary="Ligar", user_id=self.user_agent.id)
        return conversations

    def _messages(self, conversation, count):
        """Customer and agent messages, some with a picture, some events."""
        vals = []
        for index in range(count):
            kind = index % 5
            vals.append({
                "conversation_id": conversation.id,
                "direction": "inbound" if kind in (0, 1) else (
                    "internal" if kind == 4 else "outbound"),
                "message_type": "event" if kind == 4 else (
                    "image" if kind == 2 else "text"),
                "event_type": "transferred" if kind == 4 else False,
                "event_agent_id": self.agent.id if kind == 4 else False,
                "event_target_agent_id": self.agent2.id if kind == 4 else False,
                "event_team_id": self.team.id if kind == 4 else False,
                "body": "mensagem %s" % index,
                "author_id": self.user_agent.id if kind in (2, 3) else False,
                "state": "received" if kind in (0, 1, 4) else "delivered",
                "attachment_ids": [(6, 0, self.image.ids)] if kind == 2 else False,
            })
        self.env["cc.message"].sudo().create(vals)

    def _queries(self, function, *args, **kwargs):
        """Queries of one call in a fresh request (empty record cache)."""
        self.env["base"].flush()
        self.env["base"].invalidate_cache()
        start = self.cr.sql_log_count
        result = function(*args, **kwargs)
        self.env["base"].flush()
        return self.cr.sql_log_count - start, result

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_list_cost_independent_of_conversations(self):
        self._conversations(1)
        self._conversations(1, state="new")
        self._queries(self.ws.workspace_list)  # warm-up (caches, rules)
        one, page = self._queries(self.ws.workspace_list)
        self.assertEqual(len(page["rows"]), 1)
        self._conversations(49)
        self._conversations(49, state="new")
        fifty, page = self._queries(self.ws.workspace_list)
        self.assertEqual(len(page["rows"]), 40)
        self.assertTrue(page["has_more"])
        self.assertEqual((page["counts"]["mine"], page["counts"]["queue"]), (50, 50))
        queue_fifty, queue = self._queries(self.ws.workspace_list, tab="queue")
        self.assertEqual(len(queue["rows"]), 40)
        _logger.info("cc_performance: workspace list page: %s queries (1 conversation)"
                     " / %s (50) / queue %s", one, fifty, queue_fifty)
        self.assertEqual(one, fifty)
        self.assertEqual(queue_fifty, fifty)

    def test_thread_page_cost_independent_of_messages(self):
        conversation = self._conversations(1)
        self._messages(conversation, 10)
        self._queries(self.ws.workspace_thread, conversation.id)
        ten, page = self._queries(self.ws.workspace_thread, conversation.id)
        self.assertEqual(len(page["messages"]), 10)
        self._messages(conversation, 290)
        many, page = self._queries(self.ws.workspace_thread, conversation.id)
        self.assertEqual(len(page["messages"]), 30)
        older, _page = self._queries(self.ws.workspace_thread, conversation.id,
                                     before_id=page["messages"][0]["id"])
        _logger.info("cc_performance: workspace thread page: %s queries (10 messages) "
                     "/ %s (300) / older page %s", ten, many, older)
        self.assertEqual(ten, many)
        self.assertEqual(older, many)
        self.assertLessEqual(many, THREAD_PAGE_MAX)
        pictures = [m for m in page["messages"] if m["attachments"]]
        self.assertTrue(pictures and pictures[0]["attachments"][0]["image_url"])
        events = [m for m in page["messages"] if m["event"]]
        self.assertEqual(events[0]["event"]["target_agent"], "Bruno Agent")
        self.assertEqual(events[0]["event"]["team"], "Support")

    def test_panel_cost_independent_of_conversations_and_messages(self):
        conversation = self._conversations(1)
        self._messages(conversation, 10)
        self._queries(self.ws.workspace_panel, conversation.id)
        small, panel = self._queries(self.ws.workspace_panel, conversation.id)
        self.assertEqual(len(panel["conversation"]["tags"]), 2)
        self.assertEqual(len(panel["activities"]), 1)
        self._conversations(49)
        self._messages(conversation, 290)
        big, panel = self._queries(self.ws.workspace_panel, conversation.id)
        self.assertEqual(len(panel["other_conversations"]), 20, "same partner")
        _logger.info("cc_performance: workspace panel: %s queries (1 conversation, "
                     "10 messages) / %s (50, 300)", small, big)
        self.assertEqual(small, big)

    def test_open_within_figure_whatever_the_size(self):
        conversation = self._conversations(1)
        self._messages(conversation, 10)
        self._queries(self.ws.workspace_open, conversation_id=conversation.id)
        small, result = self._queries(self.ws.workspace_open,
                                      conversation_id=conversation.id)
        self.assertEqual(len(result["thread"]["messages"]), 10)
        self._conversations(49)
        self._conversations(50, state="new")
        self._messages(conversation, 290)
        big, result = self._queries(self.ws.workspace_open,
                                    conversation_id=conversation.id)
        self.assertEqual(len(result["list"]["rows"]), 40)
        self.assertEqual(len(result["thread"]["messages"]), 30)
        _logger.info("cc_performance: workspace open (list + thread + panel + me): "
                     "%s queries (1 conversation, 10 messages) / %s (100, 300)",
                     small, big)
        self.assertEqual(small, big)
        self.assertLessEqual(big, OPEN_MAX)

    def test_post_within_figure(self):
        conversation = self._conversations(1)
        self._messages(conversation, 10)
        self._queries(self.ws.workspace_post, conversation.id, body="aquecimento",
                      client_uuid="w-0")  # warm-up, fresh cache as the others
        counts = []
        for index in range(1, 3):
            count, result = self._queries(self.ws.workspace_post, conversation.id,
                                          body="Resposta %s" % index,
                                          client_uuid="w-%s" % index)
            self.assertEqual(result["message"]["state"], "queued")
            counts.append(count)
        _logger.info("cc_performance: workspace post: %s queries", counts[-1])
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[-1], POST_MAX)
