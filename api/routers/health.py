"""``/health``: is the service up and can it reach its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep, ViewDep
from nap_graph import __version__

router = APIRouter(tags=["operations"])


@router.get("/health")
def health(store: StoreDep, view: ViewDep) -> dict[str, object]:
    """200 with the number of named graphs when the store answers (503 otherwise), and, with
    query workers, where they answer from: ``memory`` once their in-memory copies are
    loaded, ``checkpoint`` until then, ``busy`` when they are running a query."""
    answer: dict[str, object] = {
        "status": "ok",
        "version": __version__,
        "graphs": len(store.named_graphs()),
    }
    if view.workers is not None:
        answer["query_workers"] = view.workers.copies()
    return answer
