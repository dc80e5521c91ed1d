"""The public API is what ``__all__`` says, and its docstring examples run."""

from __future__ import annotations

import doctest
import inspect

import nap_graph
import nap_graph.iris
import nap_graph.submissions.mentions


def test_all_names_exist_and_are_public() -> None:
    for name in nap_graph.__all__:
        assert hasattr(nap_graph, name), name
    exported = {
        n
        for n in dir(nap_graph)
        if not n.startswith("_")
        and not inspect.ismodule(getattr(nap_graph, n))
        and n != "annotations"
    }
    assert exported == set(nap_graph.__all__) - {"__version__"}


def test_docstring_examples_run() -> None:
    """Every example in every module's docstrings runs (as pyoxigraph's do)."""
    import importlib
    import pkgutil

    attempted = 0
    for info in pkgutil.walk_packages(nap_graph.__path__, "nap_graph."):
        module = importlib.import_module(info.name)
        result = doctest.testmod(module)
        assert result.failed == 0, info.name
        attempted += result.attempted
    for module in (nap_graph, nap_graph.iris, nap_graph.submissions.mentions):
        assert doctest.testmod(module).attempted > 0, module.__name__
    assert attempted >= 10
