/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Legacy (15.0) views of cc.conversation that follow the bus:
 *
 *   - cc_conversation_kanban / cc_conversation_list reload themselves when a
 *     ``cc.conversation/*`` or ``cc.message/*`` notification arrives;
 *   - cc_conversation_form reloads only when the notification is about the
 *     open conversation and the agent has no unsaved edit, and marks the
 *     conversation read when its agent opens it.
 *
 * Notifications are sent by the server to the agents' res.partner channels,
 * which mail already polls. The bus hands every listener every notification
 * of every channel (and replays the last 50 s after a page load), so the
 * handlers filter on the type and only ever *reload*: running them twice is
 * harmless.
 */

import FormController from "web.FormController";
import FormView from "web.FormView";
import KanbanController from "web.KanbanController";
import KanbanRecord from "web.KanbanRecord";
import KanbanRenderer from "web.KanbanRenderer";
import KanbanView from "web.KanbanView";
import ListController from "web.ListController";
import ListView from "web.ListView";
import basicFields from "web.basic_fields";
import fieldRegistry from "web.field_registry";
import session from "web.session";
import viewRegistry from "web.view_registry";

const CC_TYPE_PREFIXES = ["cc.conversation/", "cc.message/"];
const RELOAD_DELAY = 300;

/**
 * The cc.* notifications of a batch received from the bus.
 *
 * @param {Array<{type: String, payload: Object}>} notifications
 * @returns {Array<{type: String, payload: Object}>}
 */
export function ccNotifications(notifications) {
    return (notifications || []).filter(
        (notification) =>
            notification &&
            typeof notification.type === "string" &&
            CC_TYPE_PREFIXES.some((prefix) => notification.type.startsWith(prefix))
    );
}

/**
 * Id of the conversation a cc.* notification is about: ``cc.message/state``
 * carries the message id in ``id`` and the conversation in
 * ``conversation_id``; the other types carry the conversation in ``id``.
 *
 * @param {Object} payload
 * @returns {Number|undefined}
 */
export function ccConversationId(payload) {
    if (!payload) {
        return undefined;
    }
    return "conversation_id" in payload ? payload.conversation_id : payload.id;
}

/**
 * Shared by the three controllers: subscribe to the legacy bus_service while
 * the view lives, and coalesce bursts of notifications into one reload.
 */
const CcBusMixin = {
    /**
     * Listen from the start, stop when destroyed.
     *
     * @override
     */
    start() {
        this._ccListen();
        return this._super(...arguments);
    },
    /**
     * @override
     */
    destroy() {
        this._ccStopListening();
        this._super(...arguments);
    },
    _ccListen() {
        this.call("bus_service", "onNotification", this, this._ccOnNotification);
    },
    _ccOnNotification(notifications) {
        if (this.isDestroyed()) {
            return;
        }
        const relevant = ccNotifications(notifications).filter((notification) =>
            this._ccIsRelevant(notification)
        );
        if (relevant.length) {
            this._ccScheduleReload();
        }
    },
    /**
     * @param {Object} notification a cc.* notification
     * @returns {Boolean} whether it should reload this view
     */
    _ccIsRelevant(/* notification */) {
        return true;
    },
    _ccScheduleReload() {
        clearTimeout(this._ccReloadTimer);
        this._ccReloadTimer = setTimeout(() => this._ccReload(), RELOAD_DELAY);
    },
    async _ccReload() {
        if (this.isDestroyed() || !this._ccCanReload()) {
            return;
        }
        await this.reload();
    },
    _ccCanReload() {
        return true;
    },
    _ccStopListening() {
        clearTimeout(this._ccReloadTimer);
        // Name the callback: without it, the bus removes *every* listener of
        // "notification" (mail's included), whoever registered it.
        this.call("bus_service", "off", "notification", this, this._ccOnNotification);
    },
};

// ---------------------------------------------------------------------------
// Kanban
// ---------------------------------------------------------------------------

export const CcConversationKanbanRecord = KanbanRecord.extend({
    /**
     * Adds ``cc_from_now(date)`` ("5 minutes ago") to the card template.
     *
     * @override
     */
    _setState() {
        this._super(...arguments);
        this.qweb_context.cc_from_now = (date) => (date ? moment(date).fromNow() : "");
    },
});

export const CcConversationKanbanRenderer = KanbanRenderer.extend({
    config: Object.assign({}, KanbanRenderer.prototype.config, {
        KanbanRecord: CcConversationKanbanRecord,
    }),
});

export const CcConversationKanbanController = KanbanController.extend(CcBusMixin, {
    /**
     * Do not reload under a card being quick-created or dragged.
     *
     * @override
     */
    _ccCanReload() {
        return !this.el || !this.el.querySelector(".o_kanban_quick_create, .ui-sortable-helper");
    },
});

export const CcConversationKanbanView = KanbanView.extend({
    config: Object.assign({}, KanbanView.prototype.config, {
        Controller: CcConversationKanbanController,
        Renderer: CcConversationKanbanRenderer,
    }),
});

// ---------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------

export const CcConversationListController = ListController.extend(CcBusMixin, {
    /**
     * Never under a row being edited.
     *
     * @override
     */
    _ccCanReload() {
        const editing =
            this.renderer && this.renderer.getEditableRecordID
                ? this.renderer.getEditableRecordID()
                : null;
        return !editing;
    },
});

export const CcConversationListView = ListView.extend({
    config: Object.assign({}, ListView.prototype.config, {
        Controller: CcConversationListController,
    }),
});

// ---------------------------------------------------------------------------
// Form
// ---------------------------------------------------------------------------

export const CcConversationFormController = FormController.extend(CcBusMixin, {
    /**
     * @override
     */
    init() {
        this._super(...arguments);
        // "<id>:<unread_count>" last marked read, so that a failing call is
        // not repeated in a loop, while a new unread message marks again.
        this._ccMarkedKey = null;
    },
    /**
     * Once the first record is rendered.
     *
     * @override
     */
    async start() {
        // Replaces the mixin's start (same prototype level): listen here too.
        this._ccListen();
        const result = await this._super(...arguments);
        this._ccMarkReadIfOwner();
        return result;
    },
    /**
     * Once every later (re)load is completely done (pager moves, buttons,
     * bus reloads): marking read reloads the record, so it must not overlap
     * an update still in progress.
     *
     * @override
     */
    async update() {
        const result = await this._super(...arguments);
        this._ccMarkReadIfOwner();
        return result;
    },
    /**
     * The open conversation, as raw data (or null for a new record).
     *
     * @returns {Object|null}
     */
    _ccRecordData() {
        if (!this.handle) {
            return null;
        }
        const record = this.model.get(this.handle, { raw: true });
        return record && record.res_id ? record.data : null;
    },
    /**
     * @override
     */
    _ccIsRelevant(notification) {
        const data = this._ccRecordData();
        return Boolean(data) && ccConversationId(notification.payload) === data.id;
    },
    /**
     * Never discard the agent's unsaved edits.
     *
     * @override
     */
    _ccCanReload() {
        return Boolean(this._ccRecordData()) && !this.isDirty();
    },
    /**
     * When the agent handling the conversation looks at it, its unread
     * messages are read. A supervisor glancing at it does not change that.
     */
    async _ccMarkReadIfOwner() {
        const data = this._ccRecordData();
        if (!data || !data.unread_count || data.user_id !== session.uid) {
            return;
        }
        const key = `${data.id}:${data.unread_count}`;
        if (this._ccMarkedKey === key) {
            return;
        }
        this._ccMarkedKey = key;
        await this._rpc({
            model: this.modelName,
            method: "action_mark_read",
            args: [[data.id]],
        });
        if (!this.isDestroyed() && this._ccCanReload()) {
            const current = this._ccRecordData();
            if (current && current.id === data.id) {
                await this.reload();
            }
        }
    },
});

export const CcConversationFormView = FormView.extend({
    config: Object.assign({}, FormView.prototype.config, {
        Controller: CcConversationFormController,
    }),
});

// ---------------------------------------------------------------------------
// Composer text field: commits while typing so that the computed length
// information under it refreshes live through the onchange.
// ---------------------------------------------------------------------------

export const CcComposerText = basicFields.FieldText.extend({
    DEBOUNCE: 400,
});

viewRegistry.add("cc_conversation_kanban", CcConversationKanbanView);
viewRegistry.add("cc_conversation_list", CcConversationListView);
viewRegistry.add("cc_conversation_form", CcConversationFormView);
fieldRegistry.add("cc_composer_text", CcComposerText);
