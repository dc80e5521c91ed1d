"""Linked data: minted IRIs dereference (303 to the document), documents in HTML, Turtle,
JSON-LD with the published context, N-Triples; the ontology; 404 for unknown IRIs."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef

from tests.api.conftest import Server

JENV = "https://w3id.org/nap-graph/id/organisation/jenv"


def test_thing_redirects_to_its_document(server: Server) -> None:
    with server.client() as client:
        response = client.get("/id/organisation/jenv", headers={"Accept": "text/turtle"})
        assert (
            response.status_code == 303 and response.headers["location"] == "/doc/organisation/jenv"
        )
        assert client.get("/id/organisation/no-such-thing").status_code == 404
        assert client.get("/doc/organisation/no-such-thing").status_code == 404


def test_document_formats(server: Server) -> None:
    with server.client() as client:
        turtle = client.get("/doc/organisation/jenv", headers={"Accept": "text/turtle"})
        graph = Graph().parse(data=turtle.text, format="turtle")
        assert (URIRef(JENV), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), None) in graph
        nt = client.get("/doc/organisation/jenv", params={"format": "nt"})
        assert len(Graph().parse(data=nt.text, format="nt")) == len(graph)
        jsonld = client.get("/doc/organisation/jenv", headers={"Accept": "application/ld+json"})
        document = jsonld.json()
        # an absolute context address, so that a saved document can be read on its own; the
        # organisation and what points at it (its units, its activities): a @graph
        assert document["@context"] == f"{server.url}/context.jsonld"
        assert JENV in {node["id"] for node in document["@graph"]}
        context = client.get("/context.jsonld").json()
        expanded = Graph().parse(
            data=json.dumps({**document, "@context": context["@context"]}), format="json-ld"
        )
        assert len(expanded) == len(graph)


def test_html_page_shows_properties_incoming_links_and_graphs(server: Server) -> None:
    with server.client() as client:
        page = client.get(
            "/doc/organisation/jenv",
            headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        )
    assert page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "<h1>Ministry of Justice and Security</h1>" in text
    assert "Directorate for European and International Affairs" in text  # a linked unit, by label
    assert "What points here" in text and "Record of Ministry of Justice and Security" in text
    assert "https://w3id.org/nap-graph/graph/actors/nld" in text


def test_ontology_in_turtle_and_html(server: Server) -> None:
    with server.client() as client:
        turtle = client.get("/def/wps")
        assert turtle.headers["content-type"].startswith("text/turtle")
        assert (None, None, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in Graph().parse(
            data=turtle.text, format="turtle"
        )
        page = client.get("/def/wps", headers={"Accept": "text/html"})
    assert (
        "wps:Submission" in page.text
        and "inzending" in page.text
        and "A signatory&#39;s record" in page.text
    )


def test_named_graph_and_shapes(server: Server) -> None:
    with server.client() as client:
        pillars = client.get("/graph/reference/pillars")
        assert len(Graph().parse(data=pillars.text, format="turtle")) == 54
        assert client.get("/graph/nothing/here").status_code == 404
        shapes = client.get("/def/shapes")
        assert "SubmissionShape" in shapes.text


def test_service_to_a_host_not_on_the_allowlist_is_refused(server: Server) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(1)
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with server.client() as client:
        response = client.get("/sparql", params={"query": query})
    assert response.status_code == 403 and "not on the allowlist" in response.text
    try:
        connection, _ = listener.accept()
        connection.close()
        raise AssertionError("the listener received a connection")
    except TimeoutError:
        pass
    finally:
        listener.close()


def test_dumps_and_void(server: Server) -> None:
    import gzip

    from rdflib import Dataset

    with server.client() as client:
        listing = client.get("/dumps").json()["dumps"]
        assert {d["url"].rsplit("/", 1)[-1] for d in listing} == {
            "nap-graph.nq.gz",
            "nap-graph.trig.gz",
            "nap-graph.ttl.gz",
            "nap-graph.jsonld.gz",
        }
        nq = client.get("/dumps/nap-graph.nq.gz")
        assert nq.headers["content-type"] == "application/gzip"
        dataset = Dataset()
        dataset.parse(data=gzip.decompress(nq.content).decode(), format="nquads")
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert "https://w3id.org/nap-graph/graph/curation/nld-nap-4/jenv/9499130b86aac370" in graphs
        ttl = Graph().parse(
            data=gzip.decompress(client.get("/dumps/nap-graph.ttl.gz").content).decode(),
            format="turtle",
        )
        assert len(ttl) > 2000
        merged = json.loads(
            gzip.decompress(client.get("/dumps/nap-graph.jsonld.gz").content).decode()
        )
        nodes = merged if isinstance(merged, list) else merged.get("@graph", [merged])
        assert not any("@graph" in node for node in nodes)  # one graph, merged, as listed
        as_json_ld = Graph().parse(data=json.dumps(merged), format="json-ld")
        assert len(as_json_ld) == len(ttl)
        assert client.get("/dumps/nothing.gz").status_code == 404
        void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    void_ns = "http://rdfs.org/ns/void#"
    triples = next(void.objects(None, URIRef(void_ns + "triples")))
    assert int(triples) > 2000
    assert (None, URIRef(void_ns + "sparqlEndpoint"), URIRef(f"{server.url}/sparql")) in void
    assert len(list(void.objects(None, URIRef(void_ns + "dataDump")))) == 4
    assert (
        None,
        URIRef("http://purl.org/dc/terms/license"),
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in void


def test_access_log_is_structured(server: Server, tmp_path_factory) -> None:
    import json
    import time
    from pathlib import Path

    with server.client() as client:
        client.get("/health", params={"probe": "access-log"})
    time.sleep(0.3)
    logs = list(Path(tmp_path_factory.getbasetemp()).glob("api*/server-*.log"))
    lines = [line for log in logs for line in log.read_text().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    probe = [e for e in entries if e["path"] == "/health" and "probe=access-log" in e["query"]]
    assert (
        probe
        and probe[-1]["status"] == 200
        and probe[-1]["method"] == "GET"
        and probe[-1]["duration_ms"] >= 0
    )


def test_compare_page_csv_and_json(server: Server) -> None:
    with server.client() as client:
        html = client.get(
            "/compare", params={"pillar": "protection"}, headers={"Accept": "text/html"}
        )
        assert (
            html.status_code == 200
            and "Protection and support" in html.text
            and "<h2>Protection</h2>" in html.text
        )
        csv_text = client.get(
            "/compare", params={"pillar": "protection", "format": "csv"}
        ).content.decode("utf-8-sig")
        assert (
            csv_text.splitlines()[0] == "pillar,country,plan,plan_iri,code,area,match"
            and len(csv_text.splitlines()) == 14
        )
        two = client.get(
            "/compare", params=[("plan", "deu-nap-2021"), ("country", "NLD"), ("format", "json")]
        ).json()
        assert two["mappings"] == []  # plan AND country: no plan is both
        chosen = client.get(
            "/compare", params=[("plan", "deu-nap-2021,nld-nap-4"), ("format", "json")]
        ).json()
        assert [p["key"] for p in chosen["plans"]] == ["deu-nap-2021", "nld-nap-4"]
        assert {m["country"] for m in chosen["mappings"]} == {"DEU", "NLD"}
        page = client.get("/compare", params=[("plan", "deu-nap-2021"), ("plan", "nld-nap-4")]).text
        assert 'href="/doc/plan/deu-nap-2021"' in page and 'href="/doc/outcome/nld-nap-4/3"' in page
        assert client.get("/compare", params={"year": "soon"}).status_code == 400
        data = client.get("/compare", params={"format": "json"}).json()
        assert {m["country"] for m in data["mappings"]} == set(
            ["NLD", "DEU", "IRL", "NOR", "CAN", "GBR", "USA", "FIN"]
        )
        assert client.get("/compare", params={"pillar": "nonsense"}).status_code == 404


def test_a_saved_json_ld_document_is_read_with_its_context_and_keeps_the_extension(
    server: Server,
) -> None:
    """pyld expands a plan's framed JSON-LD as saved (the context fetched from its absolute
    address), and NAP IV's extension is in it, not an empty object."""
    from pyld import jsonld

    with server.client() as client:
        plan = client.get("/doc/plan/nld-nap-4", headers={"Accept": "application/ld+json"}).json()
        context = client.get("/context.jsonld").json()

    def loader(url: str, options: dict | None = None) -> dict:
        assert url == f"{server.url}/context.jsonld"
        return {"contextUrl": None, "documentUrl": url, "document": context}

    extension = plan["hasExtension"]
    assert extension["endDate"]["@value"] == "2027", extension
    expanded = jsonld.expand(plan, {"documentLoader": loader})
    assert expanded[0]["@id"].endswith("/plan/nld-nap-4")


def test_plans_and_submissions_as_framed_json_ld(server: Server) -> None:
    with server.client() as client:
        plan = client.get(
            "/doc/plan/fin-nap-2023", headers={"Accept": "application/ld+json"}
        ).json()
        assert plan["@context"] == f"{server.url}/context.jsonld"
        assert plan["type"] == "NationalActionPlan"
        assert [
            a["notation"]
            for a in sorted(plan["outcomeFramework"]["hasTopConcept"], key=lambda a: a["notation"])
        ] == ["1", "2", "3", "4", "5"]
    from tests.api.conftest import ADMIN
    from tests.submissions.helpers import SEED

    with server.client(ADMIN) as admin:
        posted = admin.post(
            "/submissions", content=SEED.read_bytes(), headers={"Content-Type": "text/plain"}
        )
        assert posted.status_code in (200, 201)
    with server.client() as client:
        submission = client.get(
            posted.json()["submissions"][0]["url"], headers={"Accept": "application/ld+json"}
        ).json()
        assert submission["type"] == "Submission" and submission["hasContribution"]
        assert submission["versionOf"][0]["type"] == "SubmissionHistory"


def test_versioned_ontology_iris_answer_only_for_versions_that_exist(server: Server) -> None:
    with server.client() as client:
        current = client.get("/def/wps/0.1.0", headers={"Accept": "text/turtle"})
        assert current.status_code == 200
        assert "owl:versionIRI" in current.text or "versionIRI" in current.text
        missing = client.get("/def/wps/9.9.9", headers={"Accept": "text/turtle"})
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        assert "versions: 0.1.0" in missing.json()["detail"]


def test_plan_document_holds_its_period_and_extension(server: Server) -> None:
    """The plan's blank nodes (its period, its extension) are part of its document: in Turtle
    (a concise bounded description, written with prefixes) and inline on its page."""
    with server.client() as client:
        turtle = client.get("/doc/plan/nld-nap-4", headers={"Accept": "text/turtle"}).text
        page = client.get("/doc/plan/nld-nap-4", headers={"Accept": "text/html"}).text
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#>" in turtle
    graph = Graph().parse(data=turtle, format="turtle")
    dates = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/dcat#startDate"))}
    dates |= {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/dcat#endDate"))}
    assert {"2021", "2025", "2027"} <= dates
    assert 'class="inline"' in page and "_:" not in page
    assert ">start date<" in page and ">2027<" in page
    assert ">period<" in page  # dcterms:temporal, by its label


def test_every_vocabulary_term_the_data_uses_has_a_label_in_both_languages(store) -> None:
    """Pages show labels, not IRIs: every property and class the default data uses has an
    English and a Dutch label (the WPS ontology's own, ontology/vocabulary-labels.ttl for the
    rest)."""
    used = store.query(
        "SELECT DISTINCT ?t WHERE { GRAPH ?g { { ?s ?t ?o } UNION { ?s a ?t } } "
        "FILTER (!STRSTARTS(STR(?g), 'https://w3id.org/nap-graph/graph/shapes/')) }"
    )
    labelled = store.query(
        "SELECT ?t (GROUP_CONCAT(LANG(?l)) AS ?langs) WHERE { GRAPH ?g { ?t "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } } GROUP BY ?t"
    )
    langs = {row["t"].value: set(row["langs"].value.split()) for row in labelled}
    missing = [
        row["t"].value
        for row in used
        if not {"en", "nl"} <= langs.get(row["t"].value, set())
        and not row["t"].value.startswith("https://w3id.org/nap-graph/def/shapes#")
    ]
    assert not missing, missing


def test_a_page_has_a_breadcrumb_trail_and_says_where_its_facts_come_from(server: Server) -> None:
    with server.client() as client:
        page = client.get(
            "/doc/activity/jenv/police-gender-training",
            headers={"Accept": "text/html", "Accept-Language": "nl"},
        ).text
    trail = page.split('class="breadcrumbs ', 1)[1].split("</nav>", 1)[0]
    import re

    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', trail)
    assert links == [("/", "Startpagina"), ("/browse/activities", "Activiteiten")], links
    current = re.search(r'aria-current="page">(?:<span[^>]*>)?([^<]+)<', trail)
    assert current and current[1].startswith("Driedaagse gendertraining"), trail
    sources = (
        page.split("Waar komt dit vandaan", 1)[-1] if "Waar komt dit vandaan" in page else page
    )
    # the curated record: named in words and linked to the version's page, not raw Turtle
    assert "De registratie zoals gecureerd (versie 9499130b86aac370)" in sources
    assert 'href="/submissions/nld-nap-4/jenv/9499130b86aac370"' in sources
