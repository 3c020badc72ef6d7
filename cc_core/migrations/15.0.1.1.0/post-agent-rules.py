# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent record rules live in a noupdate block: rewrite their domain.

15.0.1.1.0: an agent sees the conversations he holds whatever the connector
(ownership alone is enough), plus the queue of the connectors he works on.
"""

RULES = {
    "cc_conversation_rule_agent": (
        "['|', ('agent_id.user_id', '=', user.id), '&', ('state', '=', 'new'), "
        "('connector_id.agent_ids.user_id', 'in', [user.id])]"
    ),
    "cc_message_rule_agent": (
        "['|', ('conversation_id.agent_id.user_id', '=', user.id), '&', "
        "('conversation_id.state', '=', 'new'), "
        "('conversation_id.connector_id.agent_ids.user_id', 'in', [user.id])]"
    ),
}


def migrate(cr, version):
    for name, domain in RULES.items():
        cr.execute(
            """
            UPDATE ir_rule SET domain_force = %s
             WHERE id = (SELECT res_id FROM ir_model_data
                          WHERE module = 'cc_core' AND name = %s AND model = 'ir.rule')
            """,
            (domain, name),
        )
