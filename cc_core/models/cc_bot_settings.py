# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Where a triage bot runs: a connector's flows win over its team's."""
from odoo import fields, models

_IN_HOURS_HELP = ("The bot that greets customers writing to a new or closed "
                  "conversation during business hours. Empty: no bot.")
_OUT_HOURS_HELP = ("The bot outside the team's business hours (and on holidays). "
                   "Empty: no bot then (the out-of-hours message applies).")


class CcConnectorBot(models.Model):
    _inherit = "cc.connector"

    bot_flow_id = fields.Many2one("cc.bot.flow", string="Bot", help=_IN_HOURS_HELP,
                                  ondelete="set null")
    bot_flow_out_of_hours_id = fields.Many2one(
        "cc.bot.flow", string="Bot out of hours", help=_OUT_HOURS_HELP,
        ondelete="set null")


class CcTeamBot(models.Model):
    _inherit = "cc.team"

    bot_flow_id = fields.Many2one("cc.bot.flow", string="Bot", help=_IN_HOURS_HELP,
                                  ondelete="set null")
    bot_flow_out_of_hours_id = fields.Many2one(
        "cc.bot.flow", string="Bot out of hours", help=_OUT_HOURS_HELP,
        ondelete="set null")
