# shellcheck shell=bash
# Set-up shared by scripts/run and scripts/test. Every step checks first and
# only does what is missing, so a second run costs seconds.
# Sourced, not executed.

set -euo pipefail

PIKC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ODOO_SRC=${ODOO_SRC:-/opt/odoo18}
ODOO_BRANCH=18.0
ODOO_GIT_URL=https://github.com/odoo/odoo.git
VENV=$PIKC_ROOT/.venv
LINT_VENV=$PIKC_ROOT/.venv-lint
PIKC_CONF=$PIKC_ROOT/odoo.conf
# Modules the demo and test databases get before the PIKC addons.
PIKC_BASE_MODULES=l10n_lv
# The oldest PostgreSQL the addons run on (server_version_num): they declare
# a UNIQUE NULLS NOT DISTINCT constraint (new in 15) and use range_agg (14).
PIKC_PG_MIN_VERSION_NUM=150000
PIKC_PG_MIN=15

say() { printf 'pikc: %s\n' "$*"; }
die() {
    printf '\npikc: %s\n\n' "$*" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

pikc_python() {
    PYTHON=${PYTHON:-python3}
    command -v "$PYTHON" >/dev/null 2>&1 ||
        die "no '$PYTHON' found. Odoo 18.0 needs Python 3.10, 3.11 or 3.12; point PYTHON at one."
    local ver
    ver=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    case $ver in
    3.10 | 3.11 | 3.12) ;;
    *) die "'$PYTHON' is Python $ver; Odoo 18.0 needs 3.10, 3.11 or 3.12. Point PYTHON at one, e.g. PYTHON=python3.11 scripts/run" ;;
    esac
}

pikc_odoo_source() {
    if [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        if [ -e "$ODOO_SRC" ] && [ -n "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]; then
            die "$ODOO_SRC exists but holds no Odoo source (no odoo/release.py). Point ODOO_SRC at an Odoo 18.0 Community tree."
        fi
        if command -v git >/dev/null 2>&1 &&
            timeout 30 git ls-remote --exit-code --heads "$ODOO_GIT_URL" "$ODOO_BRANCH" >/dev/null 2>&1; then
            say "no Odoo source at $ODOO_SRC: cloning the official $ODOO_BRANCH branch (shallow, a few minutes) ..."
            mkdir -p "$(dirname "$ODOO_SRC")" 2>/dev/null || as_root mkdir -p "$(dirname "$ODOO_SRC")"
            git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$ODOO_SRC" ||
                die "cloning $ODOO_GIT_URL into $ODOO_SRC failed; provide the Odoo 18.0 source there yourself, or set ODOO_SRC."
        else
            die "no Odoo 18.0 source at $ODOO_SRC, and $ODOO_GIT_URL cannot be reached from here.
      Provide an Odoo 18.0 Community source tree (the $ODOO_BRANCH branch of $ODOO_GIT_URL:
      odoo/, addons/, odoo-bin, requirements.txt) at $ODOO_SRC,
      or point ODOO_SRC at one:  ODOO_SRC=/path/to/odoo scripts/run"
        fi
    fi
    grep -q '^version_info = (18, 0,' "$ODOO_SRC/odoo/release.py" ||
        die "$ODOO_SRC is not Odoo 18.0 ($(grep -m1 '^version_info' "$ODOO_SRC/odoo/release.py")). Point ODOO_SRC at an Odoo 18.0 tree."
    [ -f "$ODOO_SRC/odoo-bin" ] && [ -d "$ODOO_SRC/addons/base_setup" ] ||
        die "$ODOO_SRC lacks odoo-bin or addons/: an Odoo 18.0 tree with its addons is needed."
}

# Debian packages that psycopg2 and python-ldap compile against.
pikc_build_packages() {
    local missing=()
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/ldap.h ] || missing+=(libldap2-dev)
    [ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "installing build packages: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
            die "could not install ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]}) and run again."
    else
        die "missing build packages for psycopg2/python-ldap: ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]})."
    fi
}

# Hash of what a virtualenv was built from; a change rebuilds it.
_pikc_stamp() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

pikc_venv() {
    local want
    want=$(_pikc_stamp "$ODOO_SRC/requirements.txt" "$PIKC_ROOT/requirements.txt" <(echo "$PYTHON $ODOO_SRC"))
    if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.pikc-stamp" 2>/dev/null)" != "$want" ]; then
        pikc_build_packages
        say "preparing the Python environment in .venv (first time: a few minutes) ..."
        "$PYTHON" -m venv "$VENV" || die "could not create a virtualenv with $PYTHON (Debian: apt-get install python3-venv)."
        # Odoo's own pins, less those the project overrides in requirements.txt
        # (cbor2) and tools that do not belong in the runtime (pylint, astroid).
        grep -v -E '^[[:space:]]*(cbor2|pylint|astroid)([^[:alnum:]_-]|$)' "$ODOO_SRC/requirements.txt" >"$VENV/odoo-requirements.txt"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check \
            -r "$VENV/odoo-requirements.txt" -r "$PIKC_ROOT/requirements.txt" ||
            die "installing Python dependencies failed (see above)."
        echo "$want" >"$VENV/.pikc-stamp"
    fi
    # The Odoo source itself goes on the path of the virtualenv.
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" >"$site/pikc-odoo-src.pth"
    "$VENV/bin/python" -c 'import odoo.release as r; assert r.version_info[:2] == (18, 0)' ||
        die "the virtualenv cannot import Odoo 18.0 from $ODOO_SRC."
}

pikc_lint_venv() {
    local want
    want=$(_pikc_stamp "$PIKC_ROOT/requirements-lint.txt" <(echo "$PYTHON"))
    if [ ! -x "$LINT_VENV/bin/pylint" ] || [ "$(cat "$LINT_VENV/.pikc-stamp" 2>/dev/null)" != "$want" ]; then
        say "preparing the lint environment in .venv-lint ..."
        "$PYTHON" -m venv "$LINT_VENV"
        "$LINT_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$PIKC_ROOT/requirements-lint.txt" ||
            die "installing the lint tools failed (see above)."
        echo "$want" >"$LINT_VENV/.pikc-stamp"
    fi
}

_pikc_pg_ready() { psql -X -q -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; }

pikc_postgres() {
    command -v psql >/dev/null 2>&1 ||
        die "PostgreSQL is not installed (no psql). PIKC needs PostgreSQL $PIKC_PG_MIN or newer: Debian/Ubuntu: apt-get install postgresql"
    if ! _pikc_pg_ready; then
        if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
            die "the PostgreSQL server is not installed (only its client is). PIKC needs PostgreSQL $PIKC_PG_MIN or newer: Debian/Ubuntu: apt-get install postgresql"
        fi
        command -v pg_lsclusters >/dev/null 2>&1 ||
            die "PostgreSQL is not reachable and this is no Debian-style install (no pg_lsclusters): start it yourself and run again."
        local ver name status
        read -r ver name status < <(pg_lsclusters -h | awk '{print $1, $2, $4}' | sort -rV | head -n1) ||
            die "PostgreSQL is installed but has no cluster: create one (pg_createcluster 15 main) and run again."
        if [ "$status" != online ]; then
            say "starting PostgreSQL $ver/$name ..."
            as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start ||
                die "could not start PostgreSQL $ver/$name; start it (pg_ctlcluster $ver $name start) and run again."
        fi
        for _ in $(seq 1 30); do
            pg_isready -q 2>/dev/null && break
            sleep 1
        done
        # Odoo refuses the 'postgres' role: the current OS user gets its own.
        local me
        me=$(id -un)
        if [ "$(as_postgres psql -X -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$me'" 2>/dev/null)" != 1 ]; then
            say "creating the PostgreSQL role '$me' ..."
            as_postgres createuser --superuser "$me" || die "could not create the PostgreSQL role '$me'."
        fi
        _pikc_pg_ready || die "PostgreSQL is running but user '$(id -un)' cannot connect to it; check pg_hba.conf and the role."
    fi
    pikc_postgres_version
}

# Stops when the server is older than PIKC_PG_MIN, naming what was found.
pikc_postgres_version() {
    local num human
    num=$(psql -X -d postgres -tAc 'SHOW server_version_num')
    human=$(psql -X -d postgres -tAc 'SHOW server_version')
    case $num in
    '' | *[!0-9]*) die "could not read the PostgreSQL server's version (server_version_num: '$num')." ;;
    esac
    [ "$num" -ge "$PIKC_PG_MIN_VERSION_NUM" ] ||
        die "the PostgreSQL server is version $human (server_version_num $num): PIKC needs PostgreSQL $PIKC_PG_MIN or newer
      (its addons declare a UNIQUE NULLS NOT DISTINCT constraint, new in PostgreSQL 15).
      Run PostgreSQL $PIKC_PG_MIN or newer (Debian/Ubuntu: apt-get install postgresql-$PIKC_PG_MIN) and run again."
}

pikc_chromium() {
    local c
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$c" >/dev/null 2>&1 && return 0
    done
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "installing Chromium for the browser tests ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
            die "could not install Chromium (apt-get install chromium); browser tests need it."
    else
        die "Chromium is needed for the browser tests: Debian/Ubuntu: sudo apt-get install chromium"
    fi
}

pikc_db_exists() { [ "$(psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# Odoo installs a module whose demo data fails without it, with a warning:
# here that is an error.
pikc_check_demo() {
    local db=$1 modules=$2 missing without
    missing=$(psql -X -d "$db" -tAc "SELECT string_agg(m, ', ') FROM unnest(string_to_array('$modules', ',')) m
        WHERE NOT EXISTS (SELECT 1 FROM ir_module_module WHERE name = m AND state = 'installed')")
    [ -z "$missing" ] || die "$missing did not install in $db (see the log above)."
    without=$(psql -X -d "$db" -tAc "SELECT string_agg(name, ', ') FROM ir_module_module
        WHERE name = ANY(string_to_array('$modules', ',')) AND state = 'installed' AND NOT demo")
    [ -z "$without" ] || die "the demo data of $without failed to install in $db (see the log above)."
}

# The modules the PIKC addons depend on, outside themselves: installed first
# (with l10n_lv, whose chart of accounts their demo data needs), the addons
# after them, in databases for use and for tests alike.
pikc_addon_deps() {
    "$VENV/bin/python" - "$1" <<'PY'
import ast, sys
ours = sys.argv[1].split(",")
deps = set()
for name in ours:
    with open(f"addons/{name}/__manifest__.py") as f:
        deps.update(ast.literal_eval(f.read()).get("depends", []))
print(",".join(sorted(deps - set(ours))))
PY
}

pikc_odoo() { (cd "$PIKC_ROOT" && "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$PIKC_CONF" "$@"); }

# pikc_create_db NAME LANG MODULES: a database as the web database manager
# makes it (country Latvia, demo data), with the localisation, then MODULES.
pikc_create_db() {
    local name=$1 lang=$2 modules=$3
    (cd "$PIKC_ROOT" && "$VENV/bin/python" scripts/pikc_db.py -c "$PIKC_CONF" create "$name" --lang "$lang" --country LV --demo) ||
        die "creating the database $name failed (see the log above)."
    # The localisation first: its chart of accounts is loaded only once its
    # installation is over, and the demo data of the modules after it
    # (bills, expenses) needs the accounts.
    pikc_odoo -d "$name" -i "$PIKC_BASE_MODULES" --stop-after-init --log-level=warn ||
        die "installing $PIKC_BASE_MODULES into $name failed (see the log above)."
    # Only what is not installed yet: -i would load the data of the others
    # again.
    local todo
    todo=$(psql -X -d "$name" -tAc "SELECT string_agg(m, ',') FROM unnest(string_to_array('$modules', ',')) m
        WHERE NOT EXISTS (SELECT 1 FROM ir_module_module WHERE name = m AND state = 'installed')")
    if [ -n "$todo" ]; then
        pikc_odoo -d "$name" -i "$todo" --stop-after-init --log-level=warn ||
            die "installing $todo into $name failed (see the log above)."
    fi
    pikc_check_demo "$name" "$modules"
}

# pikc_template ADDONS: the cached template database holding Odoo, the
# localisation and the dependencies of ADDONS (slow to build, rarely
# changing), built when missing. Sets PIKC_TEMPLATE and PIKC_FILESTORE.
pikc_template() {
    local modules
    modules="$PIKC_BASE_MODULES,$(pikc_addon_deps "$1")"
    PIKC_TEMPLATE=pikc_tmpl_$(_pikc_stamp "$ODOO_SRC/odoo/release.py" \
        <(echo "$modules"; git -C "$ODOO_SRC" rev-parse HEAD 2>/dev/null || true))
    PIKC_FILESTORE=$("$VENV/bin/python" -c "
import odoo; odoo.tools.config.parse_config(['-c', '$PIKC_CONF']); print(odoo.tools.config['data_dir'])")/filestore
    pikc_db_exists "$PIKC_TEMPLATE" && return 0
    say "building the template database $PIKC_TEMPLATE ($modules; once, ~2 minutes) ..."
    # Keep the two newest other templates (other branches may use them).
    local old
    for old in $(psql -X -d postgres -tAc "SELECT datname FROM pg_database
            WHERE datname LIKE 'pikc\_tmpl\_%' AND datname NOT LIKE '%\_building'
            ORDER BY oid DESC OFFSET 2"); do
        pikc_drop_db "$old"
    done
    pikc_drop_db "${PIKC_TEMPLATE}_building"
    pikc_create_db "${PIKC_TEMPLATE}_building" en_US "$modules"
    psql -X -q -d postgres -c "ALTER DATABASE ${PIKC_TEMPLATE}_building RENAME TO $PIKC_TEMPLATE"
    if [ -d "$PIKC_FILESTORE/${PIKC_TEMPLATE}_building" ]; then
        mv "$PIKC_FILESTORE/${PIKC_TEMPLATE}_building" "$PIKC_FILESTORE/$PIKC_TEMPLATE"
    fi
}

pikc_drop_db() {
    dropdb --if-exists --force "$1" && rm -rf "${PIKC_FILESTORE:?}/$1"
}

# pikc_copy_template NAME: NAME anew, a copy of the template (database and
# filestore) and nothing more.
pikc_copy_template() {
    local name=$1
    pikc_drop_db "$name"
    createdb -T "$PIKC_TEMPLATE" "$name"
    if [ -d "$PIKC_FILESTORE/$PIKC_TEMPLATE" ]; then
        cp -a "$PIKC_FILESTORE/$PIKC_TEMPLATE" "$PIKC_FILESTORE/$name"
    fi
}

# pikc_fresh_db NAME MODULES: NAME anew, a copy of the template (database and
# filestore) with MODULES installed and their demo data checked.
pikc_fresh_db() {
    local name=$1 modules=$2
    pikc_copy_template "$name"
    pikc_odoo -d "$name" -i "$modules" --stop-after-init --log-level=warn &&
        (pikc_check_demo "$name" "$modules")
}

pikc_setup() {
    cd "$PIKC_ROOT"
    pikc_python
    pikc_odoo_source
    pikc_venv
    pikc_postgres
}
