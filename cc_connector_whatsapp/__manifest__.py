# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Contact Center: WhatsApp (Cloud API and gateway)",
    "summary": "WhatsApp connectors for the Contact Center inbox: Meta's Cloud API, "
    "or the apichat.io / chat-smart.io gateway ChatRoom used",
    "version": "15.0.1.0.0",
    "category": "Discuss",
    "website": "https://github.com/contact-center/contact-center",
    "author": "Contact Center contributors",
    "maintainers": ["contact-center"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["cc_core"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/cc_whatsapp_security.xml",
        "data/ir_cron_data.xml",
        "views/cc_connector_views.xml",
        "views/cc_connector_gateway_views.xml",
        "views/cc_whatsapp_template_views.xml",
        "views/cc_conversation_views.xml",
        "views/cc_campaign_views.xml",
        "wizards/cc_message_compose_views.xml",
        "views/cc_menus.xml",
        "views/cc_team_csat_views.xml",
    ],
    "demo": ["demo/cc_connector_demo.xml"],
    "assets": {
        "web.assets_tests": ["cc_connector_whatsapp/static/tests/tours/**/*"],
    },
}
