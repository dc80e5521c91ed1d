"""Federation: two nap-graph instances on 127.0.0.1, one holding the Dutch data, one a German
team's; a query to the first reaches the second with SERVICE because it is on the first's
allowlist, and only then."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import ADMIN, running_server
from tests.store.servers import free_port

GERMAN = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wps: <https://w3id.org/nap-graph/def/wps#> .
<https://w3id.org/nap-graph/id/organisation/auswaertiges-amt> a org:FormalOrganization ;
    skos:prefLabel "Federal Foreign Office"@en , "Auswärtiges Amt"@de ;
    wps:organisationKind <https://w3id.org/nap-graph/id/organisation-kind/government-body> ;
    wps:country <http://publications.europa.eu/resource/authority/country/DEU> .
"""
FEDERATED = """
PREFIX wps: <https://w3id.org/nap-graph/def/wps#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?dutchPlan ?germanOrganisation WHERE {
  <https://w3id.org/nap-graph/id/plan/nld-nap-4> skos:prefLabel ?dutchPlan FILTER (lang(?dutchPlan) = "en")
  SERVICE <%s> {
    ?o a <http://www.w3.org/ns/org#FormalOrganization> ;
       wps:country <http://publications.europa.eu/resource/authority/country/DEU> ;
       skos:prefLabel ?germanOrganisation FILTER (lang(?germanOrganisation) = "en")
  }
}"""


def test_service_across_two_instances(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "nl").mkdir()
    with running_server(tmp_path / "de") as german:
        with german.client(ADMIN) as client:
            put = client.put(
                "/store",
                params={"graph": "https://w3id.org/nap-graph/graph/actors/deu"},
                content=GERMAN,
                headers={"Content-Type": "text/turtle"},
            )
            assert put.status_code == 201
        endpoint = f"{german.url}/sparql"
        with (
            running_server(tmp_path / "nl", service_allowlist=f'["{endpoint}"]') as dutch,
            dutch.client() as client,
        ):
            response = client.get(
                "/sparql",
                params={"query": FEDERATED % endpoint},
                headers={"Accept": "text/csv"},
            )
            assert response.status_code == 200, response.text
            assert response.text.splitlines()[1:] == [
                "Dutch National Action Plan 1325-IV,Federal Foreign Office"
            ]
            elsewhere = f"http://127.0.0.1:{free_port()}/sparql"
            refused = client.get("/sparql", params={"query": FEDERATED % elsewhere})
            assert refused.status_code == 403


def test_service_through_an_instance_on_virtuoso(
    tmp_path: Path, virtuoso_endpoints: dict[str, str]
) -> None:
    """The first instance keeps its data in Virtuoso (--endpoint); the SERVICE call, checked
    against its allowlist, is made by Virtuoso."""
    (tmp_path / "de").mkdir()
    (tmp_path / "nl").mkdir()
    with running_server(tmp_path / "de") as german:
        with german.client(ADMIN) as client:
            client.put(
                "/store",
                params={"graph": "https://w3id.org/nap-graph/graph/actors/deu"},
                content=GERMAN,
                headers={"Content-Type": "text/turtle"},
            )
        endpoint = f"{german.url}/sparql"
        query = """PREFIX wps: <https://w3id.org/nap-graph/def/wps#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?germanOrganisation WHERE { SERVICE <%s> {
  ?o a <http://www.w3.org/ns/org#FormalOrganization> ;
     wps:country <http://publications.europa.eu/resource/authority/country/DEU> ;
     skos:prefLabel ?germanOrganisation FILTER (lang(?germanOrganisation) = "en") } }"""
        settings = {
            "endpoint": virtuoso_endpoints["query"],
            "graph_store_endpoint": virtuoso_endpoints["store"],
            "service_allowlist": f'["{endpoint}"]',
        }
        with running_server(tmp_path / "nl", **settings) as dutch, dutch.client() as client:
            response = client.get(
                "/sparql", params={"query": query % endpoint}, headers={"Accept": "text/csv"}
            )
            assert response.status_code == 200, response.text
            assert response.text.splitlines()[1:] == ["Federal Foreign Office"]
            refused = client.get(
                "/sparql", params={"query": query % f"http://127.0.0.1:{free_port()}/sparql"}
            )
            assert refused.status_code == 403
