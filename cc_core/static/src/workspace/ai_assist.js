/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The AI assistant in the workspace (shown when a manager turned it on for
 * the conversation's company):
 *
 * - AiComposerBar: "Suggest a reply" above the composer; the suggestion is
 *   inserted in the composer (event "ai-insert"), never sent.
 * - AiSummary: in the panel, summarise the conversation (offered when the
 *   agent transfers or closes), edit the draft, save it on the cycle.
 * - AiMessageTools: under a customer's message, transcribe a voice note or
 *   translate the text; a saved transcript is always shown.
 *
 * Every call answers {ok, text} or {ok: false, error}: the error is shown
 * where the agent clicked and nothing else is blocked.
 */

const { Component } = owl;
const { useState } = owl.hooks;

/**
 * Call cc.workspace.workspace_ai; an unexpected failure (network, access)
 * becomes {ok: false, error} too.
 */
export async function callAi(store, _t, kwargs) {
    try {
        const result = await store.rpc("workspace_ai", kwargs);
        return result || { ok: false, error: _t("The AI assistant gave no answer.") };
    } catch (error) {
        const data = error && error.message && error.message.data;
        const text = (data && data.message) || (error && error.message && error.message.message) ||
            (typeof (error && error.message) === "string" ? error.message : "");
        return { ok: false, error: text || _t("The AI assistant cannot be reached. Try again.") };
    }
}

function aiInfo(store) {
    const panel = store.state.panel;
    return (panel && panel.ai) || false;
}

export class AiComposerBar extends Component {
    setup() {
        this.store = this.props.store;
        this.state = useState({ loading: false, error: false });
        this._gone = false;
    }

    willUnmount() {
        this._gone = true;
    }

    get ai() {
        return aiInfo(this.store);
    }

    get suggestTitle() {
        return this.ai.blocked ||
            this.env._t("The assistant drafts a reply from the recent messages and the canned answers; you review it before sending.");
    }

    async onSuggest() {
        if (this.state.loading) {
            return;
        }
        const conversationId = this.props.conversationId;
        this.state.loading = true;
        this.state.error = false;
        const result = await callAi(this.store, this.env._t, {
            conversation_id: conversationId,
            action: "suggest",
        });
        if (this._gone) {
            return;
        }
        this.state.loading = false;
        if (result.ok) {
            this.trigger("ai-insert", { text: result.text, conversationId });
        } else {
            this.state.error = result.error;
        }
    }

    onDismiss() {
        this.state.error = false;
    }
}
AiComposerBar.template = "cc_core.AiComposerBar";

export class AiSummary extends Component {
    setup() {
        this.store = this.props.store;
        this.state = useState({ loading: false, saving: false, error: false, draft: false });
    }

    get ai() {
        return aiInfo(this.store);
    }

    get conversation() {
        return this.store.state.panel.conversation;
    }

    get permissions() {
        return this.store.state.panel.permissions || {};
    }

    get summaries() {
        return (this.ai && this.ai.summaries) || [];
    }

    get hasCycleSummary() {
        return this.summaries.some((s) => s.cycle === this.conversation.cycle);
    }

    get offerText() {
        const _t = this.env._t;
        if (this.props.transferring) {
            return _t("Transferring? Summarise the conversation first: the next agent reads it here.");
        }
        if (this.conversation.state === "done" && !this.hasCycleSummary) {
            return _t("Closed without a summary: summarise it for whoever picks it up next.");
        }
        if (this.permissions.can_close && !this.hasCycleSummary) {
            return _t("Before closing or transferring, summarise the conversation.");
        }
        return "";
    }

    get maySave() {
        return this.permissions.is_owner || this.permissions.is_supervisor;
    }

    async onSummarise() {
        if (this.state.loading) {
            return;
        }
        this.state.loading = true;
        this.state.error = false;
        const result = await callAi(this.store, this.env._t, {
            conversation_id: this.conversation.id,
            action: "summarise",
        });
        this.state.loading = false;
        if (result.ok) {
            this.state.draft = result.text;
        } else {
            this.state.error = result.error;
        }
    }

    onDraftInput(ev) {
        this.state.draft = ev.target.value;
    }

    onDiscard() {
        this.state.draft = false;
    }

    async onSave() {
        const conversationId = this.conversation.id;
        this.state.saving = true;
        this.state.error = false;
        const result = await callAi(this.store, this.env._t, {
            conversation_id: conversationId,
            action: "save_summary",
            body: this.state.draft,
        });
        this.state.saving = false;
        if (!result.ok) {
            this.state.error = result.error;
            return;
        }
        this.state.draft = false;
        const panel = this.store.state.panel;
        if (panel && panel.ai && panel.conversation.id === conversationId) {
            panel.ai.summaries = result.summaries;
            this.store.notify();
        }
    }

    onDismiss() {
        this.state.error = false;
    }
}
AiSummary.template = "cc_core.AiSummary";

export class AiMessageTools extends Component {
    setup() {
        this.state = useState({ loading: false, error: false, translation: false });
    }

    get message() {
        return this.props.message;
    }

    get store() {
        return this.props.store;
    }

    get enabled() {
        const ai = aiInfo(this.store);
        const panel = this.store.state.panel;
        return Boolean(ai && ai.enabled && !ai.blocked && panel.conversation.id === this.message.conversation_id);
    }

    get canTranscribe() {
        return this.enabled && this.message.message_type === "audio" && !this.message.transcript &&
            (this.message.attachments || []).length > 0;
    }

    get canTranslate() {
        const text = this.message.message_type === "audio" ? this.message.transcript : this.message.body;
        return this.enabled && Boolean(text) && !this.state.translation;
    }

    async _run(action) {
        this.state.loading = action;
        this.state.error = false;
        const result = await callAi(this.store, this.env._t, {
            conversation_id: this.message.conversation_id,
            action,
            message_id: this.message.id,
        });
        this.state.loading = false;
        return result;
    }

    async onTranscribe() {
        const result = await this._run("transcribe");
        if (result.ok) {
            this.message.transcript = result.text;
            this.store.notify();
            this.render();
        } else {
            this.state.error = result.error;
        }
    }

    async onTranslate() {
        const result = await this._run("translate");
        if (result.ok) {
            this.state.translation = result.text;
        } else {
            this.state.error = result.error;
        }
    }

    onHideTranslation() {
        this.state.translation = false;
    }

    onDismiss() {
        this.state.error = false;
    }
}
AiMessageTools.template = "cc_core.AiMessageTools";
