# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.addons.cc_core.tests.common import CcCase

# A Monday.
T0 = datetime(2026, 11, 2, 9, 0, 0)


class ReportCase(CcCase):
    """Messages at known minutes after T0 and the reports read back."""

    def _message(self, conversation, minutes, direction, **vals):
        return self.env["cc.message"].create(dict({
            "conversation_id": conversation.id, "direction": direction,
            "state": "received" if direction in ("inbound", "internal") else "sent",
            "body": "%s at +%s min" % (direction, minutes),
            "date": T0 + timedelta(minutes=minutes),
            "author_id": self.user_agent.id if direction == "outbound" else False,
        }, **vals))

    def _event(self, conversation, minutes, event_type, agent=None, **vals):
        return self._message(conversation, minutes, "internal", **dict({
            "message_type": "event", "event_type": event_type,
            "event_agent_id": (agent or self.agent).id,
            "event_target_agent_id": (agent or self.agent).id
            if event_type in ("taken", "assigned", "transferred") else False}, **vals))

    def _answered(self, answer_after, address, team=None, close_after=None):
        """A cycle: the customer writes at T0, an agent answers after
        ``answer_after`` minutes, closed after ``close_after`` minutes."""
        conversation = self._conversation(address=address,
                                          team_id=(team or self.team).id)
        self._message(conversation, 0, "inbound")
        if answer_after is not None:
            self._message(conversation, answer_after, "outbound")
        if close_after is not None:
            self._event(conversation, close_after, "closed")
        return conversation

    def _report(self, model, user=None):
        Report = self.env[model]
        Report._cc_refresh() if hasattr(Report, "_cc_refresh") else Report.flush()
        return Report.with_user(user) if user else Report

    def _refresh_all(self):
        self.env["cc.report.materialized.mixin"]._cc_refresh_reports()

    def _group(self, model, domain, measures, groupby, user=None):
        """read_group as the pivot asks it (``field:operator``)."""
        Report = self.env[model].with_user(user) if user else self.env[model]
        fields = ["%s:%s" % (m, Report._fields[m].group_operator) for m in measures]
        return Report.read_group(domain, fields, groupby, lazy=False)
