/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * An agent's day in the Inbox, without opening a form: take a conversation
 * from the Queue, answer with text, an image (dropped on the composer) and a
 * canned answer, retry a failed message and see its tick change, close it;
 * then transfer another conversation to a colleague with a note.
 *
 * Expects (created by cc_core/tests/test_workspace_tour.py): an agent
 * (password = login) on a connector whose provider validates messages; on it
 * "Queue Customer" (new, no agent, one failed answer from an earlier cycle)
 * and "Transfer Customer" (mine); a colleague "Bruno Colleague" online on
 * the same connector; a canned answer "Prazo de entrega".
 */

import tour from "web_tour.tour";

const TEXT = "Olá! Aqui é do atendimento, como posso ajudar?";
const NOTE = "Cliente quer falar sobre a fatura";
// A 1x1 PNG.
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const OUT = ".o_cc_ws_msg.o_cc_ws_msg_out:not(.o_cc_ws_msg_pending)";

function dropImage() {
    const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
    const file = new File([bytes], "foto.png", { type: "image/png" });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    document
        .querySelector(".o_cc_ws_composer")
        .dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
}

function chooseOption(selector, text) {
    const select = document.querySelector(selector);
    const option = [...select.options].find((o) => o.textContent.includes(text));
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
}

function typeInto(selector, text) {
    const element = document.querySelector(selector);
    element.focus();
    element.value = text;
    element.setSelectionRange(text.length, text.length);
    element.dispatchEvent(new InputEvent("input", { bubbles: true }));
}

tour.register(
    "cc_workspace_tour",
    {
        test: true,
        url: "/web#action=cc_core.action_cc_workspace",
    },
    [
        {
            content: "Open the Queue",
            trigger: '.o_cc_ws_tabs a[data-tab="queue"]',
            extra_trigger: ".o_cc_ws_list",
        },
        {
            content: "Open the waiting customer",
            trigger: '.o_cc_ws_row:contains("Queue Customer")',
            extra_trigger: '.o_cc_ws_tabs a.active[data-tab="queue"]',
        },
        {
            content: "Only the owner can answer: take it",
            trigger: ".o_cc_ws_composer .o_cc_ws_take",
            extra_trigger: '.o_cc_ws_thread_title:contains("Queue Customer")',
        },
        {
            content: "Write the answer",
            trigger: ".o_cc_ws_composer textarea.o_cc_ws_textarea",
            run() {
                typeInto(".o_cc_ws_textarea", TEXT);
            },
        },
        {
            content: "Send it",
            trigger: ".o_cc_ws_send",
        },
        {
            content: "The answer is in the thread, queued",
            trigger: `${OUT}:contains("${TEXT}") .o_cc_ws_state[data-state="queued"]`,
            run() {},
        },
        {
            content: "Drop an image on the composer",
            trigger: ".o_cc_ws_composer textarea.o_cc_ws_textarea",
            run: dropImage,
        },
        {
            content: "Send the image once uploaded",
            trigger: ".o_cc_ws_send",
            extra_trigger: '.o_cc_ws_draft_attachment:contains("foto.png")',
        },
        {
            content: "The image is in the thread",
            trigger: `${OUT} img.o_cc_ws_image`,
            run() {},
        },
        {
            content: "Ask for a canned answer with /",
            trigger: ".o_cc_ws_composer textarea.o_cc_ws_textarea",
            run() {
                typeInto(".o_cc_ws_textarea", "/prazo");
            },
        },
        {
            content: "Pick it (rendered for this customer)",
            trigger: '.o_cc_ws_canned .list-group-item:contains("Prazo de entrega"):contains("Queue Customer")',
        },
        {
            content: "Edit it before sending",
            trigger: '.o_cc_ws_textarea:propValueContains("3 dias úteis")',
            run() {
                const textarea = document.querySelector(".o_cc_ws_textarea");
                typeInto(".o_cc_ws_textarea", `${textarea.value} Obrigado!`);
            },
        },
        {
            content: "Send the canned answer",
            trigger: ".o_cc_ws_send",
            extra_trigger: '.o_cc_ws_textarea:propValueContains("Obrigado!")',
        },
        {
            content: "The canned answer is in the thread",
            trigger: `${OUT}:contains("3 dias úteis"):contains("Obrigado!")`,
            run() {},
        },
        {
            content: "Retry the failed message",
            trigger: `${OUT}:contains("Mensagem que falhou") .o_cc_ws_retry`,
            extra_trigger: `${OUT}:contains("Mensagem que falhou") .o_cc_ws_state[data-state="failed"]`,
        },
        {
            content: "Its tick moved from failed to queued",
            trigger: `${OUT}:contains("Mensagem que falhou") .o_cc_ws_state[data-state="queued"]`,
            extra_trigger: `${OUT}:contains("Mensagem que falhou"):not(:has(.o_cc_ws_retry))`,
            run() {},
        },
        {
            content: "Show the customer panel (closed by default on narrow screens)",
            trigger: ".o_cc_ws_panel_toggle",
            run() {
                if (!document.querySelector(".o_cc_ws_panel")) {
                    document.querySelector(".o_cc_ws_panel_toggle").click();
                }
            },
        },
        {
            content: "Close the conversation",
            trigger: ".o_cc_ws_action_close",
        },
        {
            content: "It is closed, the composer says how to answer again",
            trigger: '.o_cc_ws_panel_state:contains("Closed")',
            extra_trigger: ".o_cc_ws_composer_locked",
            run() {},
        },
        {
            content: "Back to my conversations",
            trigger: '.o_cc_ws_tabs a[data-tab="mine"]',
        },
        {
            content: "Open the conversation to hand over",
            trigger: '.o_cc_ws_row:contains("Transfer Customer")',
            extra_trigger: '.o_cc_ws_tabs a.active[data-tab="mine"]',
        },
        {
            content: "Transfer it",
            trigger: ".o_cc_ws_action_transfer",
            extra_trigger: '.o_cc_ws_thread_title:contains("Transfer Customer")',
        },
        {
            content: "To the colleague",
            trigger: '.o_cc_ws_transfer_target:has(option:contains("Bruno Colleague"))',
            run() {
                chooseOption(".o_cc_ws_transfer_target", "Bruno Colleague");
            },
        },
        {
            content: "With a note the receiver sees",
            trigger: ".o_cc_ws_transfer_note",
            run() {
                typeInto(".o_cc_ws_transfer_note", NOTE);
            },
        },
        {
            content: "Confirm",
            trigger: ".o_cc_ws_transfer_confirm:not([disabled])",
        },
        {
            content: "Handed over: it left my list",
            trigger: '.o_cc_ws_list:not(:has(.o_cc_ws_row:contains("Transfer Customer")))',
            run() {},
        },
    ]
);
