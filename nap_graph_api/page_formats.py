"""Pages that are also data: HTML for browsers, JSON for machines (``Accept`` or
``?format=html|json``), 406 for anything else."""

from __future__ import annotations

from fastapi import Request

from nap_graph_api import negotiation as media
from nap_graph_api.errors import ApiError

JSON = "application/json"
FORMATS = {"html": media.HTML, "json": JSON}
OFFERS = [JSON, media.HTML]
"""JSON first: a client that accepts anything (``*/*``, curl) gets data; browsers rank HTML
higher and get the page."""


def wants_json(request: Request, what: str) -> bool:
    """Whether to answer with JSON; raises 406 when neither is acceptable."""
    asked = request.query_params.get("format")
    if asked is not None:
        chosen = FORMATS.get(asked.lower())
    else:
        chosen = media.choose(OFFERS, request.headers.get("accept"))
    if chosen is None:
        raise ApiError(
            406, "Not acceptable", f"{what} comes as {', '.join(OFFERS)} (?format=html|json)"
        )
    return chosen == JSON
