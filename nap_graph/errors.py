"""Every exception nap-graph raises on purpose.

::

    NapGraphError
    ├── ResourceNotFoundError      ontology, shapes or data folder missing from the install
    ├── DataFileError              a shipped or given RDF file cannot be read or parsed
    ├── QueryError                 a SPARQL query is malformed or cannot be evaluated
    └── ValidationSetupError       the shapes themselves cannot be loaded

Messages name the input (file, line, field), what was expected and what was found.
"""

from __future__ import annotations


class NapGraphError(Exception):
    """Base class of all nap-graph errors."""


class ResourceNotFoundError(NapGraphError):
    """The ontology, shapes or data that ship with nap-graph cannot be found."""


class DataFileError(NapGraphError):
    """An RDF file cannot be read or parsed; the message names the file and the line."""


class QueryError(NapGraphError):
    """A SPARQL query is malformed or fails; the message carries the parser's words."""


class ValidationSetupError(NapGraphError):
    """The SHACL shapes or the ontology used for validation cannot be loaded."""
