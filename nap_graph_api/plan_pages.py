"""What the pages about one plan (coverage, monitoring) share: the plan from ``?plan=`` and
the format from ``Accept`` or ``?format=`` (a page, JSON or CSV)."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.coverage import plans
from nap_graph.i18n import current_language
from nap_graph.linked_data import labels_for
from nap_graph.store.query_path import QueryPath
from nap_graph_api import negotiation as media
from nap_graph_api.errors import ApiError

JSON = "application/json"
OFFERS = [media.HTML, JSON, media.SPARQL_CSV]
NAMES = {"html": media.HTML, "json": JSON, "csv": media.SPARQL_CSV}


def chosen_format(request: Request, what: str) -> str:
    asked = request.query_params.get("format")
    chosen = (
        NAMES.get(asked.lower())
        if asked is not None
        else media.choose(OFFERS, request.headers.get("accept"))
    )
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"{what} comes as {', '.join(OFFERS)}")
    return chosen


async def plan_of(view: QueryPath, plan: str) -> tuple[str, dict[str, str]]:
    """The plan's IRI (from its key, ``nld-nap-4``, or its IRI) and every plan with an
    outcome framework, each with its name in the reader's language (for the choice of plan:
    never a key); 404 for any other."""
    graphs = view.default_graphs()
    lang = current_language()
    known = await run_in_threadpool(lambda: plans(view, graphs))
    try:
        iri = plan if plan.startswith("https://") else iris.plan_iri_for_key(plan)
    except ValueError as exc:
        raise ApiError(404, "Not found", f"plan: {exc}") from exc
    if iri not in known:
        keys = ", ".join(k.rsplit("/", 1)[-1] for k in known)
        raise ApiError(
            404, "Not found", f"no plan {plan!r} with an outcome framework; plans: {keys}"
        )
    names = await run_in_threadpool(lambda: labels_for(view, known, graphs, lang))
    return iri, {k: names.get(k, k.rsplit("/", 1)[-1]) for k in known}
