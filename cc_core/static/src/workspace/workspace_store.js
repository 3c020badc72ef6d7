/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * State of the agent workspace, apart from the components that show it:
 * the conversation list of the current tab, the open thread (messages kept
 * by id, so that a replayed bus notification or an RPC returning a message
 * already shown never adds a second bubble), the customer panel, and one
 * draft per conversation (text and attachments).
 *
 * The store talks to the server through ``rpc(method, kwargs)`` (a call of
 * a ``cc.workspace`` method) and tells its listeners to re-render with the
 * "update" event. Everything it needs from outside is given to it, so the
 * QUnit tests drive it with a fake server and a fake bus.
 */

const { EventBus } = owl.core;

export const CC_TYPE_PREFIXES = ["cc.conversation/", "cc.message/"];
export const LIST_LIMIT = 40;
export const THREAD_LIMIT = 30;

let uuidCounter = 0;

/** A unique id for an optimistic message (double clicks send it once). */
export function newClientUuid() {
    uuidCounter++;
    const random = Math.random().toString(36).slice(2, 10);
    return `${Date.now().toString(36)}-${uuidCounter}-${random}`;
}

/**
 * Message of an RPC error: the UserError/AccessError text when there is one.
 *
 * @param {Error} error
 * @returns {String}
 */
export function errorMessage(error) {
    if (!error) {
        return "";
    }
    if (error.data && error.data.message) {
        return error.data.message;
    }
    if (error.message && typeof error.message === "object" && error.message.data) {
        return error.message.data.message;
    }
    return error.message || String(error);
}

/** @returns {Boolean} whether the error is a lost connection */
export function isConnectionError(error) {
    return Boolean(
        error &&
            (error.name === "ConnectionLostError" ||
                (error.constructor && error.constructor.name === "ConnectionLostError"))
    );
}

export class WorkspaceStore extends EventBus {
    /**
     * @param {Object} params
     * @param {Function} params.rpc (method, kwargs) => Promise
     * @param {Function} [params._t] translation function
     * @param {Function} [params.upload] (conversationId, File) => Promise<{id, name, mimetype}>
     * @param {Function} [params.onInbound] called with rows of conversations
     *     that received a customer message (title, desktop notification)
     */
    constructor(params) {
        super();
        this.rpc = params.rpc;
        this._t = params._t || ((text) => text);
        this.upload = params.upload;
        this.onInbound = params.onInbound || (() => {});
        this.orm = params.orm;
        this.doAction = params.doAction;
        this.userName = params.userName || "";
        // Messages already announced (a replayed notification is not announced twice).
        this._announcedMessageIds = new Set();
        this.drafts = new Map();
        this.messagesById = new Map();
        this.state = {
            loading: true,
            error: false,
            connectionLost: false,
            me: false,
            tab: "mine",
            sort: "recent",
            search: "",
            channelKind: false,
            connectorId: false,
            rows: [],
            hasMore: false,
            counts: { mine: 0, queue: 0, team: 0, snoozed: 0, all: 0 },
            listLoading: false,
            activeId: false,
            messages: [],
            threadHasMore: false,
            threadLoading: false,
            timeline: false,
            panel: false,
            // On narrow screens the panel covers the thread: closed until asked for.
            panelOpen: window.innerWidth > 991,
            actionError: false,
            lightbox: false,
        };
        this._listRequest = 0;
        this._threadRequest = 0;
    }

    // ------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------

    notify() {
        this.trigger("update");
    }

    async _call(method, kwargs) {
        try {
            const result = await this.rpc(method, kwargs || {});
            if (this.state.connectionLost) {
                this.state.connectionLost = false;
                this.notify();
                // Notifications may have been missed meanwhile.
                this.resync();
            }
            return result;
        } catch (error) {
            if (isConnectionError(error)) {
                this.state.connectionLost = true;
                this.notify();
            }
            throw error;
        }
    }

    /**
     * The browser says the network is gone (true) or back (false); back,
     * the workspace catches up on what it missed.
     *
     * @param {Boolean} lost
     */
    setConnectionLost(lost) {
        if (this.state.connectionLost === lost) {
            return;
        }
        this.state.connectionLost = lost;
        this.notify();
        if (!lost) {
            this.resync();
        }
    }

    get activeRow() {
        return this.state.rows.find((row) => row.id === this.state.activeId) || false;
    }

    // ------------------------------------------------------------------
    // Start, list
    // ------------------------------------------------------------------

    async start(conversationId) {
        this.state.loading = true;
        this.state.error = false;
        this.notify();
        try {
            const result = await this._call("workspace_open", {
                tab: this.state.tab,
                conversation_id: conversationId || false,
            });
            this.state.me = result.me;
            this._setList(result.list, false);
            if (result.thread) {
                this.state.activeId = conversationId;
                this._setMessages(result.thread.messages, result.thread.has_more);
                this.state.panel = result.panel;
            }
        } catch (error) {
            this.state.error = errorMessage(error);
        }
        this.state.loading = false;
        this.notify();
        if (this.state.activeId) {
            this._markReadIfOwner();
        }
    }

    _setList(list, append) {
        const rows = append ? this.state.rows.concat(list.rows) : list.rows;
        const seen = new Set();
        this.state.rows = rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
        this.state.hasMore = list.has_more;
        this.state.counts = Object.assign({}, this.state.counts, list.counts || {});
    }

    _listKwargs() {
        return {
            tab: this.state.tab,
            search: this.state.search,
            channel_kind: this.state.channelKind,
            connector_id: this.state.connectorId,
            sort: this.state.sort,
        };
    }

    async loadList() {
        const request = ++this._listRequest;
        this.state.listLoading = true;
        this.notify();
        try {
            const list = await this._call(
                "workspace_list",
                Object.assign(this._listKwargs(), { offset: 0, limit: LIST_LIMIT })
            );
            if (request === this._listRequest) {
                this._setList(list, false);
            }
        } catch (error) {
            this.state.error = errorMessage(error);
        }
        if (request === this._listRequest) {
            this.state.listLoading = false;
        }
        this.notify();
    }

    /**
     * Catch up after a lost connection or a long time in the background:
     * the bus only keeps notifications for a short while.
     */
    async resync() {
        if (this._resyncing || this.state.loading) {
            return;
        }
        this._resyncing = true;
        try {
            await this.loadList();
            if (this.state.activeId) {
                await this.fetchNewMessages();
                await this.refreshPanel();
            }
        } catch (_error) {
            // Shown by the connection banner.
        } finally {
            this._resyncing = false;
            this.notify();
        }
    }

    async loadMoreRows() {
        if (!this.state.hasMore || this.state.listLoading) {
            return;
        }
        const request = ++this._listRequest;
        this.state.listLoading = true;
        this.notify();
        try {
            const list = await this._call(
                "workspace_list",
                Object.assign(this._listKwargs(), {
                    offset: this.state.rows.length,
                    limit: LIST_LIMIT,
                })
            );
            if (request === this._listRequest) {
                this._setList(list, true);
            }
        } finally {
            if (request === this._listRequest) {
                this.state.listLoading = false;
            }
            this.notify();
        }
    }

    setTab(tab) {
        this.state.tab = tab;
        return this.loadList();
    }

    setSort(sort) {
        this.state.sort = sort;
        return this.loadList();
    }

    setFilters(filters) {
        Object.assign(this.state, filters);
        return this.loadList();
    }

    /**
     * Whether a row belongs to the current tab (after a notification).
     *
     * @param {Object} row
     * @returns {Boolean}
     */
    rowBelongsToTab(row) {
        const { tab, channelKind, connectorId } = this.state;
        if (channelKind && row.channel_kind !== channelKind) {
            return false;
        }
        if (connectorId && row.connector && row.connector.id !== connectorId) {
            return false;
        }
        if (tab === "snoozed") {
            return row.is_mine && Boolean(row.snoozed);
        }
        if (row.snoozed && tab !== "all") {
            return false;
        }
        if (tab === "mine") {
            return row.is_mine && row.state !== "done";
        }
        if (tab === "queue") {
            return row.state === "new" && !row.agent;
        }
        if (tab === "team") {
            return row.state !== "done";
        }
        return true;
    }

    /**
     * Insert, update or remove one row, keeping the list ordered by the last
     * message (newest first).
     *
     * @param {Object|false} row
     * @param {Number} conversationId
     */
    upsertRow(row, conversationId) {
        const id = row ? row.id : conversationId;
        const index = this.state.rows.findIndex((r) => r.id === id);
        const searching = Boolean(this.state.search);
        if (!row || !this.rowBelongsToTab(row)) {
            if (index >= 0 && id !== this.state.activeId) {
                this.state.rows.splice(index, 1);
            } else if (index >= 0) {
                this.state.rows.splice(index, 1, row || this.state.rows[index]);
            }
        } else if (index >= 0) {
            this.state.rows.splice(index, 1, row);
        } else if (!searching) {
            this.state.rows.push(row);
        }
        this.state.rows.sort((a, b) => {
            if (this.state.sort === "sla") {
                // Nearest SLA due first, rows without an SLA after (as the server).
                const sa = (a.sla && a.sla.due) || "";
                const sb = (b.sla && b.sla.due) || "";
                if (sa !== sb) {
                    if (!sa || !sb) {
                        return sa ? -1 : 1;
                    }
                    return sa < sb ? -1 : 1;
                }
            }
            const da = a.last_message_date || "";
            const db = b.last_message_date || "";
            if (da === db) {
                return b.id - a.id;
            }
            return da < db ? 1 : -1;
        });
    }

    async refreshRow(conversationId) {
        let row = false;
        try {
            row = await this._call("workspace_row", { conversation_id: conversationId });
        } catch (error) {
            if (isConnectionError(error)) {
                return false;
            }
            // No longer readable (transferred to another team): it leaves the list.
            row = false;
        }
        this.upsertRow(row, conversationId);
        return row;
    }

    async refreshCounts() {
        try {
            const me = await this._call("workspace_me", {});
            this.state.me = me;
            this.state.counts.queue = me.queue_count;
        } catch (_error) {
            // The counters catch up with the next notification.
        }
    }

    // ------------------------------------------------------------------
    // Thread
    // ------------------------------------------------------------------

    _setMessages(messages, hasMore) {
        this.messagesById = new Map();
        this.state.messages = [];
        this.state.threadHasMore = hasMore;
        this._mergeMessages(messages);
    }

    /**
     * Add or update messages by id; an optimistic bubble with the same
     * client_uuid is replaced by the server's message.
     *
     * @param {Array<Object>} messages
     */
    _mergeMessages(messages) {
        for (const message of messages) {
            if (this.state.timeline) {
                // The timeline mixes conversations of the same customer.
            } else if (message.conversation_id && message.conversation_id !== this.state.activeId) {
                continue;
            }
            if (message.client_uuid) {
                const pendingIndex = this.state.messages.findIndex(
                    (m) => m.pending && m.client_uuid === message.client_uuid
                );
                if (pendingIndex >= 0) {
                    this.state.messages.splice(pendingIndex, 1);
                }
            }
            const existing = this.messagesById.get(message.id);
            if (existing) {
                Object.assign(existing, message);
                continue;
            }
            this.messagesById.set(message.id, message);
            this.state.messages.push(message);
        }
        this.state.messages.sort((a, b) => {
            if (a.pending !== b.pending) {
                return a.pending ? 1 : -1;
            }
            return a.pending ? 0 : a.id - b.id;
        });
    }

    _lastMessageId() {
        let last = 0;
        for (const id of this.messagesById.keys()) {
            last = Math.max(last, id);
        }
        return last;
    }

    _firstMessageId() {
        let first = false;
        for (const id of this.messagesById.keys()) {
            first = first === false ? id : Math.min(first, id);
        }
        return first;
    }

    async openConversation(conversationId) {
        if (!conversationId) {
            this.state.activeId = false;
            this.state.panel = false;
            this._setMessages([], false);
            this.notify();
            return;
        }
        const request = ++this._threadRequest;
        this.state.activeId = conversationId;
        this.state.timeline = false;
        this.state.actionError = false;
        this.state.threadLoading = true;
        this.state.panel = false;
        this._setMessages([], false);
        this.notify();
        try {
            const [thread, panel] = await Promise.all([
                this._call("workspace_thread", {
                    conversation_id: conversationId,
                    limit: THREAD_LIMIT,
                }),
                this._call("workspace_panel", { conversation_id: conversationId }),
            ]);
            if (request !== this._threadRequest) {
                return;
            }
            this._setMessages(thread.messages, thread.has_more);
            this.state.panel = panel;
        } catch (error) {
            if (request === this._threadRequest) {
                this.state.actionError = errorMessage(error);
            }
        }
        if (request === this._threadRequest) {
            this.state.threadLoading = false;
            this.notify();
            this._markReadIfOwner();
        }
    }

    async loadOlder() {
        if (!this.state.threadHasMore || this.state.threadLoading || !this.state.activeId) {
            return false;
        }
        const request = this._threadRequest;
        this.state.threadLoading = true;
        this.notify();
        try {
            const method = this.state.timeline ? "workspace_timeline" : "workspace_thread";
            const result = await this._call(method, {
                conversation_id: this.state.activeId,
                before_id: this._firstMessageId(),
                limit: THREAD_LIMIT,
            });
            if (request === this._threadRequest) {
                this._mergeMessages(result.messages);
                this.state.threadHasMore = result.has_more;
            }
        } finally {
            if (request === this._threadRequest) {
                this.state.threadLoading = false;
            }
            this.notify();
        }
        return true;
    }

    async setTimeline(on) {
        if (!this.state.activeId) {
            return;
        }
        const request = ++this._threadRequest;
        this.state.timeline = on;
        this.state.threadLoading = true;
        this._setMessages([], false);
        this.notify();
        try {
            const method = on ? "workspace_timeline" : "workspace_thread";
            const result = await this._call(method, {
                conversation_id: this.state.activeId,
                limit: THREAD_LIMIT,
            });
            if (request === this._threadRequest) {
                this._setMessages(result.messages, result.has_more);
            }
        } catch (error) {
            this.state.actionError = errorMessage(error);
        }
        if (request === this._threadRequest) {
            this.state.threadLoading = false;
        }
        this.notify();
    }

    async fetchNewMessages() {
        const conversationId = this.state.activeId;
        if (!conversationId) {
            return;
        }
        const result = await this._call("workspace_thread", {
            conversation_id: conversationId,
            after_id: this._lastMessageId() || false,
            limit: THREAD_LIMIT,
        });
        if (conversationId === this.state.activeId) {
            this._mergeMessages(result.messages);
        }
        return result.messages.length;
    }

    /**
     * Read the active conversation's latest page again: updates the bubbles
     * already shown (a failure's reason and Retry, reactions).
     */
    async _refreshRecentMessages() {
        const conversationId = this.state.activeId;
        if (!conversationId) {
            return;
        }
        const result = await this._call("workspace_thread", {
            conversation_id: conversationId,
            limit: THREAD_LIMIT,
        });
        if (conversationId === this.state.activeId) {
            this._mergeMessages(result.messages);
        }
    }

    async refreshPanel() {
        const conversationId = this.state.activeId;
        if (!conversationId) {
            return;
        }
        try {
            const panel = await this._call("workspace_panel", {
                conversation_id: conversationId,
            });
            if (conversationId === this.state.activeId) {
                this.state.panel = panel;
            }
        } catch (_error) {
            // Not readable any more: keep what is shown; the row leaves the list.
        }
    }

    /** The owner reads; a supervisor watching never marks read for the agent. */
    async _markReadIfOwner() {
        const row = this.activeRow;
        const panel = this.state.panel;
        if (!panel || !panel.permissions || !panel.permissions.is_owner) {
            return;
        }
        if (!row || !row.unread_count) {
            return;
        }
        await this.action("mark_read");
    }

    // ------------------------------------------------------------------
    // Drafts
    // ------------------------------------------------------------------

    draft(conversationId) {
        if (!this.drafts.has(conversationId)) {
            this.drafts.set(conversationId, { body: "", attachments: [], replyTo: false });
        }
        return this.drafts.get(conversationId);
    }

    setDraftBody(conversationId, body) {
        this.draft(conversationId).body = body;
    }

    clearDraft(conversationId) {
        this.drafts.set(conversationId, { body: "", attachments: [], replyTo: false });
    }

    /** Quote a message in the next answer (false: no quote). */
    setReplyTo(conversationId, message) {
        this.draft(conversationId).replyTo = message
            ? {
                  id: message.id,
                  preview: (message.body || "").slice(0, 140),
                  author: message.author ? message.author.name : false,
                  direction: message.direction,
              }
            : false;
        this.notify();
    }

    // ------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------

    /**
     * Show the message at once as queued, then replace it by the server's
     * message. A refusal removes the bubble and gives the text back.
     *
     * @returns {Promise<{ok: Boolean, error?: String}>}
     */
    async post(conversationId, body, attachments, replyTo) {
        const replyToId = replyTo ? replyTo.id : false;
        const clientUuid = newClientUuid();
        const me = this.state.me || {};
        const pending = {
            id: `pending-${clientUuid}`,
            client_uuid: clientUuid,
            pending: true,
            conversation_id: conversationId,
            direction: "outbound",
            message_type: attachments.length ? "media" : "text",
            body,
            author: { id: me.user_partner_id || false, name: this.userName || "" },
            date: moment.utc().format("YYYY-MM-DD HH:mm:ss"),
            state: "queued",
            attachments: attachments.map((a) => ({
                id: a.id,
                name: a.name,
                mimetype: a.mimetype,
                url: `/web/content/${a.id}`,
                download_url: `/web/content/${a.id}?download=true`,
                image_url: (a.mimetype || "").startsWith("image/") ? `/web/image/${a.id}` : false,
            })),
            event: false,
            reply_to: replyTo || false,
        };
        if (conversationId === this.state.activeId) {
            this.state.messages.push(pending);
        }
        this.clearDraft(conversationId);
        this.notify();
        try {
            const result = await this._call("workspace_post", {
                conversation_id: conversationId,
                body,
                attachment_ids: attachments.map((a) => a.id),
                reply_to_id: replyToId || false,
                client_uuid: clientUuid,
            });
            const messages = (result.messages || [result.message]).filter(Boolean);
            if (messages.length) {
                messages[0] = Object.assign({ client_uuid: clientUuid }, messages[0]);
            }
            if (conversationId === this.state.activeId) {
                this._mergeMessages(messages);
            }
            if (result.row) {
                this.upsertRow(result.row, conversationId);
            }
            this.notify();
            return { ok: true };
        } catch (error) {
            const index = this.state.messages.indexOf(pending);
            if (index >= 0) {
                this.state.messages.splice(index, 1);
            }
            // Give the text back, unless the agent already typed something new.
            const current = this.draft(conversationId);
            if (!current.body && !current.attachments.length) {
                this.drafts.set(conversationId, {
                    body,
                    attachments: attachments.slice(),
                    replyTo: replyTo || false,
                });
            }
            this.notify();
            return { ok: false, error: errorMessage(error) };
        }
    }

    async sendTemplate(conversationId, templateId, values) {
        try {
            const result = await this._call("workspace_send_template", {
                conversation_id: conversationId,
                template_id: templateId,
                values,
            });
            this._afterSend(conversationId, result);
            return { ok: true };
        } catch (error) {
            return { ok: false, error: errorMessage(error) };
        }
    }

    async sendSmsFallback(conversationId, body) {
        try {
            const result = await this._call("workspace_send_sms_fallback", {
                conversation_id: conversationId,
                body,
            });
            if (result.conversation_id && result.conversation_id !== conversationId) {
                if (result.row) {
                    this.upsertRow(result.row, result.conversation_id);
                }
                await this.openConversation(result.conversation_id);
            } else {
                this._afterSend(conversationId, result);
            }
            return { ok: true };
        } catch (error) {
            return { ok: false, error: errorMessage(error) };
        }
    }

    _afterSend(conversationId, result) {
        const messages = (result.messages || [result.message]).filter(Boolean);
        if (messages.length && conversationId === this.state.activeId) {
            this._mergeMessages(messages);
        }
        if (result.row) {
            this.upsertRow(result.row, conversationId);
        }
        this.notify();
    }

    // ------------------------------------------------------------------
    // Conversation actions
    // ------------------------------------------------------------------

    /**
     * @param {String} action take, release, close, reopen, transfer, ...
     * @param {Object} [kwargs]
     * @returns {Promise<Boolean>}
     */
    async action(action, kwargs) {
        const conversationId = this.state.activeId;
        if (!conversationId) {
            return false;
        }
        this.state.actionError = false;
        try {
            const result = await this._call(
                "workspace_action",
                Object.assign({ conversation_id: conversationId, action }, kwargs || {})
            );
            if (!result.row && !result.panel) {
                // No longer readable (released or transferred away): it leaves.
                const index = this.state.rows.findIndex((r) => r.id === conversationId);
                if (index >= 0) {
                    this.state.rows.splice(index, 1);
                }
                if (conversationId === this.state.activeId) {
                    await this.openConversation(false);
                }
                await this.refreshCounts();
                this.notify();
                return true;
            }
            if (result.row) {
                this.upsertRow(result.row, conversationId);
            }
            if (conversationId === this.state.activeId) {
                if (result.panel) {
                    this.state.panel = result.panel;
                }
                const retried = kwargs && this.messagesById.get(kwargs.message_id);
                if (retried && (action === "retry" || action === "retry_anyway")) {
                    // Queued again (the server said so by not refusing).
                    Object.assign(retried, {
                        state: "queued",
                        failure_reason: false,
                        can_retry: false,
                        can_retry_anyway: false,
                    });
                } else if (retried && action === "retry_download") {
                    Object.assign(retried, { media_state: "pending", can_retry_download: false });
                }
                if (action !== "mark_read") {
                    await this.fetchNewMessages();
                }
            }
            if (["take", "release", "transfer", "close", "reopen"].includes(action)) {
                await this.refreshCounts();
            }
            if (["snooze", "wake_up"].includes(action)) {
                // It leaves (or comes back to) Mine, and the Snoozed tab counts it.
                await this.loadList();
            }
            if (action === "take") {
                this._markReadIfOwner();
                if (this.state.tab === "queue" && conversationId === this.state.activeId) {
                    // Taken: it is mine now. Show it among mine (still open)
                    // rather than leave it in a Queue it no longer belongs to.
                    await this.setTab("mine");
                }
            }
            this.notify();
            return true;
        } catch (error) {
            this.state.actionError = errorMessage(error);
            this.notify();
            return false;
        }
    }

    async setPresence(presence) {
        const me = await this._call("workspace_set_presence", { presence });
        this.state.me = me;
        this.notify();
        return me;
    }

    async newConversation(connectorId, partnerId, number) {
        const result = await this._call("workspace_new_conversation", {
            connector_id: connectorId,
            partner_id: partnerId || false,
            number: number || false,
        });
        if (result.row) {
            this.upsertRow(result.row, result.conversation_id);
            if (!this.state.rows.find((row) => row.id === result.conversation_id)) {
                this.state.rows.unshift(result.row);
            }
        }
        await this.openConversation(result.conversation_id);
        return result;
    }

    // ------------------------------------------------------------------
    // Bus
    // ------------------------------------------------------------------

    /**
     * React to a batch of bus notifications. Every handler is idempotent:
     * the bus replays the last notifications after a reconnect.
     *
     * @param {Array<{type: String, payload: Object}>} notifications
     */
    async onNotifications(notifications) {
        const relevant = (notifications || []).filter(
            (n) =>
                n &&
                typeof n.type === "string" &&
                CC_TYPE_PREFIXES.some((prefix) => n.type.startsWith(prefix)) &&
                n.payload
        );
        if (!relevant.length) {
            return;
        }
        const rowIds = new Set();
        const inboundIds = new Set();
        let threadNew = false;
        let panelChanged = false;
        let countsChanged = false;
        const problemIds = [];
        for (const { type, payload } of relevant) {
            const conversationId =
                "conversation_id" in payload ? payload.conversation_id : payload.id;
            if (type === "cc.message/state") {
                const message = this.messagesById.get(payload.id);
                if (message) {
                    message.state = payload.state;
                    if ("failure_reason" in payload) {
                        message.failure_reason = payload.failure_reason;
                    }
                    if (["failed", "unknown"].includes(payload.state)) {
                        threadNew = true;
                        // Its reason and Retry button come with the bubble.
                        problemIds.push(payload.id);
                        if (conversationId === this.state.activeId) {
                            // e.g. the sandbox's "next message fails" is used up.
                            panelChanged = true;
                        }
                    }
                }
                rowIds.add(conversationId);
                continue;
            }
            rowIds.add(conversationId);
            if (type === "cc.message/new") {
                const known = payload.message_id && this.messagesById.has(payload.message_id);
                if (conversationId === this.state.activeId && !known) {
                    threadNew = true;
                }
                const announced =
                    payload.message_id && this._announcedMessageIds.has(payload.message_id);
                if (payload.message_id) {
                    this._announcedMessageIds.add(payload.message_id);
                }
                if (!known && !announced && payload.direction !== "outbound") {
                    inboundIds.add(conversationId);
                }
            } else {
                countsChanged = true;
                if (conversationId === this.state.activeId) {
                    panelChanged = true;
                    threadNew = true;
                }
            }
        }
        this.notify();
        const rows = await Promise.all([...rowIds].map((id) => this.refreshRow(id)));
        if (threadNew) {
            try {
                const fetched = await this.fetchNewMessages();
                if (problemIds.length || (fetched === 0 && inboundIds.has(this.state.activeId))) {
                    // A failure (its reason, Retry) or a message shown on a
                    // bubble rather than as one (a reaction): read the
                    // recent bubbles again.
                    await this._refreshRecentMessages();
                }
            } catch (_error) {
                // Shown by the connection banner; the next notification retries.
            }
            if (this.state.activeId && inboundIds.has(this.state.activeId)) {
                this._markReadIfOwner();
            }
        }
        if (panelChanged) {
            await this.refreshPanel();
        }
        if (countsChanged) {
            await this.refreshCounts();
        }
        this.notify();
        const inboundRows = rows.filter((row) => row && inboundIds.has(row.id));
        if (inboundRows.length) {
            this.onInbound(inboundRows);
        }
    }
}
