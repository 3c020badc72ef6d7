/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The demo, as the demo agent agent.ana: she lands on the Contact Center,
 * takes a queued WhatsApp conversation and a queued SMS conversation (both
 * on the sandbox connectors of the demo data), answers each, and watches -
 * without reloading the page - her answer's ticks move to Read and the
 * simulated customer's reply arrive.
 *
 * Expects (the Python test): the demo data, the outbox and sandbox crons run
 * in the background and bus notifications delivered during the test.
 */

import tour from "web_tour.tour";

const FORM_STATUSBAR = ".o_form_view .o_form_statusbar";
const THREAD = '.o_field_widget[name="message_ids_cc"]';
// What the simulated customer may answer (cc_core/services/sandbox.py).
const REPLIES = [
    "Oi! Obrigado pelo retorno.",
    "Pode me mandar mais detalhes, por favor?",
    "Perfeito, fico no aguardo.",
    "Tudo certo, muito obrigado!",
];
const REPLY_ROW = REPLIES.map((text) => `${THREAD} .o_data_row:contains("${text}")`).join(", ");

function answer(address, text) {
    return [
        {
            content: "Open the queue",
            trigger: '.o_menu_sections a[data-menu-xmlid="cc_core.cc_conversation_menu_queue"]',
        },
        {
            content: `Open the queued conversation of ${address}`,
            trigger: `.o_cc_conversation_kanban .o_kanban_record:contains("${address}")`,
            extra_trigger: '.breadcrumb-item.active:contains("Queue")',
        },
        {
            content: "Take it",
            trigger: `${FORM_STATUSBAR} button[name="action_take"]:visible`,
            extra_trigger: `.o_form_view:contains("${address}")`,
        },
        {
            content: "Open the composer",
            trigger: `${FORM_STATUSBAR} button[name="action_open_composer"]:visible`,
        },
        {
            content: "Write the answer",
            trigger: '.o_cc_composer textarea.o_field_widget[name="body"]',
            run: `text ${text}`,
        },
        {
            content: "Send it",
            trigger: '.modal-footer button[name="action_send"]',
            extra_trigger: `.modal .o_cc_composer .o_field_widget[name="body"]:propValue("${text}")`,
        },
        {
            content: "The answer leaves: its ticks reach Read without a reload",
            trigger: `${THREAD} .o_data_row:contains("${text}") .o_field_badge:contains("Read")`,
            extra_trigger: "body:not(:has(.modal))",
            timeout: 30000,
            run() {
                // Only waiting.
            },
        },
        {
            content: "The simulated customer answers",
            trigger: REPLY_ROW,
            timeout: 30000,
            run() {
                // Only waiting.
            },
        },
    ];
}

tour.register(
    "cc_demo_tour",
    {
        test: true,
        url: "/web",
    },
    [
        {
            content: "The demo agent lands on the Contact Center's Inbox",
            trigger: '.o_main_navbar .o_menu_brand:contains("Contact Center")',
            extra_trigger: ".o_cc_workspace",
            run() {
                // Only checking.
            },
        },
        ...answer("+5521998765432", "Olá! Vou verificar a troca da porta para você."),
        ...answer("+5511912345678", "Oi Mariana, a cadeira Eames preta custa R$ 899."),
    ]
);
