# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReportViews(TransactionCase):
    """Reports open on what a supervisor reads first."""

    def test_response_times_open_on_the_pivot_of_minutes(self):
        action = self.env.ref("cc_dashboard.cc_conversation_cycle_report_action")
        self.assertEqual(action.view_mode.split(",")[0], "pivot")
        graph = etree.fromstring(self.env["cc.conversation.cycle.report"].fields_view_get(
            view_type="graph")["arch"])
        measures = graph.xpath("//field[@type='measure']/@name")
        self.assertEqual(measures, ["first_response_minutes"],
                         "the graph shows minutes to first answer, not a count")
        self.assertIn("'fill_temporal': False", action.context,
                      "no unnamed series for days without data")

    def test_delivery_graph_colours_states(self):
        graph = etree.fromstring(self.env["cc.message"].fields_view_get(
            view_id=self.env.ref("cc_dashboard.cc_message_view_graph").id,
            view_type="graph")["arch"])
        self.assertEqual(graph.get("js_class"), "cc_delivery_graph")
        action = self.env.ref("cc_dashboard.cc_message_delivery_action")
        self.assertIn("'fill_temporal': False", action.context)


@tagged("post_install", "-at_install")
class TestDeliveryGraphJs(HttpCase):
    def test_delivery_graph_qunit(self):
        self.browser_js("/web/tests?module=cc_dashboard", "", "", login="admin",
                        timeout=300)
