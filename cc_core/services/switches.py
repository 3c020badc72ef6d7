# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""On/off switches read from Odoo's configuration file.

Odoo keeps an unknown option of its configuration file as the text written
there (``cc_webhook_direct_dispatch = False`` reads as ``"False"``); an
absent one is the default given. Everything is on unless turned off.
"""
OFF = ("0", "false", "no", "off")


def is_on(value):
    """False for ``False``, ``0`` and the texts of ``OFF`` (any case,
    surrounding spaces ignored); True for anything else."""
    return str(value).strip().lower() not in OFF
