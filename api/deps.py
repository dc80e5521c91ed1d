"""What routes get through dependencies: settings, the store, the current view, the caller."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.auth import Principal, TokenBook
from api.errors import ApiError
from api.settings import ApiSettings
from nap_graph.ingest import current_graphs, superseded_graphs
from nap_graph.query_workers import QueryWorkers
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import QueryResult


@dataclass
class CurrentView:
    """The named graphs of the current view, recomputed after each write; and where queries
    run: in worker processes with a hard timeout when the store is on disk, else in the
    store itself."""

    store: GraphStore
    workers: QueryWorkers | None = None
    generation: int = 0
    _graphs: list[str] | None = None
    _superseded: set[str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def graphs(self) -> list[str]:
        """Every named graph of the current view."""
        with self._lock:
            if self._graphs is None:
                self._graphs = current_graphs(self.store)
            return list(self._graphs)

    def default_graphs(self) -> list[str] | None:
        """What to pass as a query's default graph: ``None`` (the union of all named graphs,
        which the store answers fastest) while no version is superseded, else the list of
        current graphs."""
        with self._lock:
            if self._superseded is None:
                self._superseded = superseded_graphs(self.store)
            if not self._superseded:
                return None
        return self.graphs()

    def invalidate(self) -> None:
        """After a write: recompute the view (here, in the writing thread, so that queries
        on the event loop never wait for it) and give the query workers a fresh checkpoint."""
        superseded = set(superseded_graphs(self.store))
        graphs = current_graphs(self.store) if superseded else None
        with self._lock:
            self._superseded = superseded
            self._graphs = graphs
            self.generation += 1
        if self.workers is not None:
            self.workers.refresh()

    def query_serialized(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graphs: list[str] | None,
        named_graphs: list[str] | None,
    ) -> bytes | None:
        """The answer serialised by Oxigraph itself (workers or an embedded store), or
        ``None`` when the store cannot (a remote SPARQL server: use :meth:`query`)."""
        if self.workers is not None:
            return self.workers.query(  # type: ignore[no-any-return]
                sparql,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                media_type=media_type,
            )
        if isinstance(self.store, OxigraphStore):
            return self.store.query_serialized(
                sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs
            )
        return None

    async def query_serialized_async(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graphs: list[str] | None,
        named_graphs: list[str] | None,
    ) -> bytes | None:
        """:meth:`query_serialized` from the event loop: straight to a free query worker,
        else in a thread."""
        if self.workers is not None:
            return await self.workers.query_async(  # type: ignore[no-any-return]
                sparql,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                media_type=media_type,
            )
        return await run_in_threadpool(
            lambda: self.query_serialized(
                sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs
            )
        )

    def query(
        self, sparql: str, *, default_graphs: list[str] | None, named_graphs: list[str] | None
    ) -> QueryResult:
        if self.workers is not None:
            return self.workers.query(
                sparql, default_graphs=default_graphs, named_graphs=named_graphs
            )  # type: ignore[no-any-return]
        return self.store.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)


async def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_view(request: Request) -> CurrentView:
    return request.app.state.view


async def get_tokens(request: Request) -> TokenBook:
    return request.app.state.tokens


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ViewDep = Annotated[CurrentView, Depends(get_view)]


def authorise(request: Request, *, admin: bool = False) -> Principal:
    """The principal behind the request's bearer token: 401 without a valid one, 403 when
    ``admin`` is required and the token is a signatory's."""
    principal = caller(request, request.app.state.tokens)
    if admin and principal.role.value != "admin":
        raise ApiError(
            403,
            "Forbidden",
            f"'{principal.name}' may submit records but not change the store directly",
        )
    return principal


def caller(request: Request, tokens: Annotated[TokenBook, Depends(get_tokens)]) -> Principal:
    """The principal behind the request's bearer token; 401 without a valid one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="nap-graph"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401, "Authentication required", "send 'Authorization: Bearer <token>'", challenge
        )
    principal = tokens.find(token.strip())
    if principal is None:
        raise ApiError(401, "Invalid token", "the bearer token is not known", challenge)
    return principal


CallerDep = Annotated[Principal, Depends(caller)]


def admin(request: Request) -> Principal:
    """Only admin tokens (updates and Graph Store writes)."""
    return authorise(request, admin=True)


AdminDep = Annotated[Principal, Depends(admin)]
