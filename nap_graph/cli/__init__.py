"""The ``nap-graph`` command: one Typer app, commands grouped by what they work on.

Every command that touches the store takes ``--store PATH`` or ``--endpoint URL`` (also from
``NAP_GRAPH_STORE`` / ``NAP_GRAPH_ENDPOINT`` or a config file; see
:mod:`nap_graph.store.settings`).
"""

from __future__ import annotations

from nap_graph.cli import (
    curation_commands,
    query_commands,
    search_commands,
    store_commands,
    submission_commands,
    world_commands,
)
from nap_graph.cli.common import app

__all__ = [
    "app",
    "curation_commands",
    "query_commands",
    "search_commands",
    "store_commands",
    "submission_commands",
    "world_commands",
]
