# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""cc_core's pure helpers (``cc_core/services/phone.py`` and ``text.py``).

They are loaded from their files, not imported as ``cc_core.services``:
importing the ``cc_core`` package would run the addon's ``__init__`` (Odoo
models) outside ``odoo.addons``. The migration thus normalises numbers and
text with exactly the code cc_core's inbound pipeline uses, with or without
Odoo.
"""
import importlib.util
import os
import sys

_SERVICES = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "cc_core",
    "services",
)


def _load(name):
    module_name = "%s._%s" % (__name__, name)
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, os.path.join(_SERVICES, name + ".py")
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


phone = _load("phone")
text = _load("text")
