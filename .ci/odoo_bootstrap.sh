# shellcheck shell=bash
# Obtain Odoo 15 on a machine that has none: sourced by .ci/common.sh, whose
# discover_odoo calls odoo_bootstrap when neither ODOO_BIN/ODOO_PYTHON nor
# /opt/odoo15 gives an Odoo 15. Runs nothing by itself.
#
# Into $CC_ODOO_HOME (default var/odoo15, ignored by git):
#   odoo/   shallow clone of $ODOO_SOURCE, branch $ODOO_SOURCE_BRANCH (15.0),
#           without Enterprise (license OEEL-1) modules
#   venv/   virtualenv made with $CC_ODOO_BOOTSTRAP_PYTHON (python3): Odoo's
#           dependencies for that Python (.ci/odoo15-py311-requirements.txt on
#           3.11, the clone's requirements.txt on 3.8-3.10, both with
#           setuptools<70) and this repository's requirements.txt
#   .clone-ok, venv/.cc-requirements   what is done (a second run reuses it)
#
# Environment:
#   ODOO_SOURCE            git URL or local git checkout (default: Odoo's
#                          official repository)
#   ODOO_SOURCE_BRANCH     branch to clone (default 15.0)
#   CC_ODOO_HOME           where to put it (default <repo>/var/odoo15)
#   CC_ODOO_BOOTSTRAP=0    never clone or build anything
#   CC_ODOO_BOOTSTRAP_PYTHON  interpreter for the virtualenv (default python3)
#   CC_ODOO_REQUIREMENTS   a pip requirements file installed into the venv
#                          INSTEAD of the list above (empty file: no pip run);
#                          the tests use it to stay offline

CC_ODOO_DEFAULT_SOURCE="https://github.com/odoo/odoo.git"
# Results for the caller (discover_odoo).
# shellcheck disable=SC2034
ODOO_BOOTSTRAP_ERROR="" ODOO_BOOTSTRAP_BIN="" ODOO_BOOTSTRAP_PYTHON=""

_cc_seconds() {
    local s=$(($1))
    if [ "$s" -ge 60 ]; then
        printf '%d min %02d s' $((s / 60)) $((s % 60))
    else
        printf '%d s' "$s"
    fi
}

_cc_bootstrap_home() {
    local home="${CC_ODOO_HOME:-$CC_REPO_ROOT/var/odoo15}"
    case "$home" in
        /*) ;;
        *) home="$PWD/$home" ;;
    esac
    printf '%s' "${home%/}"
}

# _cc_bootstrap_fail STEP WHY WHAT-TO-DO: record and print why a step failed.
_cc_bootstrap_fail() {
    ODOO_BOOTSTRAP_ERROR="Odoo bootstrap failed at step \"$1\": $2"$'\n'"  What to do: $3"
    cc_log "Odoo bootstrap failed at step \"$1\" (after $(_cc_seconds $((SECONDS - _CC_STEP_T0))))"
    cc_log "  why: $2"
    cc_log "  what to do: $3"
    return 1
}

_cc_step() {
    _CC_STEP_T0=$SECONDS
    cc_log "Odoo bootstrap [$1]: $2"
}

_cc_step_done() {
    cc_log "Odoo bootstrap [$1]: done in $(_cc_seconds $((SECONDS - _CC_STEP_T0)))"
}

# _cc_release_major TREE: print the major version in TREE/odoo/release.py.
_cc_release_major() {
    python3 - "$1/odoo/release.py" <<'EOF' 2>/dev/null
import runpy
import sys

print(runpy.run_path(sys.argv[1])["version_info"][0])
EOF
}

# _cc_enterprise_modules TREE: print the module dirs under TREE/odoo/addons
# and TREE/addons whose manifest license is OEEL-1 (Odoo Enterprise).
_cc_enterprise_modules() {
    python3 - "$1" <<'EOF'
import ast
import glob
import os
import sys

tree = sys.argv[1]
for pattern in ("odoo/addons/*/__manifest__.py", "addons/*/__manifest__.py"):
    for path in sorted(glob.glob(os.path.join(tree, pattern))):
        try:
            with open(path, encoding="utf-8") as handle:
                manifest = ast.literal_eval(handle.read())
        except (OSError, SyntaxError, ValueError):
            continue
        if isinstance(manifest, dict) and manifest.get("license") == "OEEL-1":
            print(os.path.dirname(path))
EOF
}

# _cc_bootstrap_clone HOME: HOME/odoo holds a shallow clone of Odoo 15.
_cc_bootstrap_clone() {
    local home="$1" source="${ODOO_SOURCE:-$CC_ODOO_DEFAULT_SOURCE}"
    local branch="${ODOO_SOURCE_BRANCH:-15.0}" url partial="$1/odoo.partial-clone"
    local log="$1/clone.log" rc major reason enterprise n=0 d progress=()
    local offline
    offline="set ODOO_SOURCE to a local git checkout of Odoo 15 (ODOO_SOURCE=/path/to/odoo ./$(basename "$0")), or point ODOO_BIN (and ODOO_PYTHON) at an installed Odoo 15"
    if [ -f "$home/.clone-ok" ] && [ -f "$home/odoo/odoo-bin" ]; then
        cc_log "Odoo bootstrap [clone]: reusing $home/odoo ($(head -n 1 "$home/.clone-ok"))"
        return 0
    fi
    _cc_step clone "shallow clone of $source (branch $branch) into $home/odoo"
    if [ -e "$home/odoo" ]; then
        _cc_bootstrap_fail clone "$home/odoo already exists and was not made by this script; it is left untouched" \
            "point ODOO_BIN/ODOO_PYTHON at it if it is an Odoo 15 with its virtualenv, or set CC_ODOO_HOME to an empty or new directory"
        return 1
    fi
    if ! command -v git >/dev/null 2>&1; then
        apt_install git >/dev/null || {
            _cc_bootstrap_fail clone "git is not installed and apt-get could not install it" \
                "install git (apt-get install git), or $offline"
            return 1
        }
    fi
    url="$source"
    if [ -d "$source" ]; then
        if ! git -C "$source" rev-parse --git-dir >/dev/null 2>&1; then
            _cc_bootstrap_fail clone "$source is a directory but not a git repository" \
                "give the path of a git checkout of Odoo 15, or point ODOO_BIN (and ODOO_PYTHON) at that tree's odoo-bin"
            return 1
        fi
        # file:// so that --depth applies (git ignores it for plain paths).
        url="file://$(cd "$source" && pwd)"
    fi
    rm -rf "$partial"
    [ -t 2 ] && progress=(--progress)
    git clone --depth 1 --single-branch --branch "$branch" "${progress[@]}" "$url" "$partial" \
        </dev/null 2>&1 | tee "$log" >&2
    rc=${PIPESTATUS[0]}
    if [ "$rc" -ne 0 ]; then
        rm -rf "$partial"
        reason="$(tr '\r' '\n' <"$log" | grep -E '^(fatal|error):' | tail -n 1)"
        _cc_bootstrap_fail clone "git clone exited with status $rc: ${reason:-see $log}" \
            "check the network and that $source has a branch $branch, or $offline"
        return 1
    fi
    if [ ! -f "$partial/odoo-bin" ] || [ ! -f "$partial/odoo/release.py" ]; then
        rm -rf "$partial"
        _cc_bootstrap_fail clone "$source (branch $branch) is not an Odoo source tree: no odoo-bin or odoo/release.py" \
            "set ODOO_SOURCE to Odoo's repository or a checkout of it"
        return 1
    fi
    major="$(_cc_release_major "$partial")"
    if [ "$major" != 15 ]; then
        rm -rf "$partial"
        _cc_bootstrap_fail clone "$source (branch $branch) is Odoo ${major:-of unknown version}, not 15" \
            "set ODOO_SOURCE_BRANCH=15.0 or ODOO_SOURCE to an Odoo 15 repository"
        return 1
    fi
    # This product targets Community: Enterprise modules (some auto_install)
    # would turn every database into an Enterprise one. The clone is ours.
    mapfile -t enterprise < <(_cc_enterprise_modules "$partial")
    for d in "${enterprise[@]}"; do
        rm -rf "$d" && n=$((n + 1))
    done
    [ "$n" -eq 0 ] || cc_log "Odoo bootstrap [clone]: removed $n Enterprise (OEEL-1) modules from the clone"
    mv "$partial" "$home/odoo" || {
        _cc_bootstrap_fail clone "cannot move $partial to $home/odoo" "check the permissions of $home"
        return 1
    }
    printf '%s branch %s, commit %s\n' "$source" "$branch" \
        "$(git -C "$home/odoo" rev-parse --short HEAD 2>/dev/null)" >"$home/.clone-ok"
    cc_log "Odoo bootstrap [clone]: $(du -sh "$home/odoo" 2>/dev/null | cut -f1) on disk"
    _cc_step_done clone
}

# _cc_bootstrap_requirements HOME PYVERSION: print the requirement files for
# the virtualenv (writing HOME/odoo-requirements.txt for 3.8-3.10).
_cc_bootstrap_requirements() {
    local home="$1" version="$2"
    if [ -n "${CC_ODOO_REQUIREMENTS:-}" ]; then
        printf '%s\n' "$CC_ODOO_REQUIREMENTS"
        return
    fi
    if [ "$version" = 3.11 ]; then
        printf '%s\n' "$CC_REPO_ROOT/.ci/odoo15-py311-requirements.txt"
    else
        # Odoo's own pins, but psycopg2 from its binary wheel (same version,
        # no C build) and without python-ldap (only auth_ldap needs it); Odoo
        # 15 imports pkg_resources, gone from setuptools 70.
        {
            sed -E -e 's/^psycopg2==/psycopg2-binary==/' -e '/^python-ldap/d' "$home/odoo/requirements.txt"
            printf '\nsetuptools<70\n'
        } >"$home/odoo-requirements.txt"
        printf '%s\n' "$home/odoo-requirements.txt"
    fi
    printf '%s\n' "$CC_REPO_ROOT/requirements.txt"
}

# _cc_bootstrap_venv HOME: HOME/venv has Odoo's dependencies.
_cc_bootstrap_venv() {
    local home="$1" py="${CC_ODOO_BOOTSTRAP_PYTHON:-python3}" venv="$1/venv"
    local version files=() stamp f specs rc log="$1/pip.log" reason args=()
    version="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)"
    case "$version" in
        3.8 | 3.9 | 3.10 | 3.11) ;;
        "")
            _CC_STEP_T0=$SECONDS
            _cc_bootstrap_fail venv "$py is not a working Python interpreter" \
                "install python3 (3.8 to 3.11) or set CC_ODOO_BOOTSTRAP_PYTHON to one"
            return 1
            ;;
        *)
            _CC_STEP_T0=$SECONDS
            _cc_bootstrap_fail venv "$py is Python $version; Odoo 15 runs on Python 3.8 to 3.11" \
                "install Python 3.11 (or 3.8-3.10) and set CC_ODOO_BOOTSTRAP_PYTHON=/path/to/python3.11"
            return 1
            ;;
    esac
    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys' >/dev/null 2>&1 &&
        [ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$version" ]; then
        cc_log "Odoo bootstrap [venv]: reusing $venv (Python $version)"
    else
        _cc_step venv "virtualenv $venv with $py (Python $version)"
        rm -rf "$venv"
        if ! reason="$("$py" -m venv "$venv" 2>&1)"; then
            rm -rf "$venv"
            if [ "$py" = python3 ] && apt_install python3-venv >/dev/null 2>&1 &&
                reason="$("$py" -m venv "$venv" 2>&1)"; then
                :
            else
                rm -rf "$venv"
                _cc_bootstrap_fail venv "$py -m venv failed: $(printf '%s' "$reason" | grep -v '^$' | tail -n 1)" \
                    "install the venv module (apt-get install python3-venv, or python${version}-venv)"
                return 1
            fi
        fi
        _cc_step_done venv
    fi

    mapfile -t files < <(_cc_bootstrap_requirements "$home" "$version")
    stamp="Python $version"
    for f in "${files[@]}"; do
        if [ ! -f "$f" ]; then
            _CC_STEP_T0=$SECONDS
            _cc_bootstrap_fail requirements "requirements file $f does not exist" \
                "check CC_ODOO_REQUIREMENTS, or remove $home/odoo to clone again"
            return 1
        fi
        stamp+=" $(sha256sum <"$f" | cut -c1-16)"
        args+=(-r "$f")
    done
    if [ "$(cat "$venv/.cc-requirements" 2>/dev/null)" = "$stamp" ]; then
        cc_log "Odoo bootstrap [requirements]: already installed in $venv"
        return 0
    fi
    specs="$(_cc_requirement_specs "${files[@]}" | wc -l)"
    if [ "$specs" -gt 0 ]; then
        _cc_step requirements "pip install of $specs requirements into $venv from ${files[*]} (about 300 MB; a few minutes)"
        "$venv/bin/python" -m pip install --disable-pip-version-check --retries 2 "${args[@]}" \
            </dev/null 2>&1 | tee "$log" |
            grep --line-buffered -E '^(Collecting|Installing collected|Successfully installed|ERROR)' |
            sed -u 's/^/[cc]   pip: /' >&2
        rc=${PIPESTATUS[0]}
        if [ "$rc" -ne 0 ]; then
            reason="$(grep -E '^ERROR' "$log" | tail -n 1)"
            _cc_bootstrap_fail requirements "pip install exited with status $rc: ${reason:-see $log} (full log: $log)" \
                "check that PyPI is reachable; if a package had to be built from source, install the build tools (apt-get install build-essential python3-dev libpq-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev) and run again"
            return 1
        fi
        _cc_step_done requirements
    else
        cc_log "Odoo bootstrap [requirements]: ${files[*]} lists nothing to install"
    fi
    printf '%s' "$stamp" >"$venv/.cc-requirements"
}

# odoo_bootstrap: make sure $(_cc_bootstrap_home) has an Odoo 15 clone and a
# virtualenv for it, reusing whatever a previous run finished. On success sets
# ODOO_BOOTSTRAP_BIN and ODOO_BOOTSTRAP_PYTHON; on failure returns 1 with
# ODOO_BOOTSTRAP_ERROR saying which step failed, why and what to do.
# shellcheck disable=SC2034
odoo_bootstrap() {
    local home t0=$SECONDS lock="" rc=0
    home="$(_cc_bootstrap_home)"
    ODOO_BOOTSTRAP_ERROR=""
    cc_log "Odoo bootstrap: Odoo 15 from ODOO_SOURCE=${ODOO_SOURCE:-$CC_ODOO_DEFAULT_SOURCE} in $home (what a previous run finished is reused)"
    if ! mkdir -p "$home" 2>/dev/null; then
        _CC_STEP_T0=$SECONDS
        _cc_bootstrap_fail clone "cannot create $home" "set CC_ODOO_HOME to a writable directory"
        return 1
    fi
    # One set-up at a time per directory (./run.sh and ./test.sh started together).
    if command -v flock >/dev/null 2>&1 && exec {lock}>"$home/.lock"; then
        if ! flock -n "$lock"; then
            cc_log "Odoo bootstrap: another run is setting up $home; waiting for it"
            flock "$lock"
        fi
    fi
    _cc_bootstrap_clone "$home" && _cc_bootstrap_venv "$home" || rc=1
    [ -z "$lock" ] || exec {lock}>&-
    [ "$rc" -eq 0 ] || return 1
    ODOO_BOOTSTRAP_BIN="$home/odoo/odoo-bin"
    ODOO_BOOTSTRAP_PYTHON="$home/venv/bin/python"
    cc_log "Odoo bootstrap: ready in $(_cc_seconds $((SECONDS - t0))) ($home)"
}
