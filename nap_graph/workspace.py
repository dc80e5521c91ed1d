"""The workspace: one object owns the graph and every write to it.

It holds the store, its write lock, the query side (:class:`~nap_graph.store.query_path.
QueryPath`: the current view, the caches keyed by the store's generation, the query
workers' checkpoint, the search index). Every write goes through it: submit, curate,
review, revert, link organisations, import a plan, SPARQL update, Graph Store writes,
loading the default data. Each write decides whether the principal may make it, writes under
the store's write lock, and brings the query side up to date under the same lock before it
returns, so that the next read, in this process or any other, sees it. The API, the website
and the command line translate requests into these calls and their answers into responses.
(rdflib's ``Dataset`` and Django's ``transaction.atomic`` are the shapes to think of.)

::

    workspace = Workspace.open(settings)           # or Workspace(store)
    checked = workspace.check(data, "record.txt", lang="nl")
    outcome = workspace.submit(checked, principal)  # NotAllowedError for another's record
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.access import Principal
from nap_graph.default_data import initialise
from nap_graph.errors import NapGraphError, NotAllowedError
from nap_graph.i18n import N_
from nap_graph.i18n import gettext as _
from nap_graph.ingest import ingest_parsed
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.organisation_links import LinkResult, link_organisation, organisation_links
from nap_graph.reference import (
    ReferenceData,
    is_reference_graph,
    reference_from_store,
    using_reference,
)
from nap_graph.review import ReviewItem, decide, find_item, needing_review
from nap_graph.store.loading import fetch, load_operations, triples_of
from nap_graph.store.protocol import GraphName, GraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph.submissions.checking import CheckResult, check_bytes
from nap_graph.submissions.curation import CurationReport, store_curation
from nap_graph.submissions.replacing import warn_about_review
from nap_graph.versions import VersionPlace, revert

ORGANISATION = iris.id_prefix("organisation")


@dataclass(slots=True)
class Submitted:
    """What a submit did: the check, and per record what was stored."""

    check: CheckResult
    results: list[Any] = field(default_factory=list)
    """:class:`~nap_graph.ingest.IngestResult` per record, in input order (empty when the
    input was not valid: then nothing was stored)."""

    @property
    def stored(self) -> bool:
        return bool(self.results)


class Workspace:
    """See the module's documentation."""

    def __init__(self, store: GraphStore, view: QueryPath | None = None) -> None:
        self.store = store
        self.view = view or QueryPath(store)

    # -- reads ----------------------------------------------------------------------------

    @property
    def generation(self) -> str:
        """The store's generation (:mod:`nap_graph.generation`)."""
        return self.view.current_generation()

    def reference(self) -> ReferenceData:
        """The store's reference data (imported plans included), once per generation."""
        return self.view.cached(  # type: ignore[no-any-return]
            "reference-data", lambda: reference_from_store(self.view), reads=is_reference_graph
        )

    def aliases(self) -> dict[str, str]:
        """Organisations a coordinator linked to known ones, once per generation."""
        return self.view.cached("organisation-links", lambda: organisation_links(self.view))  # type: ignore[no-any-return]

    def organisation_name(self, organisation: str) -> str:
        """An organisation's name (its IRI or key given), for messages."""
        iri = organisation if organisation.startswith("http") else ORGANISATION + organisation
        with using_reference(self.reference()) as data:
            return data.index.organisation_names.get(iri) or iri.removeprefix(ORGANISATION)

    def check(
        self, data: bytes, name: str, *, fmt: str | None = None, lang: str = "en"
    ) -> CheckResult:
        """Read every record in ``data`` (the format from ``fmt``, else recognised from the
        name and the text) and validate each against the store's reference data and links;
        a record that would replace a curated one says which activities would then need a
        coordinator's review. The same report on every path. Stores nothing."""
        with using_reference(self.reference()):
            result = check_bytes(data, name, fmt=fmt, lang=lang, aliases=self.aliases())
            warn_about_review(self.view, result, lang=lang)
        return result

    def needing_review(
        self, organisation: str | None = None, *, lang: str = "en"
    ) -> list[ReviewItem]:
        return needing_review(self.view, organisation, lang=lang)

    # -- writes ---------------------------------------------------------------------------

    @contextmanager
    def writing(self, written: list[str] | None = None) -> Iterator[GraphStore]:
        """Hold the write lock for a write and, before releasing it, bring the query side up
        to date (``written``: the named graphs touched, when known; the block may add to
        it). When the block fails, the query side is brought up to date all the same (a
        store may have taken part of a failed write)."""
        with self.store.write_lock():
            self.view.current_generation()  # what is kept across this write is from now
            try:
                yield self.store
            except BaseException:
                self.view.refresh()
                raise
            self.view.refresh(written)

    def allowed(self, principal: Principal, organisation: str, name: str | None = None) -> None:
        """:class:`NotAllowedError` unless ``principal`` may write ``organisation``'s record
        (an IRI or key; ``name`` as the record gives it, for the message)."""
        key = organisation.removeprefix(ORGANISATION)
        if not principal.may_submit_for(key):
            own = self.organisation_name(principal.organisation or "")
            theirs = name or self.organisation_name(key)
            raise NotAllowedError(
                _("{who} may submit records for {own} only, not for {theirs}").format(
                    who=principal.name, own=own, theirs=theirs
                )
            )

    def coordinator(self, principal: Principal, task: str) -> None:
        """:class:`NotAllowedError` unless ``principal`` is a coordinator (an admin)."""
        if not principal.is_admin:
            raise NotAllowedError(
                _("{who} may not {task}: that is a coordinator's task").format(
                    who=principal.name, task=_(task)
                )
            )

    def submit(self, checked: CheckResult, principal: Principal, *, file: str = "") -> Submitted:
        """Store every record of a checked input, if every one is valid and ``principal`` may
        submit each (decided before anything is stored: all or nothing)."""
        reports = [r.report for r in checked.records]
        for report in reports:
            if report is not None:
                org = report.submission.organisation.value
                self.allowed(principal, org, report.parsed.record.organisation)
        outcome = Submitted(checked)
        if checked.exit_code != 0 or any(r is None for r in reports):
            return outcome
        written: list[str] = [PROVENANCE_GRAPH]
        with self.writing(written) as store:
            for report in reports:
                assert report is not None
                result = ingest_parsed(
                    store,
                    report.parsed,
                    sender=principal.name,
                    file=file or checked.name,
                    report=report,
                )
                outcome.results.append(result)
                written.extend(self.written_graphs(result.submission, result.replaced))
        return outcome

    def curate(self, report: CurationReport, principal: Principal) -> str:
        """Store a checked curation document as its version's curation; the graph."""
        self.coordinator(principal, N_("curate records"))
        with self.writing([report.graph_iri]) as store:
            return store_curation(store, report)

    def review(self, activity: str, principal: Principal, *, keep: bool) -> ReviewItem:
        """Keep or drop a curated activity that needs a review; the item decided."""
        self.coordinator(principal, N_("review curated activities"))
        with self.writing() as store:
            item = find_item(store, activity)
            decide(store, item, keep=keep)
        return item

    def revert(
        self, version: str, principal: Principal, *, now: datetime | None = None
    ) -> VersionPlace:
        """Make an earlier version of a record current again (the organisation's own
        signatory or a coordinator)."""
        key = version.removeprefix(iris.id_prefix("submission")).split("/")[1:2]
        self.allowed(principal, key[0] if key else "")
        with self.writing([PROVENANCE_GRAPH, *self.written_graphs(version)]) as store:
            return revert(store, version, by=principal.name, now=now)

    def link_organisations(self, submitted: str, known: str, principal: Principal) -> LinkResult:
        self.coordinator(principal, N_("link organisations"))
        with self.writing() as store:
            return link_organisation(store, submitted, known, by=principal.name)

    def import_plan(self, built: Any, principal: Principal, *, replace: bool = False) -> None:
        from nap_graph.plans.importing import load_plan

        self.coordinator(principal, N_("import plans"))
        with self.writing([built.named_graph]) as store:
            load_plan(store, built, replace=replace)

    def update(self, sparql: str, principal: Principal, *, base_iri: str | None = None) -> None:
        """A SPARQL update (checked by the caller's query policy). ``LOAD`` is carried out
        here, never by the engine (:mod:`nap_graph.store.loading`)."""
        self.coordinator(principal, N_("change the store directly"))
        loads = load_operations(sparql)
        if loads is None:
            with self.writing() as store:
                store.update(sparql, base_iri=base_iri)
            return
        documents = []
        for load in loads:  # fetched before the write lock is taken
            try:
                documents.append((load, triples_of(load.document, *fetch(load.document))))
            except NapGraphError:
                if not load.silent:
                    raise
        with self.writing([load.graph for load, _ in documents if load.graph]) as store:
            for load, triples in documents:
                store.post_graph(load.graph, triples)

    def put_graph(
        self, graph: GraphName, triples: Iterable[ox.Triple], principal: Principal
    ) -> None:
        self.coordinator(principal, N_("change the store directly"))
        with self.writing(None if graph is None else [graph]) as store:
            store.put_graph(graph, triples)

    def post_graph(
        self, graph: GraphName, triples: Iterable[ox.Triple], principal: Principal
    ) -> None:
        self.coordinator(principal, N_("change the store directly"))
        with self.writing(None if graph is None else [graph]) as store:
            store.post_graph(graph, triples)

    def delete_graph(self, graph: GraphName, principal: Principal) -> None:
        self.coordinator(principal, N_("change the store directly"))
        with self.writing(None if graph is None else [graph]) as store:
            store.delete_graph(graph)

    def load_file(
        self, path: Path, rdf_format: ox.RdfFormat, graph: str | None, principal: Principal
    ) -> int:
        """Load an RDF file (a dump's quads, or triples into ``graph``); the quads loaded."""
        self.coordinator(principal, N_("load data"))
        with self.writing(None if graph is None else [graph]) as store:
            return store.load_file(path, rdf_format, graph)

    def initialise(self, principal: Principal) -> list[str]:
        """Load (or reload) the default data (:func:`nap_graph.default_data.initialise`)."""
        self.coordinator(principal, N_("load the default data"))
        with self.writing() as store:
            return initialise(store)

    @staticmethod
    def written_graphs(*versions: str | None) -> list[str]:
        """The graphs storing or reverting to a version may touch: its version graph and
        curation graph (the one it replaced leaves the view through the provenance)."""
        return [
            graph
            for v in versions
            if v
            for graph in (iris.submission_graph_iri(v), iris.curation_graph_iri(v))
        ]
