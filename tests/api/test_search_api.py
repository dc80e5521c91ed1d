"""/search over HTTP against its own server: every write path keeps the index current (a
submission and its replacement, a Graph Store write and delete, a SPARQL update), superseded
versions are not found, and the JSON answer has what docs/search.md promises."""

from __future__ import annotations

from tests.api.conftest import ADMIN, Server
from tests.submissions.helpers import SEED

GRAPH = "https://w3id.org/nap-graph/graph/test/search"
THING = "https://w3id.org/nap-graph/id/activity/test/well"
TNN = "Transgender Netwerk Nederland\n\nOrganization details\n\nCivil society"


def _found(server: Server, words: str) -> list[str]:
    with server.client() as client:
        answer = client.get("/search", params={"q": words}, headers={"Accept": "application/json"})
    assert answer.status_code == 200, answer.text
    return [r["iri"] for r in answer.json()["results"]]


def _record(word: str) -> bytes:
    text = SEED.read_text(encoding="utf-8").replace(
        "Ministry of Justice and Security\n\nOrganization details\n\nGovernment", TNN, 1
    )
    return text.replace(
        "The Ministry of Justice and Security of the Netherlands is responsible",
        f"The {word} of the Netherlands is responsible",
        1,
    ).encode()


def _submit(server: Server, word: str) -> str:
    with server.client(ADMIN) as client:
        answer = client.post(
            "/submissions", content=_record(word), headers={"Content-Type": "text/plain"}
        )
    assert answer.status_code == 201, answer.text
    return answer.json()["submissions"][0]["submission"]


def test_a_submission_is_found_and_its_replacement_supersedes_it(own_server: Server) -> None:
    assert _found(own_server, "kwaliteitszebra") == []
    first = _submit(own_server, "kwaliteitszebra")
    assert _found(own_server, "kwaliteitszebra") == [first]
    newer = _submit(own_server, "regenboogzebra")
    assert _found(own_server, "regenboogzebra") == [newer]
    assert _found(own_server, "kwaliteitszebra") == []  # superseded: not searched


def test_graph_store_and_sparql_update_writes_are_found(own_server: Server) -> None:
    turtle = (
        f'<{THING}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Waterput voor het dorp"@nl .'
    )
    with own_server.client(ADMIN) as client:
        put = client.put(
            "/store",
            params={"graph": GRAPH},
            content=turtle,
            headers={"Content-Type": "text/turtle"},
        )
        assert put.status_code in (201, 204)
        assert _found(own_server, "waterput") == [THING]
        update = (
            f"DELETE WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }} ; INSERT DATA {{ GRAPH <{GRAPH}> "
            f'{{ <{THING}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Irrigatieplan"@nl }} }}'
        )
        done = client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        )
        assert done.status_code == 204, done.text
        assert _found(own_server, "waterput") == []
        assert _found(own_server, "irrigatieplan") == [THING]
        assert client.delete("/store", params={"graph": GRAPH}).status_code == 204
    assert _found(own_server, "irrigatieplan") == []


def test_json_answer_and_bad_requests(own_server: Server) -> None:
    with own_server.client() as client:
        answer = client.get("/search?q=gender+training&kind=activity&format=json").json()
        assert answer["query"] == "gender training" and answer["total"] >= 2
        first = answer["results"][0]
        assert set(first) == {"iri", "type", "label", "snippet", "property", "score"}
        assert first["type"] == "activity" and "<mark>" in first["snippet"]
        assert {f["value"] for f in answer["facets"]["kind"]} == {"activity"}
        empty = client.get("/search?q=&format=json").json()
        assert empty["total"] == 0 and empty["results"] == []
        long = client.get("/search", params={"q": "x" * 501})
        assert long.status_code == 400 and "q: at most 500" in long.json()["detail"]
        page = client.get("/search?q=gender&page=0")
        assert page.status_code == 422
        assert client.get("/search?q=gender", headers={"Accept": "image/png"}).status_code == 406
        html = client.get("/search?q=%3Cscript%3E", headers={"Accept": "text/html"}).text
        assert "<script>" not in html.split("<main", 1)[1]


def test_a_typo_is_forgiven_and_the_page_says_so(own_server: Server) -> None:
    with own_server.client() as client:
        answer = client.get("/search", params={"q": "gendertraning", "format": "json"}).json()
        page = client.get(
            "/search",
            params={"q": "gendertraning"},
            headers={"Accept": "text/html", "Accept-Language": "nl"},
        ).text
    assert answer["corrected"] == "gendertraining" and answer["total"] > 0
    assert "Niets past bij “gendertraning”; dit past bij “gendertraining”." in page
