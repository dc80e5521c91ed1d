"""Where a statement comes from, said in words: a named graph's IRI as the reader's name for
it and the page that shows it best ("The record as received" -> the version's page; "Plans:
world" -> its Turtle in the Graph Store), for the resource pages' "Where this comes from"."""

from __future__ import annotations

from urllib.parse import quote

from nap_graph.iris import GRAPH
from nap_graph_api.i18n import gettext as _


def graph_name(iri: str) -> tuple[str, str]:
    """The reader's name for the named graph ``iri`` and the address to open it at."""
    turtle = f"/store?graph={quote(iri, safe='')}"
    if not iri.startswith(GRAPH):
        return iri, turtle
    parts = iri.removeprefix(GRAPH).split("/")
    head, rest = parts[0], "/".join(parts[1:])
    if head in ("submission", "curation") and len(parts) == 4:
        page = f"/submissions/{parts[1]}/{parts[2]}/{parts[3]}"
        if head == "submission":
            return _("The record as received (version %(version)s)") % {"version": parts[3]}, page
        return _("The record as curated (version %(version)s)") % {"version": parts[3]}, page
    if head == "ontology":
        return _("The ontology"), "/def/wps"
    if head == "provenance":
        return _("Where each record version came from and when"), turtle
    if head == "links":
        return _("Links between organisations made by coordinators"), turtle
    sections = {
        "reference": _("Reference data: %(name)s"),
        "plans": _("Plans: %(name)s"),
        "actors": _("Organisations: %(name)s"),
        "shapes": _("Shapes: %(name)s"),
    }
    if head in sections and rest:
        return sections[head] % {"name": rest}, turtle
    return iri, turtle
