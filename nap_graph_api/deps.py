"""What routes get through dependencies: settings, the workspace (for every write:
:class:`~nap_graph.workspace.Workspace`), the query path (for every read:
:class:`~nap_graph.store.query_path.QueryPath`), the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from nap_graph.store.protocol import GraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph.workspace import Workspace
from nap_graph_api.auth import Principal, TokenBook
from nap_graph_api.errors import ApiError
from nap_graph_api.settings import ApiSettings


async def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_view(request: Request) -> QueryPath:
    return request.app.state.view


async def get_workspace(request: Request) -> Workspace:
    return request.app.state.workspace


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ViewDep = Annotated[QueryPath, Depends(get_view)]
WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
"""Every write goes through it (:mod:`nap_graph.workspace`)."""


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


def caller(request: Request, tokens: TokenBook) -> Principal:
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


def known_caller(request: Request) -> bool:
    """Whether the request carries a valid bearer token (its SPARQL queries get the full
    query timeout; anonymous ones a shorter one)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (
        scheme.lower() == "bearer"
        and bool(token.strip())
        and request.app.state.tokens.find(token.strip()) is not None
    )
