/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The AI assistant's buttons in the workspace, against a fake cc.workspace:
 * a suggestion fills the composer and is never sent, a failure shows its text
 * and leaves the composer usable, a summary is drafted then saved, a voice
 * note is transcribed under its audio, and nothing is offered when the
 * assistant is off.
 */

import { registry } from "@web/core/registry";
import { makeTestEnv } from "@web/../tests/helpers/mock_env";
import { makeFakeLocalizationService } from "@web/../tests/helpers/mock_services";
import { getFixture } from "@web/../tests/helpers/utils";
import { WorkspaceRoot } from "@cc_core/workspace/workspace_root";
import { WorkspaceStore } from "@cc_core/workspace/workspace_store";
import { ME, message, row, settle } from "./fixtures";

const { mount } = owl;

function panel(ai) {
    return {
        conversation: {
            id: 1, name: "Customer 1", state: "current", cycle: 1, stage: false,
            priority: "0", tags: [], note: "", team: false, agent: { id: 1, name: "Ana" },
            related_document: false, address: "+5511900000001",
            address_display: "+55 11 9000-0001", channel_kind: "whatsapp",
            connector: { id: 1, name: "WhatsApp Loja" }, is_opted_out: false,
        },
        partner: false,
        numbers: [],
        other_conversations: [],
        activities: [],
        permissions: {
            can_send: true, can_take: false, can_release: true, can_transfer: true,
            can_close: true, can_reopen: false, is_owner: true, is_supervisor: false,
            can_edit: true,
        },
        composer: { channel_kind: "whatsapp", attachments_allowed: true, mode: "text", sms: false,
            whatsapp: { window_open: true, window_end: false, templates: [], sms_fallback: { available: false, reason: "" } } },
        ai,
    };
}

const AUDIO = message(11, 1, {
    message_type: "audio",
    body: "",
    attachments: [{ id: 5, name: "voice.ogg", mimetype: "audio/ogg", url: "/web/content/5", is_voice_note: true }],
});

async function start(handlers) {
    const calls = [];
    const rpc = async (method, kwargs) => {
        calls.push({ method, kwargs });
        if (!handlers[method]) {
            throw new Error(`unexpected call ${method}`);
        }
        return handlers[method](kwargs);
    };
    registry.category("services").add("localization", makeFakeLocalizationService());
    const env = await makeTestEnv();
    const store = new WorkspaceStore({ rpc });
    await store.start(false);
    store.state.panelOpen = true; // the panel is drawn whatever the runner's width
    const target = getFixture();
    const root = await mount(WorkspaceRoot, { env, target, props: { store } });
    target.querySelector('.o_cc_ws_row[data-id="1"]').click();
    await settle();
    return { root, target, calls };
}

function baseHandlers(ai, extra) {
    return Object.assign({
        workspace_open: () => ({ list: { rows: [row(1)], has_more: false, counts: { mine: 1 } }, thread: false, panel: false, me: ME }),
        workspace_thread: () => ({ messages: [message(10, 1, { body: "Meu pedido não chegou" }), AUDIO], has_more: false }),
        workspace_panel: () => panel(ai),
    }, extra || {});
}

QUnit.module("cc_core_workspace_ai", {}, function () {
    QUnit.test("a suggestion fills the composer and is never sent", async function (assert) {
        let answer;
        const pending = new Promise((resolve) => {
            answer = resolve;
        });
        const { root, target, calls } = await start(baseHandlers(
            { enabled: true, blocked: false, summaries: [] },
            { workspace_ai: () => pending }
        ));
        const textarea = target.querySelector(".o_cc_ws_textarea");
        textarea.value = "Olá!";
        target.querySelector(".o_cc_ws_ai_suggest").click();
        await settle();
        assert.ok(target.querySelector(".o_cc_ws_ai_bar .o_cc_ws_ai_loading"), "a loading state while the model works");
        assert.notOk(textarea.disabled, "the composer stays usable");
        answer({ ok: true, text: "Vou verificar o seu pedido agora." });
        await settle();
        assert.strictEqual(textarea.value, "Olá!\nVou verificar o seu pedido agora.");
        assert.notOk(target.querySelector(".o_cc_ws_ai_bar .o_cc_ws_ai_loading"));
        const aiCall = calls.find((c) => c.method === "workspace_ai");
        assert.deepEqual(aiCall.kwargs, { conversation_id: 1, action: "suggest" });
        assert.notOk(calls.some((c) => c.method === "workspace_post"), "nothing is sent");
        root.destroy();
    });

    QUnit.test("a failure shows its text and the composer still sends", async function (assert) {
        const { root, target, calls } = await start(baseHandlers(
            { enabled: true, blocked: false, summaries: [] },
            {
                workspace_ai: () => ({ ok: false, kind: "timeout", error: "The AI service did not answer within 20 seconds." }),
                workspace_post: () => ({ message: message(99, 1, { direction: "outbound", body: "Oi", state: "queued" }), messages: [], row: row(1) }),
            }
        ));
        target.querySelector(".o_cc_ws_ai_suggest").click();
        await settle();
        assert.strictEqual(target.querySelector(".o_cc_ws_ai_bar .o_cc_ws_ai_error").textContent.trim(),
            "The AI service did not answer within 20 seconds.");
        const textarea = target.querySelector(".o_cc_ws_textarea");
        textarea.value = "Oi";
        target.querySelector(".o_cc_ws_send").click();
        await settle();
        assert.ok(calls.some((c) => c.method === "workspace_post"), "the agent answers by himself");
        root.destroy();
    });

    QUnit.test("summarise, edit, save on the cycle", async function (assert) {
        const { root, target, calls } = await start(baseHandlers(
            { enabled: true, blocked: false, summaries: [] },
            {
                workspace_ai: ({ action, body }) => (action === "summarise"
                    ? { ok: true, text: "- Pedido atrasado" }
                    : { ok: true, summaries: [{ id: 1, cycle: 1, body, author: "Ana", from_ai: true }] }),
            }
        ));
        assert.ok(target.querySelector(".o_cc_ws_ai_offer"), "offered before closing or transferring");
        target.querySelector(".o_cc_ws_ai_summarise").click();
        await settle();
        const draft = target.querySelector(".o_cc_ws_ai_draft_text");
        assert.strictEqual(draft.value, "- Pedido atrasado");
        draft.value = "- Pedido atrasado\n- Reenviar";
        draft.dispatchEvent(new Event("input", { bubbles: true }));
        target.querySelector(".o_cc_ws_ai_save").click();
        await settle();
        assert.strictEqual(calls.filter((c) => c.method === "workspace_ai").pop().kwargs.body, "- Pedido atrasado\n- Reenviar");
        assert.strictEqual(target.querySelector(".o_cc_ws_ai_saved_body").textContent, "- Pedido atrasado\n- Reenviar");
        assert.notOk(target.querySelector(".o_cc_ws_ai_draft"));
        root.destroy();
    });

    QUnit.test("a voice note is transcribed under its audio", async function (assert) {
        const { root, target } = await start(baseHandlers(
            { enabled: true, blocked: false, summaries: [] },
            { workspace_ai: ({ action, message_id }) => ({ ok: true, text: `${action} ${message_id}` }) }
        ));
        const bubble = target.querySelector('.o_cc_ws_msg[data-id="11"]');
        assert.notOk(bubble.querySelector(".o_cc_ws_ai_translate"), "no text to translate yet");
        bubble.querySelector(".o_cc_ws_ai_transcribe").click();
        await settle();
        assert.strictEqual(bubble.querySelector(".o_cc_ws_transcript").textContent, "transcribe 11");
        assert.notOk(bubble.querySelector(".o_cc_ws_ai_transcribe"));
        const text = target.querySelector('.o_cc_ws_msg[data-id="10"]');
        text.querySelector(".o_cc_ws_ai_translate").click();
        await settle();
        assert.strictEqual(text.querySelector(".o_cc_ws_translation").textContent.replace("Hide", "").trim(), "translate 10");
        root.destroy();
    });

    QUnit.test("nothing is offered when the assistant is off", async function (assert) {
        const { root, target } = await start(baseHandlers({ enabled: false, blocked: false, summaries: [] }));
        assert.notOk(target.querySelector(".o_cc_ws_ai_suggest"));
        assert.notOk(target.querySelector(".o_cc_ws_ai_summary"));
        assert.notOk(target.querySelector(".o_cc_ws_ai_transcribe"));
        assert.ok(target.querySelector(".o_cc_ws_textarea"));
        root.destroy();
    });
});
