#!/usr/bin/env bash
# Extract the website's strings and merge them into the Dutch catalogue (docs/i18n.md).
# Then translate the new entries in nap_graph_api/locales/nl/LC_MESSAGES/messages.po
# (tests/test_translations.py fails until every one has a Dutch text).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
POT=$(mktemp --suffix=.pot)
"$PYBABEL" extract -F babel.cfg -k N_ --no-location --sort-output -o "$POT" .
PO=nap_graph_api/locales/nl/LC_MESSAGES/messages.po
if [[ -f $PO ]]; then
  "$PYBABEL" update -i "$POT" -d nap_graph_api/locales -l nl --no-fuzzy-matching --ignore-obsolete
else
  "$PYBABEL" init -i "$POT" -d nap_graph_api/locales -l nl
fi
rm -f "$POT"
