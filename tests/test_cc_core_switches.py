# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Switches of Odoo's configuration file: on unless turned off."""
import pytest

from cc_core.services import switches


@pytest.mark.parametrize("value", [False, 0, "False", "false", " OFF ", "no", "0"])
def test_turned_off(value):
    assert not switches.is_on(value)


@pytest.mark.parametrize("value", [True, 1, "True", "yes", "on", "1", ""])
def test_on_otherwise(value):
    assert switches.is_on(value)
