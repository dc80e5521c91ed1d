"""Every shape has example data: a valid case that conforms (not even a warning) and an
invalid case that fails for exactly its stated reason.

Cases live in ``tests/shapes/cases/`` and are named after the shape they exercise:
``<Shape>-valid-NN.ttl`` and ``<Shape>-invalid-NN.ttl``. The first line says why; each
``# expect: <focus> <shape or constraint> <constraint component>`` line names one result the
invalid case must produce, and the results must be exactly those.

Two sets of shapes: the graph-integrity shapes (each case validated together with
``_context.ttl``, a small dataset that conforms on its own) and the submission shapes (each
case validated together with the shipped reference data, as a received submission is).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from nap_graph.default_files import parse_into
from nap_graph.integrity import Finding, integrity_shapes, validate_integrity
from nap_graph.namespaces import SHAPES
from nap_graph.submissions.validation import check_submission_graph, submission_shapes
from nap_graph.terms import Triples

CASES = Path(__file__).parent / "cases"
CONTEXT = CASES / "_context.ttl"
CASE_NAME = re.compile(r"^(?P<shape>.+)-(?P<kind>valid|invalid)-\d{2}\.ttl$")
EXPECT = re.compile(r"^# expect: (?P<focus>\S+) (?P<source>\S+) (?P<component>\S+)$")
EX = "http://example.org/case/"


def _cases(kind: str) -> list[Path]:
    found = []
    for path in sorted(CASES.glob("*.ttl")):
        match = CASE_NAME.match(path.name)
        if match and match["kind"] == kind:
            found.append(path)
    return found


def _is_submission_shape(name: str) -> bool:
    return (SHAPES[name], None, None) in submission_shapes()


def _findings(case: Path) -> tuple[Finding, ...]:
    """Validate a case with the set of shapes its shape belongs to."""
    if _is_submission_shape(_shape_of(case)):
        findings, _report = check_submission_graph(
            Triples.parse(case.read_bytes(), ox.RdfFormat.TURTLE)
        )
        return findings
    graph = parse_into(parse_into(Graph(), CONTEXT), case)
    return validate_integrity(graph).findings


def _shape_of(case: Path) -> str:
    match = CASE_NAME.match(case.name)
    assert match, f"{case.name} does not follow <Shape>-(valid|invalid)-NN.ttl"
    return match["shape"]


def _expected(case: Path) -> set[tuple[str, str, str]]:
    expected = set()
    for line in case.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            focus = match["focus"].replace("ex:", EX, 1)
            expected.add((focus, str(SHAPES[match["source"]]), match["component"]))
    return expected


def test_context_conforms_without_findings() -> None:
    report = validate_integrity(parse_into(Graph(), CONTEXT))
    assert report.findings == (), report.text()


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.stem)
def test_valid_case_conforms(case: Path) -> None:
    findings = _findings(case)
    assert findings == (), "\n".join(f.line() for f in findings)


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case_fails_for_its_reason(case: Path) -> None:
    expected = _expected(case)
    assert expected, f"{case.name} has no '# expect:' line"
    shape = str(SHAPES[_shape_of(case)])
    assert any(source == shape for _, source, _ in expected), (
        f"{case.name} does not expect a result from the shape it is named after"
    )
    findings = _findings(case)
    got = {(f.focus, f.source, f.component) for f in findings}
    assert got == expected, "\n".join(f.line() for f in findings)


def _shape_names() -> dict[str, set[str]]:
    """Node shapes, and the property shapes and SPARQL constraints with IRIs, of both sets."""
    shapes = integrity_shapes() + submission_shapes()
    kinds = {
        "node": SH.NodeShape,
        "property": SH.PropertyShape,
        "sparql": SH.SPARQLConstraint,
        "component": SH.ConstraintComponent,
    }
    names: dict[str, set[str]] = {}
    for key, cls in kinds.items():
        names[key] = {
            str(s).removeprefix(str(SHAPES))
            for s in shapes.subjects(RDF.type, cls)
            if isinstance(s, URIRef)
        }
    return names


def test_every_shape_has_examples() -> None:
    names = _shape_names()
    valid = {_shape_of(p) for p in _cases("valid")}
    invalid = {_shape_of(p) for p in _cases("invalid")}
    missing = []
    for node in sorted(names["node"]):
        if node not in valid:
            missing.append(f"{node}: no valid case")
        if not any(n == node or n.startswith(f"{node}-") for n in invalid):
            missing.append(f"{node}: no invalid case")
    for constraint in sorted(names["property"] | names["sparql"]):
        if constraint not in invalid:
            missing.append(f"{constraint}: no invalid case")
    expected = {component for case in _cases("invalid") for _, _, component in _expected(case)}
    for component in sorted(names["component"]):
        if component not in expected:
            missing.append(f"{component}: no invalid case expects a result from it")
    assert not missing, "\n".join(missing)


def test_every_case_names_a_shape_that_exists() -> None:
    names = _shape_names()
    known = names["node"] | names["property"] | names["sparql"]
    unknown = [p.name for p in (*_cases("valid"), *_cases("invalid")) if _shape_of(p) not in known]
    assert not unknown, unknown
