"""Fill untranslated entries of the Dutch catalogue from a Python mapping (a helper for
bulk translation; ``scripts/update_catalogues.sh`` first). Usage:
``python scripts/translate_catalogue.py MAPPING.py [PACKAGE]`` (PACKAGE: nap_graph_api, the
default, or nap_graph) where the file defines ``NL = {msgid:
msgstr}`` (plural entries: tuple keys and values). Entries already translated are kept."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(mapping_file: str, package: str = "nap_graph_api") -> None:
    po = ROOT / package / "locales/nl/LC_MESSAGES/messages.po"
    mapping = runpy.run_path(mapping_file)["NL"]
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    filled = 0
    for message in catalog:
        if not message.id or (message.string and any(message.string)):
            continue
        if message.id in mapping:
            message.string = mapping[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, sort_output=True)
    print(f"{filled} entries translated")


if __name__ == "__main__":
    main(*sys.argv[1:3])
