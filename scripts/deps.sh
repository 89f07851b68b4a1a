#!/usr/bin/env bash
# Installs every Debian package Inkwell, its tests, benchmarks and tools need.
# Idempotent: when everything is present it returns in well under a second and runs no apt-get.
set -euo pipefail

packages=(
    # build
    cmake ninja-build ccache g++ clang clang-format libclang-rt-14-dev pkg-config make git
    # Qt 6.4 and friends
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-svg-dev
    # Qt's own texts (standard buttons such as Cancel) in the writer's language
    qt6-translations-l10n
    qtkeychain-qt6-dev libsecret-1-0
    # JSON parsing and writing of the sync protocol (core/model, core/protocol)
    libsimdjson-dev rapidjson-dev
    # a short-lived copy of the CLI's session token in the kernel keyring (core/net)
    libkeyutils-dev
    # server
    libboost1.81-dev libsodium-dev
    # compression of post history (server/store/revisionfields.cpp)
    libzstd-dev
    # SHA-256 of attachments (core/model)
    libssl-dev
    # the public site (core/publish): Markdown to HTML and page templates
    libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
    # sqlite command line (benchmarks compare against bare SQLite) and headers
    sqlite3 libsqlite3-dev
    # PostgreSQL: libpq for the server store, a cluster for the server tests
    postgresql libpq-dev
    # GUI tests, screenshots and the keychain in tests
    xvfb xauth imagemagick dbus dbus-x11 gnome-keyring libglib2.0-bin
    fonts-dejavu-core
    # the public site's tests in a real browser, and its screenshots (headless)
    chromium
    # a static web host for the test of the static export (python3 -m http.server)
    python3
    # packaging (cpack's shlibdeps) and the checks of the packages in `make test` and `make package`
    file dpkg-dev lintian appstream desktop-file-utils
    # process tools used by test scripts
    procps psmisc
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages: ${missing[*]}" >&2
    echo "deps.sh: run as root (or with sudo) to install them" >&2
    exit 1
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps.sh: done"
