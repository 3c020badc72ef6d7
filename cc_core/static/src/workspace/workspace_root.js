/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The agent workspace: conversation list (left), thread and composer
 * (centre), customer panel (right). Re-renders when its store says so; the
 * children read the store they are given.
 */

import { Composer } from "./composer";
import { ConversationList } from "./conversation_list";
import { CustomerPanel } from "./customer_panel";
import { NewConversationDialog } from "./new_conversation_dialog";
import { Thread } from "./thread";

const { Component } = owl;
const { useState } = owl.hooks;

const CLOCK_INTERVAL = 60 * 1000;

export class WorkspaceRoot extends Component {
    setup() {
        this.store = this.props.store;
        this.ui = useState({ newConversation: false });
        this.store.on("update", this, () => this.render());
    }

    mounted() {
        // Relative times and waiting times move on by themselves.
        this._clock = setInterval(() => this.render(), CLOCK_INTERVAL);
    }

    willUnmount() {
        clearInterval(this._clock);
        this.store.off("update", this);
    }

    get state() {
        return this.store.state;
    }

    onRetry() {
        this.store.start(this.state.activeId);
    }

    onCloseLightbox() {
        this.state.lightbox = false;
        this.render();
    }

    onNewConversation() {
        this.ui.newConversation = true;
    }

    onCloseNewConversation() {
        this.ui.newConversation = false;
    }
}
WorkspaceRoot.template = "cc_core.WorkspaceRoot";
WorkspaceRoot.components = { Composer, ConversationList, CustomerPanel, NewConversationDialog, Thread };
