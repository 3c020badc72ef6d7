# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cc_core.tests.common import CcCase

T0 = datetime(2026, 11, 2, 9, 0, 0)


@tagged("post_install", "-at_install")
class TestCycleReport(CcCase):
    """Response and resolution times per conversation cycle."""

    def _message(self, conversation, minutes, direction, **vals):
        return self.env["cc.message"].create(dict({
            "conversation_id": conversation.id, "direction": direction,
            "state": "received" if direction == "inbound" else "sent",
            "body": "%s at +%s min" % (direction, minutes),
            "date": T0 + timedelta(minutes=minutes),
            "author_id": self.user_agent.id if direction == "outbound" else False,
        }, **vals))

    def _rows(self, conversation, user=None):
        Report = self.env["cc.conversation.cycle.report"]
        if user:
            Report = Report.with_user(user)
        Report.env["base"].flush()  # the report is an SQL view over the tables
        return Report.search([("conversation_id", "=", conversation.id)], order="cycle")

    def _closed_cycle(self):
        conversation = self._conversation(team_id=self.team.id)
        self._message(conversation, 0, "inbound")
        self._message(conversation, 5, "outbound")
        self._message(conversation, 7, "inbound")
        self._message(conversation, 9, "outbound", state="failed")
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_close()
        conversation.message_ids_cc.filtered(
            lambda m: m.event_type in ("taken", "closed")).write(
                {"date": T0 + timedelta(minutes=30)})
        return conversation

    def test_closed_cycle_times_and_counts(self):
        conversation = self._closed_cycle()
        row = self._rows(conversation)
        self.assertEqual(len(row), 1)
        self.assertAlmostEqual(row.first_response_minutes, 5.0)
        self.assertAlmostEqual(row.resolution_minutes, 30.0)
        self.assertEqual((row.inbound_count, row.outbound_count, row.failed_count),
                         (2, 2, 1))
        self.assertEqual(row.responder_id, self.user_agent)
        self.assertEqual(row.closed_by_id, self.agent)
        self.assertTrue(row.is_answered and row.is_closed)
        self.assertEqual(row.channel_kind, "whatsapp")

    def test_reopened_conversation_starts_a_new_unanswered_cycle(self):
        conversation = self._closed_cycle()
        conversation._reopen("customer wrote again")
        self._message(conversation, 60, "inbound")
        first, second = self._rows(conversation)
        self.assertEqual((first.cycle, second.cycle), (1, 2))
        self.assertFalse(second.is_answered)
        self.assertFalse(second.is_closed)
        self.assertFalse(second.first_response_minutes)
        self.assertEqual(second.inbound_count, 1)
        self.env["base"].flush()
        unanswered = self.env["cc.conversation.cycle.report"].search(
            [("conversation_id", "=", conversation.id), ("is_answered", "=", False)])
        self.assertEqual(unanswered, second)

    def test_first_answer_counts_only_after_the_customer_wrote(self):
        conversation = self._conversation()
        self._message(conversation, 0, "outbound")  # agent wrote first
        self._message(conversation, 10, "inbound")
        self._message(conversation, 12, "outbound")
        row = self._rows(conversation)
        self.assertAlmostEqual(row.first_response_minutes, 2.0)
        self.assertEqual(row.start_date, T0)

    def test_automatic_messages_are_not_the_first_answer(self):
        """The bot's menu or a queue notice is not an agent's answer."""
        conversation = self._conversation()
        self._message(conversation, 0, "inbound")
        self._message(conversation, 1, "outbound", is_automatic=True, author_id=False)
        self._message(conversation, 8, "outbound")
        row = self._rows(conversation)
        self.assertAlmostEqual(row.first_response_minutes, 8.0)

    def test_who_sees_the_report(self):
        mine = self._closed_cycle()
        other_team = self.env["cc.team"].create({"name": "Billing (report test)"})
        theirs = self._conversation(address="+5511911112222", team_id=other_team.id)
        self._message(theirs, 0, "inbound")
        self.env["base"].flush()
        both = self.env["cc.conversation.cycle.report"].search(
            [("conversation_id", "in", (mine | theirs).ids)])
        self.assertEqual(len(both), 2)
        seen = self.env["cc.conversation.cycle.report"].with_user(
            self.user_supervisor).search([("conversation_id", "in", (mine | theirs).ids)])
        self.assertEqual(seen.conversation_id, mine, "supervisors see their teams only")
        seen = self.env["cc.conversation.cycle.report"].with_user(
            self.user_manager).search([("conversation_id", "in", (mine | theirs).ids)])
        self.assertEqual(len(seen), 2)
        with self.assertRaises(AccessError):
            self.env["cc.conversation.cycle.report"].with_user(self.user_agent).search([])

    def test_pivot_averages_response_times(self):
        fast = self._closed_cycle()
        slow = self._conversation(address="+5511933334444", team_id=self.team.id)
        self._message(slow, 0, "inbound")
        self._message(slow, 15, "outbound")
        self.env["base"].flush()
        groups = self.env["cc.conversation.cycle.report"].read_group(
            [("conversation_id", "in", (fast | slow).ids)],
            ["first_response_minutes:avg", "inbound_count:sum"], ["team_id"])
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["first_response_minutes"], 10.0)
        self.assertEqual(groups[0]["inbound_count"], 3)
