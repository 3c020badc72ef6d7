/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Centre column: the open conversation's messages, oldest at the top. It
 * sticks to the bottom while the agent is there, loads older messages when
 * scrolled to the top and keeps the position while they are added.
 */

import { MessageBubble } from "./message_bubble";
import { CustomerAvatar } from "./customer_avatar";

const { Component } = owl;
const { useRef } = owl.hooks;

const TOP_THRESHOLD = 40;

export class Thread extends Component {
    setup() {
        this.store = this.props.store;
        this.scrollRef = useRef("scroll");
        this._keepFromBottom = null;
        this._stickToBottom = true;
    }

    mounted() {
        this._scrollToBottom();
    }

    willPatch() {
        const el = this.scrollRef.el;
        if (el && this._keepFromBottom === null) {
            this._stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 30;
        }
    }

    patched() {
        const el = this.scrollRef.el;
        if (!el) {
            return;
        }
        if (this._keepFromBottom !== null) {
            el.scrollTop = el.scrollHeight - this._keepFromBottom;
            if (!this.store.state.threadLoading) {
                this._keepFromBottom = null;
            }
        } else if (this._stickToBottom) {
            this._scrollToBottom();
        }
    }

    _scrollToBottom() {
        const el = this.scrollRef.el;
        if (el) {
            el.scrollTop = el.scrollHeight;
        }
    }

    get state() {
        return this.store.state;
    }

    get row() {
        return this.store.activeRow;
    }

    get panel() {
        return this.state.panel;
    }

    get title() {
        const conversation = this.panel && this.panel.conversation;
        const row = this.row;
        if (conversation) {
            return conversation.name || conversation.address_display;
        }
        return row ? row.name || row.address_display : "";
    }

    get subtitle() {
        const conversation = this.panel && this.panel.conversation;
        if (!conversation) {
            return "";
        }
        return [conversation.address_display, conversation.connector && conversation.connector.name]
            .filter(Boolean)
            .join(" · ");
    }

    /** The customer's picture: the panel's (fresher), else the row's. */
    get avatarUrl() {
        const conversation = this.panel && this.panel.conversation;
        if (conversation && "avatar_url" in conversation) {
            return conversation.avatar_url;
        }
        return (this.row && this.row.avatar_url) || false;
    }

    get channelKind() {
        const conversation = this.panel && this.panel.conversation;
        return (conversation && conversation.channel_kind) || (this.row && this.row.channel_kind);
    }

    async onScroll() {
        const el = this.scrollRef.el;
        if (!el || el.scrollTop > TOP_THRESHOLD || !this.state.threadHasMore || this.state.threadLoading) {
            return;
        }
        this._keepFromBottom = el.scrollHeight - el.scrollTop;
        const loaded = await this.store.loadOlder();
        if (!loaded) {
            this._keepFromBottom = null;
        }
    }

    onBack() {
        this.store.openConversation(false);
    }

    onTogglePanel() {
        this.state.panelOpen = !this.state.panelOpen;
        this.store.notify();
    }

    onDismissError() {
        this.state.actionError = false;
        this.store.notify();
    }
}
Thread.template = "cc_core.Thread";
Thread.components = { MessageBubble, CustomerAvatar };
