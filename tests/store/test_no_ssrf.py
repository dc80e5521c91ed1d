"""SSRF is impossible by construction (issue 24): a live listener on 127.0.0.1 must receive
nothing, whatever IRI a query names in SERVICE (any Unicode, spaces, controls, escapes,
every BASE and PREFIX form), both where queries run in the isolated query workers (no
network at all) and where they run in the service's own process (the strict check refuses
every SERVICE it might read). A control shows that an allowed SERVICE call is received."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nap_graph.errors import NapGraphError
from nap_graph.isolation import isolate_network
from nap_graph.query_workers import QueryWorkers
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.query_guard import QueryPolicy
from nap_graph.store.query_path import QueryPath
from tests.store.listener import Listener


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    started = Listener()
    yield started
    started.close()


def _can_isolate() -> bool:
    import multiprocessing as mp

    context = mp.get_context("spawn")
    with context.Pool(1) as pool:
        return bool(pool.apply(isolate_network))


@pytest.fixture(scope="module")
def isolated_view(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryPath]:
    store = OxigraphStore(tmp_path_factory.mktemp("ssrf") / "store")
    store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }")
    workers = QueryWorkers.for_store(store, workers=1, timeout=30, in_memory=False, max_waiting=8)
    assert workers is not None
    yield QueryPath(store, workers)
    workers.close()
    store.close()


UNICODE = st.characters(codec="utf-8", exclude_categories=("Cs",))
SPECIAL = st.sampled_from(
    [
        " ",
        "\u3000",
        "\u00a0",
        "\u2028",
        "\u2029",
        "\t",
        "\r",
        "\n",
        "\x00",
        "\x7f",
        "%20",
        "#",
        ">",
        "<",
        '"',
        "{",
        "\\u0020",
        "\\U00003000",
        "?",
        "@",
        "\ufeff",
    ]
)
KEYWORDS = st.sampled_from(
    [
        "SERVICE",
        "service",
        "SeRvIcE",
        "\\u0053ERVICE",
        "SERVICE SILENT",
        "service\tsilent",
        "SERVICE #c\r",
        "SERVICE # c\n",
    ]
)


@st.composite
def queries(draw: st.DrawFn, port: int) -> str:
    path = draw(st.lists(st.one_of(UNICODE, SPECIAL), max_size=6).map("".join))
    keyword = draw(KEYWORDS)
    form = draw(st.sampled_from(["iri", "escaped", "prefix", "base", "base-prefix"]))
    host = f"http://127.0.0.1:{port}/"
    if form == "iri":
        return f"SELECT * WHERE {{ {keyword} <{host}{path}> {{ ?s ?p ?o }} }}"
    if form == "escaped":
        escaped = "".join(f"\\u{ord(c):04X}" if ord(c) < 0x10000 else c for c in host + path)
        return f"SELECT * WHERE {{ {keyword} <{escaped}> {{ ?s ?p ?o }} }}"
    if form == "prefix":
        return f"PREFIX e: <{host}> SELECT * WHERE {{ {keyword} e:x{path} {{ ?s ?p ?o }} }}"
    if form == "base":
        return f"BASE <{host}> SELECT * WHERE {{ {keyword} <{path}> {{ ?s ?p ?o }} }}"
    return f"BASE <{host}> PREFIX : <> SELECT * WHERE {{ {keyword} :{path} {{ ?s ?p ?o }} }}"


def _run(view: QueryPath, text: str) -> None:
    import asyncio

    # refused, unreadable, or the call failed: all fine, as long as nothing arrived
    with contextlib.suppress(NapGraphError):
        asyncio.run(view.answer(text, "application/sparql-results+json"))


EXAMPLES = settings(
    max_examples=1000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.slow
def test_isolated_workers_reach_no_host(isolated_view: QueryPath, listener: Listener) -> None:
    if not _can_isolate():
        pytest.skip("this platform cannot isolate a process from the network")
    workers = isolated_view.workers
    assert workers is not None

    @EXAMPLES
    @given(queries(listener.port))
    def attempt(text: str) -> None:
        # straight to the workers: no text check at all, the namespace alone must hold
        with contextlib.suppress(NapGraphError):
            workers.query(text)

    attempt()
    assert listener.connections == 0


@pytest.mark.slow
def test_queries_in_the_service_process_reach_no_host(listener: Listener) -> None:
    store = OxigraphStore()
    store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }")
    view = QueryPath(store)  # no workers: the strict check is what stands in the way

    @EXAMPLES
    @given(queries(listener.port))
    def attempt(text: str) -> None:
        _run(view, text)

    attempt()
    assert listener.connections == 0


def test_an_allowed_service_call_is_received(tmp_path: Path) -> None:
    control = Listener()
    try:
        allowed = f"http://127.0.0.1:{control.port}/sparql"
        store = OxigraphStore()
        view = QueryPath(store, policy=QueryPolicy(service_allowlist=(allowed,)))
        _run(view, f"SELECT * WHERE {{ SERVICE <{allowed}> {{ ?s ?p ?o }} }}")
        assert control.connections >= 1
    finally:
        control.close()
