#!/usr/bin/env bash
# `make run`: builds the editor and the server, starts a local inkwell-server on 127.0.0.1 with a
# SQLite file under the user's data directory, and opens the editor signed in to it.
# The first run creates an account "writer" and a demo blog (server CLI) and a few demo posts,
# one with an image (client core); the password is printed once, the session token is kept in the
# system keychain (or, if there is none, where the editor asks). Closing the editor or Ctrl+C
# stops the server. INKWELL_PORT picks the port (default 8765).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${INKWELL_BUILD_DIR:-build/dev}"
if [ "$build" = build/dev ]; then
    cmake --preset dev >/dev/null
fi
cmake --build "$build" -j "${INKWELL_JOBS:-$(nproc)}" --target inkwell inkwell-server

editor="$build/app/editor/inkwell"
server=$(find "$build/server" -name inkwell-server -type f -perm -u+x | head -n 1)
if [ -z "$server" ]; then
    echo "run.sh: inkwell-server was not built" >&2
    exit 1
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run.sh: no display (DISPLAY/WAYLAND_DISPLAY unset); run it in a desktop session" >&2
    echo "        or under Xvfb: xvfb-run -a make run" >&2
    exit 1
fi

data="${XDG_DATA_HOME:-$HOME/.local/share}/inkwell-local"
mkdir -p "$data"
database="sqlite:$data/server.sqlite"
port="${INKWELL_PORT:-8765}"
url="http://127.0.0.1:$port"
user=writer
first_run=""

if [ ! -f "$data/server.sqlite" ]; then
    first_run=1
    password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)
    printf '%s\n' "$password" | "$server" user add "$user" --database "$database" >/dev/null
    "$server" blog add "Demo blog" --owner "$user" --database "$database" >/dev/null
fi

log="$data/server.log"
"$server" serve --listen "127.0.0.1:$port" --database "$database" >"$log" 2>&1 &
server_pid=$!
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
trap stop_server EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 100); do
    grep -q "listening on" "$log" 2>/dev/null && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run.sh: the server did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "Inkwell server on $url (database $data/server.sqlite, log $log)"

if [ -n "$first_run" ]; then
    echo "First run: account '$user' created with password: $password"
    echo "(shown only this once; the editor keeps a session token, not the password)"
    INKWELL_PASSWORD="$password" "$editor" --data-dir "$data/editor" \
        --server "$url" --user "$user" --demo
else
    "$editor" --data-dir "$data/editor"
fi
