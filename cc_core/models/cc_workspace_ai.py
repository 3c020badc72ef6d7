# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The AI assistant in the workspace: suggest a reply, summarise, transcribe,
translate; the panel says whether the assistant is on and shows the stored
summaries; voice-note transcripts are drawn under the audio and searched.

The call to the AI service happens in the agent's request (he clicked and
waits, with the company's short timeout). Provider failures come back as
``{"ok": False, "error": text}``, never as an exception, so the composer stays
usable and the usage log keeps the failure.
"""
from odoo import _, api, models
from odoo.exceptions import UserError

AI_ACTIONS = ("suggest", "summarise", "save_summary", "transcribe", "translate")
SUMMARY_MAX = 4000
SUMMARIES_SHOWN = 5


class CcWorkspaceAi(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def workspace_ai(self, conversation_id, action, message_id=False, body=False,
                     language=False):
        if action not in AI_ACTIONS:
            raise UserError(_("Unknown action: %(action)s", action=action))
        conversation = self._check_conversation(conversation_id)
        assistant = self.env["cc.ai.assistant"]
        if action == "suggest":
            conversation._check_owner_or_supervisor()
            return assistant.suggest_reply(conversation)
        if action == "summarise":
            return assistant.summarise(conversation)
        if action == "save_summary":
            conversation._check_owner_or_supervisor()
            body = (body or "").strip()
            if not body:
                raise UserError(_("Write the summary before saving it."))
            assistant.save_summary(conversation, body[:SUMMARY_MAX], from_ai=True)
            return {"ok": True, "summaries": self._ai_summaries(conversation.id)}
        message = self._message_of(conversation, message_id)
        if action == "transcribe":
            if message.message_type != "audio" or message.direction != "inbound":
                raise UserError(_("Only the customer's voice notes can be transcribed."))
            return assistant.transcribe(message)
        return assistant.translate(message, language or False)

    # ------------------------------------------------------------------
    # Panel
    # ------------------------------------------------------------------
    @api.model
    def _ai_summaries(self, conversation_id, company_id=None):
        """``(enabled, summaries)`` in one query."""
        self.env["base"].flush()
        self.env.cr.execute("""
            SELECT COALESCE(rc.cc_ai_enabled, FALSE)
                   AND COALESCE(rc.cc_ai_base_url, '') != '' AS enabled,
                   (SELECT json_agg(json_build_object(
                               'id', s.id, 'cycle', s.cycle, 'body', s.body,
                               'author', s.author, 'date', s.write_date,
                               'from_ai', s.from_ai) ORDER BY s.cycle DESC)
                      FROM (SELECT cs.id, cs.cycle, cs.body, cs.from_ai, cs.write_date,
                                   p.name AS author
                              FROM cc_conversation_summary cs
                              LEFT JOIN res_users u ON u.id = cs.user_id
                              LEFT JOIN res_partner p ON p.id = u.partner_id
                             WHERE cs.conversation_id = %s
                             ORDER BY cs.cycle DESC LIMIT %s) s) AS summaries
              FROM cc_conversation c
              JOIN res_company rc ON rc.id = c.company_id
             WHERE c.id = %s
        """, [conversation_id, SUMMARIES_SHOWN, conversation_id])
        row = self.env.cr.fetchone()
        enabled, summaries = (row[0], row[1]) if row else (False, None)
        summaries = [dict(s, date=(s["date"] or "").replace("T", " ")[:19])
                     for s in summaries or []]
        if company_id is not None:
            return bool(enabled), summaries
        return summaries

    @api.model
    def _panel(self, data, me):
        panel = super()._panel(data, me)
        enabled, summaries = self._ai_summaries(data["id"], company_id=data["company_id"])
        panel["ai"] = {
            "enabled": enabled,
            "blocked": _("This customer opted out: nothing about them is sent to "
                         "the AI service.") if data["is_opted_out"] else False,
            "summaries": summaries,
        }
        return panel

    # ------------------------------------------------------------------
    # Transcripts in the thread and the search
    # ------------------------------------------------------------------
    @api.model
    def _message_sql(self, ids_sql):
        """The bubble columns plus the transcript (one more column, same query)."""
        sql = super()._message_sql(ids_sql)
        return sql.replace("FROM cc_message m\n", ", m.ai_transcript\n"
                           "              FROM cc_message m\n", 1)

    @api.model
    def _message(self, row):
        message = super()._message(row)
        message["transcript"] = row.get("ai_transcript") or False
        return message

    @api.model
    def _search_domain(self, search):
        domain = super()._search_domain(search)
        search = (search or "").strip()
        if not domain or not search:
            return domain
        return ["|", ("message_ids_cc.ai_transcript", "ilike", search)] + domain
