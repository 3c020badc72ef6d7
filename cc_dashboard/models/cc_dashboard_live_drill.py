# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Drill-down of the live dashboard: every number opens the list behind it,
with the very domain it was counted with (and the dashboard's filters)."""
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _jsonable(domain):
    """The domain with its dates as the web client writes them."""
    return [(term[0], term[1], fields.Datetime.to_string(term[2]))
            if isinstance(term, (list, tuple)) and isinstance(term[2], datetime)
            else term for term in domain]


class CcDashboardLiveDrill(models.AbstractModel):
    _inherit = "cc.dashboard.live"

    @api.model
    def _drill_titles(self):
        return {
            "queue": _("Waiting in queue"),
            "open": _("Open conversations"),
            "open_channel": _("Open conversations"),
            "open_team": _("Open conversations"),
            "sla_at_risk": _("SLA at risk"),
            "sla_breached": _("SLA breached"),
            "agent_open": _("Open conversations"),
            "messages_in": _("Messages received today"),
            "messages_out": _("Messages sent today"),
            "failed_sends": _("Failed sends (last hour)"),
            "failed_webhooks": _("Failed webhook events (last hour)"),
            "sla_met_today": _("SLA targets met today"),
            "sla_missed_today": _("SLA targets missed today"),
            "agents": _("Agents"),
            "agents_online": _("Agents online"),
            "agents_away": _("Agents away"),
            "agents_paused": _("Agents paused"),
            "agents_offline": _("Agents offline"),
        }

    @api.model
    def dashboard_action(self, key, arg=False, filters=None):
        """The window action listing the records behind figure ``key``
        (``arg``: its channel, team, agent or pause reason)."""
        self._check_supervisor()
        filters = self._clean_filters(filters)
        if arg is not False and (isinstance(arg, bool) or not isinstance(arg, (int, str))):
            raise UserError(_("Invalid dashboard figure argument: %(arg)s", arg=arg))
        if key == "connector":
            return self._connector_action(arg)
        titles = self._drill_titles()
        if key not in titles:
            raise UserError(_("Unknown dashboard figure: %(key)s", key=key))
        scope = None
        if not self.env.user.has_group("cc_core.group_cc_manager"):
            scope = [t["id"] for t in self._teams() if t["mine"]]
        model_name, domain = self._figure_domain(key, arg, filters, self._bounds(),
                                                 scope)
        self.env[model_name].check_access_rights("read")
        return {
            "type": "ir.actions.act_window",
            "name": titles[key],
            "res_model": model_name,
            "views": [[False, "list"], [False, "form"]],
            "view_mode": "list,form",
            "domain": _jsonable(domain),
            "context": {"create": False},
            "target": "current",
        }

    @api.model
    def _connector_action(self, connector_id):
        if not isinstance(connector_id, int) or isinstance(connector_id, bool):
            raise UserError(_("This connector no longer exists."))
        connector = self.env["cc.connector"].browse(connector_id).exists()
        if not connector:
            raise UserError(_("This connector no longer exists."))
        connector.check_access_rule("read")
        return {
            "type": "ir.actions.act_window",
            "name": connector.display_name,
            "res_model": "cc.connector",
            "res_id": connector.id,
            "views": [[False, "form"]],
            "view_mode": "form",
            "target": "current",
        }
