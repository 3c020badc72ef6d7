# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.tests import tagged

from .report_common import ReportCase

ACTIONS = ("cc_volume_report_action", "cc_service_report_action",
           "cc_sla_report_action", "cc_agent_report_action",
           "cc_presence_report_action", "cc_occupancy_report_action",
           "cc_cost_report_action")


@tagged("post_install", "-at_install")
class TestReportActions(ReportCase):
    """Every report opens, as a supervisor, on its pivot and graph the way the
    web client asks them (``field:operator`` for every measure)."""

    def test_every_report_opens_for_a_supervisor(self):
        self._answered(3, "+5511999990001", close_after=10)
        self._refresh_all()
        for xmlid in ACTIONS:
            action = self.env.ref("cc_dashboard." + xmlid)
            self.assertEqual(action.view_mode.split(",")[0], "pivot", xmlid)
            self.assertIn("'fill_temporal': False", action.context, xmlid)
            Report = self.env[action.res_model].with_user(self.user_supervisor)
            for view_type in ("pivot", "graph"):
                arch = etree.fromstring(Report.fields_view_get(view_type=view_type)["arch"])
                measures = arch.xpath("//field[@type='measure']/@name")
                groupbys = [f.get("name") + (":" + f.get("interval") if f.get("interval")
                                             else "")
                            for f in arch.xpath("//field[@type='row' or @type='col']")
                            or arch.xpath("//field[not(@type)]")]
                self.assertTrue(measures, "%s %s: no measure" % (xmlid, view_type))
                for name in measures:
                    self.assertRegex(Report._fields[name].string,
                                     r"\((min|%|hours)\)$|^(Messages|Met|Breached|"
                                     r"Billable units|Estimated cost|Transfers per cycle|"
                                     r"Cycles answered|Messages sent)$",
                                     "%s: a unit in the label of %s" % (xmlid, name))
                specs = ["%s:%s" % (m, Report._fields[m].group_operator) for m in measures]
                groups = Report.read_group([], specs, groupbys, lazy=False)
                self.assertIsInstance(groups, list)
