#!/usr/bin/env bash
# The test suite, from a fresh machine: install nap-graph with its test extra, lint, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
