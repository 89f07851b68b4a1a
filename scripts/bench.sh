#!/usr/bin/env bash
# `make bench`: builds the benchmarks (Release) and runs each one; figures go to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset bench >/dev/null
cmake --build --preset bench -j "${INKWELL_JOBS:-$(nproc)}"
shopt -s nullglob
benches=(build/bench/tests/bench/bench_*)
if [ ${#benches[@]} -eq 0 ]; then
    echo "no benchmarks built" >&2
    exit 1
fi
# Figures only: the libraries' debug and info logging would drown them.
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-inkwell.*.debug=false;inkwell.*.info=false}"
# bench_ui needs no screen (as the ui tests); set QT_QPA_PLATFORM=xcb to watch it on one.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
for b in "${benches[@]}"; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b") =="
    extra=()
    # bench_sync also times the inkwell-cli processes a writer runs, beside the engine's figures.
    [ "$(basename "$b")" = bench_sync ] && extra=(--cli)
    scripts/test-env.sh "$b" "${extra[@]}" "$@"
done
