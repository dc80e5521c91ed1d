"""``create_app(settings)``: the FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from nap_graph import __version__
from nap_graph.generation import read_state
from nap_graph.query_workers import QueryWorkers, copy_limit
from nap_graph.search import SearchIndex
from nap_graph.store.opening import open_store
from nap_graph.store.query_guard import QueryPolicy
from nap_graph.store.query_path import QueryPath
from nap_graph.workspace import Workspace
from nap_graph_api import access_log, errors, openapi_examples
from nap_graph_api.access_log import AccessLogMiddleware
from nap_graph_api.auth import token_book
from nap_graph_api.head_requests import HeadAsGet
from nap_graph_api.http_caching import ConditionalGet
from nap_graph_api.i18n import LanguageMiddleware
from nap_graph_api.limits import BodyLimitMiddleware
from nap_graph_api.routers import (
    account,
    api_docs,
    browse,
    check,
    compare,
    coverage,
    dataset,
    graph_store,
    health,
    home,
    linked_data,
    monitoring,
    partners,
    plans,
    record_form,
    review,
    search,
    sparql,
    submissions,
    world,
)
from nap_graph_api.security_headers import SecurityHeaders
from nap_graph_api.sessions import SessionBook
from nap_graph_api.settings import ApiSettings
from nap_graph_api.sparql_direct import SparqlDirect


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """The service over the store the settings point at (opened on start-up, filled with the
    default data if empty, closed on shut-down)."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings)
        copies = settings.query_workers + settings.page_workers
        limit = copy_limit(settings.query_memory_mb, copies)
        workers = QueryWorkers.for_store(
            store,
            workers=settings.query_workers,
            timeout=settings.query_timeout,
            in_memory=settings.query_in_memory,
            max_waiting=settings.query_max_waiting,
            # without a network SERVICE cannot reach any host; an allowlist needs one
            isolate=not settings.service_allowlist,
            copy_limit=limit,
        )
        page_workers = QueryWorkers.for_store(
            store,
            workers=settings.page_workers if workers is not None else 0,
            timeout=settings.query_timeout,
            in_memory=settings.query_in_memory,
            max_waiting=settings.query_max_waiting,
            name="page-checkpoints",
            copy_limit=limit,
        )
        search = SearchIndex.for_settings(settings)
        app.state.store = store
        app.state.view = view = QueryPath(
            store,
            workers,
            max_result_bytes=settings.max_result_bytes,
            max_results=settings.max_results,
            policy=QueryPolicy(
                service_allowlist=tuple(settings.service_allowlist),
                load_allowlist=tuple(settings.load_allowlist),
            ),
            search=search,
            page_workers=page_workers,
            per_client=settings.queries_per_client,
            anonymous_timeout=settings.anonymous_query_timeout,
        )
        # the view brought up to the store's generation now, not by the first request: the
        # search index catches up with writes made while the service was down (at 5M
        # triples, reading every text took the first query 17 s), the workers' checkpoint
        view.refresh()
        for pool in (workers, page_workers):
            if pool is not None:
                pool.warm_up()
        search.warm()  # the ranking made now, not on the first search
        app.state.workspace = Workspace(store, view)
        app.state.sessions = SessionBook.for_settings(settings)
        try:
            yield
        finally:
            app.state.sessions.close()
            for pool in (workers, page_workers):
                if pool is not None:
                    pool.close()
            search.close()
            store.close()

    app = FastAPI(
        title="nap-graph",
        version=__version__,
        summary="Linked data for Women, Peace and Security National Action Plans",
        description=(
            "SPARQL 1.1 Protocol at /sparql, Graph Store HTTP Protocol at /store, submissions at "
            "/submissions. Queries are public; writes need a bearer token."
        ),
        lifespan=lifespan,
        docs_url=None,  # served from the package (routers/api_docs.py)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.tokens = token_book(settings)
    errors.install(app)
    openapi_examples.install(app)
    app.add_middleware(SparqlDirect)  # innermost: body limit, CORS and access log wrap it
    app.add_middleware(ConditionalGet, state=lambda: read_state(app.state.view.store))
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    access_log.configure()
    app.add_middleware(AccessLogMiddleware)
    # Reads of public data are open to every site by default (GET, HEAD, a SPARQL query
    # by POST), never with credentials, and without the Authorization header: a page of
    # another site can read what anyone may, and can write nothing. Listed origins may also
    # send a token (for writes from a known site).
    listed = bool(settings.cors_origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins or ["*"],
        allow_methods=["GET", "HEAD", "POST"],
        allow_headers=["Accept", "Content-Type", *(["Authorization"] if listed else [])],
        expose_headers=["ETag", "Last-Modified", "Location"],
    )
    app.add_middleware(LanguageMiddleware)  # every page, error pages too, speaks it
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries them
    # the bundles (NL Design System's CSS, YASGUI, Swagger UI) go compressed: ~1.5 MB -> ~300 kB
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app.mount("/static", GZipMiddleware(static, minimum_size=1024), name="static")
    for router in (
        home.router,
        account.router,
        api_docs.router,
        browse.router,
        check.router,
        sparql.router,
        graph_store.router,
        submissions.router,
        linked_data.router,
        monitoring.router,
        partners.router,
        record_form.router,
        review.router,
        search.router,
        dataset.router,
        compare.router,
        world.router,
        plans.router,
        coverage.router,
        health.router,
    ):
        app.include_router(router)
    return app
