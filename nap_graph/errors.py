"""Every exception nap-graph raises on purpose.

::

    NapGraphError
    ├── ResourceNotFoundError      ontology, shapes or data folder missing from the install
    ├── BadRequestError            a request names something malformed (an IRI, a parameter)
    ├── DataFileError              a shipped or given RDF file cannot be read or parsed
    ├── QueryError                 a SPARQL query is malformed or cannot be evaluated
    │   ├── QueryRefusedError      the query would call a host that is not allowed (SERVICE, LOAD)
    │   └── ResultTooLargeError    the answer grew past the result limit and was stopped
    ├── ValidationSetupError       the shapes themselves cannot be loaded
    ├── SubmissionReadError        a submission cannot be read at all (exit code 2)
    │   └── PlanReadError          a plan file cannot be read at all
    ├── NotAllowedError            the principal may not make this write (another organisation's)
    ├── NotFoundError              a write names a version or activity the store does not hold
    ├── RefusedError               a write that cannot be made as asked (409)
    │   └── CurationRefusedError   a curation or organisation link that cannot be stored
    └── StoreError                 the store cannot do what was asked
        ├── StoreLockedError       another process has the on-disk store open for writing
        ├── StoreUnavailableError  the SPARQL server is down, unreachable or too slow
        ├── QueryTimeoutError      a query ran over its time limit and was stopped
        ├── QueryQueueFullError    every query worker is busy and the queue is full
        ├── TooManyQueriesError    one client has as many queries running as it may
        └── StoreRefusedError      the SPARQL server refused the request

Messages name the input (file, line, field), what was expected and what was found.
"""

from __future__ import annotations


class NapGraphError(Exception):
    """Base class of all nap-graph errors."""


class ResourceNotFoundError(NapGraphError):
    """The ontology, shapes or data that ship with nap-graph cannot be found."""


class BadRequestError(NapGraphError):
    """A request names something malformed: an IRI that is not one, a parameter out of its
    range. The message names the parameter, what was expected and what was found."""


class DataFileError(NapGraphError):
    """An RDF file cannot be read or parsed; the message names the file and the line."""


class QueryError(NapGraphError):
    """A SPARQL query is malformed or fails; the message carries the parser's words."""


class ValidationSetupError(NapGraphError):
    """The SHACL shapes or the ontology used for validation cannot be loaded."""


class SubmissionReadError(NapGraphError):
    """A submission cannot be read at all (not UTF-8, binary, too large, broken structure,
    JSON or CSV of the wrong shape). ``problems`` lists each with its line or field."""

    def __init__(self, file: str, problems: list[object]) -> None:
        self.file = file
        self.problems = problems
        first = getattr(problems[0], "message", str(problems[0])) if problems else "unreadable"
        super().__init__(f"{file}: {first}")


class StoreError(NapGraphError):
    """The store cannot do what was asked: base class of the store errors."""


class StoreLockedError(StoreError):
    """Another process has the on-disk store open for writing."""


class StoreUnavailableError(StoreError):
    """The SPARQL server is down, unreachable or too slow (after retries)."""


class StoreRefusedError(StoreError):
    """The SPARQL server answered but refused the request (status and its message)."""


class QueryTimeoutError(StoreError):
    """A query ran over its time limit and was stopped (its worker process killed)."""


class QueryRefusedError(QueryError):
    """The query or update would make the server call a host that is not on the allowlist
    (``SERVICE``, ``LOAD``), or uses a feature the service refuses; nothing was run."""


class ResultTooLargeError(QueryError):
    """The answer grew past the result limit; it was stopped while being produced."""


class QueryQueueFullError(StoreError):
    """Every query worker is busy and as many queries are waiting as the queue holds; the
    query was not queued (``retry_after``: seconds after which a retry is sensible)."""

    retry_after = 2


class TooManyQueriesError(StoreError):
    """One client already has as many queries running as a client may; the query was not
    started (``retry_after``: seconds after which a retry is sensible)."""

    retry_after = 1


class PlanReadError(SubmissionReadError):
    """A plan file cannot be read at all (exit code 2); ``problems`` name rows and columns."""


class NotAllowedError(NapGraphError):
    """The principal may not make this write: a signatory's record for another organisation,
    or a coordinator's task. The message names both by name."""


class NotFoundError(NapGraphError):
    """A write names a version, record or activity the store does not hold."""


class RefusedError(NapGraphError):
    """A write that cannot be made as asked (reverting to the current version, reviewing an
    activity that needs no review)."""


class CurationRefusedError(RefusedError):
    """A curation that cannot be stored: the version it curates is superseded, or a link
    between organisations that cannot be made."""
