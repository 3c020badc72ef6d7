/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The demo, as the demo agent agent.ana, in the Inbox: she lands on it,
 * takes a queued WhatsApp conversation and a queued SMS conversation (both
 * on the sandbox connectors of the demo data) from the Queue tab, answers
 * each in the composer, and watches - without reloading the page - her
 * answer's ticks move to Read and the simulated customer's reply arrive.
 *
 * Expects (the Python test): the demo data, the outbox and sandbox crons run
 * in the background and bus notifications delivered during the test.
 */

import tour from "web_tour.tour";

// What the simulated customer may answer (cc_core/services/sandbox.py).
const REPLIES = [
    "Oi! Obrigado pelo retorno.",
    "Pode me mandar mais detalhes, por favor?",
    "Perfeito, fico no aguardo.",
    "Tudo certo, muito obrigado!",
];
const OUT = ".o_cc_ws_msg.o_cc_ws_msg_out:not(.o_cc_ws_msg_pending)";
const REPLY_BUBBLE = REPLIES.map((text) => `.o_cc_ws_msg.o_cc_ws_msg_in:contains("${text}")`).join(", ");

function typeInto(selector, text) {
    const element = document.querySelector(selector);
    element.focus();
    element.value = text;
    element.setSelectionRange(text.length, text.length);
    element.dispatchEvent(new InputEvent("input", { bubbles: true }));
}

function answer(customer, text) {
    return [
        {
            content: "Open the Queue",
            trigger: '.o_cc_ws_tabs a[data-tab="queue"]',
            extra_trigger: ".o_cc_ws_list",
        },
        {
            content: `Open ${customer}'s waiting conversation`,
            trigger: `.o_cc_ws_row:contains("${customer}")`,
            extra_trigger: '.o_cc_ws_tabs a.active[data-tab="queue"]',
        },
        {
            content: "Take it",
            trigger: ".o_cc_ws_composer .o_cc_ws_take",
            extra_trigger: `.o_cc_ws_thread_title:contains("${customer}")`,
        },
        {
            content: "Write the answer",
            trigger: ".o_cc_ws_composer textarea.o_cc_ws_textarea",
            run() {
                typeInto(".o_cc_ws_textarea", text);
            },
        },
        {
            content: "Send it",
            trigger: ".o_cc_ws_send",
            extra_trigger: `.o_cc_ws_textarea:propValue("${text}")`,
        },
        {
            content: "The answer leaves: its ticks reach Read without a reload",
            trigger: `${OUT}:contains("${text}") .o_cc_ws_state[data-state="read"]`,
            timeout: 30000,
            run() {
                // Only waiting.
            },
        },
        {
            content: "The simulated customer answers, without a reload",
            trigger: REPLY_BUBBLE,
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
            trigger: ".o_cc_workspace .o_cc_ws_list",
            run() {
                // Only checking.
            },
        },
        ...answer("Ron Gibson", "Olá! Vou verificar a troca da porta para você."),
        ...answer("Mariana Costa", "Oi Mariana, a cadeira Eames preta custa R$ 899."),
    ]
);
