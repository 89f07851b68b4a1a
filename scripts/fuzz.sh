#!/usr/bin/env bash
# Builds the libFuzzer targets with the fuzz preset (clang, ASan + UBSan) and runs each target for
# its share of SECONDS (default 60). Seeds come from tests/fuzz/corpus/<target>/ and are never
# modified; new inputs go to build/fuzz/corpus/<target>/, crashes to build/fuzz/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
targets=(fuzz_protocol fuzz_api fuzz_render)
jobs=${INKWELL_JOBS:-$(nproc)}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target "${targets[@]}"

per_target=$(( seconds / ${#targets[@]} ))
[ "$per_target" -ge 1 ] || per_target=1
mkdir -p build/fuzz/artifacts
status=0
for target in "${targets[@]}"; do
    work="build/fuzz/corpus/$target"
    mkdir -p "$work"
    echo "== $target for ${per_target}s =="
    if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        QT_LOGGING_RULES='*.debug=false' \
        "build/fuzz/tests/fuzz/$target" -max_total_time="$per_target" -timeout=10 \
        -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="build/fuzz/artifacts/$target-" "$work" "tests/fuzz/corpus/$target" \
        2>"build/fuzz/$target.log"; then
        echo "fuzz: $target failed; see build/fuzz/$target.log and build/fuzz/artifacts/" >&2
        tail -n 60 "build/fuzz/$target.log" >&2
        status=1
    else
        grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "build/fuzz/$target.log" || true
    fi
done
exit $status
