# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Start Odoo 15 on Python 3.11 without editing Odoo's files.

    python .ci/odoo15_launcher.py /path/to/odoo-bin [odoo-bin arguments]

Why it exists: Odoo 15 only evaluates expressions (domains, contexts, record
rules, QWeb attributes...) after checking their bytecode against opcode
whitelists written before Python 3.11. Python 3.11 compiles even ``f(x)`` to
opcodes those lists do not know (``PRECALL``, ``CALL``...), so on 3.11 every
database creation fails with "forbidden opcode(s)". Odoo 16 added the 3.11
opcodes to its lists; this launcher adds exactly the same opcodes, to the same
lists, when Odoo 15 imports them, then runs Odoo's own ``odoo-bin``. On Python
3.8 to 3.10 it changes nothing (Odoo 15's lists are complete there).

On every Python, when it runs ``odoo-bin``, Odoo's test browser is started
with ``--remote-allow-origins=*`` (``chrome_command``): Chromium 111 and newer
refuse the DevTools connection of Odoo's tours and QUnit tests without it,
and the Odoo 15 build these tests run on predates the fix Odoo made for it.

``run.sh`` and ``test.sh`` start Odoo through it; the ChatRoom migration
(``migrations/chatroom/odoo_env.py``) loads this file by path and calls
``install()``. ``extend_whitelists`` is pure (sets in, sets out) and tested
without Odoo in ``tests/test_odoo15_launcher.py``.
"""
import importlib.abc
import opcode
import os
import runpy
import sys

# Opcodes Odoo 16 allows for Python 3.11, grouped by the whitelist of Odoo 16
# that lists them. Odoo's lists nest: expressions allow the constant opcodes,
# the full sandbox and QWeb allow the expression ones.
CONST_OPCODES_311 = (
    # replace DUP_TOP, DUP_TOP_TWO, ROT_TWO, ROT_THREE, ROT_FOUR
    "COPY", "SWAP",
    # first instruction of every code object
    "RESUME",
)
EXPR_OPCODES_311 = (
    # replaces every BINARY_* and INPLACE_* operation
    "BINARY_OP",
)
SAFE_OPCODES_311 = (
    # replace CALL_FUNCTION, CALL_FUNCTION_KW, CALL_METHOD
    "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
    # replace POP_JUMP_IF_FALSE / POP_JUMP_IF_TRUE (and their "is None" forms)
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
    # replace JUMP_ABSOLUTE
    "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
    # replaces JUMP_IF_NOT_EXC_MATCH
    "CHECK_EXC_MATCH",
    # new in 3.11
    "RETURN_GENERATOR", "PUSH_EXC_INFO", "NOP",
    # f-strings
    "FORMAT_VALUE", "BUILD_STRING",
)
QWEB_OPCODES_311 = (
    # what Odoo 16's ir_qweb adds on top of the expression opcodes
    "RESUME", "SWAP",
    "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE", "JUMP_BACKWARD",
    "RETURN_GENERATOR",
    "FORMAT_VALUE", "BUILD_STRING",
)

# Which names each Odoo 15 whitelist receives.
ADDITIONS = {
    "const": CONST_OPCODES_311,
    "expr": CONST_OPCODES_311 + EXPR_OPCODES_311,
    "safe": CONST_OPCODES_311 + EXPR_OPCODES_311 + SAFE_OPCODES_311,
    "qweb": CONST_OPCODES_311 + EXPR_OPCODES_311 + QWEB_OPCODES_311,
}

# Odoo 15 module -> {whitelist key: module attribute}
TARGETS = {
    "odoo.tools.safe_eval": {
        "const": "_CONST_OPCODES",
        "expr": "_EXPR_OPCODES",
        "safe": "_SAFE_OPCODES",
    },
    "odoo.addons.base.models.ir_qweb": {"qweb": "_SAFE_QWEB_OPCODES"},
}

_MARKER = "cc_odoo15_launcher"
LAUNCHER = os.path.abspath(__file__)


def needs_extension(version_info=None):
    """True on the Pythons whose bytecode Odoo 15's whitelists do not know."""
    version_info = sys.version_info if version_info is None else version_info
    return tuple(version_info[:2]) >= (3, 11)


def extend_whitelists(whitelists, version_info=None, opmap=None):
    """Add the 3.11 opcodes to Odoo's whitelists, in place.

    ``whitelists`` maps keys of ``ADDITIONS`` ("const", "expr", "safe",
    "qweb") to Odoo's sets of opcode numbers; missing keys are left alone.
    Names unknown to ``opmap`` (this Python's ``opcode.opmap`` by default) are
    skipped. Returns {key: sorted names that were not in the set before}; empty
    before Python 3.11, where nothing is changed.
    """
    if not needs_extension(version_info):
        return {}
    opmap = opcode.opmap if opmap is None else opmap
    added = {}
    for key, whitelist in whitelists.items():
        new = {name for name in ADDITIONS[key]
               if name in opmap and opmap[name] not in whitelist}
        whitelist.update(opmap[name] for name in new)
        added[key] = sorted(new)
    return added


def _patch_whitelists(module):
    attributes = TARGETS[module.__name__]
    extend_whitelists({key: getattr(module, attr) for key, attr in attributes.items()
                       if isinstance(getattr(module, attr, None), set)})


def _patch_reexec(module):
    """Odoo restarts itself (SIGHUP, --dev=reload, apps downloaded) by running
    ``python sys.argv...`` again: put the launcher back in front of odoo-bin."""
    original = getattr(module, "_reexec", None)
    if original is None or getattr(original, _MARKER, False):
        return

    def _reexec(*args, **kwargs):
        if sys.argv and sys.argv[0] != LAUNCHER:
            sys.argv[:0] = [LAUNCHER]
        return original(*args, **kwargs)

    setattr(_reexec, _MARKER, True)
    module._reexec = _reexec


# Chromium 111 and newer refuse a DevTools websocket whose client sends an
# Origin header (websocket-client, which Odoo's test browser uses, always
# does) unless the browser was started with allowed origins. Later 15.0
# builds of Odoo pass this switch themselves; the June 2022 build does not,
# so every tour and QUnit test fails with "Handshake status 403 Forbidden".
CHROME_ALLOW_ORIGINS = "--remote-allow-origins=*"


def chrome_command(cmd):
    """Odoo's Chromium command line with the allowed-origins switch (a copy;
    unchanged when the command already has one)."""
    if any(arg.startswith("--remote-allow-origins") for arg in cmd[1:]):
        return list(cmd)
    return [cmd[0], CHROME_ALLOW_ORIGINS] + list(cmd[1:])


def _patch_chrome(module):
    """Odoo's test browser starts Chromium with ``chrome_command``."""
    browser = getattr(module, "ChromeBrowser", None)
    original = getattr(browser, "_spawn_chrome", None)
    if original is None or getattr(original, _MARKER, False):
        return

    def _spawn_chrome(self, cmd):
        return original(self, chrome_command(cmd))

    setattr(_spawn_chrome, _MARKER, True)
    browser._spawn_chrome = _spawn_chrome


# module -> what to do once it is imported
PATCHES = {name: _patch_whitelists for name in TARGETS}


def _patch_module(module):
    PATCHES[module.__name__](module)


class _PatchingLoader(importlib.abc.Loader):
    """Runs the real loader, then patches the module it filled."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _patch_module(module)

    def __getattr__(self, name):  # get_source, get_filename... for tracebacks
        return getattr(self._loader, name)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds the modules of PATCHES with the other finders, wraps their loader."""

    cc_odoo15_launcher = True

    def find_spec(self, fullname, path, target=None):
        if fullname not in PATCHES:
            return None
        for finder in sys.meta_path:
            if finder is self or getattr(finder, _MARKER, False) or \
                    not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def install(server=False):
    """Extend Odoo's whitelists now for what is imported, and on import for the
    rest (``ir_qweb`` builds its set from ``safe_eval``'s at import time, so
    ``safe_eval`` must be patched first: the import hook guarantees it). With
    ``server``, Odoo's self-restart also goes through this launcher, and its
    test browser may be a recent Chromium (on every Python).
    Idempotent; returns whether the whitelists are extended (only on Python
    3.11 and newer: nothing is changed for them before)."""
    extend = needs_extension()
    if not extend:
        for name in TARGETS:
            PATCHES.pop(name, None)
    if server:
        PATCHES["odoo.tests.common"] = _patch_chrome
        if extend:
            PATCHES["odoo.service.server"] = _patch_reexec
    if not PATCHES:
        return False
    if not any(getattr(finder, _MARKER, False) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())
    for name in list(PATCHES):
        if name in sys.modules:
            _patch_module(sys.modules[name])
    return extend


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-"):
        sys.stderr.write("usage: python %s /path/to/odoo-bin [odoo-bin arguments]\n"
                         % os.path.relpath(__file__))
        return 2
    odoo_bin = os.path.abspath(argv[0])
    if not os.path.isfile(odoo_bin):
        sys.stderr.write("%s: no such file (expected Odoo 15's odoo-bin)\n" % odoo_bin)
        return 2
    os.environ["TZ"] = "UTC"  # as odoo-bin does, before anything imports time
    install(server=True)
    # Run odoo-bin exactly as "python odoo-bin ARGS" would.
    sys.argv = [odoo_bin] + list(argv[1:])
    sys.path[0] = os.path.dirname(odoo_bin)
    runpy.run_path(odoo_bin, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
