/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The agent workspace components against a fake cc.workspace server: the
 * list reorders itself on a notification, a replayed notification adds no
 * second bubble, each conversation keeps its own draft, customer HTML is
 * shown as inert text, a send shows at once and a refusal gives the text
 * back, and a supervisor watching never marks read.
 */

import { registry } from "@web/core/registry";
import { makeTestEnv } from "@web/../tests/helpers/mock_env";
import { makeFakeLocalizationService } from "@web/../tests/helpers/mock_services";
import { getFixture } from "@web/../tests/helpers/utils";
import { WorkspaceRoot } from "@cc_core/workspace/workspace_root";
import { WorkspaceStore } from "@cc_core/workspace/workspace_store";
import { ME, message, row, settle } from "./fixtures";
import { whatsappTokens } from "@cc_core/workspace/text_tokens";

const { mount } = owl;

function panel(conversationId, permissions) {
    return {
        conversation: {
            id: conversationId,
            name: `Customer ${conversationId}`,
            state: "current",
            cycle: 1,
            stage: false,
            priority: "0",
            tags: [],
            note: "",
            team: false,
            agent: { id: 1, name: "Ana" },
            related_document: false,
            address: "+5511900000001",
            address_display: "+55 11 9000-0001",
            channel_kind: "whatsapp",
            connector: { id: 1, name: "WhatsApp Loja" },
            is_opted_out: false,
        },
        partner: false,
        numbers: ["+55 11 9000-0001"],
        other_conversations: [],
        activities: [],
        permissions: Object.assign(
            {
                can_send: true,
                can_take: false,
                can_release: true,
                can_transfer: true,
                can_close: true,
                can_reopen: false,
                is_owner: true,
                is_supervisor: false,
                can_edit: true,
            },
            permissions || {}
        ),
        composer: {
            channel_kind: "whatsapp",
            attachments_allowed: true,
            mode: "text",
            sms: false,
            whatsapp: { window_open: true, window_end: false, templates: [], sms_fallback: { available: false, reason: "" } },
        },
    };
}

/**
 * A fake cc.workspace: `handlers[method](kwargs)`, every call recorded.
 */
function makeServer(handlers) {
    const calls = [];
    const rpc = async (method, kwargs) => {
        calls.push({ method, kwargs });
        if (!handlers[method]) {
            throw new Error(`unexpected call ${method}`);
        }
        return handlers[method](kwargs);
    };
    return { rpc, calls };
}

async function start(server, storeParams) {
    registry.category("services").add("localization", makeFakeLocalizationService());
    const env = await makeTestEnv();
    const store = new WorkspaceStore(Object.assign({ rpc: server.rpc }, storeParams || {}));
    await store.start(false);
    const target = getFixture();
    const root = await mount(WorkspaceRoot, { env, target, props: { store } });
    return { store, root, target };
}

function rowNames(target) {
    return [...target.querySelectorAll(".o_cc_ws_row .o_cc_ws_row_name")].map((el) => el.textContent);
}

async function openRow(target, id) {
    target.querySelector(`.o_cc_ws_row[data-id="${id}"]`).click();
    await settle();
}

QUnit.module("cc_core_workspace", {}, function () {
    QUnit.test("the list reorders itself when a message arrives", async function (assert) {
        const rows = { 1: row(1, { last_message_date: "2026-12-01 10:05:00" }), 2: row(2) };
        const server = makeServer({
            workspace_open: () => ({
                list: { rows: [rows[1], rows[2]], has_more: false, counts: { mine: 2 } },
                thread: false,
                panel: false,
                me: ME,
            }),
            workspace_row: ({ conversation_id }) => rows[conversation_id],
        });
        const { root, target } = await start(server);
        assert.deepEqual(rowNames(target), ["Customer 1", "Customer 2"]);

        rows[2] = row(2, { last_message_date: "2026-12-01 10:07:00", preview: "Chegou?", unread_count: 1 });
        await root.props.store.onNotifications([
            { type: "cc.message/new", payload: { id: 2, message_id: 20 } },
        ]);
        await settle();
        assert.deepEqual(rowNames(target), ["Customer 2", "Customer 1"], "the newest conversation moves to the top");
        assert.strictEqual(target.querySelector('.o_cc_ws_row[data-id="2"] .o_cc_ws_unread').textContent, "1");
        assert.strictEqual(target.querySelector('.o_cc_ws_row[data-id="2"] .o_cc_ws_row_preview').textContent, "Chegou?");

        await root.props.store.onNotifications([
            { type: "mail.message/inbox", payload: { id: 2 } },
            { type: "bus/im_status", payload: {} },
        ]);
        assert.strictEqual(server.calls.filter((c) => c.method === "workspace_row").length, 1,
            "other notifications are ignored");
        root.destroy();
    });

    QUnit.test("SLA badges, the SLA order and a snoozed conversation leaving Mine", async function (assert) {
        const rows = {
            1: row(1, { last_message_date: "2026-12-01 10:09:00" }),
            2: row(2, { sla: { state: "at_risk", due: "2026-12-01 10:20:00" } }),
            3: row(3, { sla: { state: "breached", due: "2026-12-01 10:00:00" }, last_message_date: "2026-12-01 09:00:00" }),
        };
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [rows[1], rows[2], rows[3]], has_more: false, counts: { mine: 3 } }, thread: false, panel: false, me: ME }),
            workspace_list: ({ sort }) => ({
                rows: sort === "sla" ? [rows[3], rows[2], rows[1]] : [rows[1], rows[2], rows[3]],
                has_more: false,
                counts: { mine: 3 },
            }),
            workspace_row: ({ conversation_id }) => rows[conversation_id],
            workspace_me: () => ME,
        });
        const { root, store, target } = await start(server);
        assert.strictEqual(target.querySelector('.o_cc_ws_row[data-id="3"] .o_cc_ws_sla').textContent, "SLA breached");
        assert.ok(target.querySelector('.o_cc_ws_row[data-id="2"] .o_cc_ws_sla').classList.contains("badge-warning"));
        assert.notOk(target.querySelector('.o_cc_ws_row[data-id="1"] .o_cc_ws_sla'), "no SLA, no badge");

        target.querySelector(".o_cc_ws_sort").click();
        await settle();
        assert.strictEqual(server.calls.filter((c) => c.method === "workspace_list").pop().kwargs.sort, "sla");
        assert.deepEqual(rowNames(target), ["Customer 3", "Customer 2", "Customer 1"], "nearest due first");

        // A message on the row without SLA keeps it after the promises due.
        rows[1] = row(1, { last_message_date: "2026-12-01 11:00:00" });
        await store.onNotifications([{ type: "cc.message/new", payload: { id: 1, message_id: 10 } }]);
        await settle();
        assert.deepEqual(rowNames(target), ["Customer 3", "Customer 2", "Customer 1"]);

        rows[2] = row(2, { snoozed: { until: "2026-12-02 09:00:00" } });
        await store.onNotifications([{ type: "cc.conversation/snoozed", payload: { id: 2 } }]);
        await settle();
        assert.deepEqual(rowNames(target), ["Customer 3", "Customer 1"], "a snoozed conversation leaves Mine");
        root.destroy();
    });

    QUnit.test("a conversation taken by someone else leaves my queue at once", async function (assert) {
        const rows = { 5: row(5, { state: "new", agent: false, is_mine: false }) };
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [rows[5]], has_more: false, counts: { queue: 1 } }, thread: false, panel: false, me: ME }),
            workspace_list: () => ({ rows: [rows[5]], has_more: false, counts: { queue: 1 } }),
            workspace_row: ({ conversation_id }) => rows[conversation_id],
            workspace_me: () => Object.assign({}, ME, { queue_count: 0 }),
        });
        const { root, store, target } = await start(server);
        await store.setTab("queue");
        await settle();
        assert.deepEqual(rowNames(target), ["Customer 5"]);
        rows[5] = row(5, { state: "current", agent: { id: 9, name: "Bruno" }, is_mine: false });
        await store.onNotifications([{ type: "cc.conversation/taken", payload: { id: 5 } }]);
        await settle();
        assert.deepEqual(rowNames(target), [], "gone from the queue");
        root.destroy();
    });

    QUnit.test("WhatsApp emphasis marks show as emphasis, as inert text", function (assert) {
        const tokens = whatsappTokens("*Ana*\nOlá _Maria_, 2*3*4 ~R$ 10~ *<b>oi</b>* www.loja.com.br");
        assert.deepEqual(
            tokens.map((t) => [t.style || t.type, t.value]),
            [
                ["bold", "Ana"],
                ["text", "\nOlá "],
                ["italic", "Maria"],
                ["text", ", 2*3*4 "],
                ["strike", "R$ 10"],
                ["text", " "],
                ["bold", "<b>oi</b>"],
                ["text", " "],
                ["link", "www.loja.com.br"],
            ]
        );
    });

    QUnit.test("a message that fails shows its reason and Retry without a reload", async function (assert) {
        let failed = false;
        const sent = () =>
            message(2, 1, {
                direction: "outbound",
                body: "Resposta",
                state: failed ? "failed" : "queued",
                failure_reason: failed ? "O conector não está ativo." : false,
                can_retry: failed,
            });
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1)], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: ({ after_id }) => ({
                messages: after_id ? [] : [message(1, 1), sent()],
                has_more: false,
            }),
            workspace_panel: () => panel(1),
            workspace_row: () => row(1),
        });
        const { root, store, target } = await start(server);
        await openRow(target, 1);
        assert.containsNone(target, ".o_cc_ws_retry");
        failed = true;
        await store.onNotifications([{ type: "cc.message/state", payload: { id: 2, conversation_id: 1, state: "failed" } }]);
        await settle();
        assert.containsOnce(target, ".o_cc_ws_msg_out .o_cc_ws_retry");
        assert.ok(target.querySelector(".o_cc_ws_failure").textContent.includes("O conector não está ativo."));
        root.destroy();
    });

    QUnit.test("a conversation I take moves with me to Mine, still open", async function (assert) {
        const queued = row(5, { state: "new", agent: false, is_mine: false });
        const taken = row(5, { state: "current", agent: { id: 1, name: "Ana" }, is_mine: true });
        let isTaken = false;
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [queued], has_more: false, counts: { queue: 1 } }, thread: false, panel: false, me: ME }),
            workspace_list: ({ tab }) => ({
                rows: tab === "mine" ? (isTaken ? [taken] : []) : isTaken ? [] : [queued],
                has_more: false,
                counts: { queue: isTaken ? 0 : 1, mine: isTaken ? 1 : 0 },
            }),
            workspace_thread: () => ({ messages: [message(1, 5)], has_more: false }),
            workspace_panel: () => panel(5, { can_send: false, can_take: true, is_owner: false }),
            workspace_action: () => {
                isTaken = true;
                return { row: taken, panel: panel(5) };
            },
            workspace_me: () => ME,
            workspace_counts: () => ({ queue: 0, mine: 1 }),
        });
        const { root, store, target } = await start(server);
        await store.setTab("queue");
        await settle();
        await openRow(target, 5);
        await store.action("take");
        await settle();
        assert.strictEqual(store.state.tab, "mine");
        assert.deepEqual(rowNames(target), ["Customer 5"]);
        assert.strictEqual(store.state.activeId, 5, "still open");
        root.destroy();
    });

    QUnit.test("a replayed notification adds no second bubble", async function (assert) {
        const announced = [];
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1, { unread_count: 0 })], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: ({ after_id }) => ({
                // A server (or a replay) handing back a message already shown.
                messages: after_id ? [message(2, 1, { body: "Segunda" })] : [message(1, 1, { body: "Primeira" })],
                has_more: false,
            }),
            workspace_panel: () => panel(1),
            workspace_row: () => row(1, { last_message_date: "2026-12-01 10:09:00" }),
        });
        const { root, store, target } = await start(server, { onInbound: (rows) => announced.push(...rows) });
        await openRow(target, 1);
        assert.containsN(target, ".o_cc_ws_msg", 1);

        const notification = { type: "cc.message/new", payload: { id: 1, message_id: 2 } };
        await store.onNotifications([notification]);
        await settle();
        assert.containsN(target, ".o_cc_ws_msg", 2, "the new message shows");

        // The bus replays after a reconnect: same notification, twice.
        await store.onNotifications([notification, notification]);
        await settle();
        assert.containsN(target, ".o_cc_ws_msg", 2, "no duplicate bubble");
        assert.strictEqual(announced.length, 1, "announced once");

        // State ticks move by themselves; a replay changes nothing more.
        store.messagesById.get(2).direction = "outbound";
        await store.onNotifications([{ type: "cc.message/state", payload: { id: 2, conversation_id: 1, state: "delivered" } }]);
        await store.onNotifications([{ type: "cc.message/state", payload: { id: 2, conversation_id: 1, state: "delivered" } }]);
        await settle();
        assert.containsOnce(target, '.o_cc_ws_msg[data-id="2"] .o_cc_ws_state[data-state="delivered"]');
        assert.containsN(target, ".o_cc_ws_msg", 2);
        root.destroy();
    });

    QUnit.test("each conversation keeps its own draft", async function (assert) {
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1), row(2, { last_message_date: "2026-12-01 09:00:00" })], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: ({ conversation_id }) => ({ messages: [message(conversation_id * 10, conversation_id)], has_more: false }),
            workspace_panel: ({ conversation_id }) => panel(conversation_id),
        });
        const { root, target } = await start(server);
        const type = async (text) => {
            const textarea = target.querySelector(".o_cc_ws_textarea");
            textarea.value = text;
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
            await settle();
        };
        await openRow(target, 1);
        await type("Olá Maria, seu pedido");
        await openRow(target, 2);
        assert.strictEqual(target.querySelector(".o_cc_ws_textarea").value, "", "no draft carried over");
        await type("Bom dia João");
        await openRow(target, 1);
        assert.strictEqual(target.querySelector(".o_cc_ws_textarea").value, "Olá Maria, seu pedido", "draft restored");
        await openRow(target, 2);
        assert.strictEqual(target.querySelector(".o_cc_ws_textarea").value, "Bom dia João");
        root.destroy();
    });

    QUnit.test("customer HTML and scripts are shown as inert text", async function (assert) {
        window.__ccXss = undefined;
        const hostile = '<img src=x onerror="window.__ccXss=1"> <script>window.__ccXss=2<\/script> <b>bold</b> ' +
            "see https://example.com/pedido?id=7. and javascript:window.__ccXss=3";
        const server = makeServer({
            workspace_open: () => ({
                list: { rows: [row(1, { name: '<img src=x onerror="window.__ccXss=4">', preview: hostile })], has_more: false, counts: {} },
                thread: false, panel: false, me: ME,
            }),
            workspace_thread: () => ({
                messages: [message(1, 1, {
                    body: hostile,
                    reply_to: { id: 0, preview: "<script>window.__ccXss=5<\/script>", direction: "outbound", author: "<i>Ana</i>" },
                    contact: { name: "<b>Zé</b>", phones: ["<img src=y>"] },
                })],
                has_more: false,
            }),
            workspace_panel: () => panel(1),
        });
        const { root, target } = await start(server);
        await openRow(target, 1);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const body = target.querySelector(".o_cc_ws_msg .o_cc_ws_msg_body");
        assert.strictEqual(body.textContent, hostile, "the text is shown as typed");
        assert.strictEqual(body.querySelectorAll("img, script, b").length, 0, "no element from the text");
        const links = body.querySelectorAll("a");
        assert.strictEqual(links.length, 1, "only the http(s) URL became a link");
        assert.strictEqual(links[0].getAttribute("href"), "https://example.com/pedido?id=7");
        assert.strictEqual(links[0].getAttribute("rel"), "noopener noreferrer");
        assert.strictEqual(links[0].getAttribute("target"), "_blank");
        assert.strictEqual(target.querySelectorAll(".o_cc_ws_row img, .o_cc_ws_quote script, .o_cc_ws_contact img, .o_cc_ws_contact b").length, 0);
        assert.strictEqual(target.querySelector(".o_cc_ws_row .o_cc_ws_row_name").textContent, '<img src=x onerror="window.__ccXss=4">');
        assert.strictEqual(window.__ccXss, undefined, "nothing executed");
        root.destroy();
    });

    QUnit.test("a send shows at once; a refused send gives the text back", async function (assert) {
        let refuse = false;
        let release;
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1)], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: () => ({ messages: [message(1, 1)], has_more: false }),
            workspace_panel: () => panel(1),
            workspace_post: ({ body, client_uuid }) => new Promise((resolve, reject) => {
                release = () => {
                    if (refuse) {
                        const error = new Error("refused");
                        error.data = { message: "O cliente pediu descadastramento." };
                        reject(error);
                    } else {
                        resolve({ message: message(2, 1, { direction: "outbound", body, state: "queued", client_uuid }), row: row(1) });
                    }
                };
            }),
        });
        const { root, target } = await start(server);
        await openRow(target, 1);
        const textarea = target.querySelector(".o_cc_ws_textarea");
        textarea.value = "Seu pedido saiu";
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        await settle();
        assert.containsOnce(target, ".o_cc_ws_msg_pending", "shown before the server answers");
        assert.containsOnce(target, '.o_cc_ws_msg_pending .o_cc_ws_state[data-state="queued"]');
        assert.strictEqual(target.querySelector(".o_cc_ws_textarea").value, "");
        release();
        await settle();
        assert.containsNone(target, ".o_cc_ws_msg_pending");
        assert.containsN(target, ".o_cc_ws_msg", 2, "replaced by the server's message, not added");

        refuse = true;
        const textarea2 = target.querySelector(".o_cc_ws_textarea");
        textarea2.value = "Outra mensagem";
        textarea2.dispatchEvent(new Event("input", { bubbles: true }));
        target.querySelector(".o_cc_ws_send").click();
        await settle();
        release();
        await settle();
        assert.containsN(target, ".o_cc_ws_msg", 2, "no bubble for a refused send");
        assert.strictEqual(target.querySelector(".o_cc_ws_textarea").value, "Outra mensagem", "the text is kept");
        assert.strictEqual(target.querySelector(".o_cc_ws_composer_error").textContent, "O cliente pediu descadastramento.");
        root.destroy();
    });

    QUnit.test("a supervisor watching never marks read; the owner does", async function (assert) {
        let isOwner = false;
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1, { unread_count: 2, is_mine: false }), row(2, { unread_count: 1, last_message_date: "2026-12-01 09:00:00" })], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: () => ({ messages: [], has_more: false }),
            workspace_panel: ({ conversation_id }) => panel(conversation_id, { is_owner: isOwner, is_supervisor: !isOwner, can_send: isOwner }),
            workspace_action: ({ conversation_id }) => ({ row: row(conversation_id, { unread_count: 0 }), panel: panel(conversation_id) }),
        });
        const { root, target } = await start(server);
        await openRow(target, 1);
        assert.strictEqual(server.calls.filter((c) => c.method === "workspace_action").length, 0, "not read for the agent");
        isOwner = true;
        await openRow(target, 2);
        const actions = server.calls.filter((c) => c.method === "workspace_action");
        assert.deepEqual(actions.map((c) => [c.kwargs.action, c.kwargs.conversation_id]), [["mark_read", 2]]);
        root.destroy();
    });

    QUnit.test("older messages load on scroll up, in order, once", async function (assert) {
        const all = [];
        for (let id = 1; id <= 45; id++) {
            all.push(message(id, 1, { body: `Mensagem ${id}` }));
        }
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1)], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: ({ before_id, limit }) => {
                const older = before_id ? all.filter((m) => m.id < before_id) : all;
                const page = older.slice(-limit);
                return { messages: page, has_more: older.length > page.length };
            },
            workspace_panel: () => panel(1),
        });
        const { root, target } = await start(server);
        await openRow(target, 1);
        assert.containsN(target, ".o_cc_ws_msg", 30, "the newest 30");
        const scroll = target.querySelector(".o_cc_ws_messages");
        scroll.scrollTop = 0;
        scroll.dispatchEvent(new Event("scroll"));
        await settle();
        const threadCalls = server.calls.filter((c) => c.method === "workspace_thread");
        assert.strictEqual(threadCalls[threadCalls.length - 1].kwargs.before_id, 16, "asks for what is before the oldest shown");
        const ids = [...target.querySelectorAll(".o_cc_ws_msg")].map((el) => parseInt(el.dataset.id, 10));
        assert.deepEqual(ids, all.map((m) => m.id), "all 45, oldest first, no duplicate");
        assert.containsOnce(target, ".o_cc_ws_messages:contains(Beginning of the conversation)");
        root.destroy();
    });

    QUnit.test("a canned answer replaces /word with the text rendered for the customer", async function (assert) {
        const server = makeServer({
            workspace_open: () => ({ list: { rows: [row(1)], has_more: false, counts: {} }, thread: false, panel: false, me: ME }),
            workspace_thread: () => ({ messages: [], has_more: false }),
            workspace_panel: () => panel(1),
            workspace_canned: ({ search }) => (search === "pra" ? [{ id: 4, name: "Prazo", body: "Maria, entregamos em 3 dias." }] : []),
        });
        const { root, target } = await start(server);
        await openRow(target, 1);
        const textarea = target.querySelector(".o_cc_ws_textarea");
        textarea.focus();
        textarea.value = "Oi! /pra";
        textarea.setSelectionRange(8, 8);
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await settle();
        assert.containsOnce(target, ".o_cc_ws_canned .list-group-item:contains(Prazo)");
        assert.deepEqual(server.calls.filter((c) => c.method === "workspace_canned").map((c) => c.kwargs.search), ["pra"]);
        target.querySelector(".o_cc_ws_canned .list-group-item").dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
        await settle();
        assert.strictEqual(textarea.value, "Oi! Maria, entregamos em 3 dias.", "inserted, editable, not sent");
        assert.containsNone(target, ".o_cc_ws_canned");
        assert.strictEqual(server.calls.filter((c) => c.method === "workspace_post").length, 0);
        root.destroy();
    });
});
