"""Real SPARQL servers for the tests (benchmarks/servers.py starts them): the Oxigraph
server and OpenLink Virtuoso 7 (Debian's `virtuoso-opensource-7`, which `.ci/run` installs).
Outside CI a missing binary skips the tests that need it, loudly; in CI (CI=true) it fails
them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks import servers
from benchmarks.servers import Server, ServerMissingError, free_port, stop, wait_for

__all__ = ["free_port", "oxigraph_server", "stop", "virtuoso_server", "wait_for"]


def missing(error: ServerMissingError) -> None:
    message = f"{error}: these tests need it (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Server]:
    """An Oxigraph server over a fresh store."""
    try:
        with servers.oxigraph_server(folder) as server:
            yield server
    except ServerMissingError as error:
        missing(error)


@contextmanager
def virtuoso_server(folder: Path, *, service: bool = False) -> Iterator[Server]:
    """A Virtuoso 7 server over a fresh database, updates granted (and SERVICE with
    ``service``)."""
    try:
        with servers.virtuoso_server(folder, service=service) as server:
            yield server
    except ServerMissingError as error:
        missing(error)
