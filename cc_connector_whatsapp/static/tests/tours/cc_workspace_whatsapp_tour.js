/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * WhatsApp with the 24-hour window closed, in the Inbox: the composer is the
 * template picker; the agent fills the template's parameter and sends it,
 * then sends a text by SMS instead (the fallback), which opens the
 * customer's SMS conversation with the message queued.
 *
 * Expects (cc_connector_whatsapp/tests/test_workspace_tour.py): the agent
 * holds "Maria Souza"'s WhatsApp conversation, whose window is closed; the
 * approved template "boas_vindas" is synchronised; an SMS connector is
 * assigned to the agent.
 */

import tour from "web_tour.tour";

const SMS_TEXT = "Seu boleto vence hoje.";
const OUT = ".o_cc_ws_msg.o_cc_ws_msg_out:not(.o_cc_ws_msg_pending)";

tour.register(
    "cc_workspace_whatsapp_tour",
    {
        test: true,
        url: "/web#action=cc_core.action_cc_workspace",
    },
    [
        {
            content: "Open the customer's WhatsApp conversation",
            trigger: '.o_cc_ws_row:contains("Maria Souza"):has(.o_cc_ws_window_closed)',
        },
        {
            content: "The window is closed: choose a template",
            trigger: ".o_cc_ws_template_picker .o_cc_ws_template_select:has(option:contains(boas_vindas))",
            run() {
                const select = document.querySelector(".o_cc_ws_template_select");
                const option = [...select.options].find((o) => o.textContent.includes("boas_vindas"));
                select.value = option.value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Sending needs every parameter",
            trigger: ".o_cc_ws_send_template:not([disabled])",
            extra_trigger: ".o_cc_ws_template_param",
            run() {
                document.querySelector(".o_cc_ws_template_param").value = "";
                document.querySelector(".o_cc_ws_template_param").dispatchEvent(new InputEvent("input", { bubbles: true }));
                document.querySelector(".o_cc_ws_send_template").click();
            },
        },
        {
            content: "Fill in the customer's name",
            trigger: ".o_cc_ws_template_error",
            run() {
                const input = document.querySelector(".o_cc_ws_template_param");
                input.value = "Maria";
                input.dispatchEvent(new InputEvent("input", { bubbles: true }));
            },
        },
        {
            content: "The preview shows the filled template",
            trigger: '.o_cc_ws_template_preview:contains("Maria")',
            run() {},
        },
        {
            content: "Send the template",
            trigger: ".o_cc_ws_send_template:not([disabled])",
        },
        {
            content: "The template is in the thread, queued",
            trigger: `${OUT}:contains("Maria") .o_cc_ws_state[data-state="queued"]`,
            run() {},
        },
        {
            content: "Write the SMS fallback",
            trigger: ".o_cc_ws_sms_fallback_body",
            run() {
                const textarea = document.querySelector(".o_cc_ws_sms_fallback_body");
                textarea.value = SMS_TEXT;
                textarea.dispatchEvent(new InputEvent("input", { bubbles: true }));
            },
        },
        {
            content: "Send it by SMS",
            trigger: ".o_cc_ws_send_sms_fallback:not([disabled])",
        },
        {
            content: "The customer's SMS conversation opens with the message queued",
            trigger: `.o_cc_ws_thread_header:has(.fa-commenting-o) ~ .o_cc_ws_messages ${OUT}:contains("${SMS_TEXT}") .o_cc_ws_state[data-state="queued"]`,
            run() {},
        },
    ]
);
