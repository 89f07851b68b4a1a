#!/usr/bin/env bash
# `make soak` (SOAK_SECONDS, default 900): seeded random sync stories against the real server,
# batch after batch of new seeds until the time is up (deletes, restores, edit-and-revert and
# random conflict resolutions: see docs/sync.md). A failure names its seed; rerun it with
#   INKWELL_SYNC_SEED_START=<seed> INKWELL_SYNC_SEEDS=1 build/ci/tests/e2e/sync/tst_syncconvergence randomStoriesConverge
# (INKWELL_SYNC_TRACE=1 prints every operation and resolution).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-900}
batch=${INKWELL_SOAK_BATCH:-250}
start=${INKWELL_SOAK_FIRST_SEED:-100000}

binary=${INKWELL_SOAK_BINARY:-}
if [ -z "$binary" ]; then
    cmake --preset ci >/dev/null
    cmake --build --preset ci -j "${INKWELL_JOBS:-$(nproc)}" --target tst_syncconvergence
    binary=build/ci/tests/e2e/sync/tst_syncconvergence
fi

deadline=$((SECONDS + seconds))
seed=$start
batches=0
while [ $SECONDS -lt $deadline ]; do
    left=$((deadline - SECONDS))
    echo "== soak: seeds $seed..$((seed + batch - 1)) (${left}s left) =="
    status=0
    # Qt Test's own watchdog (5 minutes per test function) must not end a slow batch early.
    QTEST_DISABLE_STACK_DUMP=1 QTEST_FUNCTION_TIMEOUT=$(((left + 60) * 1000)) \
        INKWELL_SYNC_SEED_START=$seed INKWELL_SYNC_SEEDS=$batch QT_LOGGING_RULES='inkwell.*=false' \
        timeout --signal=TERM $((left + 5)) "$binary" randomStoriesConverge -silent || status=$?
    if [ $status -eq 124 ]; then
        echo "soak: time is up in the middle of a batch (no failure so far)"
        break
    fi
    if [ $status -ne 0 ]; then
        echo "soak: FAILED in the batch starting at seed $seed (see the message above)" >&2
        exit 1
    fi
    seed=$((seed + batch))
    batches=$((batches + 1))
done
echo "soak: $((seed - start)) seeds in $batches complete batches passed"
