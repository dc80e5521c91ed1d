"""``/health``: is the service up and can it reach its store?"""

from __future__ import annotations

import os

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from nap_graph import __version__
from nap_graph_api.deps import StoreDep, ViewDep

router = APIRouter(tags=["operations"])


@router.get("/health")
def health(store: StoreDep, view: ViewDep) -> Response:
    """200 when the store answers a trivial query (503 otherwise), with the version and,
    with query workers, where they answer from (``memory`` once their in-memory copies are
    loaded, ``checkpoint`` until then, ``busy`` when they are running a query) and how
    saturated the pool is: ``status`` is ``saturated`` while every worker is busy and
    queries wait (``saturation``: workers, busy, waiting, max_waiting). 503 with ``status``
    ``read-only`` while the store cannot be written (the last write failed on the disk;
    reads still work), until a write succeeds again. Cheap at any size
    (the numbers of graphs and triples are in /.well-known/void). ``process`` tells the
    worker processes of ``serve --workers N`` apart."""
    store.query("ASK {}")
    writable = getattr(store, "writable", True)
    answer: dict[str, object] = {
        "status": "ok" if writable else "read-only",
        "version": __version__,
        "process": os.getpid(),
        "writable": writable,
    }
    saturation = view.saturation()
    if saturation is not None and view.workers is not None:
        answer["query_workers"] = view.workers.copies()
        answer["query_isolation"] = view.workers.isolation()
        answer["saturation"] = saturation
        if saturation["busy"] == saturation["workers"] and saturation["waiting"] > 0 and writable:
            answer["status"] = "saturated"
    return JSONResponse(answer, status_code=200 if writable else 503)
