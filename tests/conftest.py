# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Make the addons' pure-Python packages importable without Odoo.

Each addon's ``__init__.py`` imports its Odoo models, so importing
``cc_core.services.phone`` the normal way would need Odoo. The pure packages
(``cc_core/services``, ``cc_connector_*/<api package>``, ``migrations``) never
import ``odoo``; registering a bare package object for each addon lets Python
find their sub-packages without running the addon's ``__init__``.
"""
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("cc_core", "cc_connector_whatsapp", "cc_connector_sms_kolmeya", "cc_dashboard")

if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

for _addon in ADDONS:
    if _addon not in sys.modules:
        _package = types.ModuleType(_addon)
        _package.__path__ = [os.path.join(ROOT, _addon)]
        sys.modules[_addon] = _package

# Fixtures shared by several test modules (``server`` / ``kolmeya``: the fake
# Kolmeya API; a module's own fixture of the same name takes precedence).
pytest_plugins = ["tests.kolmeya_support"]
