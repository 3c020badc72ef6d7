# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""How run.sh and test.sh obtain Odoo 15 on a machine without one.

Offline: ODOO_SOURCE is a local git repository holding a miniature Odoo tree
(odoo-bin, odoo/release.py saying 15.0, one Community and one Enterprise
module), the installed Odoo of the machine is hidden (CC_SYSTEM_ODOO_DIR), and
the virtualenv gets a tiny wheel built here instead of Odoo's pins
(CC_ODOO_REQUIREMENTS) with pip told not to use any index. Everything else is
the real thing: git clone, python -m venv, pip install, discovery, the
launcher.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")

ODOO_BIN = """#!/usr/bin/env python3
import sys
import odoo.release
print("fake odoo-bin", odoo.release.version, sys.argv[1:])
"""


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=cc", "-c", "user.email=cc@localhost", *args],
                   cwd=str(cwd), check=True, stdout=subprocess.DEVNULL)


def make_source(path, version="15.0", major=15, with_odoo_bin=True):
    """A git repository, branch 15.0, two commits, shaped like Odoo's."""
    files = {
        "odoo/__init__.py": "",
        "odoo/release.py": "version_info = (%d, 0, 0, 'final', 0, '')\nversion = %r\n"
                           % (major, version),
        "odoo/addons/base/__manifest__.py": "{'name': 'Base', 'license': 'LGPL-3'}\n",
        "addons/contacts/__manifest__.py": "{'name': 'Contacts', 'license': 'LGPL-3'}\n",
        "addons/web_enterprise/__manifest__.py":
            "{'name': 'Web Enterprise', 'license': 'OEEL-1', 'auto_install': True}\n",
        "requirements.txt": "Babel==2.9.1\npsycopg2==2.8.6; python_version >= '3.8'\n"
                            "python-ldap==3.4.0 ; sys_platform != 'win32'\n",
    }
    if with_odoo_bin:
        files["odoo-bin"] = ODOO_BIN
    path.mkdir(parents=True)
    git("init", "-q", cwd=path)
    git("checkout", "-q", "-b", "15.0", cwd=path)
    (path / "README.md").write_text("old history\n")
    git("add", "-A", cwd=path)
    git("commit", "-qm", "first", cwd=path)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    git("add", "-A", cwd=path)
    git("commit", "-qm", "second", cwd=path)
    return path


def make_wheel(directory):
    """A minimal pure-Python wheel (ccbootprobe 1.0), installable offline."""
    files = {
        "ccbootprobe/__init__.py": b"VALUE = 'installed by the bootstrap'\n",
        "ccbootprobe-1.0.dist-info/METADATA":
            b"Metadata-Version: 2.1\nName: ccbootprobe\nVersion: 1.0\n",
        "ccbootprobe-1.0.dist-info/WHEEL":
            b"Wheel-Version: 1.0\nGenerator: cc-test\nRoot-Is-Purelib: true\n"
            b"Tag: py3-none-any\n",
    }
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    record.append("ccbootprobe-1.0.dist-info/RECORD,,")
    files["ccbootprobe-1.0.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = directory / "ccbootprobe-1.0-py3-none-any.whl"
    with zipfile.ZipFile(str(wheel), "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


@pytest.fixture
def sandbox(tmp_path):
    source = make_source(tmp_path / "odoo-src")
    requirements = tmp_path / "tiny-requirements.txt"
    requirements.write_text("%s\n" % make_wheel(tmp_path))
    env = {k: v for k, v in os.environ.items()
           if k not in ("ODOO_BIN", "ODOO_PYTHON", "ODOO_SOURCE_BRANCH", "CC_ODOO_BOOTSTRAP",
                        "CC_ODOO_BOOTSTRAP_PYTHON", "CC_EXTRA_ADDONS_PATH")}
    env.update({
        "CC_SYSTEM_ODOO_DIR": str(tmp_path / "no-opt-odoo15"),
        "CC_ODOO_HOME": str(tmp_path / "home"),
        "ODOO_SOURCE": str(source),
        "CC_ODOO_REQUIREMENTS": str(requirements),
        "PIP_NO_INDEX": "1",
        "PIP_NO_CACHE_DIR": "1",
    })
    return {"tmp": tmp_path, "source": source, "home": tmp_path / "home", "env": env,
            "requirements": requirements}


def bash(sandbox, script, **env):
    """Run SCRIPT after sourcing .ci/common.sh; returns (status, stdout, stderr)."""
    result = subprocess.run(
        ["bash", "-c", '. .ci/common.sh\n' + script], cwd=ROOT,
        env=dict(sandbox["env"], **env), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    return result.returncode, result.stdout, result.stderr


DISCOVER = ('discover_odoo && '
            'printf "%s\\n" "$ODOO_BIN" "$ODOO_PYTHON" "$ODOO_DIR" "$ODOO_ADDONS_PATH"')


def test_first_run_clones_builds_a_venv_and_finds_that_odoo(sandbox):
    home = sandbox["home"]

    status, out, err = bash(sandbox, DISCOVER)

    assert status == 0, err
    odoo_bin, python, odoo_dir, addons_path = out.splitlines()
    assert odoo_bin == str(home / "odoo" / "odoo-bin")
    assert python == str(home / "venv" / "bin" / "python")
    assert odoo_dir == str(home / "odoo")
    assert addons_path.split(",") == [str(home / "odoo" / "odoo" / "addons"),
                                      str(home / "odoo" / "addons"), ROOT]
    # a shallow clone: only the last commit of branch 15.0
    count = subprocess.run(["git", "-C", str(home / "odoo"), "rev-list", "--count", "HEAD"],
                           stdout=subprocess.PIPE, universal_newlines=True, check=True)
    assert count.stdout.strip() == "1"
    # Community modules stay, Enterprise (OEEL-1) ones are off the addons path
    assert (home / "odoo" / "addons" / "contacts").is_dir()
    assert not (home / "odoo" / "addons" / "web_enterprise").exists()
    assert "removed 1 Enterprise (OEEL-1) modules" in err
    # the virtualenv is real and got the requirements
    assert (home / "venv" / "pyvenv.cfg").is_file()
    probe = subprocess.run([python, "-c", "import ccbootprobe; print(ccbootprobe.VALUE)"],
                           stdout=subprocess.PIPE, universal_newlines=True, check=True)
    assert probe.stdout.strip() == "installed by the bootstrap"
    # progress: each step says what it does and how long it took
    for step in ("clone", "venv", "requirements"):
        assert "Odoo bootstrap [%s]: " % step in err
        assert "Odoo bootstrap [%s]: done in " % step in err
    assert "pip: Successfully installed ccbootprobe-1.0" in err
    assert "Odoo 15 found: %s" % odoo_bin in err


def test_the_launcher_runs_the_bootstrapped_odoo(sandbox):
    status, out, err = bash(
        sandbox, DISCOVER + '\n"$ODOO_PYTHON" "$CC_ODOO_LAUNCHER" "$ODOO_BIN" --version -d x')
    assert status == 0, err
    assert out.splitlines()[-1] == "fake odoo-bin 15.0 ['--version', '-d', 'x']"


def test_second_run_reuses_the_clone_and_the_venv(sandbox):
    assert bash(sandbox, DISCOVER)[0] == 0
    # the source is gone: a second clone could not work
    shutil.rmtree(str(sandbox["source"]))

    status, out, err = bash(sandbox, DISCOVER)

    assert status == 0, err
    assert out.splitlines()[0] == str(sandbox["home"] / "odoo" / "odoo-bin")
    assert "Odoo bootstrap [clone]: reusing %s" % (sandbox["home"] / "odoo") in err
    assert "Odoo bootstrap [venv]: reusing" in err
    assert "Odoo bootstrap [requirements]: already installed" in err
    assert "Cloning" not in err and "pip:" not in err


def test_a_relative_home_is_taken_from_the_current_directory(sandbox):
    status, out, err = bash(sandbox, 'cd "$WHERE" && ' + DISCOVER,
                            CC_ODOO_HOME="rel/odoo15", WHERE=str(sandbox["tmp"]))
    assert status == 0, err
    home = sandbox["tmp"] / "rel" / "odoo15"
    assert out.splitlines()[1] == str(home / "venv" / "bin" / "python")


def test_two_runs_started_together_set_up_odoo_once(sandbox):
    script = DISCOVER.replace("printf", "echo done; printf")
    procs = [subprocess.Popen(["bash", "-c", ". .ci/common.sh\n" + script], cwd=ROOT,
                              env=sandbox["env"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True) for _ in range(2)]
    results = [proc.communicate() for proc in procs]

    assert [proc.returncode for proc in procs] == [0, 0], results
    errors = "".join(err for _out, err in results)
    assert errors.count("Odoo bootstrap [clone]: done in") == 1
    assert errors.count("Odoo bootstrap [clone]: reusing") == 1


def test_changed_requirements_are_installed_on_the_next_run(sandbox):
    assert bash(sandbox, DISCOVER)[0] == 0
    extra = sandbox["tmp"] / "extra"
    extra.mkdir()
    other = make_wheel(extra)  # same package, other path: the list changed
    sandbox["requirements"].write_text("%s\n" % other)

    status, _out, err = bash(sandbox, DISCOVER)

    assert status == 0, err
    assert "Odoo bootstrap [requirements]: pip install of 1 requirements" in err


def test_the_venv_gets_odoos_pins_for_the_machines_python(sandbox):
    """Without CC_ODOO_REQUIREMENTS: our 3.11 pins, or Odoo's own before 3.11."""
    home = sandbox["home"]
    assert bash(sandbox, DISCOVER)[0] == 0
    env = {"CC_ODOO_REQUIREMENTS": ""}

    status, out, err = bash(sandbox, '_cc_bootstrap_requirements "$CC_ODOO_HOME" 3.11', **env)
    assert status == 0, err
    assert out.splitlines() == [os.path.join(ROOT, ".ci", "odoo15-py311-requirements.txt"),
                                os.path.join(ROOT, "requirements.txt")]
    with open(out.splitlines()[0]) as handle:
        pins = handle.read()
    for pin in ("MarkupSafe==2.0.1", "lxml==4.9.3", "Werkzeug==2.0.2", "setuptools<70"):
        assert "\n%s\n" % pin in pins

    status, out, err = bash(sandbox, '_cc_bootstrap_requirements "$CC_ODOO_HOME" 3.10', **env)
    assert status == 0, err
    assert out.splitlines() == [str(home / "odoo-requirements.txt"),
                                os.path.join(ROOT, "requirements.txt")]
    lines = (home / "odoo-requirements.txt").read_text().split("\n")
    assert "Babel==2.9.1" in lines
    assert "psycopg2-binary==2.8.6; python_version >= '3.8'" in lines
    assert not [line for line in lines if "ldap" in line]
    assert "setuptools<70" in lines


def assert_failure(err, step, *words):
    assert 'Odoo bootstrap failed at step "%s"' % step in err, err
    assert "  why: " in err and "  what to do: " in err
    for word in words:
        assert word in err, (word, err)


def test_unreachable_source_fails_at_clone_and_says_what_to_do(sandbox):
    status, _out, err = bash(sandbox, "discover_odoo",
                             ODOO_SOURCE="https://127.0.0.1:9/odoo.git")

    assert status == 1
    assert_failure(err, "clone", "git clone exited with status 128",
                   "set ODOO_SOURCE to a local git checkout of Odoo 15", "ODOO_BIN")
    assert not (sandbox["home"] / "odoo").exists()
    assert not (sandbox["home"] / "odoo.partial-clone").exists()


def test_missing_local_source_fails_at_clone(sandbox):
    status, _out, err = bash(sandbox, "discover_odoo", ODOO_SOURCE=str(sandbox["tmp"] / "nope"))
    assert status == 1
    assert_failure(err, "clone", "git clone exited with status", "ODOO_SOURCE")


def test_a_branch_that_does_not_exist_fails_at_clone(sandbox):
    status, _out, err = bash(sandbox, "discover_odoo", ODOO_SOURCE_BRANCH="14.0")
    assert status == 1
    assert_failure(err, "clone", "has a branch 14.0")


def test_a_source_of_another_odoo_version_is_refused(sandbox):
    source = make_source(sandbox["tmp"] / "odoo16", version="16.0", major=16)
    status, _out, err = bash(sandbox, "discover_odoo", ODOO_SOURCE=str(source))
    assert status == 1
    assert_failure(err, "clone", "is Odoo 16, not 15", "ODOO_SOURCE_BRANCH=15.0")
    assert not (sandbox["home"] / "odoo").exists()


def test_a_source_that_is_not_odoo_is_refused(sandbox):
    source = make_source(sandbox["tmp"] / "other", with_odoo_bin=False)
    status, _out, err = bash(sandbox, "discover_odoo", ODOO_SOURCE=str(source))
    assert status == 1
    assert_failure(err, "clone", "not an Odoo source tree")


def test_a_plain_directory_is_not_a_git_source(sandbox):
    plain = sandbox["tmp"] / "plain"
    plain.mkdir()
    status, _out, err = bash(sandbox, "discover_odoo", ODOO_SOURCE=str(plain))
    assert status == 1
    assert_failure(err, "clone", "not a git repository", "ODOO_BIN")


def test_an_unsupported_python_fails_at_venv_and_keeps_the_clone(sandbox):
    fake = sandbox["tmp"] / "python3.12"
    fake.write_text("#!/bin/sh\necho 3.12\n")
    fake.chmod(0o755)

    status, _out, err = bash(sandbox, "discover_odoo", CC_ODOO_BOOTSTRAP_PYTHON=str(fake))

    assert status == 1
    assert_failure(err, "venv", "Python 3.12; Odoo 15 runs on Python 3.8 to 3.11",
                   "CC_ODOO_BOOTSTRAP_PYTHON")
    assert (sandbox["home"] / "odoo" / "odoo-bin").is_file()
    # the next run with a good Python reuses the clone
    status, _out, err = bash(sandbox, "discover_odoo")
    assert status == 0, err
    assert "[clone]: reusing" in err


def test_a_failing_pip_install_fails_at_requirements_and_is_retried(sandbox):
    missing = sandbox["tmp"] / "missing-1.0-py3-none-any.whl"
    sandbox["requirements"].write_text("%s\n" % missing)

    status, _out, err = bash(sandbox, "discover_odoo")

    assert status == 1
    assert_failure(err, "requirements", "pip install exited with status",
                   str(sandbox["home"] / "pip.log"), "PyPI")
    assert not (sandbox["home"] / "venv" / ".cc-requirements").exists()
    sandbox["requirements"].write_text("%s\n" % make_wheel(sandbox["tmp"]))
    status, _out, err = bash(sandbox, "discover_odoo")
    assert status == 0, err
    assert "[venv]: reusing" in err and "pip: Successfully installed" in err


def test_an_odoo_given_by_odoo_bin_is_never_replaced_by_a_bootstrap(sandbox):
    status, _out, err = bash(sandbox, "discover_odoo || { odoo_not_found_message; exit 2; }",
                             ODOO_BIN=str(sandbox["tmp"] / "srv" / "odoo-bin"))
    assert status == 2
    assert "nothing else is tried or set up" in err
    assert "Odoo bootstrap" not in err
    assert not sandbox["home"].exists()


def test_a_directory_not_made_by_the_bootstrap_is_left_untouched(sandbox):
    foreign = sandbox["home"] / "odoo"
    foreign.mkdir(parents=True)
    (foreign / "precious.txt").write_text("keep me")

    status, _out, err = bash(sandbox, "discover_odoo")

    assert status == 1
    assert_failure(err, "clone", "was not made by this script", "CC_ODOO_HOME")
    assert (foreign / "precious.txt").read_text() == "keep me"
    assert sorted(os.listdir(str(foreign))) == ["precious.txt"]


def test_bootstrap_can_be_switched_off_but_a_finished_one_is_still_used(sandbox):
    status, _out, err = bash(sandbox, "discover_odoo", CC_ODOO_BOOTSTRAP="0")
    assert status == 1
    assert not sandbox["home"].exists()

    assert bash(sandbox, DISCOVER)[0] == 0
    status, out, err = bash(sandbox, DISCOVER, CC_ODOO_BOOTSTRAP="0")
    assert status == 0, err
    assert out.splitlines()[0] == str(sandbox["home"] / "odoo" / "odoo-bin")
    assert "Odoo bootstrap" not in err


def test_run_sh_without_odoo_and_without_network_exits_2_and_explains(sandbox):
    result = subprocess.run(
        ["./run.sh"], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, universal_newlines=True,
        env=dict(sandbox["env"], ODOO_SOURCE="https://127.0.0.1:9/odoo.git",
                 CC_DB="cc_bootstrap_test", CC_PORT="1"))
    assert result.returncode == 2
    assert_failure(result.stderr, "clone", "No usable Odoo 15 was found",
                   "set ODOO_SOURCE to a local git checkout of Odoo 15")


def test_the_default_home_is_ignored_by_git():
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if inside.returncode != 0:
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "check-ignore", "-q", "var/odoo15/odoo/odoo-bin"], cwd=ROOT)
    assert result.returncode == 0
