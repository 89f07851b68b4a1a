#!/usr/bin/env bash
# check_packages.sh --cpack CPACK BUILD_DIR | --debs DIR
# Checks the inkwell and inkwell-server .debs as users get them: built by cpack from BUILD_DIR
# (the packaging test), or the ones in DIR (`make package`). Unpacks them into a temporary root
# (nothing is installed on the machine) and runs every binary's --version and --help, the
# packaged server with the packaged configuration answering /healthz, checks that the default
# configuration names every flag of `serve`, validates the desktop file, the AppStream metadata
# and the service unit, and runs lintian. Prints the seconds each step took.
set -euo pipefail
usage() {
    echo "usage: $0 --cpack CPACK BUILD_DIR | --debs DIR" >&2
    exit 2
}
case ${1:-} in
--cpack) [ $# -eq 3 ] || usage ;;
--debs) [ $# -eq 2 ] || usage ;;
*) usage ;;
esac

work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step_start=$SECONDS
step() {
    [ -z "${step_name:-}" ] || echo "   $((SECONDS - step_start)) s"
    step_name=$*
    step_start=$SECONDS
    echo "== $*"
}

if [ "$1" = --cpack ]; then
    step "cpack -G DEB"
    build=$3
    "$2" -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1 ||
        { cat "$work/cpack.log" >&2; fail "cpack failed"; }
    debs=$work/debs
else
    debs=$2
fi
server_deb=$(ls "$debs"/inkwell-server_*.deb)
editor_deb=$(ls "$debs"/inkwell_*.deb)
ls -l "$server_deb" "$editor_deb"

step "unpack into a temporary root"
root=$work/root
for deb in "$server_deb" "$editor_deb"; do
    dpkg-deb -x "$deb" "$root"
done
bin=$root/usr/bin
for file in usr/bin/inkwell usr/bin/inkwell-cli usr/bin/inkwell-server \
    lib/systemd/system/inkwell-server.service etc/inkwell-server/server.conf \
    usr/share/man/man1/inkwell.1.gz usr/share/man/man1/inkwell-cli.1.gz \
    usr/share/man/man1/inkwell-server.1.gz usr/share/doc/inkwell/copyright \
    usr/share/doc/inkwell-server/copyright usr/share/applications/org.inkwell.Inkwell.desktop \
    usr/share/metainfo/org.inkwell.Inkwell.metainfo.xml; do
    [ -e "$root/$file" ] || fail "the packages lack /$file"
done
dpkg-deb -f "$server_deb" Depends | grep -q libqt6sql6-sqlite || fail "server Depends lacks the SQLite driver"
[ "$(dpkg-deb --ctrl-tarfile "$server_deb" | tar -xO ./conffiles)" = /etc/inkwell-server/server.conf ] ||
    fail "server.conf is not a conffile"

step "--version and --help of each binary"
version=$(dpkg-deb -f "$server_deb" Version)
version=${version%-*} # without the Debian revision
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/runtime HOME=$work/home
mkdir -m 0700 "$XDG_RUNTIME_DIR" "$HOME"
# Without any display: --version and --help must not need one (a server has none).
nodisplay="env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY"
for program in inkwell inkwell-cli inkwell-server; do
    out=$(timeout 30 $nodisplay "$bin/$program" --version) || fail "$program --version exited with $?"
    [ "$out" = "$program $version" ] || fail "$program --version printed '$out', not '$program $version'"
    timeout 30 $nodisplay "$bin/$program" --help >/dev/null || fail "$program --help exited with $?"
done
echo "inkwell, inkwell-cli, inkwell-server: $version"

# A run path (RPATH or RUNPATH) would make the loader look for libraries outside the system's
# folders; an empty entry in one means the working directory.
step "no run path in the packaged binaries or the build tree's"
binaries=("$bin/inkwell" "$bin/inkwell-cli" "$bin/inkwell-server")
if [ -n "${build:-}" ]; then
    binaries+=("$build/app/editor/inkwell" "$build/app/cli/inkwell-cli" "$build/server/cli/inkwell-server")
fi
for binary in "${binaries[@]}"; do
    paths=$(readelf -d "$binary" | grep -E '\((RPATH|RUNPATH)\)' || true)
    [ -z "$paths" ] || fail "$binary has a run path: $paths"
done
echo "${#binaries[@]} binaries, none with a run path"

# Starts the packaged server with the given configuration on a fresh database and a port the
# system picks; sets server_pid and port.
start_server() {
    local config=$1
    coproc SERVER { exec "$bin/inkwell-server" --config "$config" serve \
        --database "sqlite:$work/data/inkwell.sqlite" --listen 127.0.0.1:0 2>>"$work/server.log"; }
    server_pid=$SERVER_PID
    local line
    read -r -t 30 -u "${SERVER[0]}" line || { cat "$work/server.log" >&2; fail "no 'listening on' line"; }
    [[ $line =~ ^listening\ on\ 127\.0\.0\.1:([0-9]+)$ ]] || fail "unexpected first line '$line'"
    port=${BASH_REMATCH[1]}
}
stop_server() {
    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=
    [ "$status" -eq 0 ] || fail "the server exited with $status after SIGTERM"
}
healthz() {
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    timeout 10 cat <&3
    exec 3<&-
}

step "the packaged server with the packaged configuration answers /healthz"
mkdir "$work/data"
start_server "$root/etc/inkwell-server/server.conf"
answer=$(healthz)
[[ $answer == "HTTP/1.1 200"* ]] || fail "/healthz answered: $answer"
echo "$answer" | head -1
stop_server

step "server.conf and inkwell-server(1) name every flag, and the defaults are accepted"
conf=$root/etc/inkwell-server/server.conf
manual=$(zcat "$root/usr/share/man/man1/inkwell-server.1.gz" | sed 's/\\-/-/g')
flags=$("$bin/inkwell-server" --help | grep -o '^  \(-[a-z], \)\?--[a-z-]*' | sed 's/.*--//')
for flag in $flags; do
    case $flag in help | help-all | version) continue ;; esac
    grep -Eq -- "--$flag([^a-z-]|$)" <<<"$manual" || fail "inkwell-server(1) does not describe --$flag"
    case $flag in config | owner | public | private | description | slug) continue ;; esac
    grep -Eq "^(# )?$flag = " "$conf" || fail "server.conf does not mention $flag"
done
sed -E 's/^# ([a-z-]+ = ([0-9]+|true|false))$/\1/' "$conf" >"$work/all-defaults.conf"
start_server "$work/all-defaults.conf"
stop_server

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/org.inkwell.Inkwell.desktop"
appstreamcli validate --no-net --explain "$root/usr/share/metainfo/org.inkwell.Inkwell.metainfo.xml"

if command -v systemd-analyze >/dev/null; then
    step "systemd-analyze verify and security"
    # Only the unit's own file: the ExecStart binary lives in the temporary root.
    sed "s|/usr/bin/inkwell-server|$bin/inkwell-server|" \
        "$root/lib/systemd/system/inkwell-server.service" >"$work/inkwell-server.service"
    systemd-analyze verify --man=no "$work/inkwell-server.service" >"$work/verify.log" 2>&1 ||
        { cat "$work/verify.log" >&2; fail "systemd-analyze verify failed"; }
    [ ! -s "$work/verify.log" ] || { cat "$work/verify.log" >&2; fail "systemd-analyze verify warned"; }
    # The sandbox stays where it is: exposure 1.1 of 10 ("OK"); fail from 2.0 up.
    systemd-analyze security --offline=true --threshold=20 "$work/inkwell-server.service" \
        >"$work/security.log" 2>&1 || { cat "$work/security.log" >&2; fail "the sandbox got weaker"; }
    tail -1 "$work/security.log"
fi

step "lintian"
lintian --fail-on error,warning --tag-display-limit 0 "$server_deb" "$editor_deb"
step "all checks passed"
