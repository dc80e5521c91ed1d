"""Defects an attack found (issue 24), one test each: a store that cannot be written, sign-out
from another site, security headers, names that break a page's embedded data, inputs that
looked like IRIs or numbers and crashed a worker, limits that did not hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nap_graph.access import Principal
from nap_graph_api.app import create_app
from nap_graph_api.settings import ApiSettings

ADMIN = "admin-token-for-safety-tests"
UPDATE = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {ADMIN}"}
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


class _FailingWrites:
    """A pyoxigraph store whose writes fail as on a full or read-only disk."""

    def __init__(self, store: object) -> None:
        self.store = store

    def __getattr__(self, name: str) -> object:
        if name in {"update", "extend", "bulk_extend", "remove_graph", "clear_graph", "add"}:
            raise OSError(
                f"IO error: /secret/server/path/store/000123.log: Read-only file system ({name})"
            )
        return getattr(self.store, name)


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = ApiSettings(store=tmp_path / "store", query_workers=0, admin_token=ADMIN)
    with TestClient(create_app(settings), raise_server_exceptions=False) as started:
        yield started


def test_a_store_that_cannot_be_written_says_so_and_recovers(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    healthy = store._store
    store._store = _FailingWrites(healthy)
    insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }"
    refused = client.post("/sparql", content=insert, headers=UPDATE)
    assert refused.status_code == 503
    assert "/secret/" not in refused.text and "cannot be written now" in refused.text
    health = client.get("/health")
    assert health.status_code == 503 and health.json()["status"] == "read-only"
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200  # reads work
    store._store = healthy  # the disk is writable again: no restart needed
    assert client.post("/sparql", content=insert, headers=UPDATE).status_code == 204
    assert client.get("/health").json()["status"] == "ok"


def test_sign_out_from_another_site_changes_nothing(client: TestClient) -> None:
    answer = client.post("/sign-out", headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403 and "set-cookie" not in answer.headers


def test_every_answer_carries_security_headers(client: TestClient) -> None:
    for path in ("/", "/sparql?query=ASK%7B%7D", "/docs", "/no-such-page"):
        headers = client.get(path, headers={"Accept": "text/html"}).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
    page = client.get("/", headers={"Accept": "text/html"}).headers["content-security-policy"]
    assert "script-src 'self';" in page  # no inline script on the site's own pages


def test_a_name_with_markup_does_not_break_the_embedded_data(client: TestClient) -> None:
    record = json.loads((EXAMPLES / "jenv.json").read_text(encoding="utf-8"))
    record["organisation"] = "X <!--<script> \u2028 </script>"
    record["activities"] = [
        {"name": "A <!--<script>", "outcomes": ["3"], "partners": "P <!--<script> </script>"}
    ]
    stored = client.post(
        "/submissions",
        content=json.dumps(record),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN}"},
    )
    assert stored.status_code == 201, stored.text
    page = client.get("/partners", headers={"Accept": "text/html"}).text
    data = page.split('<script id="network-elements" type="application/json">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and "\u2028" not in data
    names = json.dumps(json.loads(data), ensure_ascii=False)
    assert "P <!--<script> </script>" in names


@pytest.mark.parametrize("website", ["x:y.z", 'https://a"b', "http://[::1", "https://x y"])
def test_a_website_that_is_no_iri_is_reported_never_a_500(client: TestClient, website: str) -> None:
    record = json.loads((EXAMPLES / "jenv.json").read_text(encoding="utf-8"))
    record["website"] = website
    body = json.dumps(record)
    checked = client.post(
        "/submissions/validate", content=body, headers={"Content-Type": "application/json"}
    )
    assert checked.status_code in (200, 422)
    assert client.post("/check", data={"text": body, "format": "auto"}).status_code == 200


def test_a_5000_digit_number_in_the_form_is_a_field_error(client: TestClient) -> None:
    form = {
        "organisation": "TNN",
        "strategic_outcomes": "3",
        "activity-0-name": "x",
        "activity-0-target-value": "9" * 5000,
        "activity-0-target-unit": "%",
        "activity-0-target-indicator": "women",
    }
    answer = client.post("/record-form/check", data=form)
    assert answer.status_code == 200
    assert any("30 digits" in p["message"] for p in answer.json()["problems"])


def test_every_check_path_is_rate_limited_and_forwarded_for_is_not_believed(
    tmp_path: Path,
) -> None:
    settings = ApiSettings(
        memory=True, query_workers=0, checks_per_minute=2, form_checks_per_minute=2
    )
    record = (EXAMPLES / "jenv.json").read_text(encoding="utf-8")
    calls = {
        "/check": lambda c, n: c.post("/check", data={"text": record, "format": "auto"}, headers=n),
        "/submissions/validate": lambda c, n: c.post(
            "/submissions/validate",
            content=record,
            headers={"Content-Type": "application/json", **n},
        ),
        "/record-form/check": lambda c, n: c.post(
            "/record-form/check", data={"organisation": "TNN"}, headers=n
        ),
    }
    for path, call in calls.items():
        with TestClient(create_app(settings)) as client:
            codes = [call(client, {"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(3)]
        assert codes[:2] != [429, 429] and codes[2] == 429, (path, codes)


def test_the_form_check_has_the_size_limit(tmp_path: Path) -> None:
    settings = ApiSettings(memory=True, query_workers=0, max_submission_bytes=10_000)
    with TestClient(create_app(settings)) as client:
        answer = client.post(
            "/record-form/check",
            data={"organisation": "TNN", "activities_description": "x" * 20_000},
        )
    assert answer.status_code == 413


def test_a_comment_does_not_change_an_answer(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p a wps:NationalActionPlan }"
    plain = client.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"})
    commented = client.get(
        "/sparql",
        params={"query": "# every plan from wps:NationalActionPlan\n" + count},
        headers={"Accept": "text/csv"},
    )
    assert plain.text == commented.text and plain.text.split()[1] != "0"


@pytest.mark.parametrize("space", ["\u3000", "\u00a0", "\u2028", "\u2029", "\u205f"])
def test_a_service_iri_with_a_unicode_space_is_refused(client: TestClient, space: str) -> None:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/x{space}y> {{ ?s ?p ?o }} }}"
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 403, answer.text


CHAINS = {
    "union": lambda n: "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }",
    "or": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * n) + ") }",
    "and": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "&&".join(["?o=1"] * n) + ") }",
    "plus": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * n) + " = 2) }",
    "path": lambda n: "SELECT * WHERE { ?s " + "/".join(["<http://p>"] * n) + " ?o }",
    "not": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * n + "true) }",
    "optional": lambda n: "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * n + "}",
    "minus": lambda n: "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p ?o } " * n + "}",
    "hidden in an IRI": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(?o<?o" + "+?o" * n + ">?o) }",
}


@pytest.mark.parametrize("shape", list(CHAINS))
def test_a_flat_chain_is_refused_before_the_engine_and_nothing_dies(
    client: TestClient, shape: str
) -> None:
    """Before: a 20,000-branch UNION (and the like) killed a query worker, and in an update
    or without workers the whole server."""
    text = CHAINS[shape](20_000)
    answer = client.post(
        "/sparql", content=text, headers={"Content-Type": "application/sparql-query"}
    )
    assert answer.status_code == 400 and "at most" in answer.json()["detail"]
    update = "INSERT { <urn:x:a> <urn:x:b> 1 } WHERE { " + text.split("WHERE {", 1)[1]
    refused = client.post("/sparql", content=update, headers=UPDATE)
    assert refused.status_code == 400
    assert client.get("/health").status_code == 200  # still alive


def test_iri_shaped_inputs_are_checked_where_they_enter(client: TestClient) -> None:
    """Before: a space in /partners?organisation= and an invalid IRI on the diff page were
    500s."""
    assert client.get("/partners", params={"organisation": "a b"}).status_code == 404
    assert client.get("/id/organisation/a%20b").status_code in (400, 404)
    login = client.app.state.sessions.start(Principal.local())  # type: ignore[attr-defined]
    client.cookies.set("nap_session", login.id)
    bad = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/x y"
    answer = client.get("/my/records/diff", params={"old": bad, "new": bad})
    assert answer.status_code == 400
