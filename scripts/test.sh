#!/usr/bin/env bash
# `make test`: installs what is missing, builds, and runs every test:
#   1. the libFuzzer targets for a short run (INKWELL_FUZZ_SECONDS, default 60) when they exist,
#   2. the core and server tests under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset),
#   3. every other test in the optimised ci preset (warnings as errors), ending with ctest's
#      summary: the ui, end-to-end and packaging tests, and the few core and server tests whose
#      checks only an optimised build shows (OPTIMISED_TOO in tests/; the ci preset leaves out the
#      label asan-only). Each test runs once.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
export INKWELL_REQUIRE_POSTGRES=1
export INKWELL_REQUIRE_BROWSER=1
jobs=${INKWELL_JOBS:-$(nproc)}

if [ -x scripts/fuzz.sh ]; then
    echo "== fuzz (short run) =="
    bash scripts/fuzz.sh "${INKWELL_FUZZ_SECONDS:-60}"
fi

echo "== asan: core and server tests =="
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs" --target inkwell_core_server_tests
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    scripts/test-env.sh ctest --preset asan -L 'core|server' -j "$jobs"

echo "== ci: every other test, optimised =="
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
scripts/test-env.sh ctest --preset ci -j "$jobs"
