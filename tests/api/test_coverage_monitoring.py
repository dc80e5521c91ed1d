"""/coverage and /monitoring agree with SPARQL asked directly, show the Ministry's data, and
refuse what they cannot answer."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.api.conftest import Server

NAP4 = "https://w3id.org/nap-graph/id/plan/nld-nap-4"
JENV = "https://w3id.org/nap-graph/id/organisation/jenv"


def _select(server: Server, query: str) -> list[dict[str, str]]:
    with server.client() as client:
        answer = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200, answer.text
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_coverage_counts_and_gaps_match_sparql(server: Server) -> None:
    with server.client() as client:
        found = client.get("/coverage", params={"format": "json"}).json()
        table = client.get("/coverage", params={"format": "csv"}).content.decode("utf-8-sig")
    counts = _select(
        server,
        f"SELECT ?n (COUNT(DISTINCT ?org) AS ?c) WHERE {{ <{NAP4}> wps:outcomeFramework ?f . "
        "?o skos:inScheme ?f ; skos:notation ?n . OPTIONAL { ?s a wps:Submission ; "
        f"wps:forPlan <{NAP4}> ; wps:selectsOutcome ?o ; wps:submittedBy ?org }} }} GROUP BY ?n",
    )
    expected = {row["n"]: int(row["c"]) for row in counts}
    assert found["counts"] == expected
    assert sorted(found["uncovered"]) == sorted(n for n, c in expected.items() if c == 0)
    assert "3.2" not in found["uncovered"] and "4.1" in found["uncovered"]
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == sum(expected.values())
    assert {r["organisation_iri"] for r in rows} >= {JENV}
    jenv = [r for r in rows if r["organisation_iri"] == JENV]
    assert {r["outcome"] for r in jenv} == {"1", "2", "3", "5", "3.1", "3.2", "3.4", "5.1"}
    assert all("Policy" in r["investments"] for r in jenv)


def test_coverage_page_and_its_filters(server: Server) -> None:
    with server.client() as client:
        page = client.get("/coverage", headers={"Accept": "text/html"}).text
        police = client.get(
            "/coverage",
            params={
                "kind": "https://w3id.org/nap-graph/id/organisation-kind/police",
                "format": "json",
            },
        ).json()
        unknown = client.get("/coverage", params={"plan": "xyz-nap-9"})
        other = client.get("/coverage", params={"plan": "irl-nap-2019", "format": "json"})
    assert "Ministry of Justice and Security" in page and "Outcomes nobody covers" in page
    assert "/sparql#query=" in page  # the query behind it, runnable
    assert police["organisations"] == 0  # the Ministry is a government body
    assert unknown.status_code == 404 and "nld-nap-4" in unknown.json()["detail"]
    assert other.status_code == 200


def test_coverage_rows_sort_and_plans_are_chosen_by_name(server: Server) -> None:
    with server.client() as client:
        html = {"Accept": "text/html"}
        by_outcomes = client.get("/coverage?sort=outcomes&order=desc", headers=html)
        dutch = client.get("/coverage?lang=nl", headers=html).text
        wrong = client.get("/coverage?sort=colour", headers={"Accept": "application/json"})
    assert by_outcomes.status_code == 200
    head = re.search(r"<thead>.*?</thead>", by_outcomes.text, re.S)[0]
    assert 'aria-sort="descending"' in head  # the outcomes column
    assert 'href="?plan=nld-nap-4&amp;sort=outcomes&amp;order=asc" aria-current="true"' in (
        by_outcomes.text
    )
    assert wrong.status_code == 400 and wrong.json()["detail"].startswith("sort: expected")
    choice = re.search(r'<select id="cov-plan".*?</select>', dutch, re.S)[0]
    assert ">Nederlands Nationaal Actieplan 1325-IV</option>" in choice
    assert ">nld-nap-4<" not in choice  # a name, never a key


def test_monitoring_signatories_sort_without_javascript(server: Server) -> None:
    with server.client() as client:
        html = {"Accept": "text/html"}
        page = client.get("/monitoring?sort=targets&order=desc", headers=html).text
        wrong = client.get("/monitoring?sort=targets&order=up", headers=html)
    head = re.search(r'<h2 id="per-signatory">.*?</thead>', page, re.S)[0]
    assert re.search(r'aria-sort="descending"><a href="[^"]*sort=targets&amp;order=asc', head)
    assert "Ministry of Justice and Security" in page
    assert wrong.status_code == 400 and "order: expected asc or desc" in wrong.text


def test_monitoring_missing_values_match_sparql(server: Server) -> None:
    with server.client() as client:
        found = client.get("/monitoring", params={"format": "json"}).json()
        page = client.get(
            "/monitoring", params={"lang": "nl"}, headers={"Accept": "text/html"}
        ).text
        table = client.get("/monitoring", params={"format": "csv"}).content.decode("utf-8-sig")
        bad = client.get("/monitoring", params={"year": "20x5"})
    targets = _select(
        server,
        f"SELECT DISTINCT ?a ?t WHERE {{ <{NAP4}> wps:outcomeFramework ?f . ?o skos:inScheme ?f . "
        "?a wps:contributesTo ?o ; wps:hasTarget ?t . ?t wps:measures ?i "
        "FILTER NOT EXISTS { ?a wps:hasObservedValue/wps:measures ?i } }",
    )
    assert {(m["activity"], m["target"]) for m in found["missing"]} == {
        (r["a"], r["t"]) for r in targets
    }
    assert found["targets"] >= len(found["missing"]) > 0 and found["observed"] >= 1
    assert "Wat ontbreekt" in page and "Driedaagse gendertraining" in page
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == found["targets"] + found["observed"]
    assert bad.status_code == 400


def test_compare_chart_draws_the_counts_and_the_gaps(server: Server) -> None:
    import html
    import re

    with server.client() as client:
        data = client.get("/compare", params={"format": "json"}).json()
        page = client.get("/compare", headers={"Accept": "text/html"}).text
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "chart-desc" in svg
    titles = re.findall(r"<g>\s*<title>([^<]*)</title>", svg)
    plans = {m["plan_name"] for m in data["mappings"]}
    pillars = {m["pillar_name"] for m in data["mappings"]}
    assert len(titles) == len(plans) * len(pillars)
    drawn = {}
    for title in titles:
        name, pillar, what = re.match(r"^(.*) · ([^:]+): (.*)$", html.unescape(title)).groups()
        drawn[(name, pillar)] = what
    names = {p["key"]: p["title"] for p in data["plans"]}
    for key, pillar, count in data["counts"]:
        assert drawn[(names[key], pillar)].startswith(f"{count} ("), (key, pillar)
    for _country, name, pillar in data["missing"]:
        assert drawn[(name, pillar)] == "no area"


def test_partners_network_matches_sparql(server: Server) -> None:
    with server.client() as client:
        elements = client.get("/partners", params={"format": "json"}).json()["elements"]
        page = client.get("/partners", headers={"Accept": "text/html"}).text
    edges = [e["data"] for e in elements if "source" in e["data"]]
    nodes = {e["data"]["id"]: e["data"] for e in elements if "source" not in e["data"]}
    units = _select(
        server, "SELECT DISTINCT ?u ?o WHERE { { ?u org:unitOf ?o } UNION { ?o org:hasUnit ?u } }"
    )
    drawn_units = {(e["source"], e["target"]) for e in edges if e["relation"] == "unit of"}
    assert drawn_units == {(r["u"], r["o"]) for r in units}
    partners = _select(
        server,
        "SELECT DISTINCT ?s ?t WHERE { ?a a wps:Activity ; wps:carriedOutBy ?s ; wps:partner ?t }",
    )
    assert {(e["source"], e["target"]) for e in edges if e["relation"] == "partner"} == {
        (r["s"], r["t"]) for r in partners
    }
    assert {e["source"] for e in edges} | {e["target"] for e in edges} == set(nodes)
    assert nodes[JENV]["label"] == "Ministry of Justice and Security"
    assert (
        nodes["http://publications.europa.eu/resource/authority/country/SEN"]["type"] == "country"
    )
    assert page.count("<tr><td>") == len(edges)  # the same relations as a table
    assert "/static/cytoscape/cytoscape.min.js" in page


def test_partners_around_one_organisation(server: Server) -> None:
    with server.client() as client:
        around = client.get(
            "/partners", params={"organisation": "jenv-dmb", "format": "json"}
        ).json()["elements"]
        by_name = client.get(
            "/partners",
            params={"organisation": "Ministry of Justice and Security", "format": "json"},
        ).json()["elements"]
        by_key = client.get("/partners", params={"organisation": "jenv", "format": "json"}).json()[
            "elements"
        ]
        unknown = client.get("/partners", params={"organisation": "Transgender Netwerk"})
    edges = [e["data"] for e in around if "source" in e["data"]]
    dmb = "https://w3id.org/nap-graph/id/organisation/jenv-dmb"
    assert edges and all(dmb in (e["source"], e["target"]) for e in edges)
    assert by_name == by_key and len(by_key) > 3  # the name means the same as the key
    # a name nobody has: a 404 that says so and offers the near one
    assert unknown.status_code == 404
    assert "Transgender Netwerk Nederland" in unknown.text


@pytest.mark.parametrize("path", ["/coverage", "/monitoring", "/compare", "/world"])
def test_downloads_open_right_in_a_spreadsheet(server: Server, path: str) -> None:
    """UTF-8 with a byte-order mark, saved not shown; for a Dutch reader ';'-separated with
    Dutch headers (Excel in a Dutch locale splits on ';'), ',' on request."""
    with server.client() as client:
        english = client.get(path, params={"format": "csv"})
        dutch = client.get(path, params={"format": "csv"}, headers={"Accept-Language": "nl"})
        comma = client.get(
            path, params={"format": "csv", "sep": "comma"}, headers={"Accept-Language": "nl"}
        )
    for answer in (english, dutch, comma):
        assert answer.status_code == 200, answer.text[:300]
        assert answer.content.startswith(b"\xef\xbb\xbf")
        assert answer.headers["content-disposition"].startswith("attachment; filename=")
        assert answer.headers["content-type"].startswith("text/csv; charset=utf-8")
    header = {
        name: a.content.decode("utf-8-sig").split("\r\n", 1)[0]
        for name, a in (("en", english), ("nl", dutch), ("comma", comma))
    }
    english_columns = header["en"].split(",")
    dutch_columns = header["nl"].split(";")
    assert len(dutch_columns) == len(english_columns) > 3
    assert dutch_columns != english_columns and header["comma"].split(",") == dutch_columns
    rows = list(csv.reader(io.StringIO(dutch.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 1 and {len(r) for r in rows} == {len(dutch_columns)}


def test_compare_names_countries_and_links_them(server: Server) -> None:
    with server.client() as client:
        page = client.get("/compare", headers={"Accept": "text/html", "Accept-Language": "nl"})
    assert page.status_code == 200
    cells = re.findall(r'<td><a href="/country/([A-Z]{3})">([^<]+)</a></td>', page.text)
    assert cells and all(name != code for code, name in cells), cells[:5]
    assert ("DEU", "Duitsland") in cells


def test_browse_lists_sort_filter_and_download_without_javascript(server: Server) -> None:
    html = {"Accept": "text/html", "Accept-Language": "nl"}
    with server.client() as client:
        by_activities = client.get(
            "/browse/organisations", params={"sort": "activities", "order": "desc"}, headers=html
        ).text
        filtered = client.get("/browse/organisations", params={"q": "justitie"}, headers=html)
        as_json = client.get(  # an English reader filters on the English names
            "/browse/organisations", params={"q": "justice", "format": "json"}
        ).json()
        as_csv = client.get(
            "/browse/organisations",
            params={"q": "justitie", "format": "csv"},
            headers={"Accept-Language": "nl"},
        )
        bad = client.get("/browse/organisations", params={"sort": "colour"})
    rows = re.findall(r"<tr><td><a [^>]*>([^<]+)</a></td>", by_activities)
    assert rows[:2] == ["Nationale Politie", "Ministerie van Justitie en Veiligheid"], rows[:5]
    assert 'aria-sort="descending"' in by_activities
    names = re.findall(r"<tr><td><a [^>]*>([^<]+)</a></td>", filtered.text)
    assert names and all("justitie" in n.lower() for n in names)
    assert "Ministry of Justice and Security" in [i["label"] for i in as_json["items"]]
    assert all("justice" in i["label"].lower() for i in as_json["items"])
    lines = as_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("naam;IRI;") and len(lines) == 1 + len(names)
    assert as_csv.headers["content-disposition"] == 'attachment; filename="organisations.csv"'
    assert bad.status_code == 400 and "colour" in bad.text


def test_summaries_kept_once_per_write_show_the_next_record(own_server: Server) -> None:
    """Coverage, monitoring, compare and the home page's summary are computed once per store
    generation: read (and kept), then a record is stored, then read again: it is there (the
    record's activities reach monitoring once curated, so coverage and the home page show
    it)."""
    from tests.api.test_one_write_path import _record

    with own_server.client() as client:
        before = client.get("/coverage", params={"format": "json"}).json()
        home = client.get("/", params={"format": "json"}).json()
    with own_server.client("admin-token-for-tests") as client:
        stored = client.post(
            "/submissions",
            content=_record("Transgender Netwerk Nederland", "cache"),
            headers={"Content-Type": "text/plain"},
            params={"filename": "tnn.txt"},
        )
    assert stored.status_code == 201, stored.text
    with own_server.client() as client:
        after = client.get("/coverage", params={"format": "json"}).json()
        home_after = client.get("/", params={"format": "json"}).json()
    assert after["organisations"] == before["organisations"] + 1
    assert home_after != home
