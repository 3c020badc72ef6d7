# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent rules sit in a noupdate block, so databases installed before
15.0.1.1.0 get them from a migration script: both must say the same."""
import ast
import importlib.util
import os
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECURITY = os.path.join(ROOT, "cc_core", "security", "cc_security.xml")
SCRIPT = os.path.join(ROOT, "cc_core", "migrations", "15.0.1.1.0", "post-agent-rules.py")


def _xml_domains():
    domains = {}
    for record in ET.parse(SECURITY).getroot().iter("record"):
        for field in record.iter("field"):
            if field.get("name") == "domain_force":
                domains[record.get("id")] = field.text
    return domains


def _literal(domain):
    # ``user.id`` is not a literal: compare the syntax trees instead.
    return ast.dump(ast.parse(domain.strip(), mode="eval"))


def test_migration_script_writes_the_rules_of_the_xml():
    spec = importlib.util.spec_from_file_location("post_agent_rules", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    xml = _xml_domains()
    assert set(module.RULES) == {"cc_conversation_rule_agent", "cc_message_rule_agent"}
    for name, domain in module.RULES.items():
        assert _literal(domain) == _literal(xml[name]), name
