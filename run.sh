#!/usr/bin/env bash
# Run the Contact Center product: an Odoo 15 serving one database that has
# every addon of this repository installed with demo data.
#
#   ./run.sh
#
# Environment: CC_DB (default cc_demo), CC_PORT (default 8069), CC_ADDONS
# (comma list, default: the four cc_* addons), CC_EXTRA_ADDONS_PATH (extra
# addon directories, comma separated), ODOO_BIN / ODOO_PYTHON (which Odoo;
# without them and without /opt/odoo15, Odoo 15 is set up in var/odoo15 from
# ODOO_SOURCE: see .ci/odoo_bootstrap.sh). Odoo runs through
# .ci/odoo15_launcher.py (Python 3.11 support). Any argument is passed on to
# odoo-bin when serving.
set -euo pipefail

# shellcheck source=.ci/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/.ci/common.sh"

DB="${CC_DB:-cc_demo}"
PORT="${CC_PORT:-8069}"
ADDONS_WANTED="${CC_ADDONS:-$CC_ALL_ADDONS}"

if ! [[ "$DB" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]]; then
    cc_log "CC_DB must be a plain database name (letters, digits, _ . -), got: $DB"
    exit 2
fi

# Discovery first: without Odoo there is nothing to set up PostgreSQL for.
if ! discover_odoo; then
    odoo_not_found_message
    exit 2
fi
ensure_postgres || { cc_log "PostgreSQL is not usable, see above"; exit 1; }
ensure_odoo_requirements "$CC_REPO_ROOT/requirements.txt" || {
    cc_log "could not install requirements.txt into $ODOO_PYTHON"
    exit 1
}

ADDONS="$(cc_installable_addons "$ADDONS_WANTED")"
if [ -z "$ADDONS" ]; then
    cc_log "none of $ADDONS_WANTED is an installable addon in $CC_REPO_ROOT: nothing to run"
    exit 1
fi

if port_in_use "$PORT"; then
    cc_log "port $PORT on 127.0.0.1 is already in use (another ./run.sh?); set CC_PORT to use another"
    exit 1
fi

ODOO=("$ODOO_PYTHON" "$CC_ODOO_LAUNCHER" "$ODOO_BIN" --addons-path="$ODOO_ADDONS_PATH" -d "$DB"
    --http-interface=127.0.0.1 --http-port="$PORT")

# Install on first start, and whenever one of the addons is not installed yet
# (e.g. an interrupted first start, or a newly added addon).
to_install="$ADDONS"
if db_exists "$DB"; then
    in_list="'${ADDONS//,/\',\'}'"
    installed="$(psql -d "$DB" -Atqc "SELECT name FROM ir_module_module
        WHERE state = 'installed' AND name IN ($in_list)" 2>/dev/null | sort | paste -sd, -)" || installed=""
    to_install="$(comm -23 <(tr ',' '\n' <<<"$ADDONS" | sort) <(tr ',' '\n' <<<"$installed" | sort) | paste -sd, -)"
fi
if [ -n "$to_install" ]; then
    cc_log "installing $to_install (with demo data) into database $DB"
    "${ODOO[@]}" -i "$to_install" --stop-after-init --max-cron-threads=0 </dev/null
else
    cc_log "database $DB already has $ADDONS installed"
fi

cat <<EOF

  Contact Center is starting on http://127.0.0.1:$PORT/web
  (database $DB; demo login: admin / admin). Stop it with Ctrl-C.

EOF
exec "${ODOO[@]}" --db-filter="^${DB//./\\.}\$" "$@"
