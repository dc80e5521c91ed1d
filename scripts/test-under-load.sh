#!/usr/bin/env bash
# The test suite with a CPU hog on every core: what a busy CI machine looks like. No test may
# depend on a timing, so this must pass as the plain run does. Usage: scripts/test-under-load.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
hogs=()
for _ in $(seq "$(nproc)"); do
  python3 -c 'while True: pass' &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null || true' EXIT
bash scripts/test.sh "$@"
