"""The world view and plan imports over HTTP, against the real server: the table filtered and
sorted, every download holding the same plans as the page; a plan for a country the world
table does not have, in its own language, imported while the server runs (a coordinator's
write), then on the world view, its country's page and in the comparison."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef

from nap_graph_api.openapi_examples import COSTA_RICA_PLAN
from tests.api.conftest import ADMIN, SIGNATORY, Server, running_server

COSTA_RICA = COSTA_RICA_PLAN


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("world")) as started:
        yield started


def _table_rows(html: str) -> list[str]:
    body = html.split('<table class="world-table">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<td><a href="/doc/plan/([a-z0-9-]+)">', body)


def test_filters_and_downloads_give_the_same_plans(own: Server) -> None:
    query = [("region", "Africa"), ("budget", "yes"), ("sort", "adopted"), ("order", "desc")]
    with own.client() as client:
        page = client.get("/world", params=query, headers={"Accept": "text/html"})
        as_csv = client.get("/world", params=[*query, ("format", "csv")])
        as_json = client.get("/world", params=[*query, ("format", "json")]).json()
        as_ttl = client.get("/world", params=[*query, ("format", "ttl")])
        everything = client.get("/world", params={"format": "json"}).json()
    assert page.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    shown = _table_rows(page.text)
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [r["key"] for r in rows] == [p["key"] for p in as_json["plans"]] == shown
    assert 0 < len(shown) < everything["count"] == 244
    assert all(r["regions"] == "Africa" and r["budget"] == "yes" for r in rows)
    adopted = [r["adopted"] for r in rows if r["adopted"]]
    assert adopted == sorted(adopted, reverse=True)
    graph = Graph().parse(data=as_ttl.text, format="turtle")
    plans = {
        str(s)
        for s in graph.subjects(
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://w3id.org/nap-graph/def/wps#NationalActionPlan"),
        )
    }
    assert {p.rsplit("/", 1)[1] for p in plans} == set(shown)
    assert "SELECT ?plan" in page.text and "/sparql?query=" in page.text  # its SPARQL shown


def test_bad_filters_are_named(own: Server) -> None:
    with own.client() as client:
        for params, word in (
            ({"year": "soon"}, "year"),
            ({"budget": "lots"}, "budget"),
            ({"sort": "colour"}, "sort"),
        ):
            answer = client.get("/world", params=params)
            assert answer.status_code == 400 and word in answer.json()["detail"], params


def test_a_plan_in_its_own_language_for_a_country_the_table_lacks(own: Server) -> None:
    body = json.dumps(COSTA_RICA).encode()
    headers = {"Content-Type": "application/json"}
    with own.client() as anonymous:
        assert anonymous.post("/plans", content=body, headers=headers).status_code == 401
        assert anonymous.get("/country/CRI").text.count("/doc/plan/") == 0
    with own.client(SIGNATORY) as signatory:
        assert signatory.post("/plans", content=body, headers=headers).status_code == 403
    with own.client(ADMIN) as coordinator:
        bad = dict(COSTA_RICA, predecessor="cri-nap-0", start="2024-14")
        refused = coordinator.post("/plans", content=json.dumps(bad).encode(), headers=headers)
        assert refused.status_code == 422
        assert any(p["field"] == "start" for p in refused.json()["problems"])
        checked = coordinator.post(
            "/plans", params={"dry_run": "true"}, content=body, headers=headers
        )
        assert checked.status_code == 200 and checked.json()["stored"] is False
        stored = coordinator.post("/plans", content=body, headers=headers)
        assert stored.status_code == 201, stored.text
        report = stored.json()
        assert report["plan"].endswith("/plan/cri-nap-1")
        assert {p["severity"] for p in report["problems"]} <= {"warning"}
        assert any("English or Dutch" in p["message"] for p in report["problems"])
        again = coordinator.post("/plans", content=body, headers=headers)
        assert again.status_code == 409
        assert (
            coordinator.post(
                "/plans", content=b"x", headers={"Content-Type": "image/png"}
            ).status_code
            == 415
        )
    with own.client() as reader:
        world = reader.get("/world", params={"region": "Americas", "format": "json"}).json()
        costa = [p for p in world["plans"] if p["country"] == "CRI"]
        assert [(p["start"], p["end"], p["generation"]) for p in costa] == [("2024", "2028", 1)]
        assert (
            reader.get("/world", headers={"Accept": "text/html"}).text.count('href="/country/CRI"')
            >= 1
        )
        country = reader.get("/country/CRI", headers={"Accept": "text/html"}).text
        assert "/doc/plan/cri-nap-1" in country and "2024" in country
        compared = reader.get("/compare", params={"country": "CRI", "format": "json"}).json()
        assert {m["area"] for m in compared["mappings"]} == {
            "Prevención",
            "Participación",
            "Protección y recuperación",
        }
        document = reader.get("/doc/plan/cri-nap-1", headers={"Accept": "text/turtle"}).text
        assert '"Plan de Acción Nacional de la Resolución 1325 de Costa Rica"@es' in document


def test_a_successor_names_its_predecessor_among_the_stores_plans(own: Server) -> None:
    follow = dict(
        COSTA_RICA,
        number=2,
        start="2029",
        end=None,
        predecessor="cri-nap-1",
        title="Segundo Plan de Acción Nacional",
        title_en="Second National Action Plan",
    )
    wrong = dict(follow, predecessor="cri-nap-7")
    headers = {"Content-Type": "application/json"}
    with own.client(ADMIN) as coordinator:
        refused = coordinator.post("/plans", content=json.dumps(wrong).encode(), headers=headers)
        assert refused.status_code == 422
        message = next(
            p["message"] for p in refused.json()["problems"] if p["field"] == "predecessor"
        )
        assert "no plan 'cri-nap-7' in the store" in message and "cri-nap-1" in message
        # world plans are predecessors too: Senegal's first plan comes from the table
        senegal = dict(follow, country="SEN", predecessor="sen-nap-1", number=3)
        ok = coordinator.post("/plans", content=json.dumps(senegal).encode(), headers=headers)
        assert ok.status_code == 201, ok.text
        stored = coordinator.post("/plans", content=json.dumps(follow).encode(), headers=headers)
        assert stored.status_code == 201, stored.text
    with own.client() as reader:
        rows = reader.get("/world", params={"format": "json"}).json()["plans"]
        second = next(p for p in rows if p["key"] == "cri-nap-2")
        assert second["predecessor"].endswith("/plan/cri-nap-1") and second["end"] == ""
        assert second["title"] == "Second National Action Plan"


def test_the_import_page_describes_the_fields_in_the_readers_language(server: Server) -> None:
    with server.client() as client:
        dutch = client.get(
            "/plans/import", headers={"Accept": "text/html", "Accept-Language": "nl"}
        )
        english = client.get("/plans/import", headers={"Accept": "text/html"})
    assert "Nederlandse titel (aanbevolen)." in dutch.text
    assert "Dutch title (recommended)." in english.text
    assert "<code>title_nl</code>" in dutch.text  # the field's key stays as it is typed
