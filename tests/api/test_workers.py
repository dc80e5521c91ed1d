"""Two server processes on one SPARQL server (`nap-graph serve --workers 2 --endpoint ...`):
every process sees a write as soon as it returns (the views are keyed by the generation
read from the store), no query fails while two writers and a reader run for 200 rounds, and
sessions live in SQLite, so they work across the processes and survive a restart."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from tests.api.conftest import ADMIN, SIGNATORY, Server, running_server
from tests.store.servers import free_port, oxigraph_server
from tests.submissions.helpers import SEED

ROUNDS = 200
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:x:round> ?o }"
TNN = "Transgender Netwerk Nederland\n\nOrganization details\n\nCivil society"
JENV_HEAD = "Ministry of Justice and Security\n\nOrganization details\n\nGovernment"


def _fresh(server: Server, token: str | None = None, **kwargs: object) -> httpx.Client:
    """A client that opens a new connection for every request, so requests spread over the
    worker processes."""
    headers = {"Connection": "close"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=server.url, headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]


def _processes(client: httpx.Client, most: int = 2000) -> set[int]:
    """The worker processes that answer /health, asking until both have (at most ``most``
    times): which process accepts a new connection is the kernel's choice, and on a busy
    machine one worker may take many in a row, or be still starting."""
    seen: set[int] = set()
    for _ in range(most):
        seen.add(client.get("/health").json()["process"])
        if len(seen) == 2:
            break
    return seen


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-workers")) as server:
        env = {
            "NAP_GRAPH_ENDPOINT": server.query,
            "NAP_GRAPH_UPDATE_ENDPOINT": server.update,
            "NAP_GRAPH_GRAPH_STORE_ENDPOINT": server.store,
        }
        result = CliRunner().invoke(app, ["init"], env=env)
        assert result.exit_code == 0, result.output
        yield env


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workers")


def _serve(folder: Path, endpoint: dict[str, str], port: int | None = None):  # type: ignore[no-untyped-def]
    settings = {k.removeprefix("NAP_GRAPH_").lower(): v for k, v in endpoint.items()}
    return running_server(
        folder,
        where=["--workers", "2"],
        port=port,
        sessions_file=str(folder / "sessions.sqlite"),
        **settings,
    )


@pytest.fixture(scope="module")
def server(folder: Path, endpoint: dict[str, str]) -> Iterator[Server]:
    with _serve(folder, endpoint) as started:
        yield started


def test_two_processes_answer(server: Server) -> None:
    with _fresh(server) as client:
        processes = _processes(client)
    assert len(processes) == 2


def test_every_process_sees_a_new_version_as_soon_as_the_write_returns(server: Server) -> None:
    text = SEED.read_text(encoding="utf-8").replace(JENV_HEAD, TNN, 1)
    for n in range(6):
        record = text.replace("is responsible for", f"is responsible (version {n}) for", 1)
        with _fresh(server, SIGNATORY) as client:
            stored = client.post(
                "/submissions", content=record.encode(), headers={"Content-Type": "text/plain"}
            )
        assert stored.status_code == 201, stored.text
        version = stored.json()["submissions"][0]["submission"]
        with _fresh(server) as client:
            for _ in range(10):
                listing = client.get("/submissions", params={"organisation": "tnn"}).json()
                assert [i["submission"] for i in listing["items"]] == [version]


def test_two_writers_and_a_reader_for_200_rounds(server: Server) -> None:
    failures: list[str] = []

    def write(client: httpx.Client, writer: str, n: int) -> None:
        answer = client.post(
            "/sparql",
            content=f"INSERT DATA {{ GRAPH <urn:x:{writer}> "
            f"{{ <urn:x:{writer}{n}> <urn:x:round> {n} }} }}",
            headers={"Content-Type": "application/sparql-update"},
        )
        if answer.status_code != 204:
            failures.append(f"{writer}{n}: {answer.status_code} {answer.text[:200]}")

    def read(client: httpx.Client) -> None:
        answer = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
        if answer.status_code != 200:
            failures.append(f"read: {answer.status_code} {answer.text[:200]}")

    with _fresh(server, ADMIN) as a, _fresh(server, ADMIN) as b, _fresh(server) as reader:
        for n in range(ROUNDS):
            threads = [
                threading.Thread(target=write, args=(a, "a", n)),
                threading.Thread(target=write, args=(b, "b", n)),
                threading.Thread(target=read, args=(reader,)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert not failures, f"round {n}: {failures}"
            seen = reader.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
            assert seen.text.split()[1] == str(2 * (n + 1)), f"round {n}"


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page[:300]
    return found[1]


def test_a_session_works_on_every_process_and_survives_a_restart(
    folder: Path, endpoint: dict[str, str]
) -> None:
    port = free_port()
    with _serve(folder, endpoint, port) as first:
        with httpx.Client(base_url=first.url, timeout=60) as client:
            form = client.get("/sign-in")
            signed = client.post(
                "/sign-in",
                data={"token": SIGNATORY, "csrf": _csrf(form.text), "next": "/my/records"},
            )
            assert signed.status_code == 303
            cookie = client.cookies["nap_session"]
        with _fresh(first, cookies={"nap_session": cookie}) as client:
            seen = _processes(client)
            assert len(seen) == 2
            for _ in range(10):
                page = client.get("/my/records")
                assert page.status_code == 200 and "Signed in as tnn" in page.text
    with (
        _serve(folder, endpoint, port) as again,
        _fresh(again, cookies={"nap_session": cookie}) as client,
    ):
        page = client.get("/my/records")
        assert page.status_code == 200 and "Signed in as tnn" in page.text
