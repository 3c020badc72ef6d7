/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * An agent's day in one conversation with the supervisors' views: from the
 * Contact Center app (which opens on the Inbox), open the Queue menu, open
 * "Tour Customer", take it, answer it with the composer, see the answer
 * queued in the thread, close the conversation.
 *
 * Expects (created by the Python test): an agent user (password = login)
 * allowed on an active connector whose provider validates messages, and on
 * that connector a conversation named "Tour Customer", state new, without
 * agent. The outbox cron does not run in tests, so the answer stays Queued.
 */

import tour from "web_tour.tour";

const TOUR_MESSAGE = "Olá! Aqui é do atendimento, como posso ajudar?";
const FORM_STATUSBAR = ".o_form_view .o_form_statusbar";

tour.register(
    "cc_inbox_tour",
    {
        test: true,
        url: "/web",
    },
    [
        tour.stepUtils.showAppsMenuItem(),
        {
            content: "Open the Contact Center app",
            trigger: '.o_app[data-menu-xmlid="cc_core.cc_menu_root"]',
        },
        {
            content: "Open the queue (in the \"more\" menu when the screen is narrow)",
            trigger: ".o_menu_sections",
            extra_trigger: ".o_cc_workspace",
            run() {
                const selector = '.o_menu_sections a[data-menu-xmlid="cc_core.cc_conversation_menu_queue"]';
                const link = document.querySelector(selector);
                if (!link || !link.offsetParent) {
                    document.querySelector(".o_menu_sections_more .dropdown-toggle").click();
                }
            },
        },
        {
            content: "Open the queue",
            trigger:
                '.o_menu_sections a[data-menu-xmlid="cc_core.cc_conversation_menu_queue"], ' +
                '.o_menu_sections_more .o_more_dropdown_section:contains("Queue")',
        },
        {
            content: "Open the customer's conversation",
            trigger: '.o_cc_conversation_kanban .o_kanban_record:contains("Tour Customer")',
            extra_trigger: '.breadcrumb-item.active:contains("Queue")',
        },
        {
            content: "Take it",
            trigger: `${FORM_STATUSBAR} button[name="action_take"]:visible`,
            extra_trigger: '.o_form_view .oe_title:contains("Tour Customer")',
        },
        {
            content: "Wait until it is ours (and read)",
            trigger: `${FORM_STATUSBAR}:has(.o_statusbar_status button[data-value="current"][aria-checked="true"]):not(:has(button[name="action_mark_read"]:visible))`,
            run() {
                // Only waiting.
            },
        },
        {
            content: "Open the composer",
            trigger: `${FORM_STATUSBAR} button[name="action_open_composer"]:visible`,
        },
        {
            content: "Write the answer",
            trigger: '.o_cc_composer textarea.o_field_widget[name="body"]',
            run: `text ${TOUR_MESSAGE}`,
        },
        {
            content: "Send it",
            trigger: '.modal-footer button[name="action_send"]',
            extra_trigger: `.modal .o_cc_composer .o_field_widget[name="body"]:propValue("${TOUR_MESSAGE}")`,
        },
        {
            content: "The answer is in the thread, queued for sending",
            trigger: `.o_field_widget[name="thread_message_ids"] .o_data_row:contains("${TOUR_MESSAGE}"):contains("Queued")`,
            extra_trigger: "body:not(:has(.modal))",
            run() {
                // Only checking.
            },
        },
        {
            content: "Close the conversation",
            trigger: `${FORM_STATUSBAR} button[name="action_close"]:visible`,
        },
        {
            content: "The conversation is done",
            trigger: '.o_statusbar_status button[data-value="done"][aria-checked="true"]',
            extra_trigger: '.o_form_view .ribbon:contains("Done")',
        },
    ]
);
