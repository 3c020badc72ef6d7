/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * WhatsApp with the 24-hour window closed: only an approved template may be
 * sent. The agent picks one, fills its parameters (preview below), or sends
 * the text by SMS instead when the fallback is available.
 */

const { Component } = owl;
const { useState } = owl.hooks;

export class TemplatePicker extends Component {
    setup() {
        this.store = this.props.store;
        this.state = useState({
            templateId: false,
            values: {},
            smsBody: "",
            error: false,
            sending: false,
        });
        const templates = this.templates;
        if (templates.length === 1) {
            this._select(templates[0].id);
        }
    }

    get whatsapp() {
        const panel = this.store.state.panel;
        return (panel && panel.composer && panel.composer.whatsapp) || {};
    }

    get templates() {
        return this.whatsapp.templates || [];
    }

    get selectedTemplate() {
        return this.templates.find((t) => t.id === this.state.templateId) || false;
    }

    get fallback() {
        return this.whatsapp.sms_fallback || { available: false };
    }

    /** The template body with the typed values (plain text, shown with t-esc). */
    get preview() {
        const template = this.selectedTemplate;
        if (!template) {
            return "";
        }
        let body = template.body || "";
        for (const parameter of template.parameters || []) {
            // The label names the placeholder of the body ("Body {{1}}").
            const match = (parameter.label || "").match(/\{\{\s*[^}]+\s*\}\}/);
            const placeholder = match ? match[0] : `{{${parameter.key}}}`;
            const value = this.state.values[parameter.key];
            if (value) {
                body = body.split(placeholder).join(value);
            }
        }
        return body;
    }

    _select(templateId) {
        this.state.templateId = templateId;
        const values = {};
        const template = this.templates.find((t) => t.id === templateId);
        for (const parameter of (template && template.parameters) || []) {
            values[parameter.key] = parameter.default || "";
        }
        this.state.values = values;
        this.state.error = false;
    }

    onSelectTemplate(ev) {
        this._select(parseInt(ev.target.value, 10) || false);
    }

    onValue(parameter, ev) {
        this.state.values[parameter.key] = ev.target.value;
    }

    onSmsInput(ev) {
        this.state.smsBody = ev.target.value;
    }

    async onSendTemplate() {
        const template = this.selectedTemplate;
        if (!template || this.state.sending) {
            return;
        }
        const missing = (template.parameters || []).filter((p) => !(this.state.values[p.key] || "").trim());
        if (missing.length) {
            this.state.error = this.env._t("Fill in every parameter of the template.");
            return;
        }
        this.state.sending = true;
        const result = await this.store.sendTemplate(this.props.conversationId, template.id, Object.assign({}, this.state.values));
        this.state.sending = false;
        if (!result.ok) {
            this.state.error = result.error;
        } else {
            this.state.error = false;
            await this.store.refreshPanel();
            this.store.notify();
        }
    }

    async onSendSms() {
        const body = this.state.smsBody.trim();
        if (!body || this.state.sending) {
            return;
        }
        this.state.sending = true;
        const result = await this.store.sendSmsFallback(this.props.conversationId, body);
        this.state.sending = false;
        if (!result.ok) {
            this.state.error = result.error;
        } else {
            this.state.smsBody = "";
            this.state.error = false;
        }
    }
}
TemplatePicker.template = "cc_core.TemplatePicker";
