#!/usr/bin/env bash
# `make run`: builds and starts what exists of Inkwell. Completed by the editor work.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset dev >/dev/null
cmake --build --preset dev -j "${INKWELL_JOBS:-$(nproc)}"
echo "Built. The editor and a local server start here once they exist."
