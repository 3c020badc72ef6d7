/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The "Inbox" client action (tag ``cc_workspace``): builds the workspace
 * store on the real services (cc.workspace RPCs, attachment upload, the
 * legacy longpolling bus) and mounts the workspace.
 *
 * While the browser tab is not focused, new customer messages show in the
 * tab title, as a desktop notification (with the browser's permission) and,
 * when the agent turned it on, with a sound.
 */

import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { SOUND_KEY } from "./conversation_list";
import { WorkspaceRoot } from "./workspace_root";
import { WorkspaceStore } from "./workspace_store";

const { Component } = owl;

const SOUND_URL = "/mail/static/src/audio/ting.ogg";
// The bus keeps notifications for 100 s: a longer absence may have missed some.
const RESYNC_AFTER = 90 * 1000;

/**
 * Upload a file as an attachment of the conversation, with Odoo's standard
 * route (checks the user may write on it).
 *
 * @param {Number} conversationId
 * @param {File} file
 * @returns {Promise<{id, name, mimetype}>}
 */
export async function uploadAttachment(conversationId, file) {
    const data = new FormData();
    data.append("csrf_token", odoo.csrf_token);
    data.append("model", "cc.conversation");
    data.append("id", String(conversationId));
    data.append("ufile", file, file.name || "pasted-image.png");
    const response = await fetch("/web/binary/upload_attachment", { method: "POST", body: data });
    if (!response.ok) {
        throw new Error(response.statusText);
    }
    const [result] = await response.json();
    if (!result || result.error) {
        throw new Error((result && result.error) || "Upload failed");
    }
    return { id: result.id, name: result.filename, mimetype: result.mimetype, file_size: result.size };
}

export class WorkspaceAction extends Component {
    setup() {
        const orm = useService("orm");
        this.actionService = useService("action");
        this.titleService = useService("title");
        const user = useService("user");
        this.unseen = 0;
        this._blurredAt = null;
        this.store = new WorkspaceStore({
            rpc: (method, kwargs) => orm.silent.call("cc.workspace", method, [], kwargs),
            orm: (model, method, args, kwargs) => orm.silent.call(model, method, args, kwargs),
            doAction: (action) => this.actionService.doAction(action),
            upload: uploadAttachment,
            _t: this.env._t,
            userName: user.name,
            onInbound: (rows) => this._onInbound(rows),
        });
        this._onNotification = this._onNotification.bind(this);
        this._onFocus = this._onFocus.bind(this);
        this._onBlur = this._onBlur.bind(this);
        this._onOffline = this._onOffline.bind(this);
        this._onOnline = this._onOnline.bind(this);
    }

    async willStart() {
        const action = this.props.action || {};
        const context = action.context || {};
        const params = action.params || {};
        const conversationId = context.active_id || params.active_id || false;
        // The first render shows "loading"; the data arrives right after.
        this.store.start(conversationId);
    }

    mounted() {
        this.trigger("controller-title-updated", this.env._t("Inbox"));
        const bus = this._legacyBus();
        if (bus) {
            bus.onNotification(this, this._onNotification);
            bus.startPolling();
        }
        window.addEventListener("focus", this._onFocus);
        window.addEventListener("blur", this._onBlur);
        window.addEventListener("offline", this._onOffline);
        window.addEventListener("online", this._onOnline);
    }

    willUnmount() {
        const bus = this._legacyBus();
        if (bus) {
            // Name the callback: without it every listener of the bus goes.
            bus.off("notification", this, this._onNotification);
        }
        window.removeEventListener("focus", this._onFocus);
        window.removeEventListener("blur", this._onBlur);
        window.removeEventListener("offline", this._onOffline);
        window.removeEventListener("online", this._onOnline);
        this._setUnseen(0);
    }

    _legacyBus() {
        const legacyEnv = owl.Component.env;
        return legacyEnv && legacyEnv.services && legacyEnv.services.bus_service;
    }

    _onNotification(notifications) {
        this.store.onNotifications(notifications);
    }

    _onFocus() {
        this._setUnseen(0);
        // Back after a long absence (sleep, lost network): catch up.
        if (this._blurredAt && Date.now() - this._blurredAt > RESYNC_AFTER) {
            this.store.resync();
        }
        this._blurredAt = null;
    }

    _onBlur() {
        this._blurredAt = Date.now();
    }

    /** The browser lost its network: say so at once (the bus fails silently). */
    _onOffline() {
        this.store.setConnectionLost(true);
    }

    _onOnline() {
        this.store.setConnectionLost(false);
    }

    /** "(3) - Inbox - Odoo": the count goes first in the tab title. */
    _setUnseen(count) {
        if (!count && !this.unseen) {
            return;
        }
        this.unseen = count;
        const current = this.titleService.getParts();
        const cleared = {};
        for (const key of Object.keys(current)) {
            cleared[key] = null;
        }
        this.titleService.setParts(cleared);
        const next = {};
        if (count) {
            next.cc_unread = `(${count})`;
        }
        for (const [key, value] of Object.entries(current)) {
            if (key !== "cc_unread") {
                next[key] = value;
            }
        }
        this.titleService.setParts(next);
    }

    _onInbound(rows) {
        if (document.hasFocus() && !document.hidden) {
            return;
        }
        this._setUnseen(this.unseen + rows.length);
        const _t = this.env._t;
        if (window.Notification && window.Notification.permission === "granted") {
            for (const row of rows) {
                const name = row.name || row.address_display;
                try {
                    new window.Notification(_t("New message from %s").replace("%s", name), {
                        body: row.preview || "",
                        tag: `cc_conversation_${row.id}`,
                    });
                } catch (_error) {
                    // Some browsers only allow notifications from a service worker.
                }
            }
        }
        if (window.localStorage.getItem(SOUND_KEY) === "1") {
            const audio = new window.Audio(SOUND_URL);
            audio.play().catch(() => {});
        }
    }
}
WorkspaceAction.template = "cc_core.WorkspaceAction";
WorkspaceAction.components = { WorkspaceRoot };

registry.category("actions").add("cc_workspace", WorkspaceAction);
