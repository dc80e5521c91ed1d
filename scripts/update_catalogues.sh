#!/usr/bin/env bash
# Extract the translatable strings and merge them into the Dutch catalogues (docs/i18n.md):
# the website's (babel.cfg -> nap_graph_api/locales) and the library's record reports
# (babel-library.cfg -> nap_graph/locales). Then translate the new entries in
# <package>/locales/nl/LC_MESSAGES/messages.po (tests/test_translations.py fails until every
# one has a Dutch text).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
for pair in "babel.cfg nap_graph_api" "babel-library.cfg nap_graph"; do
  read -r config package <<<"$pair"
  POT=$(mktemp --suffix=.pot)
  "$PYBABEL" extract -F "$config" -k N_ --no-location --sort-output -o "$POT" .
  PO=$package/locales/nl/LC_MESSAGES/messages.po
  if [[ -f $PO ]]; then
    "$PYBABEL" update -i "$POT" -d "$package/locales" -l nl --no-fuzzy-matching --ignore-obsolete
  else
    "$PYBABEL" init -i "$POT" -d "$package/locales" -l nl
  fi
  rm -f "$POT"
done
