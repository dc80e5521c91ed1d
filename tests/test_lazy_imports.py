"""`import nap_graph` is light: a query worker's imports do not pull in pySHACL, rdflib,
pydantic or FastAPI (the public names load when first used)."""

from __future__ import annotations

import subprocess
import sys

PROBE = (
    "import sys, nap_graph.query_workers, nap_graph.store.oxigraph_store\n"
    "print(','.join(m for m in ('pyshacl', 'rdflib', 'pydantic', 'fastapi') if m in sys.modules))"
)


def test_worker_imports_leave_the_heavy_libraries_out() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_still_load_on_first_use() -> None:
    import nap_graph

    assert callable(nap_graph.validate_submission)
    assert "validate_submission" in dir(nap_graph)
    try:
        nap_graph.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an unknown name must raise AttributeError")
