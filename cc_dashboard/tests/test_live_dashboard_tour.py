# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLiveDashboardTour(HttpCase):
    """A supervisor opens the live dashboard and drills down into lists."""

    def test_supervisor_drills_down(self):
        env = self.env
        supervisor = new_test_user(env, "cc_live_sup", groups="cc_core.group_cc_supervisor",
                                   name="Lia Supervisor")
        user = new_test_user(env, "cc_live_agent", groups="cc_core.group_cc_agent",
                             name="Tina Tour")
        agent = env["cc.agent"].create({"user_id": user.id, "presence": "online",
                                        "capacity": 3})
        team = env["cc.team"].create({"name": "Tour Team",
                                      "member_ids": [(6, 0, agent.ids)],
                                      "supervisor_user_ids": [(6, 0, supervisor.ids)]})
        whatsapp = env["cc.connector"].create({
            "name": "Tour WhatsApp", "provider": "sandbox", "channel_kind": "whatsapp",
            "team_id": team.id, "agent_ids": [(6, 0, agent.ids)]})
        sms = env["cc.connector"].create({
            "name": "Tour SMS", "provider": "sandbox", "channel_kind": "sms",
            "team_id": team.id, "agent_ids": [(6, 0, agent.ids)]})
        Conversation = env["cc.conversation"]
        for index, name in enumerate(("Tour Waiting 1", "Tour Waiting 2")):
            Conversation.create({"connector_id": whatsapp.id, "team_id": team.id,
                                 "address": "+551191111000%s" % index,
                                 "customer_name": name})
        handled = Conversation.create({"connector_id": sms.id, "team_id": team.id,
                                       "address": "+5511922220000",
                                       "customer_name": "Tour Handled"})
        handled.sudo().write({"state": "current", "agent_id": agent.id})
        self.start_tour("/web", "cc_live_dashboard_tour", login="cc_live_sup")
