# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Actions on the documents of optional apps, created when the app is there.

``crm``, ``sale`` and ``account`` are never dependencies of the Contact
Center, so their views cannot be inherited by data files. Instead, each time
the registry loads (after any install), the actions below are created for
the models that exist: *Send message* on leads, quotations / orders and
invoices, *Conversations* on leads (in the Action menu, and as a button in
the lead form's button box). They belong to ``cc_core`` (an
``ir.model.data`` row), so uninstalling it removes them, and uninstalling
the app removes them with its model.
"""
import logging

from odoo import _lt, api, models

_logger = logging.getLogger(__name__)

# xml id (in cc_core), model, action kind
OPTIONAL_BINDINGS = (
    ("cc_document_send_action_crm_lead", "crm.lead", "send"),
    ("cc_document_send_action_sale_order", "sale.order", "send"),
    ("cc_document_send_action_account_move", "account.move", "send"),
    ("cc_conversation_action_crm_lead", "crm.lead", "conversations"),
)


# xml id (in cc_core) of the lead form's button, the form it extends, and the
# action it opens.
LEAD_BUTTON_VIEW = ("cc_crm_lead_view_form_conversations", "crm.crm_lead_view_form",
                    "cc_conversation_action_crm_lead")

ACTION_NAMES = {
    "send": _lt("Send message"),
    "conversations": _lt("Conversations"),
}


class CcDocumentBindings(models.AbstractModel):
    _name = "cc.document.bindings"
    _description = "Contact Center actions on optional apps' documents"

    def _register_hook(self):
        super()._register_hook()
        try:
            with self.env.cr.savepoint():
                self._ensure_optional_bindings()
        except Exception:  # noqa: B902 - never prevent the registry from loading
            _logger.exception("Contact Center: could not create the actions on "
                              "optional apps' documents")

    @api.model
    def _ensure_optional_bindings(self):
        IrModelData = self.env["ir.model.data"].sudo()
        for name, model, kind in OPTIONAL_BINDINGS:
            if model not in self.env:
                continue
            action = self.env.ref("cc_core.%s" % name, raise_if_not_found=False)
            if not action:
                ir_model = self.env["ir.model"]._get(model)
                action = self.env["ir.actions.act_window"].sudo().create(
                    self._binding_vals(kind, ir_model))
                IrModelData.create({"module": "cc_core", "name": name,
                                    "model": "ir.actions.act_window",
                                    "res_id": action.id, "noupdate": True})
            self._translate_name(action, kind)
        self._ensure_lead_button()

    @api.model
    def _ensure_lead_button(self):
        """A *Conversations* button in the lead form's button box (a view
        inheriting crm's form, created by code since crm is optional)."""
        name, parent_xmlid, action_name = LEAD_BUTTON_VIEW
        existing = self.env.ref("cc_core.%s" % name, raise_if_not_found=False)
        if existing:
            self._translate_lead_button(existing)
            return
        parent = self.env.ref(parent_xmlid, raise_if_not_found=False)
        action = self.env.ref("cc_core.%s" % action_name, raise_if_not_found=False)
        if not parent or not action:
            return
        agent = self.env.ref("cc_core.group_cc_agent")
        view = self.env["ir.ui.view"].sudo().create({
            "name": "crm.lead.form: Contact Center conversations",
            "model": "crm.lead",
            "inherit_id": parent.id,
            "groups_id": [(6, 0, agent.ids)],
            "arch": """
                <div name="button_box" position="inside">
                    <button name="%d" type="action" class="oe_stat_button"
                            icon="fa-comments" string="Conversations"/>
                </div>""" % action.id,
        })
        self.env["ir.model.data"].sudo().create({
            "module": "cc_core", "name": name, "model": "ir.ui.view",
            "res_id": view.id, "noupdate": True})
        self._translate_lead_button(view)

    @api.model
    def _translate_lead_button(self, view):
        """The button's label in every installed language (the view is made
        by code: no .po file carries its terms)."""
        source = ACTION_NAMES["conversations"]._source
        Translation = self.env["ir.translation"].sudo()
        for code, _name in self.env["res.lang"].get_installed():
            if code == "en_US":
                continue
            translated = Translation._get_source(None, ("code",), code, source)
            if not translated or translated == source:
                continue
            domain = [("type", "=", "model_terms"), ("name", "=", "ir.ui.view,arch_db"),
                      ("res_id", "=", view.id), ("lang", "=", code), ("src", "=", source)]
            if not Translation.search_count(domain):
                Translation.create({
                    "type": "model_terms", "name": "ir.ui.view,arch_db",
                    "res_id": view.id, "lang": code, "src": source,
                    "value": translated, "module": "cc_core", "state": "translated"})

    @api.model
    def _binding_vals(self, kind, ir_model):
        agent = self.env.ref("cc_core.group_cc_agent")
        vals = {
            "binding_model_id": ir_model.id,
            "binding_view_types": "form",
            "groups_id": [(6, 0, agent.ids)],
        }
        if kind == "send":
            vals.update(name=ACTION_NAMES["send"]._source, res_model="cc.document.send",
                        view_mode="form", target="new")
        else:
            vals.update(
                name=ACTION_NAMES["conversations"]._source, res_model="cc.conversation",
                view_mode="tree,form",
                domain="[('document_model', '=', '%s'), ('document_id', '=', "
                       "active_id)]" % ir_model.model)
        return vals

    @api.model
    def _translate_name(self, action, kind):
        """The action's name in every installed language (created by code,
        the action gets no translation from the .po files otherwise)."""
        source = ACTION_NAMES[kind]._source
        Translation = self.env["ir.translation"]
        for code, _name in self.env["res.lang"].get_installed():
            if code == "en_US":
                continue
            translated = Translation._get_source(None, ("code",), code, source)
            if translated and translated != source and \
                    action.with_context(lang=code).name != translated:
                action.with_context(lang=code).sudo().write({"name": translated})
