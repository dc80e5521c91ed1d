"""Screenshots of every page kind, in English and Dutch, into docs/screenshots/ (docs/site.md).

Starts ``nap-graph serve`` on 127.0.0.1 over a fresh store with the default data, opens each
page in Debian's headless Chromium (Playwright) at a desktop width and the home and a resource
page at a phone's, and writes PNGs named ``<kind>-<lang>.png``. Run it after changing a page:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "search": "/search?q=gender+training",
    "browse": "/browse/organisations",
    "plan": "/doc/plan/nld-nap-4",
    "organisation": "/doc/organisation/jenv",
    "outcome": "/doc/outcome/nld-nap-4/3",
    "activity": "/doc/activity/jenv/police-gender-training",
    "country": "/country/SEN",
    "target-group": "/doc/target-group/deployed-police-staff",
    "query": "/sparql",
    "compare": "/compare",
    "error": "/doc/organisation/no-such-organisation",
}
PHONE = ("home", "organisation")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    port = _port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        exe = str(Path(sys.executable).with_name("nap-graph"))
        server = subprocess.Popen(
            [
                exe,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--store",
                f"{folder}/store",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(240):
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
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
                phone = browser.new_page(
                    viewport={"width": 390, "height": 844}, device_scale_factor=2
                )
                for kind in PHONE:
                    phone.goto(f"{url}{PAGES[kind]}?lang=nl")
                    phone.screenshot(path=OUT / f"{kind}-phone-nl.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
