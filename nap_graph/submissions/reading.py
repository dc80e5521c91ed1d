"""Reading a received file: size and encoding checks, format detection, dispatch to the
format's parser. Anything that cannot be read as a submission raises
:class:`~nap_graph.errors.SubmissionReadError` with every problem found (exit code 2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from nap_graph.errors import SubmissionReadError
from nap_graph.i18n import gettext as _
from nap_graph.submissions.csv_format import parse_csv
from nap_graph.submissions.export_format import parse_export
from nap_graph.submissions.json_format import parse_json, validation_problems
from nap_graph.submissions.model import Location, ParsedSubmission, Problem, Severity, SourceInfo
from nap_graph.submissions.rdf_format import parse_rdf

MAX_BYTES = 5 * 1024 * 1024
"""The largest submission file accepted (a seed-sized record is 9 KB)."""

MEDIA_TYPES = {
    "export": "text/plain",
    "json": "application/json",
    "csv": "text/csv",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
}
SUFFIXES = {".txt": "export", ".json": "json", ".csv": "csv", ".ttl": "turtle", ".jsonld": "jsonld"}


def detect_format(file_name: str) -> str:
    """The format of a file by its suffix (``.txt`` is the partner database's export)."""
    fmt = SUFFIXES.get(Path(file_name).suffix.lower())
    if fmt is None:
        known = ", ".join(f"{s} ({f})" for s, f in SUFFIXES.items())
        raise SubmissionReadError(
            file_name,
            [
                Problem(
                    Severity.error, f"unknown file type; expected one of {known}", Location("file")
                )
            ],
        )
    return fmt


def sniff_format(text: str) -> str:
    """The format of pasted text without a file name: JSON (``{`` or ``[``), JSON-LD (JSON
    with ``@context``), Turtle (``@prefix``, ``PREFIX`` or an IRI first, after any ``#``
    comment lines), CSV (a header line naming the ``organisation`` column), else the partner
    database's export.

    >>> sniff_format('{"organisation": "TNN"}'), sniff_format("@prefix wps: <x> .")
    ('json', 'turtle')
    """
    start = text.lstrip("\ufeff \t\r\n")
    lines = (line.strip().lower() for line in start.split("\n"))
    first_line = next((line for line in lines if line and not line.startswith("#")), "")
    if start.startswith(("{", "[")):
        return "jsonld" if '"@context"' in start[:2000] else "json"
    if first_line.startswith(("@prefix", "prefix ", "@base", "<http")):
        return "turtle"
    if "," in first_line and first_line.split(",")[0].strip('" ') in {"organisation", "plan"}:
        return "csv"
    return "export"


def decode(data: bytes, file_name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a clear error."""

    def fail(message: str, line: int | None = None) -> SubmissionReadError:
        return SubmissionReadError(file_name, [Problem.error(message, Location("file", line=line))])

    if len(data) > MAX_BYTES:
        raise fail(
            _("the file is {size} bytes; the limit is {limit} bytes").format(
                size=f"{len(data):,}", limit=f"{MAX_BYTES:,}"
            )
        )
    if not data.strip():
        raise fail(_("the file is empty"))
    if is_binary(data):
        raise fail(
            _(
                "the file is not text (an image, a PDF or a word-processor file?): a record "
                "is a text file (.txt, .json, .csv, .ttl) in UTF-8"
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(
            _(
                "not UTF-8: byte 0x{byte} at offset {offset}; save the file as UTF-8 (it may "
                "be Latin-1 or Windows-1252)"
            ).format(byte=f"{data[exc.start]:02x}", offset=exc.start),
            line,
        ) from exc


BINARY_STARTS = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
"""How images, PDFs, zip-based office files and old Word files start."""


def is_binary(data: bytes) -> bool:
    """Whether ``data`` is plainly not text: NUL bytes, or the start of an image, a PDF or an
    office file."""
    return b"\x00" in data or data.startswith(BINARY_STARTS)


def recognised_format(file_name: str, text: str) -> str:
    """The one choice of reader for received text, on every path (upload, paste, API, CLI):
    the file's suffix where it names a structured format; otherwise (no suffix, or ``.txt``,
    which people save anything pasted as) what the text looks like (:func:`sniff_format`:
    the partner database's export unless it is plainly JSON, Turtle or CSV). A name with an
    unknown suffix is refused (:func:`detect_format`)."""
    suffix = Path(file_name).suffix.lower()
    if suffix and suffix != ".txt" and suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix and suffix not in SUFFIXES:
        return detect_format(file_name)
    return sniff_format(text[:4000])


def read_submissions(
    data: bytes, file_name: str, *, fmt: str | None = None
) -> list[ParsedSubmission]:
    """Every submission in a received file (a CSV may hold many; other formats one); the
    reader is ``fmt`` when given, else :func:`recognised_format`'s."""
    text = decode(data, file_name)
    fmt = fmt or recognised_format(file_name, text)
    source = SourceInfo(
        file_name=Path(file_name).name,
        media_type=MEDIA_TYPES[fmt],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    try:
        return _parse(text, source, file_name, fmt)
    except ValidationError as exc:  # a field past its limit in a format read field by field
        raise SubmissionReadError(file_name, validation_problems(exc)) from exc


def _parse(text: str, source: SourceInfo, file_name: str, fmt: str) -> list[ParsedSubmission]:
    if fmt == "export":
        parsed = parse_export(text, source)
        errors = [p for p in parsed.problems if p.severity is Severity.error]
        if errors:
            raise SubmissionReadError(file_name, errors)
        return [parsed]
    result: ParsedSubmission | list[ParsedSubmission] | list[Problem]
    if fmt == "json":
        result = parse_json(text, source)
    elif fmt == "csv":
        result = parse_csv(text, source)
    else:
        result = parse_rdf(text, source, fmt=fmt)
    if isinstance(result, ParsedSubmission):
        return [result]
    if result and isinstance(result[0], Problem):
        raise SubmissionReadError(file_name, list(result))
    return list(result)  # type: ignore[arg-type]


def file_bytes(path: Path) -> bytes:
    """A received file's bytes; :class:`SubmissionReadError` if it cannot be opened."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SubmissionReadError(
            str(path),
            [Problem.error(f"cannot read the file: {exc.strerror}", Location("file"))],
        ) from exc


def read_file(path: Path, *, fmt: str | None = None) -> list[ParsedSubmission]:
    """:func:`read_submissions` on a file, with a clear error if it cannot be opened."""
    return read_submissions(file_bytes(path), str(path), fmt=fmt)
