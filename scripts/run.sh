#!/usr/bin/env bash
# The main job, from a fresh machine: install nap-graph, create the embedded on-disk store
# (~/.local/share/nap-graph/store, or NAP_GRAPH_STORE) filled with the default data (ontology,
# shapes, reference data, curated records), check the data against the shapes, ingest the
# received records, and serve the API on it (http://127.0.0.1:8000/sparql; HOST and PORT to
# change; NAP_GRAPH_ADMIN_TOKEN to allow writes).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/nap-graph init
.venv/bin/nap-graph check
.venv/bin/nap-graph ingest data/submissions/
exec .venv/bin/nap-graph serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
