/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * A manager writes a triage bot without code: a flow, its greeting, a menu
 * with two options (one asks for the order number, one hands over).
 * The Python test checks what was saved and that the bot then runs.
 */

import tour from "web_tour.tour";

tour.register("cc_bot_flow_tour", { test: true, url: "/web#action=cc_core.cc_bot_flow_action" }, [
    {
        content: "Create a flow",
        trigger: ".o_list_button_add",
    },
    {
        content: "Name it",
        trigger: '.o_cc_bot_flow_form input[name="name"]',
        run: "text Triagem da loja",
    },
    {
        content: "Greet the customer",
        trigger: '.o_cc_bot_flow_form textarea[name="greeting"]',
        run: "text Olá! Sou o assistente da loja.",
    },
    {
        content: "Add a menu",
        trigger: '.o_cc_bot_flow_form .o_field_widget[name="node_ids"] .o_field_x2many_list_row_add a',
    },
    {
        content: "Name the menu",
        trigger: '.o_cc_bot_node_form input[name="name"]',
        run: "text Principal",
    },
    {
        content: "Ask the question",
        trigger: '.o_cc_bot_node_form textarea[name="question"]',
        run: "text Como podemos ajudar?",
    },
    {
        content: "Add an option",
        trigger: '.o_field_widget[name="option_ids"] .o_field_x2many_list_row_add a',
    },
    {
        content: "Its title",
        trigger: '.o_field_widget[name="option_ids"] .o_selected_row input[name="title"]',
        run: "text Meu pedido",
    },
    {
        content: "It asks for the order number",
        trigger: '.o_field_widget[name="option_ids"] .o_selected_row input[name="question"]',
        run: "text Qual o número do pedido?",
    },
    {
        content: "Add a second option",
        trigger: '.o_field_widget[name="option_ids"] .o_field_x2many_list_row_add a',
    },
    {
        content: "Its title",
        trigger: '.o_field_widget[name="option_ids"] .o_selected_row input[name="title"]',
        run: "text Falar com atendente",
    },
    {
        content: "Save the menu",
        trigger: ".modal-footer .btn-primary",
    },
    {
        content: "The menu is listed",
        trigger: '.o_field_widget[name="node_ids"] .o_data_row:contains("Principal")',
        run() {},
    },
    {
        content: "Save the flow",
        trigger: ".o_form_button_save",
    },
    {
        content: "Saved",
        trigger: ".o_form_readonly .o_cc_bot_flow_form, .o_cc_bot_flow_form.o_form_readonly",
        run() {},
    },
]);
