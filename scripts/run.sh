#!/usr/bin/env bash
# The main job, from a fresh machine: install nap-graph, create the embedded on-disk store
# (~/.local/share/nap-graph/store, or NAP_GRAPH_STORE) filled with the default data (ontology,
# shapes, reference data, curated records), check the data against the shapes, ingest the
# Ministry's record as a submission and answer a competency question from the store.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/nap-graph init
.venv/bin/nap-graph check
.venv/bin/nap-graph ingest data/submissions/
.venv/bin/nap-graph query --file docs/queries/outcome-pillar-mapping.rq
