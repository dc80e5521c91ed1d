"""The public API is what ``__all__`` says, and its docstring examples run."""

from __future__ import annotations

import doctest

import nap_graph
import nap_graph.iris


def test_all_names_exist_and_are_public() -> None:
    for name in nap_graph.__all__:
        assert hasattr(nap_graph, name), name
    exported = {
        n
        for n in dir(nap_graph)
        if not n.startswith("_") and not hasattr(getattr(nap_graph, n), "__path__")
    }
    modules = {
        "cli",
        "default_data",
        "errors",
        "integrity",
        "iris",
        "namespaces",
        "querying",
        "resources",
        "annotations",
    }
    assert exported - modules == set(nap_graph.__all__) - {"__version__"}


def test_docstring_examples_run() -> None:
    for module in (nap_graph, nap_graph.iris):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__
