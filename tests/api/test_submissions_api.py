"""Submissions over HTTP: 201 + Location when a record lands, 422 with the report when it
does not (nothing stored), tokens and roles, listing and one version in RDF."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef

from tests.api.conftest import ADMIN, SIGNATORY, Server
from tests.submissions.helpers import EXAMPLES, SEED

V1 = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"


def count_graphs(server: Server) -> int:
    with server.client() as client:
        response = client.get(
            "/sparql",
            params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "text/csv"},
        )
    return int(response.text.splitlines()[1])


def test_submit_export_text_lands(server: Server) -> None:
    with server.client(ADMIN) as client:
        response = client.post(
            "/submissions",
            content=SEED.read_bytes(),
            headers={"Content-Type": "text/plain"},
            params={"filename": SEED.name},
        )
        assert response.status_code in (200, 201), response.text
        assert response.headers["location"] == "/submissions/nld-nap-4/jenv/9499130b86aac370"
        body = response.json()
        assert body["submissions"][0]["submission"] == V1
        turtle = client.get(response.headers["location"], headers={"Accept": "text/turtle"})
        graph = Graph().parse(data=turtle.text, format="turtle")
        assert (URIRef(V1), None, None) in graph
        assert (None, URIRef("http://purl.org/dc/terms/hasVersion"), URIRef(V1)) in graph
        listing = client.get("/submissions", params={"organisation": "jenv"}).json()
        assert [item["submission"] for item in listing["items"]] == [V1]
        assert (
            client.get("/submissions", params={"plan": "nld-nap-4", "outcome": "3.2"}).json()[
                "total"
            ]
            == 1
        )
        assert (
            client.get("/submissions", params={"plan": "nld-nap-4", "outcome": "4.1"}).json()[
                "total"
            ]
            == 0
        )


def test_invalid_submission_is_422_with_the_report_and_stores_nothing(server: Server) -> None:
    broken = SEED.read_text(encoding="utf-8").replace("3.2 Impunity", "3.9 Impunity").encode()
    before = count_graphs(server)
    with server.client(ADMIN) as client:
        response = client.post(
            "/submissions", content=broken, headers={"Content-Type": "text/plain"}
        )
        assert response.status_code == 422
        problems = response.json()["problems"]
        assert any("'3.9' is not a sub-outcome of NAP 1325-IV" in p["message"] for p in problems)
        turtle = client.post(
            "/submissions",
            content=broken,
            headers={"Content-Type": "text/plain", "Accept": "text/turtle"},
        )
        assert turtle.status_code == 422 and "sh:ValidationReport" in turtle.text
        unreadable = client.post(
            "/submissions", content=b"\x00\x01", headers={"Content-Type": "text/plain"}
        )
        assert unreadable.status_code == 422 and "not text" in unreadable.text
    assert count_graphs(server) == before


def test_validate_without_storing(server: Server) -> None:
    before = count_graphs(server)
    with server.client() as client:
        response = client.post(
            "/submissions/validate",
            content=(EXAMPLES / "jenv.json").read_bytes(),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 200 and response.json()["valid"] is True
        bad = json.loads((EXAMPLES / "jenv.json").read_text())
        bad["investment_types"] = ["Monetary"]
        response = client.post(
            "/submissions/validate",
            content=json.dumps(bad),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422
        assert response.json()["problems"][0]["pointer"] == "/investment_types/0"
    assert count_graphs(server) == before


def test_validation_answers_say_what_was_read(server: Server) -> None:
    with server.client() as client:
        response = client.post(
            "/submissions/validate",
            content=(EXAMPLES / "activities.json").read_bytes(),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 200, response.text
        record = response.json()["record"]
        assert record["organisation"] == "Vrouwen voor Vrede Nederland"
        assert record["organisation_kind"].endswith("/organisation-kind/civil-society-organisation")
        assert record["strategic_outcomes"] == ["1", "3"]
        assert record["activities"] == 3
        country = "http://publications.europa.eu/resource/authority/country/"
        assert record["countries"] == [f"{country}{c}" for c in ("YEM", "AFG", "COD", "NLD")]
        bad = json.loads((EXAMPLES / "activities.json").read_text())
        bad["activities"][0]["mission_types"] = ["Moon mission"]
        response = client.post(
            "/submissions/validate",
            content=json.dumps(bad),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422
        body = response.json()
        assert body["record"]["activities"] == 3
        assert any(p["pointer"] == "/activities/0/mission_types/0" for p in body["problems"])


def test_tokens_and_roles(server: Server) -> None:
    with server.client() as client:
        assert (
            client.post(
                "/submissions", content=SEED.read_bytes(), headers={"Content-Type": "text/plain"}
            ).status_code
            == 401
        )
    with server.client(SIGNATORY) as client:
        forbidden = client.post(
            "/submissions", content=SEED.read_bytes(), headers={"Content-Type": "text/plain"}
        )
        assert (
            forbidden.status_code == 403
            and "tnn may submit records for Transgender Netwerk Nederland only, not for "
            "Ministry of Justice and Security"
            in forbidden.text
        )
        own = SEED.read_text(encoding="utf-8").replace(
            "Ministry of Justice and Security\n\nOrganization details\n\nGovernment",
            "Transgender Netwerk Nederland\n\nOrganization details\n\nCivil society",
            1,
        )
        assert (
            client.post(
                "/submissions", content=own.encode(), headers={"Content-Type": "text/plain"}
            ).status_code
            == 201
        )


def test_wrong_media_type_and_body_limit(server: Server) -> None:
    with server.client(ADMIN) as client:
        assert (
            client.post(
                "/submissions", content=b"x", headers={"Content-Type": "image/png"}
            ).status_code
            == 415
        )
        huge = client.post(
            "/submissions", content=b"a" * 2_100_000, headers={"Content-Type": "text/plain"}
        )
        assert (
            huge.status_code == 413 and huge.headers["content-type"] == "application/problem+json"
        )
        assert client.get("/submissions/nld-nap-4/jenv/0000000000000000").status_code == 404
