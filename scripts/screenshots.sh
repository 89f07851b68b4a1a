#!/usr/bin/env bash
# `make screenshots`: renders the README screenshots into docs/screenshots/ with the real widgets,
# offscreen (QWidget::grab): light, dark palette, 200 % scaling, and the German translation.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${INKWELL_BUILD_DIR:-build/dev}"
if [ "$build" = build/dev ]; then
    cmake --preset dev >/dev/null
fi
cmake --build "$build" -j "${INKWELL_JOBS:-$(nproc)}" --target inkwell_screenshots
out=docs/screenshots
mkdir -p "$out"
runtime=$(mktemp -d)
trap 'rm -rf "$runtime"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$runtime" HOME="$runtime"
export QT_LOGGING_RULES='inkwell.*.info=false'
shots="$build/tests/ui/inkwell_screenshots"
LANG=C.UTF-8 "$shots" "$out"
LANG=C.UTF-8 "$shots" "$out" --dark --prefix dark
LANG=C.UTF-8 QT_SCALE_FACTOR=2 "$shots" "$out" --prefix scale-200
LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 "$shots" "$out" --prefix de
