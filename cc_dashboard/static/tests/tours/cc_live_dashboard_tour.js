/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * A supervisor opens the live dashboard from the Contact Center's Reporting
 * menu, reads the queue, drills down into the conversations waiting, comes
 * back with the breadcrumb, filters on SMS and drills into an agent's load.
 *
 * Expects (created by the Python test): a supervisor of team "Tour Team"
 * whose WhatsApp queue holds "Tour Waiting 1" and "Tour Waiting 2", and whose
 * agent "Tina Tour" handles "Tour Handled" on SMS.
 */

import tour from "web_tour.tour";

tour.register(
    "cc_live_dashboard_tour",
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
            content: "Open Reporting (in the \"more\" menu when the screen is narrow)",
            trigger: ".o_menu_sections",
            run() {
                const selector = '.o_menu_sections [data-menu-xmlid="cc_dashboard.cc_menu_reporting"]';
                const link = document.querySelector(selector);
                if (!link || !link.offsetParent) {
                    document.querySelector(".o_menu_sections_more .dropdown-toggle").click();
                }
            },
        },
        {
            content: "Open Reporting",
            trigger:
                '.o_menu_sections [data-menu-xmlid="cc_dashboard.cc_menu_reporting"]:visible, ' +
                '.o_menu_sections_more .o_more_dropdown_section_group:contains("Reporting")',
        },
        {
            content: "Open the live dashboard",
            trigger:
                '.o_menu_sections a[data-menu-xmlid="cc_dashboard.cc_dashboard_live_menu"], ' +
                '.o_menu_sections_more a:contains("Live dashboard")',
        },
        {
            content: "Two conversations wait in the queue: open them",
            trigger: '.o_cc_live_dashboard a[data-figure="queue"]:contains("2")',
        },
        {
            content: "The list shows the conversations waiting",
            trigger: '.o_list_view .o_data_row:contains("Tour Waiting 1")',
            extra_trigger: '.breadcrumb-item.active:contains("Waiting in queue")',
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 2) {
                    throw new Error(`Expected 2 waiting conversations, found ${rows.length}`);
                }
            },
        },
        {
            content: "Back to the dashboard",
            trigger: '.breadcrumb-item a:contains("Live dashboard")',
        },
        {
            content: "Show SMS only",
            trigger: ".o_cc_live_filter_channel",
            extra_trigger: '.o_cc_live_dashboard a[data-figure="queue"]',
            run() {
                const select = document.querySelector(".o_cc_live_filter_channel");
                select.value = "sms";
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Nobody waits on SMS; Tina holds one conversation: open it",
            trigger: '.o_cc_live_agent:contains("Tina Tour") .o_cc_live_load:contains("1 / 3")',
            extra_trigger: '.o_cc_live_dashboard a[data-figure="queue"]:contains("0")',
        },
        {
            content: "Her conversation is listed",
            trigger: '.o_list_view .o_data_row:contains("Tour Handled")',
            run() {},
        },
    ]
);
