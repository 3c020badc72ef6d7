/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Bottom of the thread: text, attachments (button, drag and drop, paste),
 * emojis, canned answers ("/" and a few letters), the SMS counter, and the
 * WhatsApp template picker when the 24-hour window is closed.
 *
 * One instance per conversation (keyed by its id): the draft lives in the
 * store, so switching conversations never carries a draft over and coming
 * back restores it.
 */

import { TemplatePicker } from "./template_picker";
import { AiComposerBar } from "./ai_assist";

const { Component } = owl;
const { useRef, useState } = owl.hooks;

const CANNED_DELAY = 200;
const SMS_INFO_DELAY = 250;
const CANNED_TRIGGER = /(?:^|\s)\/([^\s/]*)$/;
export const EMOJIS = [
    "😀", "😁", "😂", "🙂", "😉", "😊", "😍", "😘", "🤔", "😅",
    "😢", "😭", "😡", "😮", "😴", "🙏", "👍", "👎", "👏", "👋",
    "🤝", "💪", "👀", "✅", "❌", "⚠️", "❤️", "🎉", "🔥", "⭐",
    "📞", "📦", "🚚", "💰", "📅", "⏰", "📍", "📎", "📝", "🛒",
];

export class Composer extends Component {
    setup() {
        this.store = this.props.store;
        this.textareaRef = useRef("textarea");
        this.fileRef = useRef("file");
        const draft = this.store.draft(this.props.conversationId);
        this.state = useState({
            attachments: draft.attachments.slice(),
            uploading: 0,
            error: false,
            canned: [],
            cannedIndex: 0,
            cannedSearch: null,
            emojiOpen: false,
            sms: false,
            dragOver: false,
            sending: false,
            asking: false,
            helpAskedId: false,
        });
        this.emojis = EMOJIS;
        this._cannedTimer = null;
        this._smsTimer = null;
        this._destroyed = false;
    }

    mounted() {
        const textarea = this.textareaRef.el;
        if (textarea) {
            textarea.value = this.store.draft(this.props.conversationId).body;
            this._autoGrow();
            if (textarea.value) {
                this._refreshSmsInfo();
            }
        }
    }

    willUnmount() {
        this._destroyed = true;
        clearTimeout(this._cannedTimer);
        clearTimeout(this._smsTimer);
        this._saveDraft();
    }

    patched() {
        // The textarea appears once the panel (permissions) is loaded.
        const textarea = this.textareaRef.el;
        if (textarea && !this._filled) {
            this._filled = true;
            textarea.value = this.store.draft(this.props.conversationId).body;
            this._autoGrow();
        }
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get panel() {
        return this.store.state.panel;
    }

    get permissions() {
        return (this.panel && this.panel.permissions) || {};
    }

    get composerInfo() {
        return (this.panel && this.panel.composer) || false;
    }

    get isTemplateMode() {
        return this.composerInfo && this.composerInfo.mode === "template";
    }

    get isSms() {
        return this.composerInfo && this.composerInfo.channel_kind === "sms";
    }

    get agentName() {
        const conversation = this.panel && this.panel.conversation;
        return conversation && conversation.agent ? conversation.agent.name : "";
    }

    get lockedText() {
        const _t = this.env._t;
        if (this.panel.conversation.state === "done") {
            return _t("This conversation is closed. Reopen it to answer.");
        }
        if (this.permissions.can_take) {
            return _t("Take this conversation to answer the customer.");
        }
        if (this.agentName) {
            return _t("Only %s or a supervisor can answer here. Ask a supervisor to transfer it to you.").replace("%s", this.agentName);
        }
        return _t("You cannot answer here. Ask a supervisor to transfer it to you.");
    }

    get smsCost() {
        const sms = this.state.sms;
        if (sms && sms.cost_display) {
            return sms.cost_display;
        }
        if (!sms || sms.cost === false || sms.cost === undefined || sms.cost === null) {
            return "";
        }
        return Number(sms.cost).toFixed(2);
    }

    // ------------------------------------------------------------------
    // Draft
    // ------------------------------------------------------------------

    _body() {
        return this.textareaRef.el ? this.textareaRef.el.value : this.store.draft(this.props.conversationId).body;
    }

    _saveDraft() {
        const draft = this.store.draft(this.props.conversationId);
        if (this.textareaRef.el) {
            draft.body = this.textareaRef.el.value;
        }
        draft.attachments = this.state.attachments.slice();
    }

    _autoGrow() {
        const textarea = this.textareaRef.el;
        if (textarea) {
            textarea.style.height = "auto";
            textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
        }
    }

    onInput() {
        this.state.error = false;
        this._saveDraft();
        this._autoGrow();
        this._detectCanned();
        this._scheduleSmsInfo();
    }

    // ------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------

    onKeydown(ev) {
        if (this.state.canned.length && this.state.cannedSearch !== null) {
            if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
                ev.preventDefault();
                const step = ev.key === "ArrowDown" ? 1 : -1;
                const count = this.state.canned.length;
                this.state.cannedIndex = (this.state.cannedIndex + step + count) % count;
                return;
            }
            if (ev.key === "Enter" || ev.key === "Tab") {
                ev.preventDefault();
                this.onPickCanned(this.state.canned[this.state.cannedIndex]);
                return;
            }
            if (ev.key === "Escape") {
                ev.preventDefault();
                this._closeCanned();
                return;
            }
        }
        if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
            ev.preventDefault();
            this.onSend();
        }
    }

    async onSend() {
        if (this.state.uploading) {
            this.state.error = this.env._t("Wait until the files are uploaded.");
            return;
        }
        const body = this._body();
        const attachments = this.state.attachments.slice();
        if (!body.trim() && !attachments.length) {
            return;
        }
        const conversationId = this.props.conversationId;
        this.state.attachments = [];
        this.state.sms = false;
        this._closeCanned();
        if (this.textareaRef.el) {
            this.textareaRef.el.value = "";
            this._autoGrow();
        }
        const replyTo = this.store.draft(conversationId).replyTo;
        const result = await this.store.post(conversationId, body, attachments, replyTo);
        if (!result.ok && !this._destroyed) {
            const draft = this.store.draft(conversationId);
            if (this.textareaRef.el) {
                this.textareaRef.el.value = draft.body;
                this._autoGrow();
            }
            this.state.attachments = draft.attachments.slice();
            this.state.error = result.error;
            this._scheduleSmsInfo();
        }
    }

    // ------------------------------------------------------------------
    // Attachments
    // ------------------------------------------------------------------

    onAttachClick() {
        if (this.fileRef.el) {
            this.fileRef.el.click();
        }
    }

    onFileChange(ev) {
        this._upload([...ev.target.files]);
        ev.target.value = "";
    }

    onDragOver(ev) {
        if (ev.dataTransfer && [...ev.dataTransfer.types].includes("Files")) {
            ev.preventDefault();
            this.state.dragOver = true;
        }
    }

    onDragLeave() {
        this.state.dragOver = false;
    }

    onDrop(ev) {
        this.state.dragOver = false;
        if (ev.dataTransfer && ev.dataTransfer.files.length) {
            ev.preventDefault();
            this._upload([...ev.dataTransfer.files]);
        }
    }

    onPaste(ev) {
        const files = ev.clipboardData ? [...ev.clipboardData.files] : [];
        if (files.length) {
            ev.preventDefault();
            this._upload(files);
        }
    }

    async _upload(files) {
        if (!files.length) {
            return;
        }
        if (this.composerInfo && this.composerInfo.attachments_allowed === false) {
            this.state.error = this.env._t("Files cannot be sent on this channel.");
            return;
        }
        const conversationId = this.props.conversationId;
        for (const file of files) {
            this.state.uploading++;
            try {
                const attachment = await this.store.upload(conversationId, file);
                if (this._destroyed) {
                    this.store.draft(conversationId).attachments.push(attachment);
                } else {
                    this.state.attachments.push(attachment);
                    this._saveDraft();
                }
            } catch (error) {
                if (!this._destroyed) {
                    this.state.error = error.message || String(error);
                }
            } finally {
                if (!this._destroyed) {
                    this.state.uploading--;
                }
            }
        }
    }

    onRemoveAttachment(attachment) {
        this.state.attachments = this.state.attachments.filter((a) => a.id !== attachment.id);
        this._saveDraft();
    }

    // ------------------------------------------------------------------
    // Emojis
    // ------------------------------------------------------------------

    onToggleEmoji() {
        this.state.emojiOpen = !this.state.emojiOpen;
    }

    onPickEmoji(emoji) {
        this._insertAtCaret(emoji);
        this.state.emojiOpen = false;
    }

    _insertAtCaret(text) {
        const textarea = this.textareaRef.el;
        if (!textarea) {
            return;
        }
        const start = textarea.selectionStart || textarea.value.length;
        const end = textarea.selectionEnd || start;
        textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
        const caret = start + text.length;
        textarea.focus();
        textarea.setSelectionRange(caret, caret);
        this.onInput();
    }

    // ------------------------------------------------------------------
    // Canned answers
    // ------------------------------------------------------------------

    _detectCanned() {
        const textarea = this.textareaRef.el;
        if (!textarea) {
            return;
        }
        const before = textarea.value.slice(0, textarea.selectionStart);
        const match = before.match(CANNED_TRIGGER);
        if (!match) {
            this._closeCanned();
            return;
        }
        const search = match[1];
        this.state.cannedSearch = search;
        clearTimeout(this._cannedTimer);
        this._cannedTimer = setTimeout(async () => {
            let answers = [];
            try {
                answers = await this.store.rpc("workspace_canned", {
                    conversation_id: this.props.conversationId,
                    search,
                });
            } catch (_error) {
                answers = [];
            }
            if (!this._destroyed && this.state.cannedSearch === search) {
                this.state.canned = answers;
                this.state.cannedIndex = 0;
            }
        }, CANNED_DELAY);
    }

    _closeCanned() {
        clearTimeout(this._cannedTimer);
        this.state.canned = [];
        this.state.cannedSearch = null;
    }

    /** Replace "/abc" by the answer (already rendered for this conversation). */
    onPickCanned(answer) {
        const textarea = this.textareaRef.el;
        if (!textarea || !answer) {
            return;
        }
        const caret = textarea.selectionStart;
        const before = textarea.value.slice(0, caret);
        const after = textarea.value.slice(caret);
        const match = before.match(CANNED_TRIGGER);
        const start = match ? caret - match[0].length + (match[0].startsWith("/") ? 0 : 1) : caret;
        textarea.value = before.slice(0, start) + answer.body + after;
        const newCaret = start + answer.body.length;
        textarea.focus();
        textarea.setSelectionRange(newCaret, newCaret);
        this._closeCanned();
        this._saveDraft();
        this._autoGrow();
        this._scheduleSmsInfo();
    }

    // ------------------------------------------------------------------
    // SMS counter
    // ------------------------------------------------------------------

    _scheduleSmsInfo() {
        if (!this.isSms) {
            return;
        }
        clearTimeout(this._smsTimer);
        this._smsTimer = setTimeout(() => this._refreshSmsInfo(), SMS_INFO_DELAY);
    }

    async _refreshSmsInfo() {
        if (!this.isSms) {
            return;
        }
        const body = this._body();
        if (!body) {
            this.state.sms = false;
            return;
        }
        try {
            const info = await this.store.rpc("workspace_sms_info", {
                conversation_id: this.props.conversationId,
                body,
            });
            if (!this._destroyed && this._body() === body) {
                this.state.sms = info || false;
            }
        } catch (_error) {
            // The counter is a help: the server checks the length when sending.
        }
    }

    get replyTo() {
        return this.store.draft(this.props.conversationId).replyTo;
    }

    /** The AI assistant's suggestion goes in the composer (never sent by itself). */
    onAiInsert(ev) {
        const textarea = this.textareaRef.el;
        if (!textarea || ev.detail.conversationId !== this.props.conversationId) {
            return;
        }
        const current = textarea.value.replace(/\s+$/, "");
        textarea.value = current ? `${current}\n${ev.detail.text}` : ev.detail.text;
        textarea.focus();
        textarea.setSelectionRange(textarea.value.length, textarea.value.length);
        this.onInput();
    }

    onCancelReply() {
        this.store.setReplyTo(this.props.conversationId, false);
    }

    // ------------------------------------------------------------------
    // Not the owner
    // ------------------------------------------------------------------

    onTake() {
        this.store.action("take");
    }

    async onAskSupervisor() {
        const conversationId = this.props.conversationId;
        this.state.asking = true;
        const ok = await this.store.action("ask_supervisor");
        this.state.asking = false;
        if (ok) {
            this.state.helpAskedId = conversationId;
        }
    }
}
Composer.template = "cc_core.Composer";
Composer.components = { TemplatePicker, AiComposerBar };
