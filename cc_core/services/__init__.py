# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure-Python helpers of cc_core: no ``odoo`` import, testable without Odoo."""
