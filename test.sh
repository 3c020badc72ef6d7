#!/usr/bin/env bash
# Run every test of the repository and end with one line "N passed, N failed,
# N skipped" counting both suites. Exit status is non-zero when anything failed.
#
#   (a) Odoo-free suite: pytest on tests/ in ./.venv (created on demand).
#   (b) Odoo suite: a fresh database cc_test_<epoch>, the addons' dependencies
#       installed without tests, then the addons installed with --test-enable.
#
# Run ./test.sh --help for the options.
set -uo pipefail

# shellcheck source=.ci/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/.ci/common.sh"

usage() {
    cat <<EOF
Usage: ./test.sh [--pytest-only | --odoo-only] [--addons A,B] [--test-tags TAGS] [--keep-db]

  --pytest-only      only the Odoo-free suite (pytest on tests/)
  --odoo-only        only the Odoo suite
  --addons A,B       install and test only these addons (default: \$CC_ADDONS or
                     $CC_ALL_ADDONS)
  --test-tags TAGS   passed to Odoo as --test-tags (e.g. /cc_core:TestX.test_y,
                     cc_performance)
  --keep-db          keep the test database and its filestore (same as KEEP_DB=1)

Environment: ODOO_BIN, ODOO_PYTHON (which Odoo, default /opt/odoo15, else one
set up in var/odoo15 from ODOO_SOURCE: see README "Odoo discovery"), KEEP_DB=1,
CC_ADDONS, CC_EXTRA_ADDONS_PATH (extra addon dirs, comma separated),
CC_OPTIONAL_SUITE=0 (skip the optional apps suite: crm and account installed,
the integration tests with them),
CC_OPTIONAL_APPS (Odoo apps installed with the dependencies, e.g. crm,sale,account,
so the integrations with them are tested),
CC_REQUIRE_ODOO=1 (fail instead of skipping when no Odoo is found),
CC_NETNS=0 (do not isolate the test processes in a loopback-only network
namespace), CC_ODOO_TIMEOUT (seconds for the Odoo test run, default 3600).
Logs: var/log/<db>-deps.log and var/log/<db>-test.log.
EOF
}

RUN_PYTEST=1
RUN_ODOO=1
ADDONS_WANTED="${CC_ADDONS:-$CC_ALL_ADDONS}"
TEST_TAGS=""
KEEP_DB="${KEEP_DB:-0}"

PASSED=0
FAILED=0
SKIPPED=0
NOTES=()
SUMMARY_DONE=""
TEST_DB=""
WORKDIR=""
LOG_DIR="$CC_REPO_ROOT/var/log"
DATA_DIR="$CC_REPO_ROOT/var/test-data"

note() {
    NOTES+=("$*")
    cc_log "$*"
}

cleanup() {
    if [ -n "$TEST_DB" ]; then
        if [ "$KEEP_DB" = 1 ]; then
            cc_log "kept database $TEST_DB (filestore in $DATA_DIR/filestore/$TEST_DB)"
        else
            drop_db "$TEST_DB" >/dev/null 2>&1 || cc_warn "could not drop database $TEST_DB"
            rm -rf "${DATA_DIR:?}/filestore/$TEST_DB"
        fi
        TEST_DB=""
    fi
    if [ -n "$WORKDIR" ]; then
        rm -rf "$WORKDIR"
        WORKDIR=""
    fi
}

print_summary() {
    local n
    cleanup
    echo
    for n in "${NOTES[@]}"; do
        echo "[cc] $n"
    done
    SUMMARY_DONE=1
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
}

on_exit() {
    local rc=$?
    if [ -z "$SUMMARY_DONE" ]; then
        if [ "$rc" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
            NOTES+=("test.sh stopped early (exit status $rc)")
            FAILED=1
        fi
        print_summary
        [ "$FAILED" -eq 0 ] || exit 1
    fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

need_value() {
    if [ -z "${2:-}" ]; then
        usage >&2
        note "$1 needs a value"
        exit 2
    fi
}
while [ "$#" -gt 0 ]; do
    case "$1" in
        --pytest-only) RUN_ODOO=0 ;;
        --odoo-only) RUN_PYTEST=0 ;;
        --addons) need_value "$@"; ADDONS_WANTED="$2"; shift ;;
        --addons=*) ADDONS_WANTED="${1#*=}" ;;
        --test-tags) need_value "$@"; TEST_TAGS="$2"; shift ;;
        --test-tags=*) TEST_TAGS="${1#*=}" ;;
        --keep-db) KEEP_DB=1 ;;
        -h | --help) usage; SUMMARY_DONE=1; exit 0 ;;
        *) usage >&2; note "unknown argument: $1"; exit 2 ;;
    esac
    shift
done
if [ "$RUN_PYTEST" = 0 ] && [ "$RUN_ODOO" = 0 ]; then
    note "--pytest-only and --odoo-only exclude each other"
    exit 2
fi

WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/cc-test.XXXXXX")"
# Tests only ever talk to 127.0.0.1: never through a proxy.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy="$NO_PROXY"

# isolated CMD...: run CMD in a network namespace that has only loopback, when
# we are root and unshare works; otherwise run it as is.
NETNS_OK=""
netns_check() {
    if [ -z "$NETNS_OK" ]; then
        NETNS_OK=no
        if [ "${CC_NETNS:-1}" != 0 ] && [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 &&
            unshare -n sh -c 'ip link set lo up' >/dev/null 2>&1; then
            NETNS_OK=yes
        fi
    fi
    [ "$NETNS_OK" = yes ]
}
isolated() {
    if netns_check; then
        unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
    else
        "$@"
    fi
}

# ---------------------------------------------------------------------------
# (a) Odoo-free suite
# ---------------------------------------------------------------------------

setup_venv() {
    local venv="$CC_REPO_ROOT/.venv" stamp
    if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        rm -rf "$venv"
        cc_log "creating $venv"
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
            rm -rf "$venv"
            apt_install python3-venv >/dev/null && python3 -m venv "$venv" || return 1
        fi
    fi
    stamp="$(cat "$CC_REPO_ROOT/requirements.txt" "$CC_REPO_ROOT/test-requirements.txt" | sha256sum)"
    stamp="$stamp $("$venv/bin/python" -V 2>&1)"
    if [ "$(cat "$venv/.cc-requirements" 2>/dev/null)" != "$stamp" ]; then
        cc_log "installing requirements.txt and test-requirements.txt into $venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            -r "$CC_REPO_ROOT/requirements.txt" -r "$CC_REPO_ROOT/test-requirements.txt" </dev/null ||
            return 1
        printf '%s' "$stamp" >"$venv/.cc-requirements"
    fi
}

run_pytest() {
    local junit="$WORKDIR/pytest.xml" rc counts p f s
    cc_log "===== Odoo-free suite: pytest (tests/) ====="
    if ! setup_venv; then
        note "pytest suite: could not prepare .venv (python3 -m venv / pip install failed)"
        FAILED=$((FAILED + 1))
        return
    fi
    (cd "$CC_REPO_ROOT" && isolated "$CC_REPO_ROOT/.venv/bin/python" -m pytest \
        --junitxml="$junit" </dev/null)
    rc=$?
    counts="$(junit_counts "$junit")"
    read -r p f s <<<"$counts"
    case "$rc" in
        0 | 1) ;;
        5) cc_log "pytest collected no tests (counted as 0 passed)" ;;
        *) [ "$f" -gt 0 ] || f=1 ;;
    esac
    if [ "$rc" -eq 1 ] && [ "$f" -eq 0 ]; then f=1; fi
    note "pytest suite: $p passed, $f failed, $s skipped (pytest exit status $rc)"
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    SKIPPED=$((SKIPPED + s))
}

# junit_counts FILE: print "passed failed skipped" of a pytest junit XML file.
junit_counts() {
    python3 - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print("0 0 0")
    sys.exit()
suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
t = f = s = 0
for suite in suites:
    t += int(suite.get("tests", 0))
    f += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    s += int(suite.get("skipped", 0))
print(t - f - s, f, s)
EOF
}

# ---------------------------------------------------------------------------
# (b) Odoo suite
# ---------------------------------------------------------------------------

odoo_failure() {
    note "odoo suite: $*"
    FAILED=$((FAILED + 1))
}

ensure_browser() {
    if command -v google-chrome >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1 ||
        command -v chromium-browser >/dev/null 2>&1; then
        return 0
    fi
    apt_install chromium >/dev/null ||
        cc_warn "could not install chromium: Odoo will skip browser tests (tours)"
}

# The Odoo log line format is "<date> <time> <pid> <LEVEL> <db> <logger>: <msg>".
LOG_LEVEL_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,.]+ [0-9]+'

run_odoo() {
    local addons deps port rc deps_log test_log tags_arg=()
    cc_log "===== Odoo suite ====="
    if ! discover_odoo; then
        printf '%s' "$ODOO_DISCOVERY_REPORT" >&2
        if [ -n "$ODOO_BOOTSTRAP_ERROR" ]; then
            odoo_failure "no Odoo 15, and setting it up failed: $ODOO_BOOTSTRAP_ERROR"
            return
        fi
        echo "!!!!! ODOO SUITE SKIPPED: no Odoo 15 found (fix ODOO_BIN/ODOO_PYTHON, or unset them and CC_ODOO_BOOTSTRAP to let test.sh set one up) !!!!!"
        NOTES+=("!!!!! ODOO SUITE SKIPPED: no Odoo 15 found (fix ODOO_BIN/ODOO_PYTHON, or unset them and CC_ODOO_BOOTSTRAP to let test.sh set one up) !!!!!")
        if [ "${CC_REQUIRE_ODOO:-0}" = 1 ]; then
            odoo_failure "CC_REQUIRE_ODOO=1 and no Odoo found"
        fi
        return
    fi
    ODOO_FOUND=1
    addons="$(cc_installable_addons "$ADDONS_WANTED")"
    if [ -z "$addons" ]; then
        note "odoo suite: no installable addon among $ADDONS_WANTED: 0 Odoo tests"
        return
    fi
    deps="$(cc_addon_dependencies "$addons")"
    # Optional Odoo apps (e.g. crm,sale,account) installed beside the
    # dependencies, without their tests: our integrations with them are tested.
    if [ -n "${CC_OPTIONAL_APPS:-}" ]; then
        deps="${deps:+$deps,}$CC_OPTIONAL_APPS"
    fi

    ensure_postgres || { odoo_failure "PostgreSQL is not usable"; return; }
    ensure_browser
    # Our runtime requirements, plus what Odoo's test framework and our addon
    # tests need inside Odoo's python (websocket-client for browser tests,
    # odoo-test-helper for FakeModelLoader, pytest for the migration suite).
    # Pins come from test-requirements.txt.
    local extra=() spec
    for spec in websocket-client odoo-test-helper pytest; do
        extra+=(-p "$(grep -iE "^${spec}([^a-z0-9_-]|$)" "$CC_REPO_ROOT/test-requirements.txt" | head -n 1 || true)")
        [ -n "${extra[-1]}" ] || extra[-1]="$spec"
    done
    ensure_odoo_requirements "$CC_REPO_ROOT/requirements.txt" "${extra[@]}" || {
        odoo_failure "could not install requirements into $ODOO_PYTHON"
        return
    }

    TEST_DB="cc_test_$(date +%s)_$$"
    while db_exists "$TEST_DB"; do TEST_DB="${TEST_DB}_$$"; done
    mkdir -p "$LOG_DIR" "$DATA_DIR"
    deps_log="$LOG_DIR/$TEST_DB-deps.log"
    test_log="$LOG_DIR/$TEST_DB-test.log"
    local odoo=("$ODOO_PYTHON" "$CC_ODOO_LAUNCHER" "$ODOO_BIN" --addons-path="$ODOO_ADDONS_PATH" -d "$TEST_DB"
        --data-dir="$DATA_DIR" --max-cron-threads=0 --http-interface=127.0.0.1 --stop-after-init)

    cc_log "database $TEST_DB: installing dependencies without tests: $deps (log: $deps_log)"
    port="$(free_port)"
    isolated timeout -k 30 "${CC_ODOO_TIMEOUT:-3600}" "${odoo[@]}" --http-port="$port" -i "$deps" \
        --log-level=info </dev/null 2>&1 | tee "$deps_log" |
        grep --line-buffered -E "$LOG_LEVEL_RE (WARNING|ERROR|CRITICAL) |Modules loaded|modules loaded"
    rc=${PIPESTATUS[0]}
    if [ "$rc" -ne 0 ] || grep -qE "$LOG_LEVEL_RE (ERROR|CRITICAL) " "$deps_log"; then
        tail -n 40 "$deps_log"
        odoo_failure "installing the dependencies failed (exit status $rc), see $deps_log"
        return
    fi

    [ -n "$TEST_TAGS" ] && tags_arg=(--test-tags "$TEST_TAGS")
    port="$(free_port)"
    if netns_check; then
        cc_log "running Odoo tests in a loopback-only network namespace"
    fi
    cc_log "database $TEST_DB: installing and testing $addons (log: $test_log)"
    isolated timeout -k 30 "${CC_ODOO_TIMEOUT:-3600}" "${odoo[@]}" --http-port="$port" -i "$addons" \
        --test-enable "${tags_arg[@]}" --log-level=info </dev/null 2>&1 | tee "$test_log"
    rc=${PIPESTATUS[0]}
    count_odoo_results "$test_log" "$rc"
    if [ -z "$TEST_TAGS" ] && [[ ",$addons," == *",cc_core,"* ]]; then
        ODOO_SUITE_DB="$TEST_DB"
    fi
}

# count_odoo_results LOG RC: turn Odoo 15's log into counts. Odoo 15 ends a
# --stop-after-init --test-enable run with one line from odoo.tests.runner:
#   "<F> failed, <E> error(s) of <T> tests when loading database '<db>'"
# (INFO, WARNING when 0 tests, ERROR when unsuccessful), which sums the
# at_install and post_install results. Skipped tests are logged by the test's
# module logger as "skipped <Class>.<method>" and are included in <T>.
# passed = T - F - (E - class-level errors) - skipped; failed = F + E, at least
# 1 when the exit status is non-zero or the log has ERROR/CRITICAL/FAIL: lines.
count_odoo_results() {
    local log="$1" rc="$2" summary f=0 e=0 t=0 s ce errors fails problems=()
    summary="$(grep -E 'odoo\.tests\.runner: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1)"
    if [ -n "$summary" ]; then
        read -r f e t < <(sed -E 's/.*odoo\.tests\.runner: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$summary")
    fi
    s="$(grep -cE "$LOG_LEVEL_RE INFO [^ ]+ [^ ]+: skipped " "$log")"
    errors="$(grep -cE "$LOG_LEVEL_RE (ERROR|CRITICAL) " "$log")"
    fails="$(grep -c 'FAIL:' "$log")"
    # Errors of setUpClass/setUpModule (and their teardowns) are in <E> but
    # not in <T>: their class's tests never ran.
    ce="$(grep -cE "$LOG_LEVEL_RE ERROR [^ ]+ [^ ]+: ERROR: (setUpClass|tearDownClass|setUpModule|tearDownModule) " "$log")"
    [ "$ce" -le "$e" ] || ce="$e"
    local failed=$((f + e)) passed=$((t - f - (e - ce) - s))
    [ "$passed" -ge 0 ] || passed=0
    [ "$rc" -eq 0 ] || problems+=("exit status $rc$([ "$rc" -eq 124 ] && echo ' (timed out)')")
    [ -n "$summary" ] || problems+=("no test summary line in the log")
    [ "$errors" -eq 0 ] || problems+=("$errors ERROR/CRITICAL log lines")
    [ "$fails" -eq 0 ] || problems+=("$fails FAIL: lines")
    if [ "${#problems[@]}" -gt 0 ] && [ "$failed" -eq 0 ]; then
        failed=1
    fi
    if [ "$failed" -gt 0 ]; then
        grep -E "$LOG_LEVEL_RE (ERROR|CRITICAL) " "$log" | cut -c1-220 | head -n 30 |
            sed 's/^/[cc]   /'
    fi
    local detail=""
    [ "${#problems[@]}" -eq 0 ] || detail=" [$(printf '%s; ' "${problems[@]}" | sed 's/; $//')]"
    note "odoo suite: $passed passed, $failed failed, $s skipped ($t tests run; log: $log)$detail"
    PASSED=$((PASSED + passed))
    FAILED=$((FAILED + failed))
    SKIPPED=$((SKIPPED + s))
}

# ---------------------------------------------------------------------------
# (c) ChatRoom migration suite: pytest on migrations/tests with Odoo's python,
#     on copies of the Odoo suite's database (cc_core installed)
# ---------------------------------------------------------------------------

ODOO_SUITE_DB=""
ODOO_FOUND=""

# run_migration_tests [WHY NOT]: with WHY NOT, no database with cc_core
# exists: the Odoo-free python collects the test modules, which skip with
# their reason, so they are counted as skipped.
run_migration_tests() {
    local junit="$WORKDIR/migration.xml" rc p f s
    cc_log "===== ChatRoom migration suite: pytest (migrations/tests) ====="
    if [ -z "${1:-}" ]; then
        (cd "$CC_REPO_ROOT" && CC_MIGRATION_TEMPLATE_DB="$ODOO_SUITE_DB" \
            CC_ODOO_ADDONS_PATH="$ODOO_ADDONS_PATH" CC_ODOO_DATA_DIR="$DATA_DIR" \
            PYTHONPATH="$ODOO_DIR${PYTHONPATH:+:$PYTHONPATH}" \
            isolated "$ODOO_PYTHON" -m pytest migrations/tests -p no:cacheprovider \
            -W ignore::DeprecationWarning --junitxml="$junit" </dev/null)
    else
        echo "!!!!! MIGRATION SUITE SKIPPED: $1 !!!!!"
        NOTES+=("!!!!! MIGRATION SUITE SKIPPED: $1 !!!!!")
        setup_venv || { note "migration suite: could not prepare .venv"; return; }
        (cd "$CC_REPO_ROOT" && "$CC_REPO_ROOT/.venv/bin/python" -m pytest migrations/tests \
            -p no:cacheprovider -rs --junitxml="$junit" </dev/null)
    fi
    rc=$?
    read -r p f s <<<"$(junit_counts "$junit")"
    case "$rc" in
        0 | 1 | 5) ;;
        *) [ "$f" -gt 0 ] || f=1 ;;
    esac
    if [ "$rc" -eq 1 ] && [ "$f" -eq 0 ]; then f=1; fi
    note "migration suite: $p passed, $f failed, $s skipped (pytest exit status $rc)"
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    SKIPPED=$((SKIPPED + s))
}

[ "$RUN_PYTEST" = 1 ] && run_pytest
[ "$RUN_ODOO" = 1 ] && run_odoo
if [ "$RUN_ODOO" = 1 ]; then
    if [ -n "$ODOO_SUITE_DB" ]; then
        run_migration_tests
    elif [ -z "$ODOO_FOUND" ]; then
        run_migration_tests "no Odoo 15 found"
    else
        note "migration suite: not run (needs cc_core installed by the Odoo suite, no --test-tags)"
    fi
fi

# run_optional_apps_suite: the integrations with optional Odoo apps (crm,
# account) in a database of their own where those apps are installed. The
# main suite runs without them, as they must never become dependencies (its
# copies of these tests skip there).
OPTIONAL_APPS_TAGS="/cc_core:TestCampaignCrm,/cc_core:TestSendInvoice"
run_optional_apps_suite() {
    cleanup
    note "optional apps suite: ${CC_OPTIONAL_SUITE_APPS:-crm,account} installed, tests $OPTIONAL_APPS_TAGS"
    CC_OPTIONAL_APPS="${CC_OPTIONAL_SUITE_APPS:-crm,account}"
    TEST_TAGS="$OPTIONAL_APPS_TAGS"
    ADDONS_WANTED="cc_core"
    run_odoo
}
if [ "$RUN_ODOO" = 1 ] && [ -n "$ODOO_SUITE_DB" ] && [ -z "${CC_OPTIONAL_APPS:-}" ] \
    && [ "${CC_OPTIONAL_SUITE:-1}" != 0 ]; then
    run_optional_apps_suite
fi

print_summary
[ "$FAILED" -eq 0 ]
