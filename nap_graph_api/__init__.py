"""The nap-graph web service: a thin FastAPI layer over the ``nap_graph`` library.

``create_app(settings)`` builds the app; ``nap-graph serve`` runs it with uvicorn.
"""

from __future__ import annotations

from nap_graph_api.app import create_app
from nap_graph_api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
