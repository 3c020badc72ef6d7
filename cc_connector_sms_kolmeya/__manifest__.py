# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Contact Center: SMS (Kolmeya)",
    "summary": "Kolmeya SMS connector for the Contact Center inbox: batch sending, "
    "delivery reports, replies, segments and cost, quiet hours, balance, blacklist",
    "version": "15.0.1.0.0",
    "category": "Discuss",
    "website": "https://github.com/contact-center/contact-center",
    "author": "Contact Center contributors",
    "maintainers": ["contact-center"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["cc_core", "sms"],
    "external_dependencies": {"python": ["requests", "pytz"]},
    "data": [
        "security/ir.model.access.csv",
        "security/cc_kolmeya_security.xml",
        "data/ir_cron_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_activity_type_data.xml",
        "views/cc_connector_views.xml",
        "views/cc_message_views.xml",
        "views/cc_kolmeya_blacklist_sync_views.xml",
        "views/odoo_sms_gateway_views.xml",
    ],
    "demo": ["demo/cc_connector_demo.xml"],
}
