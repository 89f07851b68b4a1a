#!/usr/bin/env bash
# Runs a command inside the environment Inkwell's tests need, and tears it down afterwards:
#   - a private HOME and XDG folders (tests never touch the user's data or keychain),
#   - a D-Bus session with an unlocked gnome-keyring Secret Service (for QtKeychain),
#   - a private PostgreSQL server on a free 127.0.0.1 port, exported as INKWELL_TEST_POSTGRES.
# Usage: scripts/test-env.sh COMMAND [ARGS...]
set -euo pipefail

if [ -n "${INKWELL_TEST_ENV_INNER:-}" ]; then
    # Second stage, inside dbus-run-session: unlock a keyring with an empty password, then run.
    echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    unset INKWELL_TEST_ENV_INNER
    exec "$@"
fi

root=$(mktemp -d /tmp/inkwell-env.XXXXXX)
chmod 755 "$root"
pg_started=""
cleanup() {
    if [ -n "$pg_started" ]; then
        runas_pg "$PGBIN/pg_ctl" -D "$root/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$root"
}
trap cleanup EXIT

runas_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

export HOME="$root/home"
export XDG_RUNTIME_DIR="$root/run"
export XDG_DATA_HOME="$root/home/.local/share"
export XDG_CONFIG_HOME="$root/home/.config"
export XDG_CACHE_HOME="$root/home/.cache"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

if [ -z "${INKWELL_NO_POSTGRES:-}" ]; then
    PGBIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -n 1)
    mkdir -p "$root/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$root/pg"
    runas_pg "$PGBIN/initdb" -D "$root/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$root/pg/initdb.log" 2>&1 || { cat "$root/pg/initdb.log" >&2; exit 1; }
    # Every role is trusted except inkwell_password, which must give its password (the tests
    # of the server's password file and PGPASSWORD create it).
    hba="$root/pg/data/pg_hba.conf"
    { echo "host all inkwell_password 127.0.0.1/32 scram-sha-256"; cat "$hba"; } >"$hba.new"
    mv "$hba.new" "$hba"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$hba"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 30000))
        if runas_pg "$PGBIN/pg_ctl" -D "$root/pg/data" -l "$root/pg/log" -w -t 30 \
            -o "-p $port -k $root/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            start >/dev/null 2>&1; then
            pg_started=1
            break
        fi
    done
    if [ -z "$pg_started" ]; then
        echo "test-env: PostgreSQL did not start:" >&2
        cat "$root/pg/log" >&2 || true
        exit 1
    fi
    export INKWELL_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
fi

status=0
INKWELL_TEST_ENV_INNER=1 dbus-run-session -- "$0" "$@" || status=$?
exit $status
