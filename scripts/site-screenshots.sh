#!/usr/bin/env bash
# Renders the public site's screenshots into docs/screenshots/site-*.png: a small public blog on
# a real inkwell-server (posts written and synced by inkwell-cli), photographed by headless
# Chromium — the index and a post page at desktop (1280×900) and phone (390×844) widths, in light
# and dark (prefers-color-scheme).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${INKWELL_BUILD_DIR:-build/dev}"
cmake --build "$build" -j "${INKWELL_JOBS:-$(nproc)}" --target inkwell-server inkwell-cli
server="$build/server/cli/inkwell-server"
cli="$build/app/cli/inkwell-cli"
browser="${INKWELL_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
    echo "site-screenshots.sh: no chromium (scripts/deps.sh installs it)" >&2
    exit 1
fi
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" HOME="$work" LANG=C.UTF-8
db="sqlite:$work/inkwell.sqlite"

"$server" user add alice --database "$db" <<<"password" >/dev/null
blog=$("$server" blog add "Field Notes" --owner alice --database "$db" | grep -o '[0-9]\+' | tail -1)
"$server" blog set "$blog" --public --description "Slow travel, small towns and what we ate there." --database "$db" >/dev/null
"$server" serve --database "$db" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do
    grep -q '^listening on' "$work/serve.out" && break
    sleep 0.1
done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "site-screenshots.sh: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

profile="$work/alice"
run() { "$cli" --profile "$profile" "$@"; }
run login "$base" alice --insecure-token-file <<<"password" >/dev/null 2>&1

convert -size 1200x560 gradient:'#2f5d7c'-'#e9b872' -blur 0x2 "$work/harbour.png"
convert -size 1200x560 gradient:'#6b4f3a'-'#f3e3c3' "$work/bakery.png"
convert -size 1200x500 gradient:'#1d3557'-'#a8dadc' "$work/lighthouse.png"

post() { # title, tag, cover, body
    local guid
    guid=$(run new --title "$1" --body "$4")
    run edit "$guid" --status published --tag "$2" ${3:+--cover "$3"} >/dev/null
    run sync >/dev/null 2>&1 # one publication after the other: the index lists the newest first
    echo "$guid"
}
post "Notes from the night train" travel "" \
"The compartment smelled of coffee and old upholstery. Somewhere after midnight the train stopped
at a station without a name, and nobody got on.

By morning the river ran beside us, wide and quiet, and the first villages appeared." >/dev/null
post "Bread from the village bakery" food "$work/bakery.png" \
"The bakery opens at six. By seven the rye loaves are gone, and by eight only the small rolls
remain — still warm, with a crust that cracks when you press it.

## What makes it good

- a sourdough started decades ago,
- a wood-fired oven, and
- patience: the dough rests overnight." >/dev/null
harbour=$(post "A morning at the harbour" travel "$work/harbour.png" \
"We walked down to the harbour before the market opened. The fishing boats were already back,
and the gulls argued over what the nets had left.

> The light at that hour is the reason to get up early.

Later the fog lifted, and the old lighthouse appeared across the bay. We sat on the quay with
bread and cheese from the market and watched the ferry leave for the islands.")
run attach "$harbour" "$work/lighthouse.png" >/dev/null
run new --title "Draft: winter plans" --body "Not for readers yet." >/dev/null
run sync >/dev/null 2>&1

slug=a-morning-at-the-harbour
shoot() { # name, url, width, height, scheme (0 dark, 1 light)
    local extra=()
    [ "$5" = 0 ] && extra=(--force-dark-mode)
    "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile-$1" \
        --no-first-run --hide-scrollbars --blink-settings=preferredColorScheme="$5" "${extra[@]}" \
        --window-size="$3,$4" --screenshot="$PWD/$out/site-$1.png" "$2" >/dev/null 2>&1
    echo "$out/site-$1.png"
}
for scheme in light dark; do
    value=1; [ "$scheme" = dark ] && value=0
    prefix=""; [ "$scheme" = dark ] && prefix="dark-"
    shoot "${prefix}index-desktop" "$base/b/field-notes/" 1280 900 $value
    shoot "${prefix}post-desktop" "$base/b/field-notes/$slug/" 1280 900 $value
    shoot "${prefix}index-phone" "$base/b/field-notes/" 390 844 $value
    shoot "${prefix}post-phone" "$base/b/field-notes/$slug/" 390 844 $value
done
