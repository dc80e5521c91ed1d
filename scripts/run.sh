#!/usr/bin/env bash
# The main job, from a fresh machine: install nap-graph, load the default graph (ontology,
# reference data, curated records) into an embedded store, check it against the shapes and
# answer a competency question.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/nap-graph check
.venv/bin/nap-graph query --file docs/queries/outcome-pillar-mapping.rq
