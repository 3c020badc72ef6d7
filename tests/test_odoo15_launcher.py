# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Python 3.11 launcher of Odoo 15 (.ci/odoo15_launcher.py), without Odoo.

The pure part (``extend_whitelists``) gets synthetic opcode tables, so it is
tested the same on any Python; the import hook is tested in a subprocess on a
miniature ``odoo`` package shaped like Odoo 15's (``ir_qweb`` builds its set
from ``safe_eval``'s at import time).
"""
import importlib.util
import json
import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, ".ci", "odoo15_launcher.py")

# The opcodes Odoo 16 allows for Python 3.11 (issue 20 / odoo15-on-py311.md).
ODOO16_PY311 = {
    "RESUME", "COPY", "SWAP", "BINARY_OP", "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE", "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE", "JUMP_BACKWARD",
    "JUMP_BACKWARD_NO_INTERRUPT", "CHECK_EXC_MATCH", "RETURN_GENERATOR", "PUSH_EXC_INFO",
    "NOP", "FORMAT_VALUE", "BUILD_STRING",
}
# A few pre-3.11 opcodes standing for what Odoo 15's lists already hold.
OLD = ["LOAD_CONST", "RETURN_VALUE", "BINARY_ADD", "LOAD_NAME", "CALL_FUNCTION"]
OPMAP = {name: number for number, name in enumerate(sorted(ODOO16_PY311) + OLD, start=1)}
NAMES = {number: name for name, number in OPMAP.items()}


def load_launcher():
    spec = importlib.util.spec_from_file_location("cc_odoo15_launcher_test", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launcher = load_launcher()


def odoo15_like_sets():
    const = {OPMAP["LOAD_CONST"], OPMAP["RETURN_VALUE"]}
    expr = const | {OPMAP["BINARY_ADD"]}
    safe = expr | {OPMAP["LOAD_NAME"], OPMAP["CALL_FUNCTION"]}
    qweb = expr | {OPMAP["LOAD_NAME"], OPMAP["CALL_FUNCTION"]}
    return {"const": const, "expr": expr, "safe": safe, "qweb": qweb}


def grown(before, after):
    return {key: {NAMES[n] for n in after[key] - before[key]} for key in before}


def test_python_311_adds_exactly_odoo16s_opcodes_to_the_list_odoo16_puts_them_in():
    sets = odoo15_like_sets()
    before = {key: set(value) for key, value in sets.items()}

    added = launcher.extend_whitelists(sets, version_info=(3, 11, 7), opmap=OPMAP)

    growth = grown(before, sets)
    assert growth["const"] == {"RESUME", "COPY", "SWAP"}
    assert growth["expr"] == {"RESUME", "COPY", "SWAP", "BINARY_OP"}
    # the full sandbox (safe_eval) accepts every one of them
    assert growth["safe"] == ODOO16_PY311
    # QWeb: what Odoo 16's ir_qweb adds; no exception handling, like its 15.0 list
    assert growth["qweb"] == {
        "RESUME", "COPY", "SWAP", "BINARY_OP", "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
        "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_FALSE",
        "JUMP_BACKWARD", "RETURN_GENERATOR", "FORMAT_VALUE", "BUILD_STRING",
    }
    assert {key: set(names) for key, names in added.items()} == growth
    # nothing else was added, nothing removed
    for key in sets:
        assert before[key] <= sets[key]


@pytest.mark.parametrize("version", [(3, 8, 10), (3, 9, 2), (3, 10, 12)])
def test_older_pythons_leave_every_list_unchanged(version):
    sets = odoo15_like_sets()
    before = {key: set(value) for key, value in sets.items()}

    assert launcher.extend_whitelists(sets, version_info=version, opmap=OPMAP) == {}
    assert sets == before


def test_extending_twice_adds_nothing_more():
    sets = odoo15_like_sets()
    launcher.extend_whitelists(sets, version_info=(3, 11), opmap=OPMAP)
    once = {key: set(value) for key, value in sets.items()}

    again = launcher.extend_whitelists(sets, version_info=(3, 11), opmap=OPMAP)

    assert sets == once
    assert all(names == [] for names in again.values())


def test_names_this_python_does_not_know_are_skipped():
    opmap = {name: number for name, number in OPMAP.items() if name != "PRECALL"}
    sets = {"safe": {OPMAP["LOAD_NAME"]}}

    launcher.extend_whitelists(sets, version_info=(3, 12), opmap=opmap)

    assert OPMAP["PRECALL"] not in sets["safe"]
    assert OPMAP["CALL"] in sets["safe"]


def test_only_the_given_lists_are_touched():
    sets = {"qweb": {OPMAP["LOAD_NAME"]}}
    added = launcher.extend_whitelists(sets, version_info=(3, 11), opmap=OPMAP)
    assert set(added) == {"qweb"}


# --- the import hook, on a miniature Odoo 15 ---------------------------------

SAFE_EVAL = """
from opcode import opmap

def to_opcodes(names):
    return {opmap[n] for n in names if n in opmap}

_BLACKLIST = to_opcodes(["IMPORT_NAME"])
_CONST_OPCODES = to_opcodes(["LOAD_CONST", "RETURN_VALUE"]) - _BLACKLIST
_EXPR_OPCODES = _CONST_OPCODES.union(to_opcodes(["BINARY_ADD", "BINARY_SUBSCR"])) - _BLACKLIST
_SAFE_OPCODES = _EXPR_OPCODES.union(to_opcodes(["LOAD_NAME", "CALL_FUNCTION"])) - _BLACKLIST
"""
IR_QWEB = """
from odoo.tools.safe_eval import to_opcodes, _EXPR_OPCODES, _BLACKLIST

_SAFE_QWEB_OPCODES = (
    _EXPR_OPCODES.union(to_opcodes(["LOAD_NAME", "CALL_FUNCTION"])) - _BLACKLIST)
"""
PROBE = """
import importlib.util, json, opcode, sys
early = sys.argv[2]
if early == "safe_eval":
    import odoo.tools.safe_eval
elif early == "ir_qweb":
    import odoo.addons.base.models.ir_qweb
spec = importlib.util.spec_from_file_location("launcher", sys.argv[1])
launcher = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launcher)
installed = launcher.install()
launcher.install()  # idempotent
from odoo.tools import safe_eval
from odoo.addons.base.models import ir_qweb
names = lambda codes: sorted(opcode.opname[c] for c in codes)
print(json.dumps({
    "installed": installed,
    "hooks": sum(1 for f in sys.meta_path if getattr(f, "cc_odoo15_launcher", False)),
    "const": names(safe_eval._CONST_OPCODES),
    "expr": names(safe_eval._EXPR_OPCODES),
    "safe": names(safe_eval._SAFE_OPCODES),
    "qweb": names(ir_qweb._SAFE_QWEB_OPCODES),
}))
"""


@pytest.fixture
def mini_odoo(tmp_path):
    files = {
        "odoo/__init__.py": "",
        "odoo/tools/__init__.py": "",
        "odoo/tools/safe_eval.py": SAFE_EVAL,
        "odoo/addons/__init__.py": "",
        "odoo/addons/base/__init__.py": "",
        "odoo/addons/base/models/__init__.py": "",
        "odoo/addons/base/models/ir_qweb.py": IR_QWEB,
        "probe.py": PROBE,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def probe(mini_odoo, early):
    result = subprocess.run(
        [sys.executable, str(mini_odoo / "probe.py"), LAUNCHER, early],
        cwd=str(mini_odoo), env=dict(os.environ, PYTHONPATH=str(mini_odoo)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("early", ["nothing", "safe_eval", "ir_qweb"])
def test_install_extends_safe_eval_and_ir_qweb_whatever_was_imported_before(mini_odoo, early):
    seen = probe(mini_odoo, early)

    if sys.version_info[:2] != (3, 11):
        assert not seen["installed"] and seen["hooks"] == 0
        assert "PRECALL" not in seen["safe"] and "RESUME" not in seen["const"]
        return
    assert seen["installed"] and seen["hooks"] == 1
    assert {"RESUME", "COPY", "SWAP"} <= set(seen["const"])
    assert "BINARY_OP" in seen["expr"] and "CALL" not in seen["expr"]
    assert ODOO16_PY311 <= set(seen["safe"])
    # ir_qweb's own set: the expression opcodes plus its additions
    assert {"BINARY_OP", "RESUME", "CALL", "PRECALL", "PUSH_NULL"} <= set(seen["qweb"])
    assert "PUSH_EXC_INFO" not in seen["qweb"] and "CHECK_EXC_MATCH" not in seen["qweb"]


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="Python 3.11 bytecode")
def test_on_311_a_typical_domain_expression_passes_the_extended_sandbox(mini_odoo):
    """What failed before: every call compiles to PRECALL/CALL on 3.11."""
    seen = probe(mini_odoo, "nothing")
    import dis

    code = compile("[('user_id', '=', uid)] if f(x, y=1) else [y for y in z if y is None]",
                   "<domain>", "eval")
    used = set()
    for obj in [code] + [c for c in code.co_consts if hasattr(c, "co_code")]:
        used |= {i.opname for i in dis.get_instructions(obj)}
    assert {"PRECALL", "CALL"} <= used
    allowed = set(seen["safe"]) | {"LOAD_FAST", "STORE_FAST", "COMPARE_OP", "IS_OP",
                                   "BUILD_LIST", "BUILD_TUPLE", "GET_ITER", "FOR_ITER",
                                   "LIST_APPEND", "MAKE_FUNCTION", "LOAD_CONST"}
    assert used <= allowed, used - allowed


# --- main(): runs Odoo's own odoo-bin ------------------------------------------

def test_launcher_runs_odoo_bin_with_its_arguments(tmp_path):
    odoo_bin = tmp_path / "odoo-bin"
    odoo_bin.write_text(textwrap.dedent("""
        import json, os, sys
        print(json.dumps({"argv": sys.argv, "path0": sys.path[0], "tz": os.environ.get("TZ"),
                          "name": __name__}))
    """))
    result = subprocess.run(
        [sys.executable, LAUNCHER, str(odoo_bin), "-d", "db", "--stop-after-init"],
        stdout=subprocess.PIPE, universal_newlines=True, check=True, cwd=str(tmp_path))
    seen = json.loads(result.stdout)
    assert seen == {"argv": [str(odoo_bin), "-d", "db", "--stop-after-init"],
                    "path0": str(tmp_path), "tz": "UTC", "name": "__main__"}


@pytest.mark.parametrize("args", [[], ["--version"], ["/nonexistent/odoo-bin"]])
def test_launcher_without_an_odoo_bin_says_how_to_call_it(args):
    result = subprocess.run([sys.executable, LAUNCHER] + args, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    assert result.returncode == 2
    assert "odoo-bin" in result.stderr


def test_odoo_restarting_itself_goes_through_the_launcher_again(mini_odoo):
    """Odoo 15 restarts (SIGHUP, --dev=reload) with ``python sys.argv...``."""
    server = mini_odoo / "odoo" / "service"
    server.mkdir()
    (server / "__init__.py").write_text("")
    (server / "server.py").write_text(textwrap.dedent("""
        import sys

        def _reexec(updated_modules=None):
            return [sys.executable] + sys.argv  # what Odoo would execute
    """))
    odoo_bin = mini_odoo / "odoo-bin"
    odoo_bin.write_text("import json\nimport odoo.service.server as s\n"
                        "print(json.dumps(s._reexec()))\n")

    result = subprocess.run([sys.executable, LAUNCHER, str(odoo_bin), "-d", "db"],
                            stdout=subprocess.PIPE, universal_newlines=True, check=True,
                            cwd=str(mini_odoo))

    argv = json.loads(result.stdout)
    if sys.version_info[:2] >= (3, 11):
        assert argv == [sys.executable, LAUNCHER, str(odoo_bin), "-d", "db"]
    else:
        assert argv == [sys.executable, str(odoo_bin), "-d", "db"]


# --- Odoo's test browser on a recent Chromium ---------------------------------

def test_the_test_browser_is_allowed_its_devtools_origin():
    cmd = ["/usr/bin/chromium", "--headless", "--remote-debugging-port=0", "about:blank"]
    started = launcher.chrome_command(cmd)
    assert started[0] == "/usr/bin/chromium" and started[-1] == "about:blank"
    assert "--remote-allow-origins=*" in started
    assert set(started) - set(cmd) == {"--remote-allow-origins=*"}
    assert cmd == ["/usr/bin/chromium", "--headless", "--remote-debugging-port=0",
                   "about:blank"], "Odoo's own list must not be changed"


def test_an_origin_switch_odoo_already_passes_is_kept():
    cmd = ["chromium", "--remote-allow-origins=http://127.0.0.1:9222", "about:blank"]
    assert launcher.chrome_command(cmd) == cmd


TESTS_COMMON = """
class ChromeBrowser:
    def _spawn_chrome(self, cmd):
        return cmd
"""
CHROME_PROBE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("launcher", sys.argv[1])
launcher = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launcher)
if sys.argv[2] == "before":
    import odoo.tests.common
launcher.install(server=sys.argv[3] == "server")
launcher.install(server=sys.argv[3] == "server")  # idempotent
from odoo.tests.common import ChromeBrowser
print(json.dumps(ChromeBrowser()._spawn_chrome(["chromium", "about:blank"])))
"""


@pytest.mark.parametrize("imported", ["before", "after"])
def test_odoo_bin_runs_start_the_test_browser_with_allowed_origins(mini_odoo, imported):
    tests = mini_odoo / "odoo" / "tests"
    tests.mkdir()
    (tests / "__init__.py").write_text("")
    (tests / "common.py").write_text(textwrap.dedent(TESTS_COMMON))
    (mini_odoo / "chrome_probe.py").write_text(textwrap.dedent(CHROME_PROBE))

    def spawned(mode):
        result = subprocess.run(
            [sys.executable, str(mini_odoo / "chrome_probe.py"), LAUNCHER, imported, mode],
            cwd=str(mini_odoo), env=dict(os.environ, PYTHONPATH=str(mini_odoo)),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
            check=True)
        return json.loads(result.stdout)

    assert spawned("server") == ["chromium", "--remote-allow-origins=*", "about:blank"]
    # the migration loads the launcher without running a server: untouched
    assert spawned("library") == ["chromium", "about:blank"]
