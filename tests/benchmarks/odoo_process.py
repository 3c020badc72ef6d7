# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What every benchmark script needs of Odoo: a database with the addons
installed (a child process) and a registry opened in this process, both
through the repository's launcher (Odoo 15 on Python 3.11)."""
import importlib.util
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAUNCHER = os.path.join(ROOT, ".ci", "odoo15_launcher.py")


def install_launcher():
    """Allow Python 3.11's opcodes in Odoo 15's safe_eval (in this process)."""
    if os.path.isfile(LAUNCHER):
        spec = importlib.util.spec_from_file_location("cc_odoo15_launcher", LAUNCHER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.install()


def create_database(odoo_root, db, addons_path, addons):
    """Install ``addons`` (comma separated) without demo data into ``db``."""
    launcher = [LAUNCHER] if os.path.isfile(LAUNCHER) else []
    subprocess.run([sys.executable] + launcher + [
        os.path.join(odoo_root, "odoo-bin"), "-d", db,
        "--addons-path", addons_path, "-i", addons,
        "--without-demo", "all", "--stop-after-init", "--http-interface", "127.0.0.1",
        "--log-level", "warn",
    ], check=True)


def open_registry(odoo_root, db, addons_path):
    """Odoo's registry of ``db``, loaded in this process."""
    sys.path.insert(0, odoo_root)
    install_launcher()
    import odoo  # noqa: E402 - Odoo is only needed from here on
    from odoo.tools import config

    config.parse_config(["-d", db, "--addons-path", addons_path, "--log-level", "warn"])
    return odoo.registry(db)
