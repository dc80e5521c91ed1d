"""Every string of the website and of the record reports has a Dutch translation
(docs/i18n.md): the test extracts the strings from the code and the templates as ``pybabel
extract`` does (babel.cfg, babel-library.cfg) and fails on any that the Dutch catalogue
lacks, leaves empty, marks fuzzy, or translates with other placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = {"nap_graph_api": "babel.cfg", "nap_graph": "babel-library.cfg"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def _extracted(package: str = "nap_graph_api") -> set[str | tuple[str, ...]]:
    with (ROOT / CATALOGUES[package]).open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found: set[str | tuple[str, ...]] = set()
    prefix = f"{package}/"
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / package),
        [(pattern.removeprefix(prefix), m) for pattern, m in method_map],
        options_map={k.removeprefix(prefix): v for k, v in options_map.items()},
        keywords=keywords,
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_strings_are_extracted_from_templates_and_code() -> None:
    found = _extracted()
    assert "Skip to content" in found  # base.html
    assert "Page not found" in found  # errors.py, N_()
    assert ("%(num)s thing found.", "%(num)s things found.") in found  # search.html
    library = _extracted("nap_graph")
    assert (
        "sub-outcome {code} is selected without its strategic outcome {parent}; select both"
        in library
    )
    assert "Skip to content" not in library


@pytest.mark.parametrize("package", sorted(CATALOGUES))
def test_every_string_has_a_dutch_translation(package: str) -> None:
    po = ROOT / package / "locales/nl/LC_MESSAGES/messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    missing, fuzzy, placeholders = [], [], []
    for msgid in sorted(_extracted(package), key=str):
        key = msgid if isinstance(msgid, str) else msgid[0]
        message = catalog.get(key)
        strings = (
            []
            if message is None
            else ([message.string] if isinstance(message.string, str) else list(message.string))
        )
        if message is None or not all(strings) or not strings:
            missing.append(msgid)
            continue
        if message.fuzzy:
            fuzzy.append(msgid)
        wanted = set(PLACEHOLDER.findall(str(msgid)))
        if any(set(PLACEHOLDER.findall(text)) != wanted for text in strings):
            placeholders.append(msgid)
    assert not missing, f"no Dutch for {missing} (scripts/update_catalogues.sh, then translate)"
    assert not fuzzy, f"fuzzy Dutch for {fuzzy}"
    assert not placeholders, f"placeholders differ in {placeholders}"
