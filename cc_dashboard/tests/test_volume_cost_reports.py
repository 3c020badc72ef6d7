# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests import tagged

from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestVolumeReport(ReportCase):
    def test_hour_and_weekday_in_the_company_time_zone(self):
        self.env.company.partner_id.tz = "America/Sao_Paulo"  # UTC-3
        one = self._conversation(team_id=self.team.id)
        two = self._conversation(address="+5511977770002", team_id=self.team.id)
        # Tuesday 02:30 UTC is Monday 23:30 in São Paulo.
        for conversation, when, direction in (
                (one, datetime(2026, 11, 3, 2, 30), "inbound"),
                (one, datetime(2026, 11, 3, 2, 40), "outbound"),
                (one, datetime(2026, 11, 3, 2, 50), "inbound"),
                (two, datetime(2026, 11, 3, 2, 45), "inbound"),
                (two, datetime(2026, 11, 3, 12, 0), "outbound")):
            self._message(conversation, 0, direction, date=when)
        self._event(one, 0, "closed", date=datetime(2026, 11, 3, 2, 55))
        self._refresh_all()
        groups = self._group(
            "cc.volume.report", [("conversation_id", "in", (one | two).ids)],
            ["message_count", "inbound_count", "outbound_count", "conversation_count"],
            ["weekday", "hour"])
        cells = {(g["weekday"], g["hour"]): g for g in groups}
        self.assertEqual(set(cells), {("0", "23"), ("1", "09")})
        late = cells[("0", "23")]
        self.assertEqual((late["message_count"], late["inbound_count"],
                          late["outbound_count"], late["conversation_count"]),
                         (4, 3, 1, 2), "events are not messages")
        self.assertEqual(cells[("1", "09")]["conversation_count"], 1)
        total = self._group("cc.volume.report",
                            [("conversation_id", "in", (one | two).ids)],
                            ["conversation_count", "message_count"], ["channel_kind"])
        self.assertEqual((total[0]["conversation_count"], total[0]["message_count"]),
                         (2, 5))


@tagged("post_install", "-at_install")
class TestCostReport(ReportCase):
    def _billed(self, conversation, when, category, units, amount=0.0, centre=False):
        message = self._message(conversation, 0, "outbound", date=when)
        message.sudo().write({"cost_category": category, "cost_units": units,
                              "cost_amount": amount, "cost_centre": centre})
        return message

    def test_costs_per_month_category_and_cost_centre(self):
        sms = self._conversation(connector=self.other_connector, address="+5511977770003")
        wa = self._conversation(team_id=self.team.id)
        nov, dec = datetime(2026, 11, 10, 12), datetime(2026, 12, 1, 12)
        self._billed(sms, nov, "other", 2, 0.16, "Cobrança")
        self._billed(sms, nov, "other", 3, 0.24, "Cobrança")
        self._billed(sms, dec, "other", 1, 0.08, "Marketing")
        self._billed(wa, nov, "other", 1)
        self._message(wa, 0, "outbound", date=nov)  # no cost category: not counted
        self._refresh_all()
        domain = [("conversation_id", "in", (sms | wa).ids)]
        measures = ["cost_units", "cost_amount", "message_count", "conversation_count"]
        by_month = {g["date:month"]: g for g in self._group(
            "cc.cost.report", domain, measures, ["date:month"])}
        self.assertEqual(len(by_month), 2)
        november = [g for key, g in by_month.items() if "11" in key or "nov" in key.lower()]
        self.assertEqual(len(november), 1)
        self.assertEqual(november[0]["cost_units"], 6)
        self.assertAlmostEqual(november[0]["cost_amount"], 0.40)
        self.assertEqual(november[0]["message_count"], 3)
        self.assertEqual(november[0]["conversation_count"], 2)
        by_centre = {g["cost_centre"]: g for g in self._group(
            "cc.cost.report", domain + [("connector_id", "=", self.other_connector.id)],
            measures, ["cost_centre"])}
        self.assertAlmostEqual(by_centre["Cobrança"]["cost_amount"], 0.40)
        self.assertEqual(by_centre["Marketing"]["cost_units"], 1)

    def test_costs_count_on_the_company_day(self):
        """A message sent at 22:00 on 30 November in São Paulo is 01:00 UTC
        on 1 December: it is billed in November, the company's month."""
        self.env.company.partner_id.tz = "America/Sao_Paulo"  # UTC-3
        sms = self._conversation(connector=self.other_connector, address="+5511977770004")
        self._billed(sms, datetime(2026, 12, 1, 1, 0), "other", 2, 0.16, "Cobrança")
        self._billed(sms, datetime(2026, 12, 1, 3, 30), "other", 1, 0.08, "Cobrança")
        self._refresh_all()
        rows = self.env["cc.cost.report"].search([("conversation_id", "=", sms.id)])
        self.assertEqual(sorted((r.date, r.cost_units) for r in rows),
                         [(date(2026, 11, 30), 2), (date(2026, 12, 1), 1)])

    def test_categories_come_from_the_message_field(self):
        field = self.env["cc.cost.report"]._fields["cost_category"]
        selection = dict(field._description_selection(self.env))
        self.assertEqual(selection, dict(
            self.env["cc.message"]._fields["cost_category"]._description_selection(
                self.env)))
        self.assertIn("other", selection)
