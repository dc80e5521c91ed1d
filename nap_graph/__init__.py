"""nap-graph: linked data for Women, Peace and Security National Action Plans.

>>> import nap_graph
>>> store = nap_graph.load_default_store()
>>> query = "SELECT ?n WHERE { ?o skos:broader/skos:notation '3' ; skos:notation ?n }"
>>> rows = nap_graph.select(store, query)
>>> sorted(r["n"] for r in rows)
['3.1', '3.2', '3.3', '3.4']
"""

from __future__ import annotations

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
