"""Graph-integrity validation: the SHACL shapes under ``shapes/integrity*.ttl`` run with
pySHACL against a data graph, with the WPS ontology as ``ont_graph``.

No inference is used (``inference="none"``): RDFS inference over the ontology's domains and
ranges would type nodes and so hide real violations (a value of the wrong kind would simply
be inferred to be of the right one). The ontology is still mixed in, so ``sh:targetClass``
and ``sh:class`` see the subclass hierarchy (``wps:SubOutcome`` is a ``wps:Outcome``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from pyshacl import validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from nap_graph.default_files import is_data_graph, parse_into
from nap_graph.errors import DataFileError, ValidationSetupError
from nap_graph.ontology import ontology_with_alignments
from nap_graph.resources import shapes_dir
from nap_graph.store.protocol import GraphStore

INTEGRITY_SHAPE_FILES = (
    "prefixes.ttl",
    "components.ttl",
    "integrity.ttl",
    "activities.ttl",
    "integrity-recommended.ttl",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL validation result, reduced to what a person needs to act on it."""

    severity: str
    focus: str
    path: str
    value: str
    source_shape: str
    source: str
    component: str
    message: str
    name: str = ""
    """The property shape's ``sh:name`` in the report's language ("soort organisatie")."""

    def line(self) -> str:
        """One line for a terminal: severity, focus node, path, message."""
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """The outcome of :func:`validate_integrity`: ``conforms`` is ``False`` only when there
    is a violation; warnings are reported but do not fail."""

    conforms: bool
    findings: tuple[Finding, ...]
    report_graph: Graph

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Warning")

    def text(self) -> str:
        """All findings, one per line, violations first."""
        ordered = sorted(self.findings, key=lambda f: (f.severity != "Violation", f.focus))
        return "\n".join(f.line() for f in ordered)


@cache
def integrity_shapes() -> Graph:
    """The integrity shapes, parsed once per process."""
    graph = Graph()
    for name in INTEGRITY_SHAPE_FILES:
        try:
            parse_into(graph, shapes_dir() / name)
        except DataFileError as exc:
            raise ValidationSetupError(f"the integrity shapes cannot be loaded: {exc}") from exc
    return graph


def _str(node: Node | None) -> str:
    return "" if node is None else str(node)


def _template_matches(template: str, message: str) -> bool:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.fullmatch(".*".join(re.escape(p) for p in parts), message, re.DOTALL) is not None


def _templates(shapes: Graph, source: Node, component: Node | None) -> list[Node]:
    """The ``sh:message`` templates of a result: its constraint's or shape's, else those of
    its SPARQL-based constraint component's validators."""
    found = list(shapes.objects(source, SH.message))
    if not found and component is not None:
        for kind in (SH.nodeValidator, SH.propertyValidator, SH.validator):
            for validator in shapes.objects(component, kind):
                found += shapes.objects(validator, SH.message)
    return found


def _message(
    report: Graph,
    result: Node,
    lang: str,
    shapes: Graph | None,
    source: Node | None,
    component: Node | None = None,
) -> str:
    messages = list(report.objects(result, SH.resultMessage))
    for m in messages:
        if isinstance(m, Literal) and m.language == lang:
            return str(m)
    # pySHACL drops the language tag of messages it filled in ({?value}): find the one
    # that fits the template in the wanted language.
    if shapes is not None and source is not None:
        for template in _templates(shapes, source, component):
            if isinstance(template, Literal) and template.language == lang:
                for m in messages:
                    if _template_matches(str(template), str(m)):
                        return str(m)
    return str(messages[0]) if messages else ""


def _filled(message: str, *, focus: Node | None, value: Node | None) -> str:
    """``message`` with ``{$this}`` and ``{$value}`` (or ``{?this}``, ``{?value}``) filled from
    the result's focus node and value. The shapes keep their messages on the shapes, whose
    templates name only these two (shapes/components.ttl); SHACL engines fill a shape's message
    or not (Jena leaves it as written), so nap-graph fills it, the same for every engine."""
    for names, node in ((("this",), focus), (("value",), value)):
        if node is None:
            continue
        for name in names:
            message = message.replace(f"{{${name}}}", str(node)).replace(f"{{?{name}}}", str(node))
    return message


def _name(shapes: Graph | None, shape: Node | None, lang: str) -> str:
    """The shape's ``sh:name`` in ``lang`` (else English, else untagged), or ``""``."""
    if shapes is None or shape is None:
        return ""
    names = {getattr(n, "language", None): str(n) for n in shapes.objects(shape, SH.name)}
    return names.get(lang) or names.get("en") or names.get(None, "")


def findings_of(
    report: Graph, *, lang: str = "en", shapes: Graph | None = None
) -> tuple[Finding, ...]:
    """The results of a SHACL validation report graph as :class:`Finding` objects, with the
    messages in ``lang`` (``shapes`` lets filled-in messages be told apart by language)."""
    found = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        shape = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        source = constraint if isinstance(constraint, URIRef) else shape
        component_iri = report.value(result, SH.sourceConstraintComponent)
        component = _str(component_iri)
        found.append(
            Finding(
                severity=_str(severity).rsplit("#", 1)[-1],
                focus=_str(report.value(result, SH.focusNode)),
                path=_str(report.value(result, SH.resultPath)),
                value=_str(report.value(result, SH.value)),
                source_shape=_str(shape),
                source=_str(source),
                component=component.rsplit("#", 1)[-1],
                message=_filled(
                    _message(report, result, lang, shapes, source, component_iri),
                    focus=report.value(result, SH.focusNode),
                    value=report.value(result, SH.value),
                ),
                name=_name(shapes, shape, lang),
            )
        )
    return tuple(sorted(found, key=lambda f: (f.severity, f.focus, f.source, f.value)))


def validate_integrity(data: Graph | ox.Store, *, lang: str = "en") -> IntegrityReport:
    """Validate ``data`` against the integrity shapes (messages in ``lang``: en or nl)."""
    conforms, report, _text = validate(
        data,
        shacl_graph=integrity_shapes(),
        ont_graph=ontology_with_alignments(),
        inference="none",
        allow_warnings=True,
        advanced=True,
    )
    return IntegrityReport(
        conforms=bool(conforms),
        findings=findings_of(report, lang=lang, shapes=integrity_shapes()),
        report_graph=report,
    )


def current_data(store: GraphStore) -> Graph:
    """The data of the store's current view (reference data, plans, actors, current record
    versions and their curations, links, provenance; not the ontology or the shapes) in one
    rdflib graph: what ``nap-graph check`` validates."""
    from nap_graph.store.views import current_graphs

    graphs = [g for g in current_graphs(store) if is_data_graph(g)]
    triples = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=graphs or ["urn:x-none"]
    )
    text = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)  # type: ignore[union-attr]
    return Graph().parse(data=text, format="nt")
