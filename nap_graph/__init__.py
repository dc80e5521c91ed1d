"""nap-graph: linked data for Women, Peace and Security National Action Plans.

>>> import nap_graph
>>> store = nap_graph.load_default_store()
>>> query = "SELECT ?n WHERE { ?o skos:broader/skos:notation '3' ; skos:notation ?n }"
>>> rows = nap_graph.select(store, query)
>>> sorted(r["n"] for r in rows)
['3.1', '3.2', '3.3', '3.4']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nap_graph.lazy import lazy_exports as _lazy_exports

_EXPORTS = {
    "default_graph_files": "nap_graph.default_data",
    "load_data_graph": "nap_graph.default_data",
    "load_default_dataset": "nap_graph.default_data",
    "load_default_store": "nap_graph.default_data",
    "DataFileError": "nap_graph.errors",
    "NapGraphError": "nap_graph.errors",
    "QueryError": "nap_graph.errors",
    "ResourceNotFoundError": "nap_graph.errors",
    "SubmissionReadError": "nap_graph.errors",
    "ValidationSetupError": "nap_graph.errors",
    "IntegrityReport": "nap_graph.integrity",
    "validate_integrity": "nap_graph.integrity",
    "ask": "nap_graph.querying",
    "select": "nap_graph.querying",
    "SubmissionRecord": "nap_graph.submissions.model",
    "read_file": "nap_graph.submissions.reading",
    "read_submissions": "nap_graph.submissions.reading",
    "SubmissionReport": "nap_graph.submissions.validation",
    "validate_submission": "nap_graph.submissions.validation",
}
"""The public names and the modules they live in, imported when first used (PEP 562): a
process that needs only part of the library (a query worker) does not pay for pySHACL,
rdflib's parsers or pydantic's models."""

if TYPE_CHECKING:
    from nap_graph.default_data import (
        default_graph_files,
        load_data_graph,
        load_default_dataset,
        load_default_store,
    )
    from nap_graph.errors import (
        DataFileError,
        NapGraphError,
        QueryError,
        ResourceNotFoundError,
        SubmissionReadError,
        ValidationSetupError,
    )
    from nap_graph.integrity import IntegrityReport, validate_integrity
    from nap_graph.querying import ask, select
    from nap_graph.submissions.model import SubmissionRecord
    from nap_graph.submissions.reading import read_file, read_submissions
    from nap_graph.submissions.validation import SubmissionReport, validate_submission


__getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS, globals())

__version__ = "0.1.0"

__all__ = [
    "DataFileError",
    "IntegrityReport",
    "NapGraphError",
    "QueryError",
    "ResourceNotFoundError",
    "SubmissionReadError",
    "SubmissionRecord",
    "SubmissionReport",
    "ValidationSetupError",
    "__version__",
    "ask",
    "default_graph_files",
    "load_data_graph",
    "load_default_dataset",
    "load_default_store",
    "read_file",
    "read_submissions",
    "select",
    "validate_integrity",
    "validate_submission",
]
