# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Open an Odoo environment on a database from an Odoo configuration file."""
import contextlib
import importlib.util
import os

ODOO_MISSING = (
    "Cannot import odoo. Run this command with the Python of the Odoo installation. "
    "When Odoo runs from a source checkout, put that checkout on PYTHONPATH, e.g.\n"
    "  PYTHONPATH=/opt/odoo15 /opt/odoo15/venv/bin/python -m migrations.chatroom ...\n"
    "(or install it in that Python with 'pip install -e /opt/odoo15')."
)

# Context of every write of the migration: no chatter noise (the history is
# copied from ChatRoom), no creator subscription.
MIGRATION_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class OdooMissing(Exception):
    pass


# Odoo 15 on Python 3.11 needs its opcode whitelists extended before it
# evaluates anything; run.sh and test.sh start Odoo through the same launcher.
LAUNCHER = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    ".ci", "odoo15_launcher.py")


def install_launcher():
    """Apply .ci/odoo15_launcher.py (a no-op before Python 3.11)."""
    if not os.path.isfile(LAUNCHER):
        return False
    spec = importlib.util.spec_from_file_location("cc_odoo15_launcher", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.install()


def import_odoo():
    install_launcher()
    try:
        import odoo  # noqa: F401 - imported for the caller
    except ImportError as error:
        raise OdooMissing(ODOO_MISSING) from error
    return odoo


@contextlib.contextmanager
def environment(config_path, database):
    """Superuser environment on ``database`` (registry loaded from the
    configuration's addons path); the cursor is closed on exit, uncommitted
    work is rolled back."""
    odoo = import_odoo()
    # Loading a registry pops this option; parsing again expects it.
    odoo.tools.config.options.setdefault("load_language", None)
    odoo.tools.config.parse_config(["-c", config_path, "-d", database, "--no-http"])
    registry = odoo.registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(MIGRATION_CONTEXT))
        try:
            yield env
        finally:
            cr.rollback()
