"""The real server, started on 127.0.0.1 with `nap-graph serve` over a fresh store, for
end-to-end tests with real clients (SPARQLWrapper, rdflib, httpx)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from nap_graph.tokens import token_hash
from tests.store.servers import free_port, stop, wait_for

ADMIN = "admin-token-for-tests"
SIGNATORY = "tnn-token-for-tests"


@dataclass(frozen=True)
class Server:
    url: str

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def running_server(
    folder: Path, *, where: list[str] | None = None, port: int | None = None, **settings: str
) -> Iterator[Server]:
    """`nap-graph serve` on 127.0.0.1 over a fresh store in ``folder`` (or ``where``: other
    options, such as ``--endpoint URL --workers 2``); ``settings`` become NAP_GRAPH_*
    environment variables."""
    tokens = folder / "tokens.toml"
    tokens.write_text(
        f'[[tokens]]\nname = "tnn"\nsha256 = "{token_hash(SIGNATORY)}"\nrole = "signatory"\norganisation = "tnn"\n'
    )
    port = port or free_port()
    env = dict(os.environ, NAP_GRAPH_ADMIN_TOKEN=ADMIN, NAP_GRAPH_TOKENS_FILE=str(tokens))
    env.update({f"NAP_GRAPH_{k.upper()}": v for k, v in settings.items()})
    log = folder / f"server-{port}.log"
    exe = str(Path(sys.executable).with_name("nap-graph"))
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                exe,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *(where or ["--store", str(folder / "store")]),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", process, log, seconds=120)
        yield Server(url)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("api"), max_body_bytes="2000000") as started:
        yield started


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (``.ci/run`` installs it); skipped without it
    outside CI, a failure in CI. One per test module: Playwright's synchronous API keeps an
    event loop on the main thread while it runs, which other modules' ``asyncio.run`` must
    not meet."""
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        message = "Chromium is not installed (.ci/run installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of the test module's own, for tests that store records (the session's
    server is shared by tests that count what is stored)."""
    with running_server(tmp_path_factory.mktemp("own"), max_body_bytes="2000000") as started:
        yield started


class Watched:
    """A browser tab that records every request it makes and every error or warning it logs
    (the pages log neither: a warning fails a test as an error does)."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"{m.text} ({m.location.get('url', '')})")
                if m.type in ("error", "warning")
                else None
            ),
        )


@pytest.fixture
def tab(chromium) -> Iterator[Watched]:
    """A fresh browser tab (its own cookies) that records requests and errors."""
    context = chromium.new_context(locale="en-GB")
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def no_axe_violations(tab: Watched) -> None:
    """axe-core on the tab's page: fails on any violation, of any impact (minor and
    moderate included)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab.page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert not bad, bad
