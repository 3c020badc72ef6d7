# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace's customer panel: the conversation, the customer, his other
conversations, activities, what the caller may do, and the composer.

The conversation with its stage, team, agent, partner, tags and activities is
one query (which is also the access check); the other conversations one
more; the composer's connector one more.
"""
from datetime import date

from odoo import api, fields, models

from ..services import phone as phone_service

OTHER_CONVERSATIONS_MAX = 20


class CcWorkspacePanel(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _conversation_data(self, conversation_id):
        """Everything the panel shows of one conversation, in one query with
        the caller's record rules; AccessError when he may not read it."""
        from_clause, where_clause, params = self._rule_sql(
            "cc.conversation", [("id", "=", int(conversation_id))])
        rows = self._fetch_dicts(
            """
            SELECT c.id, c.name, c.state, c.cycle, c.priority, c.note, c.address,
                   c.address_key, c.is_phone, c.channel_kind, c.connector_id,
                   conn.name AS connector_name, conn.provider AS connector_provider,
                   c.company_id, c.last_inbound_date, c.customer_name, c.sandbox_fail_next,
                   c.stage_id, %(stage)s AS stage_name,
                   c.team_id, %(team)s AS team_name,
                   c.agent_id, ag.name AS agent_name, ag.user_id AS agent_user_id,
                   c.partner_id, p.name AS partner_name, p.phone AS partner_phone,
                   p.mobile AS partner_mobile, p.email AS partner_email,
                   c.document_model, c.document_id, c.is_snoozed, c.snoozed_until,
                   c.sla_state, c.sla_due, %(avatar)s,
                   EXISTS(SELECT 1 FROM cc_opt_out o
                           WHERE o.address = c.address_key
                             AND o.channel_kind = c.channel_kind
                             AND o.active) AS is_opted_out,
                   (SELECT json_agg(json_build_object(
                               'id', tag.id, 'name', %(tag)s, 'color', tag.color)
                           ORDER BY tag.name, tag.id)
                      FROM cc_conversation_cc_tag_rel tr
                      JOIN cc_tag tag ON tag.id = tr.cc_tag_id
                     WHERE tr.cc_conversation_id = c.id) AS tags,
                   (SELECT json_agg(json_build_object(
                               'id', act.id, 'summary', act.summary,
                               'type', %(activity_type)s,
                               'date_deadline', act.date_deadline,
                               'user', (SELECT up.name FROM res_users uu
                                          JOIN res_partner up ON up.id = uu.partner_id
                                         WHERE uu.id = act.user_id))
                           ORDER BY act.date_deadline, act.id)
                      FROM mail_activity act
                      LEFT JOIN mail_activity_type atype
                             ON atype.id = act.activity_type_id
                     WHERE act.res_model = 'cc.conversation'
                       AND act.res_id = c.id) AS activities
              FROM cc_conversation c
              JOIN cc_connector conn ON conn.id = c.connector_id
              LEFT JOIN cc_stage st ON st.id = c.stage_id
              LEFT JOIN cc_team tm ON tm.id = c.team_id
              LEFT JOIN cc_agent ag ON ag.id = c.agent_id
              LEFT JOIN res_partner p ON p.id = c.partner_id
             WHERE c.id IN (SELECT cc_conversation.id FROM %(from)s WHERE %(where)s)
            """ % {
                "stage": self._translated_sql("cc.stage", "st"),
                "team": self._translated_sql("cc.team", "tm"),
                "tag": self._translated_sql("cc.tag", "tag"),
                "activity_type": self._translated_sql("mail.activity.type", "atype"),
                "avatar": self._avatar_sql("c"),
                "from": from_clause,
                "where": where_clause,
            },
            params,
        )
        if not rows:
            raise self._access_error()
        return rows[0]

    @api.model
    def _other_conversations(self, data):
        """The customer's other conversations the caller may read, every channel."""
        if data["partner_id"]:
            domain = ["|", ("partner_id", "=", data["partner_id"]),
                      ("address_key", "=", data["address_key"])]
        else:
            domain = [("address_key", "=", data["address_key"])]
        domain.append(("id", "!=", data["id"]))
        from_clause, where_clause, params = self._rule_sql("cc.conversation", domain)
        rows = self._fetch_dicts(
            """
            SELECT c.id, c.name, c.channel_kind, c.connector_id,
                   conn.name AS connector_name, c.state, c.last_message_date,
                   c.last_message_preview
              FROM cc_conversation c
              JOIN cc_connector conn ON conn.id = c.connector_id
             WHERE c.id IN (SELECT cc_conversation.id FROM %s WHERE %s)
             ORDER BY c.last_message_date DESC NULLS LAST, c.id DESC
             LIMIT %%s
            """ % (from_clause, where_clause),
            params + [OTHER_CONVERSATIONS_MAX],
        )
        return [{
            "id": row["id"],
            "name": row["name"],
            "channel_kind": row["channel_kind"],
            "connector": {"id": row["connector_id"], "name": row["connector_name"]},
            "state": row["state"],
            "last_message_date": self._date(row["last_message_date"]),
            "preview": row["last_message_preview"] or "",
        } for row in rows]

    @api.model
    def _numbers(self, data):
        """The customer's numbers, formatted, the conversation's first."""
        numbers = []
        candidates = [data["address"] if data["is_phone"] else None,
                      data["partner_mobile"], data["partner_phone"]]
        for raw in candidates:
            e164 = phone_service.to_e164(raw) if raw else None
            shown = phone_service.display(e164) if e164 else None
            if shown and shown not in numbers:
                numbers.append(shown)
        if not data["is_phone"] and data["address"]:
            numbers.insert(0, data["address"])
        return numbers

    @api.model
    def _permissions(self, data, me):
        supervisor = me["is_supervisor"]
        is_owner = bool(data["agent_id"]) and data["agent_id"] == me["agent_id"]
        may_work = data["connector_id"] in me["work_connector_ids"]
        state = data["state"]
        return {
            "can_send": (state == "current" and is_owner) or supervisor,
            "can_take": state == "new" and bool(me["agent_id"]) and may_work,
            "can_release": state == "current" and (is_owner or supervisor),
            "can_transfer": state != "done" and (is_owner or supervisor),
            "can_close": state != "done" and (is_owner or supervisor),
            "can_reopen": state == "done",
            "can_snooze": state != "done" and not data["is_snoozed"]
            and (is_owner or supervisor),
            "can_wake_up": bool(data["is_snoozed"]) and (is_owner or supervisor),
            "is_owner": is_owner,
            "is_supervisor": supervisor,
            "can_edit": is_owner or supervisor,
            "can_create_partner": (is_owner or supervisor) and self.env[
                "res.partner"].check_access_rights("create", raise_exception=False),
            # The locked composer's way out: an agent who may not answer.
            "can_ask_supervisor": state != "done" and not is_owner and not supervisor
            and not (state == "new" and bool(me["agent_id"]) and may_work),
            "can_simulate": supervisor and data["connector_provider"] == "sandbox",
        }

    @api.model
    def _related_document(self, data):
        if not data["document_model"] or not data["document_id"]:
            return False
        conversation = self.env["cc.conversation"].browse(data["id"])
        document = conversation._document()
        if document is None:
            return False
        return {"model": document._name, "id": document.id,
                "name": conversation.document_name}

    @api.model
    def _composer(self, data, me):
        """What the composer offers; connector addons fill their part."""
        provider = "cc.provider.%s" % data["connector_provider"]
        attachments_allowed = False
        if data["connector_provider"] and provider in self.env:
            connector = self.env["cc.connector"].sudo().browse(data["connector_id"])
            attachments_allowed = bool(
                self.env[provider]._channel_limits(connector).media_types)
        return {
            "channel_kind": data["channel_kind"],
            "attachments_allowed": attachments_allowed,
            "mode": "text",
            "sms": False,
            "whatsapp": False,
        }

    @api.model
    def _panel(self, data, me):
        partner = False
        if data["partner_id"]:
            partner = {
                "id": data["partner_id"],
                "name": data["partner_name"],
                "phone": data["partner_phone"] or False,
                "mobile": data["partner_mobile"] or False,
                "email": data["partner_email"] or False,
                "image_url": "/web/image/res.partner/%s/avatar_128" % data["partner_id"],
            }
        activity_states = self._activity_states(me)
        return {
            "conversation": {
                "id": data["id"],
                "name": data["name"] or data["address"],
                "state": data["state"],
                "cycle": data["cycle"],
                "stage": {"id": data["stage_id"], "name": data["stage_name"]}
                if data["stage_id"] else False,
                "priority": data["priority"] or "0",
                "tags": data["tags"] or [],
                "note": data["note"] or "",
                "team": {"id": data["team_id"], "name": data["team_name"]}
                if data["team_id"] else False,
                "agent": {"id": data["agent_id"], "name": data["agent_name"]}
                if data["agent_id"] else False,
                "related_document": self._related_document(data),
                "address": data["address"],
                "address_display": phone_service.display(data["address"])
                if data["is_phone"] else data["address"],
                "channel_kind": data["channel_kind"],
                "connector": {"id": data["connector_id"],
                              "name": data["connector_name"]},
                "is_opted_out": bool(data["is_opted_out"]),
                "snoozed": {"until": self._date(data["snoozed_until"])}
                if data["is_snoozed"] else False,
                "sla": {"state": data["sla_state"], "due": self._date(data["sla_due"])}
                if data["sla_state"] and data["sla_state"] != "none" else False,
                "sandbox_fail_next": bool(data["sandbox_fail_next"]),
            },
            "partner": partner,
            "numbers": self._numbers(data),
            "other_conversations": self._other_conversations(data),
            "activities": [dict(a, state=activity_states(a["date_deadline"]))
                           for a in data["activities"] or []],
            "permissions": self._permissions(data, me),
            "composer": self._composer(data, me),
        }

    @api.model
    def _activity_states(self, me):
        """Function: deadline (ISO date) -> overdue/today/planned, in the
        caller's time zone (as mail.activity computes it)."""
        today = fields.Date.context_today(self.with_context(
            tz=self.env.context.get("tz") or me.get("tz") or "UTC"))

        def state(deadline):
            deadline = date.fromisoformat(deadline) if deadline else today
            if deadline < today:
                return "overdue"
            return "today" if deadline == today else "planned"

        return state

    @api.model
    def workspace_panel(self, conversation_id):
        return self._panel(self._conversation_data(conversation_id), self._me_data())

    # ------------------------------------------------------------------
    # Choices the panel offers
    # ------------------------------------------------------------------
    @api.model
    def workspace_transfer_targets(self, conversation_id):
        """Agents who may work the conversation's connector, and the teams."""
        conversation = self._check_conversation(conversation_id)
        connector = conversation.sudo().connector_id
        agents = self.env["cc.agent"].search([("connector_ids", "in", connector.ids)])
        counts = agents._open_counts()
        teams = self.env["cc.team"].search([])
        return {
            "agents": [{"id": a.id, "name": a.name, "presence": a.presence,
                        "open": counts.get(a.id, 0), "capacity": a.capacity}
                       for a in agents],
            "teams": [{"id": t.id, "name": t.name} for t in teams],
        }

    @api.model
    def workspace_options(self):
        stages = self.env["cc.stage"].search_read([], ["name"])
        tags = self.env["cc.tag"].search_read([], ["name", "color"])
        return {
            "stages": [{"id": s["id"], "name": s["name"]} for s in stages],
            "tags": [{"id": t["id"], "name": t["name"], "color": t["color"]}
                     for t in tags],
        }

    @api.model
    def workspace_canned(self, conversation_id, search=""):
        """Canned answers for the conversation's channel, rendered for it."""
        conversation = self._check_conversation(conversation_id)
        Template = self.env["cc.template"]
        domain = Template._domain_for(conversation.sudo())
        if search:
            domain = domain + ["|", ("name", "ilike", search), ("body", "ilike", search)]
        templates = Template.search(domain, limit=20)
        result = []
        for template in templates:
            try:
                body = template._render_for(conversation)
            except Exception:  # noqa: B902 - a broken template must not hide the others
                body = template.body or ""
            result.append({"id": template.id, "name": template.name, "body": body})
        return result
