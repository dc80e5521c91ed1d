"""docs/screenshots holds a screenshot of every page kind scripts/screenshots.py takes, in
both languages, and docs/site.md shows each (run the script after changing a page)."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_kind_has_screenshots_in_both_languages_shown_in_the_docs() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "screenshots.py"))
    site = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
    for kind in script["PAGES"]:
        for lang in ("en", "nl"):
            name = f"{kind}-{lang}.png"
            shot = ROOT / "docs" / "screenshots" / name
            assert shot.is_file() and shot.stat().st_size > 10_000, name
            assert f"screenshots/{name}" in site, name
    for kind in script["PHONE"]:
        assert (ROOT / "docs" / "screenshots" / f"{kind}-phone-nl.png").is_file()
