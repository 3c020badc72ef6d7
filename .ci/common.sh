# shellcheck shell=bash
# Shared helpers for run.sh and test.sh. Source it; it defines functions and
# a few variables and runs nothing by itself.
#
#   ensure_postgres           start (installing if needed) a local PostgreSQL
#                             and give the current OS user a LOGIN CREATEDB role
#   discover_odoo             find an Odoo 15 (ODOO_BIN/ODOO_PYTHON, then
#                             /opt/odoo15, then the one set up in var/odoo15,
#                             else set it up: .ci/odoo_bootstrap.sh) and
#                             export ODOO_* variables
#   odoo_not_found_message    the paragraph to print when discover_odoo failed
#   ensure_odoo_requirements  pip-install into Odoo's python whatever of the
#                             given requirements it cannot import
#   free_port                 print a free TCP port on 127.0.0.1
#   cc_installable_addons     filter an addon list down to installable ones
#   cc_addon_dependencies     the modules the given addons need, minus them

CC_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CC_ALL_ADDONS="cc_core,cc_connector_whatsapp,cc_connector_sms_kolmeya,cc_dashboard"
# The conventional installed Odoo (CC_SYSTEM_ODOO_DIR lets tests hide it).
CC_DEFAULT_ODOO_DIR="${CC_SYSTEM_ODOO_DIR:-/opt/odoo15}"
# Every Odoo process is started as "$ODOO_PYTHON" "$CC_ODOO_LAUNCHER" "$ODOO_BIN"
# ARGS: it extends Odoo 15's opcode whitelists on Python 3.11 (see the file).
CC_ODOO_LAUNCHER="$CC_REPO_ROOT/.ci/odoo15_launcher.py"
export CC_REPO_ROOT CC_ALL_ADDONS CC_ODOO_LAUNCHER

cc_log() { printf '[cc] %s\n' "$*" >&2; }
cc_warn() { printf '[cc] WARNING: %s\n' "$*" >&2; }

# shellcheck source=.ci/odoo_bootstrap.sh
. "$CC_REPO_ROOT/.ci/odoo_bootstrap.sh"

# Run a command as root (we normally already are root).
_cc_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        cc_warn "not root and no sudo: cannot run: $*"
        return 1
    fi
}

# Run a command as the postgres OS user, from a directory it can read.
_cc_as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        (cd / && "$@")
    elif [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u postgres -- "$@")
    elif [ "$(id -u)" -eq 0 ]; then
        local q="" a
        for a in "$@"; do q+=" $(printf '%q' "$a")"; done
        (cd / && su postgres -s /bin/sh -c "$q")
    else
        (cd / && sudo -n -u postgres "$@")
    fi
}

_CC_APT_UPDATED=""
# apt_install PACKAGE...: non-interactive apt-get install, 'apt-get update' once.
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        cc_warn "apt-get not available; please install: $*"
        return 1
    fi
    if [ -z "$_CC_APT_UPDATED" ]; then
        cc_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive _cc_as_root apt-get update -q </dev/null || return 1
        _CC_APT_UPDATED=1
    fi
    cc_log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive _cc_as_root apt-get install -y -q --no-install-recommends "$@" </dev/null
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# ensure_postgres: a running local cluster and a role for $(id -un). Odoo then
# connects through the unix socket with peer authentication (no password).
# Exports PGPORT when the cluster does not listen on the default port.
ensure_postgres() {
    local user ver name port status line
    user="$(id -un)"
    if [ "$user" = postgres ]; then
        cc_warn "running as the 'postgres' OS user: Odoo refuses the postgres role; run as another user"
        return 1
    fi
    if ! command -v pg_lsclusters >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
        apt_install postgresql || { cc_warn "could not install postgresql"; return 1; }
    fi
    if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
        ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
        [ -n "$ver" ] || { cc_warn "no PostgreSQL server version found under /usr/lib/postgresql"; return 1; }
        cc_log "creating PostgreSQL cluster $ver/main"
        _cc_as_root pg_createcluster "$ver" main >/dev/null || return 1
    fi
    # Prefer a cluster named "main" (newest version), else the first one.
    line="$(pg_lsclusters -h | awk '$2 == "main"' | sort -V -k1,1 | tail -n 1)"
    [ -n "$line" ] || line="$(pg_lsclusters -h | head -n 1)"
    read -r ver name port status _ <<<"$line"
    if [ "${status%%,*}" != online ]; then
        cc_log "starting PostgreSQL cluster $ver/$name"
        _cc_as_root pg_ctlcluster "$ver" "$name" start || {
            cc_warn "pg_ctlcluster $ver $name start failed"
            return 1
        }
    fi
    if [ "$port" != 5432 ]; then
        export PGPORT="$port"
    fi
    local i
    for i in $(seq 1 30); do
        if _cc_as_postgres psql -p "$port" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
            break
        fi
        [ "$i" -eq 30 ] && { cc_warn "PostgreSQL $ver/$name does not answer"; return 1; }
        sleep 1
    done
    if [ "$(_cc_as_postgres psql -p "$port" -d postgres -Atqc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
        cc_log "creating PostgreSQL role \"$user\" (LOGIN CREATEDB)"
        _cc_as_postgres psql -p "$port" -d postgres -qc \
            "CREATE ROLE \"$user\" LOGIN CREATEDB" >/dev/null || return 1
    fi
    # Odoo opens the 'postgres' database to list and create databases.
    if ! psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        cc_warn "role \"$user\" cannot connect through the unix socket (check pg_hba.conf peer auth)"
        return 1
    fi
}

# db_exists NAME: true when the database exists (needs ensure_postgres).
db_exists() {
    [ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$1'" 2>/dev/null)" = 1 ]
}

# drop_db NAME: drop a database, terminating leftover connections.
drop_db() {
    dropdb --if-exists --force "$1" 2>/dev/null || dropdb --if-exists "$1"
}

# ---------------------------------------------------------------------------
# Odoo
# ---------------------------------------------------------------------------

ODOO_DISCOVERY_REPORT=""

# _cc_try_odoo BIN PYTHON: succeed (and set _CC_ODOO_PKG) when PYTHON imports
# an Odoo 15 from next to BIN.
_cc_try_odoo() {
    local bin="$1" py="$2" dir out
    if [ ! -f "$bin" ]; then
        ODOO_DISCOVERY_REPORT+="  - $bin: no such file"$'\n'
        return 1
    fi
    if [ ! -x "$py" ]; then
        ODOO_DISCOVERY_REPORT+="  - $py: no such executable"$'\n'
        return 1
    fi
    dir="$(cd "$(dirname "$bin")" && pwd)"
    if ! out="$(cd "$dir" && PYTHONPATH="$dir${PYTHONPATH:+:$PYTHONPATH}" "$py" -c '
import os
import odoo.release as r
assert r.version_info[0] == 15, "this is Odoo %s, not 15" % r.version
print(os.path.dirname(os.path.abspath(r.__file__)))
' 2>&1)"; then
        ODOO_DISCOVERY_REPORT+="  - $bin with $py: cannot import Odoo 15 ($(printf '%s' "$out" | tail -n 1))"$'\n'
        return 1
    fi
    _CC_ODOO_PKG="$(printf '%s' "$out" | tail -n 1)"
}

# _cc_dir_has_modules DIR: true when DIR holds at least one Odoo module.
_cc_dir_has_modules() {
    compgen -G "$1/*/__manifest__.py" >/dev/null
}

# discover_odoo: find Odoo 15 and export
#   ODOO_BIN, ODOO_PYTHON  the launcher and the interpreter to run it with
#   ODOO_DIR               the directory holding the `odoo` package
#   ODOO_ADDONS_PATH       Odoo's addon dirs + this repo (+ CC_EXTRA_ADDONS_PATH)
# When ODOO_BIN or ODOO_PYTHON is set, only that Odoo is considered (and never
# changed). Otherwise /opt/odoo15, then the Odoo set up by odoo_bootstrap in
# CC_ODOO_HOME (var/odoo15), which is cloned and built when missing unless
# CC_ODOO_BOOTSTRAP=0. ODOO_BOOTSTRAP_ERROR says why the bootstrap failed.
discover_odoo() {
    local bin py home
    ODOO_DISCOVERY_REPORT=""
    ODOO_BOOTSTRAP_ERROR=""
    if [ -n "${ODOO_BIN:-}" ] || [ -n "${ODOO_PYTHON:-}" ]; then
        bin="${ODOO_BIN:-$CC_DEFAULT_ODOO_DIR/odoo-bin}"
        if [ -n "${ODOO_PYTHON:-}" ]; then
            py="$ODOO_PYTHON"
        elif [ -x "$(dirname "$bin")/venv/bin/python" ]; then
            py="$(dirname "$bin")/venv/bin/python"
        else
            py="$(command -v python3 || echo python3)"
        fi
        _cc_try_odoo "$bin" "$py" || return 1
    else
        bin="$CC_DEFAULT_ODOO_DIR/odoo-bin"
        py="$CC_DEFAULT_ODOO_DIR/venv/bin/python"
        if ! _cc_try_odoo "$bin" "$py"; then
            home="$(_cc_bootstrap_home)"
            if [ "${CC_ODOO_BOOTSTRAP:-1}" = 0 ]; then
                bin="$home/odoo/odoo-bin"
                py="$home/venv/bin/python"
                _cc_try_odoo "$bin" "$py" || {
                    ODOO_DISCOVERY_REPORT+="  - CC_ODOO_BOOTSTRAP=0: no Odoo 15 is set up in $home and none will be"$'\n'
                    return 1
                }
            else
                if ! odoo_bootstrap; then
                    ODOO_DISCOVERY_REPORT+="  - $ODOO_BOOTSTRAP_ERROR"$'\n'
                    return 1
                fi
                bin="$ODOO_BOOTSTRAP_BIN"
                py="$ODOO_BOOTSTRAP_PYTHON"
                if ! _cc_try_odoo "$bin" "$py"; then
                    ODOO_BOOTSTRAP_ERROR="the Odoo 15 set up in $home does not start (see above): delete $home/venv to rebuild its virtualenv, or $home to start over"
                    ODOO_DISCOVERY_REPORT+="  - $ODOO_BOOTSTRAP_ERROR"$'\n'
                    return 1
                fi
            fi
        fi
    fi
    ODOO_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    ODOO_PYTHON="$py"
    ODOO_DIR="$(dirname "$_CC_ODOO_PKG")"
    local paths=() d oeel
    for d in "$_CC_ODOO_PKG/addons" "$ODOO_DIR/addons"; do
        if [ -d "$d" ] && _cc_dir_has_modules "$d"; then
            paths+=("$d")
        fi
    done
    paths+=("$CC_REPO_ROOT")
    if [ -n "${CC_EXTRA_ADDONS_PATH:-}" ]; then
        local extra
        IFS=',' read -r -a extra <<<"$CC_EXTRA_ADDONS_PATH"
        paths+=("${extra[@]}")
    fi
    ODOO_ADDONS_PATH="$(IFS=','; printf '%s' "${paths[*]}")"
    export ODOO_BIN ODOO_PYTHON ODOO_DIR ODOO_ADDONS_PATH
    # Enterprise (OEEL-1) modules must not be on the path of a Community product.
    oeel="$(grep -l "OEEL-1" "$_CC_ODOO_PKG"/addons/*/__manifest__.py "$ODOO_DIR"/addons/*/__manifest__.py 2>/dev/null | wc -l)"
    if [ "$oeel" -gt 0 ]; then
        cc_warn "$oeel Odoo Enterprise (OEEL-1) modules are on the addons path of $ODOO_DIR; remove them, this product targets Community"
    fi
    cc_log "Odoo 15 found: $ODOO_BIN (python: $ODOO_PYTHON)"
}

# odoo_not_found_message: one paragraph explaining what was looked for.
odoo_not_found_message() {
    local looked
    if [ -n "${ODOO_BIN:-}${ODOO_PYTHON:-}" ]; then
        looked="the Odoo given by the environment (${ODOO_BIN:+ODOO_BIN=$ODOO_BIN}${ODOO_BIN:+${ODOO_PYTHON:+, }}${ODOO_PYTHON:+ODOO_PYTHON=$ODOO_PYTHON}; with either set, nothing else is tried or set up)"
    else
        looked="ODOO_BIN/ODOO_PYTHON in the environment (both unset), then $CC_DEFAULT_ODOO_DIR/odoo-bin run with $CC_DEFAULT_ODOO_DIR/venv/bin/python, then an Odoo 15 set up in $(_cc_bootstrap_home) (cloned from ODOO_SOURCE when missing)"
    fi
    cat >&2 <<EOF
No usable Odoo 15 was found. Looked for $looked:
${ODOO_DISCOVERY_REPORT%$'\n'}
Without ODOO_BIN/ODOO_PYTHON, ./$(basename "$0") sets up Odoo 15 itself: it needs git,
access to ODOO_SOURCE (default $CC_ODOO_DEFAULT_SOURCE) and to PyPI.
Offline, set ODOO_SOURCE to a local git checkout of Odoo 15. To use an Odoo 15
checkout that already has its virtualenv, set ODOO_BIN to its odoo-bin and
ODOO_PYTHON to a python that has Odoo's requirements installed (the checkout
directory is put on PYTHONPATH, so 'import odoo' works from source), e.g.
  ODOO_BIN=/srv/odoo15/odoo-bin ODOO_PYTHON=/srv/odoo15/venv/bin/python ./$(basename "$0")
Odoo itself is never part of this repository.
EOF
}

# _cc_requirement_specs FILE...: the requirement lines of pip requirement files.
_cc_requirement_specs() {
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$@" | grep -v '^$' | grep -v '^-'
}

# missing_python_packages PYTHON SPEC...: print the specs whose top-level module
# PYTHON cannot find (websocket-client -> websocket, odoo-test-helper ->
# odoo_test_helper, python-dateutil -> dateutil, else name with - as _).
missing_python_packages() {
    local py="$1"
    shift
    [ "$#" -gt 0 ] || return 0
    "$py" - "$@" <<'EOF'
import importlib.util
import re
import sys

SPECIAL = {
    "websocket-client": "websocket",
    "python-dateutil": "dateutil",
    "pyyaml": "yaml",
    "beautifulsoup4": "bs4",
    "pillow": "PIL",
}
for spec in sys.argv[1:]:
    name = re.split(r"[\s<>=!~;\[@]", spec, maxsplit=1)[0].lower()
    module = SPECIAL.get(name, name.replace("-", "_").replace(".", "_"))
    if importlib.util.find_spec(module) is None:
        print(spec)
EOF
}

# ensure_odoo_requirements [FILE|-p SPEC]...: make every listed requirement
# importable by $ODOO_PYTHON, pip-installing only those that are missing.
# Default: the repo's requirements.txt.
ensure_odoo_requirements() {
    local specs=() missing
    if [ "$#" -eq 0 ]; then
        set -- "$CC_REPO_ROOT/requirements.txt"
    fi
    while [ "$#" -gt 0 ]; do
        if [ "$1" = -p ]; then
            specs+=("$2")
            shift 2
        else
            mapfile -t -O "${#specs[@]}" specs < <(_cc_requirement_specs "$1")
            shift
        fi
    done
    mapfile -t missing < <(missing_python_packages "$ODOO_PYTHON" "${specs[@]}")
    if [ "${#missing[@]}" -gt 0 ]; then
        cc_log "installing into Odoo's python: ${missing[*]}"
        "$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check "${missing[@]}" </dev/null || return 1
    fi
}

# free_port: print a TCP port that is free on 127.0.0.1 right now.
free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# port_in_use PORT: true when something listens on 127.0.0.1:PORT.
port_in_use() {
    python3 -c 'import socket, sys
s = socket.socket()
s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

# ---------------------------------------------------------------------------
# Our addons
# ---------------------------------------------------------------------------

# _cc_manifests MODE ADDONS: helper reading __manifest__.py files found in the
# repo root and CC_EXTRA_ADDONS_PATH. MODE "installable" prints the installable
# addons of ADDONS (comma list), "deps" the modules they need that are not in
# ADDONS (depends, transitively through manifests found here).
_cc_manifests() {
    python3 - "$1" "$2" "$CC_REPO_ROOT${CC_EXTRA_ADDONS_PATH:+,$CC_EXTRA_ADDONS_PATH}" <<'EOF'
import ast
import os
import sys

mode, wanted, roots = sys.argv[1], sys.argv[2], sys.argv[3]
wanted = [a.strip() for a in wanted.split(",") if a.strip()]


def manifest(name):
    for root in roots.split(","):
        path = os.path.join(root, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                try:
                    return ast.literal_eval(f.read())
                except (SyntaxError, ValueError) as e:
                    sys.stderr.write("[cc] WARNING: %s: unreadable manifest (%s)\n" % (path, e))
                    return {"installable": False}
    return None


if mode == "installable":
    out = []
    for name in wanted:
        m = manifest(name)
        if m is None:
            sys.stderr.write("[cc] %s: no %s/__manifest__.py yet, skipped\n" % (name, name))
        elif not m.get("installable", True):
            sys.stderr.write("[cc] %s: not installable, skipped\n" % name)
        else:
            out.append(name)
    print(",".join(out))
else:
    seen, deps, todo = set(wanted), [], list(wanted)
    while todo:
        m = manifest(todo.pop(0)) or {}
        for dep in m.get("depends", []):
            if dep in seen:
                continue
            seen.add(dep)
            deps.append(dep)
            if manifest(dep) is not None:
                todo.append(dep)
    print(",".join(deps) or "base")
EOF
}

cc_installable_addons() { _cc_manifests installable "$1"; }
cc_addon_dependencies() { _cc_manifests deps "$1"; }
