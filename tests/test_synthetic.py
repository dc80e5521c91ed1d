"""The synthetic benchmark graph is real data: 10,000 triples of it pass the graph-integrity
shapes together with the reference data, and generation is deterministic."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from benchmarks.synthetic import generate
from benchmarks.synthetic_submissions import FORMATS, write_submissions
from nap_graph.default_files import default_graph_files, parse_into
from nap_graph.integrity import validate_integrity
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.validation import validate_submission


def test_ten_thousand_triples_pass_the_integrity_shapes() -> None:
    quads = generate(10_000)
    assert 10_000 <= len(quads) < 10_200
    data = Graph()
    for item in default_graph_files():
        if "/reference/" in item.graph:
            parse_into(data, item.path)
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    data.parse(data=nt, format="nt")
    report = validate_integrity(data)
    assert report.conforms, report.text()[:3000]
    assert report.findings == (), report.text()[:3000]


def test_generation_is_deterministic() -> None:
    assert [str(q) for q in generate(3_000)] == [str(q) for q in generate(3_000)]
    assert [str(q) for q in generate(3_000, seed=1)] != [str(q) for q in generate(3_000)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_synthetic_submissions_in_every_format_are_valid(fmt: str, tmp_path) -> None:
    paths = write_submissions(tmp_path, 3, fmt)
    assert [path.name for path in paths] == [f"000{i}.{fmt}" for i in range(3)]
    organisations = []
    for path in paths:
        (parsed,) = read_submissions(path.read_bytes(), path.name)
        report = validate_submission(parsed)
        assert report.conforms, [problem.message for problem in report.problems]
        organisations.append(parsed.record.organisation)
    assert organisations == [f"Signatory organisation {i:04d}" for i in range(3)]


def test_the_same_record_reads_back_alike_from_every_format(tmp_path) -> None:
    records = {}
    for fmt in FORMATS:
        (path,) = write_submissions(tmp_path / fmt, 1, fmt)
        (parsed,) = read_submissions(path.read_bytes(), path.name)
        records[fmt] = parsed.record
    outcomes = {fmt: record.strategic_outcomes for fmt, record in records.items()}
    assert len({tuple(value) for value in outcomes.values()}) == 1, outcomes
    assert len({len(record.contributions) for record in records.values()}) == 1
