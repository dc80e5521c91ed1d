"""Screenshots of every page kind, in English and Dutch, into docs/screenshots/ (docs/site.md).

Starts ``nap-graph serve`` on 127.0.0.1 over a fresh store with the default data, opens each
page kind in Debian's headless Chromium (Playwright) at a desktop width in English and Dutch
and at a phone's in Dutch, and writes PNGs named ``<kind>-<lang>.png`` and
``<kind>-phone-nl.png``. Run it after changing a page:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the repository's benchmarks package

from benchmarks.servers import nap_graph_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "search": "/search?q=gender+training",
    "browse": "/browse/organisations",
    "browse-index": "/browse",
    "plan": "/doc/plan/nld-nap-4",
    "organisation": "/doc/organisation/jenv",
    "outcome": "/doc/outcome/nld-nap-4/3",
    "activity": "/doc/activity/jenv/police-gender-training",
    "country": "/country/SEN",
    "target-group": "/doc/target-group/deployed-police-staff",
    "query": "/sparql",
    "compare": "/compare",
    "world": "/world",
    "plan-import": "/plans/import",
    "check": "/check",
    "coverage": "/coverage",
    "monitoring": "/monitoring",
    "partners": "/partners",
    "sign-in": "/sign-in",
    "record-form": "/record-form",
    "submissions": "/submissions",
    "ontology": "/def/wps",
    "download": "/dumps",
    "error": "/doc/organisation/no-such-organisation",
}
PHONE = tuple(PAGES)  # every page kind at a phone's width, in Dutch


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        nap_graph_server(Path(folder), Path(folder) / "store") as server,
    ):
        url = server.query.removesuffix("/sparql")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--headless", "--no-sandbox"]
            )
            for lang in ("en", "nl"):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                for kind, path in PAGES.items():
                    sep = "&" if "?" in path else "?"
                    page.goto(f"{url}{path}{sep}lang={lang}")
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=OUT / f"{kind}-{lang}.png")
                page.close()
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            for kind in PHONE:
                sep = "&" if "?" in PAGES[kind] else "?"
                phone.goto(f"{url}{PAGES[kind]}{sep}lang=nl")
                phone.wait_for_load_state("networkidle")
                phone.screenshot(path=OUT / f"{kind}-phone-nl.png")
            browser.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
