# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Supervisors and managers hear at once that an agent's presence changed."""
import json

from odoo.tests import tagged

from .test_routing import RoutingCase


@tagged("post_install", "-at_install")
class TestPresenceNotify(RoutingCase):
    def _presence_notifications(self):
        """{partner id: payload} of the cc.agent/presence notifications sent."""
        self.env["bus.bus"].flush()
        found = {}
        for row in self.env["bus.bus"].sudo().search([("id", ">", self.last_bus_id)]):
            message = json.loads(row.message)
            if message["type"] == "cc.agent/presence":
                found[json.loads(row.channel)[2]] = message["payload"]
        return found

    def setUp(self):
        super().setUp()
        self.env["bus.bus"].flush()
        self.last_bus_id = self.env["bus.bus"].sudo().search(
            [], order="id desc", limit=1).id or 0

    def test_supervisors_and_managers_hear_a_pause(self):
        lunch = self.env.ref("cc_core.cc_pause_reason_lunch")
        self.agent.with_user(self.user_agent).action_pause(lunch)
        sent = self._presence_notifications()
        self.assertIn(self.user_supervisor.partner_id.id, sent)
        self.assertIn(self.user_manager.partner_id.id, sent)
        self.assertNotIn(self.user_agent2.partner_id.id, sent,
                         "other agents do not watch presences")
        self.assertEqual(sent[self.user_supervisor.partner_id.id],
                         {"agents": [{"id": self.agent.id, "presence": "paused"}]})

    def test_a_supervisor_of_another_team_hears_nothing(self):
        other = self.env["cc.team"].create({
            "name": "Other", "supervisor_user_ids": [(6, 0, self.user_manager.ids)]})
        self.team.supervisor_user_ids = [(5, 0, 0)]
        self.assertTrue(other)
        self.agent.with_user(self.user_agent).action_set_away()
        sent = self._presence_notifications()
        self.assertNotIn(self.user_supervisor.partner_id.id, sent)

    def test_same_state_again_sends_nothing(self):
        self.agent.with_user(self.user_agent).action_set_online()
        self.assertEqual(self._presence_notifications(), {})
