"""``/health``: is the service up and can it reach its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from nap_graph import __version__

router = APIRouter(tags=["operations"])


@router.get("/health")
def health(store: StoreDep) -> dict[str, object]:
    """200 with the number of named graphs when the store answers (503 otherwise)."""
    return {"status": "ok", "version": __version__, "graphs": len(store.named_graphs())}
