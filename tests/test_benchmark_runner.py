"""The benchmark runner end to end at a tiny scale: one query, the in-process engines.
It checks that the report has the figures and that the engines agree on the rows; it
asserts no time (machines are shared and noisy)."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import main, scale


def test_scales_read_as_numbers_of_triples():
    assert [scale(text) for text in ("100k", "1m", "2500", "1.5M")] == [
        100_000,
        1_000_000,
        2_500,
        1_500_000,
    ]
    with pytest.raises(Exception, match="not a scale"):
        scale("lots")


def test_the_runner_prints_one_table_with_agreeing_engines(tmp_path):
    output = tmp_path / "report.md"
    text = main(
        [
            "--scale",
            "3k",
            "--engines",
            "nap-graph-memory,rdflib",
            "--queries",
            "lookup-organisation",
            "--runs",
            "2",
            "--seconds",
            "0",
            "--output",
            str(output),
        ]
    )
    assert output.read_text(encoding="utf-8") == text
    assert "| nap-graph library (memory) |" in text  # the load table
    assert "| rdflib (memory) |" in text
    row = next(line for line in text.splitlines() if line.startswith("| lookup-organisation"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1].isdigit() and int(cells[1]) > 0, row  # rows agree (else **differ**)
    assert all("(2)" in cell for cell in cells[2:]), row  # two timed runs per engine
    assert "timeout" not in row and "error" not in row


def test_unknown_engines_are_named(capsys):
    with pytest.raises(SystemExit, match="unknown engines: fuseki"):
        main(["--engines", "fuseki"])


def test_a_fast_wrong_answer_is_marked_and_never_the_faster_peer():
    from benchmarks.engines import Load
    from benchmarks.measures import Timing
    from benchmarks.report import ScaleReport

    report = ScaleReport(1000, 1, limit=60)
    for engine, rows, ms in [
        ("nap-graph HTTP", 37, 3.0),
        ("Oxigraph server", 37, 5.0),
        ("Virtuoso 7", 1, 1.0),
    ]:
        report.loaded(engine, Load(1.0, 1000))
        report.timed(engine, "count-areas-per-pillar-per-country", Timing([ms], rows))
    assert report.wrong("count-areas-per-pillar-per-country", "Virtuoso 7")
    assert not report.wrong("count-areas-per-pillar-per-country", "Oxigraph server")
    text = "\n".join(report.markdown())
    assert "| count-areas-per-pillar-per-country | 37 (**differ**) |" in text
    assert "**wrong: 1 rows**" in text
    assert "against the faster peer's 5.0 ms: met" in text
