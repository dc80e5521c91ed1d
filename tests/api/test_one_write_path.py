"""One decision of who may submit what, one report, one reader choice: the API, the website
and the command line run the same table of cases through the workspace and agree."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.tokens import token_hash
from tests.api.conftest import ADMIN, SIGNATORY, Server
from tests.submissions.helpers import SEED

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
JENV_HEAD = "Ministry of Justice and Security\n\nOrganization details\n\nGovernment"


def _record(organisation: str, variant: str) -> bytes:
    """The Ministry's record, as ``organisation``'s (a name), made unique by ``variant``."""
    text = SEED.read_text(encoding="utf-8")
    if organisation != "Ministry of Justice and Security":
        text = text.replace(
            JENV_HEAD, f"{organisation}\n\nOrganization details\n\nCivil society", 1
        )
    return text.replace("is responsible for", f"is responsible ({variant}) for", 1).encode()


CASES = [
    (
        "signatory, another organisation's record",
        SIGNATORY,
        "Ministry of Justice and Security",
        False,
    ),
    ("signatory, its own record", SIGNATORY, "Transgender Netwerk Nederland", True),
    ("signatory, its own by acronym", SIGNATORY, "TNN", True),
    ("signatory, a new organisation", SIGNATORY, "Transgender Network Netherlands - TNN", False),
    ("admin, anyone's record", ADMIN, "Ministry of Justice and Security", True),
]
REFUSAL = re.compile(r"tnn may submit records for Transgender Netwerk Nederland only, not for ")


@contextmanager
def _sign_in(server: Server, token: str) -> Iterator[httpx.Client]:
    with server.client() as client:
        form = client.get("/sign-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)[1]  # type: ignore[index]
        signed = client.post("/sign-in", data={"token": token, "csrf": csrf, "next": "/my/records"})
        assert signed.status_code == 303
        yield client


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.split("<main", 1)[1])[1]  # type: ignore[index]


def via_api(server: Server, token: str, data: bytes, name: str) -> tuple[bool, str]:
    with server.client(token) as client:
        answer = client.post(
            "/submissions",
            content=data,
            headers={"Content-Type": "text/plain"},
            params={"filename": name},
        )
    assert answer.status_code in (201, 403), answer.text
    return answer.status_code == 201, answer.text


def via_website(server: Server, token: str, data: bytes, name: str) -> tuple[bool, str]:
    with _sign_in(server, token) as client:
        csrf = _csrf(client.get("/my/records").text)
        answer = client.post(
            "/my/records",
            data={"csrf": csrf},
            files={"upload": (name, data)},
            headers={"Accept": "text/html"},
        )
    assert answer.status_code in (303, 403), answer.text[:300]
    return answer.status_code == 303, html.unescape(answer.text)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("cli")
    tokens = folder / "tokens.toml"
    tokens.write_text(
        f'[[tokens]]\nname = "tnn"\nsha256 = "{token_hash(SIGNATORY)}"\nrole = "signatory"\n'
        f'organisation = "tnn"\n[[tokens]]\nname = "admin"\nsha256 = "{token_hash(ADMIN)}"\n'
        'role = "admin"\n'
    )
    store = str(folder / "store")
    assert CliRunner().invoke(app, ["init", "--store", store]).exit_code == 0
    return store, {"NAP_GRAPH_TOKENS_FILE": str(tokens)}


PATHS: dict[str, Callable[..., tuple[bool, str]]] = {"api": via_api, "website": via_website}


@pytest.mark.parametrize(
    ("case", "token", "organisation", "allowed"), CASES, ids=[c[0] for c in CASES]
)
def test_the_same_decision_on_every_path(
    own_server: Server, cli_store, tmp_path: Path, case, token, organisation, allowed
) -> None:
    outcomes = {}
    for path, send in PATHS.items():
        data = _record(organisation, f"{case} via {path}")
        outcomes[path] = send(own_server, token, data, f"{path}.txt")
    store, env = cli_store
    file = tmp_path / "cli.txt"
    file.write_bytes(_record(organisation, f"{case} via cli"))
    result = CliRunner().invoke(
        app, ["ingest", str(file), "--store", store, "--token", token], env=env
    )
    assert "Traceback" not in result.output
    outcomes["cli"] = (result.exit_code == 0, result.output)
    assert {path: stored for path, (stored, _) in outcomes.items()} == dict.fromkeys(
        outcomes, allowed
    ), outcomes
    if not allowed:
        for path, (_, text) in outcomes.items():
            assert REFUSAL.search(text), (path, text[:400])


def test_the_same_bytes_get_the_same_report_on_every_path(own_server: Server, cli_store) -> None:
    broken = _record("Transgender Netwerk Nederland", "report").replace(
        b"\n3.2 Impunity", b"\n3.9 Impunity", 1
    )
    with own_server.client() as client:
        api = client.post(
            "/submissions/validate",
            content=broken,
            headers={"Content-Type": "text/plain"},
            params={"filename": "r.txt"},
        )
        page = client.post("/check", files={"upload": ("r.txt", broken)}).text
    assert api.status_code == 422
    api_problems = [(p["severity"], p["message"]) for p in api.json()["problems"]]
    store, _env = cli_store
    folder = Path(store).parent
    (folder / "r.txt").write_bytes(broken)
    cli = CliRunner().invoke(
        app, ["validate", str(folder / "r.txt"), "--store", store, "--format", "json"]
    )
    assert cli.exit_code == 1
    cli_problems = [(p["severity"], p["message"]) for p in json.loads(cli.output)["problems"]]
    assert api_problems == cli_problems and any(s == "violation" for s, _ in api_problems)
    shown = html.unescape(page)
    for _severity, message in api_problems:
        assert message in shown


@pytest.mark.parametrize(
    ("example", "media_type"),
    [
        ("jenv.json", "application/json"),
        ("jenv.csv", "text/csv"),
        ("jenv.ttl", "text/turtle"),
    ],
)
def test_pasted_json_csv_and_turtle_are_read_as_what_they_are(
    own_server: Server, example: str, media_type: str
) -> None:
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    with _sign_in(own_server, ADMIN) as client:
        csrf = _csrf(client.get("/my/records?organisation=jenv").text)
        answer = client.post("/my/records", data={"csrf": csrf, "text": text})
        assert answer.status_code == 303, html.unescape(answer.text)[:2000]
        assert "status=stored" in answer.headers["location"]
    with own_server.client() as client:
        query = (
            "SELECT ?type WHERE { ?h wps:currentVersion ?v . ?v wps:sourceDocument ?s . "
            "?s dcat:mediaType ?type FILTER (?h = id:submission\\/nld-nap-4\\/jenv) }"
        )
        found = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert found.text.splitlines()[1].endswith(media_type)
