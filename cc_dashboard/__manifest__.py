# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Contact Center: Dashboard",
    "summary": "Reports on Contact Center conversations: response and resolution times",
    "version": "15.0.1.0.0",
    "category": "Discuss",
    "website": "https://github.com/contact-center/contact-center",
    "author": "Contact Center contributors",
    "maintainers": ["contact-center"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["cc_core"],
    "data": [
        "security/ir.model.access.csv",
        "security/cc_dashboard_security.xml",
        "views/cc_conversation_cycle_report_views.xml",
        "views/cc_message_report_views.xml",
        "views/cc_dashboard_menus.xml",
        "security/cc_csat_report_security.xml",
        "views/cc_csat_report_views.xml",
        "views/cc_dashboard_live_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "cc_dashboard/static/src/js/**/*",
            "cc_dashboard/static/src/live/**/*.js",
            "cc_dashboard/static/src/live/**/*.scss",
        ],
        "web.assets_qweb": ["cc_dashboard/static/src/live/**/*.xml"],
        "web.assets_tests": ["cc_dashboard/static/tests/tours/cc_live_dashboard_tour.js"],
        "web.qunit_suite_tests": [
            "cc_dashboard/static/tests/cc_delivery_graph_tests.js",
            "cc_dashboard/static/tests/cc_live_dashboard_tests.js",
        ],
    },
}
