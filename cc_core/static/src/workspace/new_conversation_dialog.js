/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Start a conversation with a contact or a typed number on a chosen
 * connector. WhatsApp without an open window opens on the template picker
 * (the panel's composer says so).
 */

const { Component } = owl;
const { useState } = owl.hooks;

export class NewConversationDialog extends Component {
    setup() {
        this.store = this.props.store;
        const connectors = this.connectors;
        this.state = useState({
            connectorId: connectors.length ? connectors[0].id : false,
            mode: "number",
            number: "",
            partnerSearch: "",
            partners: [],
            partner: false,
            error: false,
            busy: false,
        });
        this._timer = null;
    }

    willUnmount() {
        clearTimeout(this._timer);
    }

    get connectors() {
        return (this.store.state.me && this.store.state.me.connectors) || [];
    }

    onConnector(ev) {
        this.state.connectorId = parseInt(ev.target.value, 10) || false;
    }

    onMode(mode) {
        this.state.mode = mode;
        this.state.error = false;
    }

    onNumber(ev) {
        this.state.number = ev.target.value;
    }

    onPartnerSearch(ev) {
        const search = ev.target.value;
        this.state.partner = false;
        clearTimeout(this._timer);
        this._timer = setTimeout(async () => {
            if (!this.store.orm || search.length < 2) {
                this.state.partners = [];
                return;
            }
            const results = await this.store.orm("res.partner", "name_search", [], { name: search, limit: 8 });
            this.state.partners = results.map(([id, name]) => ({ id, name }));
        }, 250);
    }

    onPickPartner(partner) {
        this.state.partner = partner;
        this.state.partners = [];
    }

    onCancel() {
        this.trigger("dialog-closed");
    }

    async onStart() {
        const _t = this.env._t;
        if (!this.state.connectorId) {
            this.state.error = _t("Choose a connector.");
            return;
        }
        if (this.state.mode === "number" && !this.state.number.trim()) {
            this.state.error = _t("Type the customer's number.");
            return;
        }
        if (this.state.mode === "partner" && !this.state.partner) {
            this.state.error = _t("Choose a contact.");
            return;
        }
        this.state.busy = true;
        try {
            await this.store.newConversation(
                this.state.connectorId,
                this.state.mode === "partner" ? this.state.partner.id : false,
                this.state.mode === "number" ? this.state.number.trim() : false
            );
            this.trigger("dialog-closed");
        } catch (error) {
            this.state.error = (error.data && error.data.message) || error.message;
            this.state.busy = false;
        }
    }
}
NewConversationDialog.template = "cc_core.NewConversationDialog";
