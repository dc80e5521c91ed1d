#!/usr/bin/env bash
# Create (or reuse) the virtual environment .venv and install nap-graph into it.
# Usage: scripts/setup.sh [EXTRA]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "" ]; then
  .venv/bin/python -m pip install --quiet -e .
else
  .venv/bin/python -m pip install --quiet -e ".[$1]"
fi
