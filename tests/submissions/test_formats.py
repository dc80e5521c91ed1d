"""Every input format gives the same graph for the same record."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from nap_graph.namespaces import WPS
from nap_graph.submissions.csv_format import render_csv
from nap_graph.submissions.export_format import render_export
from nap_graph.submissions.model import SubmissionRecord
from tests.submissions.helpers import (
    EXAMPLES,
    EXPECTED,
    SEED,
    SEED_CONTRIBUTIONS,
    assert_isomorphic,
    graph_of,
    read_one,
    without_source,
)


def test_seed_parses_into_the_checked_in_expected_graph() -> None:
    expected = Graph().parse(EXPECTED / "jenv-seed.ttl")
    assert_isomorphic(graph_of(SEED.read_bytes(), SEED.name), expected)


@pytest.mark.parametrize("example", ["jenv.json", "jenv.csv", "jenv.ttl"])
def test_same_record_in_every_format_gives_an_isomorphic_graph(example: str) -> None:
    seed = without_source(graph_of(SEED.read_bytes(), SEED.name))
    other = without_source(graph_of((EXAMPLES / example).read_bytes(), example))
    assert_isomorphic(seed, other)


def test_json_ld_gives_the_same_graph() -> None:
    turtle = Graph().parse(EXAMPLES / "jenv.ttl")
    data = turtle.serialize(format="json-ld").encode()
    assert_isomorphic(
        without_source(graph_of(data, "jenv.jsonld")),
        without_source(graph_of(SEED.read_bytes(), SEED.name)),
    )


def test_seed_contributions_and_mentions_are_exactly_the_records() -> None:
    parsed = read_one(SEED.read_bytes(), SEED.name)
    assert [c.outcome for c in parsed.record.contributions] == SEED_CONTRIBUTIONS
    graph = graph_of(SEED.read_bytes(), SEED.name)
    mentions = {
        str(graph.value(c, WPS.aboutOutcome)).rsplit("/", 1)[-1]: sorted(
            str(m).rsplit("/", 1)[-1] for m in graph.objects(c, WPS.mentions)
        )
        for c in graph.subjects(RDF.type, WPS.Contribution)
    }
    assert mentions == {
        "1": [],
        "2": [],
        "3": ["om", "om-landelijk-parket", "politie", "rechtspraak"],
        "3.1": [],
        "3.2": ["ARG", "BEL", "MNG", "NLD", "SEN", "SVN", "mla-initiative"],
        "3.4": ["coa", "ind", "jenv-dmb", "tnn"],
        "5": [],
        "5.1": [],
    }


def test_seed_fields() -> None:
    record = read_one(SEED.read_bytes(), SEED.name).record
    assert record.organisation == "Ministry of Justice and Security"
    assert record.organisation_kind == "Government"
    assert record.strategic_outcomes == ["1", "2", "3", "5"]
    assert record.sub_outcomes == ["3.1", "3.2", "3.4", "5.1"]
    assert record.investment_types == ["Policy", "Programmatic"]
    assert [f.value for f in record.geographic_focus] == ["national", "international"]
    assert record.countries == ["NLD"]


def test_the_shipped_version_is_what_the_parser_makes_of_the_record(store) -> None:
    """The default data states the record as the parser reads it (nothing written by hand
    beside it), so the two never drift apart; only the submission date differs (the day it
    was received, from data/submissions/receipts.toml)."""
    name = "https://w3id.org/nap-graph/graph/submission/nld-nap-4/jenv/9499130b86aac370"
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(name))
    stored = Graph().parse(
        data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads), format="nt"
    )
    parsed = graph_of(SEED.read_bytes(), SEED.name)
    submitted = "http://purl.org/dc/terms/dateSubmitted"
    assert {t for t in to_triples(parsed) if t[1] != submitted} == {
        t for t in to_triples(stored) if t[1] != submitted
    }


def to_triples(graph: Graph) -> list[tuple[str, str, str]]:
    return [
        (str(s), str(p), str(o))
        for s, p, o in graph
        if isinstance(s, URIRef) and not isinstance(o, BNode)
    ]


def test_round_trip_model_to_export_text_and_back() -> None:
    record = read_one(SEED.read_bytes(), SEED.name).record
    again = read_one(render_export(record).encode(), "again.txt").record
    assert again == record


def test_round_trip_model_to_csv_and_back() -> None:
    record = read_one(SEED.read_bytes(), SEED.name).record
    again = read_one(render_csv([record]).encode(), "again.csv").record
    assert again == record


def test_export_tolerates_crlf_bom_blank_lines_whitespace_and_order() -> None:
    text = SEED.read_text(encoding="utf-8")
    blocks = text.split("\n\nStrategic outcome\n\n")
    header, body = text.split("\n\nName of organization/institution", 1)
    body, focus = ("Name of organization/institution" + body).rsplit("\n\nCountry/Region", 1)
    reordered = f"{header}\n\nCountry/Region{focus}\n\n{body}"
    variants = {
        "crlf": text.replace("\n", "\r\n"),
        "bom": "\ufeff" + text,
        "blank lines and spaces": "\n\n\n"
        + "\n".join(f"   {line}  \n" for line in text.splitlines()),
        "other order": reordered,
    }
    assert len(blocks) == 2
    record = read_one(SEED.read_bytes(), SEED.name).record
    for name, variant in variants.items():
        assert read_one(variant.encode("utf-8"), "v.txt").record == record, name


def test_export_with_optional_fields_missing_is_read() -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Description of your organization/institution")
    end = text.index("Strategic outcome\n")
    record = read_one((text[:start] + text[end:]).encode(), "short.txt").record
    assert record.organisation_description is None and record.activities_description is None
    assert record.strategic_outcomes == ["1", "2", "3", "5"]


def test_schema_document_is_current() -> None:
    published = json.loads((EXAMPLES.parent / "submission.schema.json").read_text(encoding="utf-8"))
    assert published == SubmissionRecord.model_json_schema()


def test_csv_template_is_current() -> None:
    assert (EXAMPLES.parent / "submission-template.csv").read_bytes().decode("utf-8") == render_csv(
        []
    )


def test_csv_with_many_rows_gives_many_submissions() -> None:
    record = read_one(SEED.read_bytes(), SEED.name).record
    other = record.model_copy(
        update={
            "organisation": "Transgender Netwerk Nederland",
            "organisation_kind": "Civil society",
        }
    )
    parsed = __import__("nap_graph.submissions.reading", fromlist=["x"]).read_submissions(
        render_csv([record, other]).encode(), "two.csv"
    )
    assert [p.record.organisation for p in parsed] == [
        "Ministry of Justice and Security",
        "Transgender Netwerk Nederland",
    ]
    assert parsed[1].locations["organisation"].row == 3
