"""JSON submissions: one document per submission, following ``docs/submission.schema.json``
(the JSON Schema of :class:`~nap_graph.submissions.model.SubmissionRecord`)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import ValidationError

from nap_graph.submissions.model import (
    Location,
    ParsedSubmission,
    Problem,
    SourceInfo,
    SubmissionRecord,
)
from nap_graph.submissions.plain_errors import plain_error


def json_pointer(loc: tuple[int | str, ...]) -> str:
    """A JSON pointer (RFC 6901) for a pydantic error location."""
    parts = (str(p).replace("~", "~0").replace("/", "~1") for p in loc)
    return "".join(f"/{p}" for p in parts)


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('contributions', 2, 'text')`` -> ``contributions[2].text``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def validation_problems(exc: ValidationError, location_of: object = None) -> list[Problem]:
    """Pydantic's errors as problems in plain words (:mod:`.plain_errors`), each with its
    JSON pointer."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        found = error.get("input")
        problems.append(
            Problem.error(
                plain_error(error),
                Location(field_path(loc) or "document", pointer=json_pointer(loc)),
                found=None if isinstance(found, dict | list) else repr(found)[:80],
            )
        )
    return problems


def _locations(value: object, loc: tuple[int | str, ...]) -> Iterator[tuple[str, Location]]:
    """Every field path in a document (``activities[0].targets[1].value``) with its pointer."""
    if loc:
        path = field_path(loc)
        yield path, Location(path, pointer=json_pointer(loc))
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _locations(item, (*loc, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _locations(item, (*loc, i))


def parse_document(
    data: str | bytes, file_name: str = "document"
) -> tuple[dict[str, object], dict[str, Location], list[Problem]]:
    """A JSON object, the location (JSON pointer) of every field path in it, and the
    problems that stop it being read (then the object is empty)."""

    def fail(message: str, line: int | None = None) -> tuple[dict, dict, list[Problem]]:
        return (
            {},
            {},
            [
                Problem.error(
                    message,
                    Location("document", line=line, pointer=None if line else ""),
                )
            ],
        )

    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        return fail(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", exc.lineno
        )
    except RecursionError:
        return fail(
            "the JSON document nests arrays or objects too deeply to read; a submission "
            "needs only a few levels"
        )
    except ValueError as exc:  # e.g. an integer of thousands of digits, or not UTF-8
        return fail(f"the JSON document holds a value that cannot be read: {exc}")
    if not isinstance(document, dict):
        return fail(
            f"expected a JSON object with the fields of a {file_name}, "
            f"found {type(document).__name__}"
        )
    return document, dict(_locations(document, ())), []


def parse_json(text: str, source: SourceInfo) -> ParsedSubmission | list[Problem]:
    """Read a JSON document; problems (with JSON pointers) if it is not a submission."""
    document, locations, problems = parse_document(text, "submission")
    if problems:
        return problems
    try:
        record = SubmissionRecord.model_validate(document)
    except ValidationError as exc:
        return validation_problems(exc)
    for name in ("organisation", "organisation_kind", "strategic_outcomes"):
        locations.setdefault(name, Location(name, pointer=json_pointer((name,))))
    return ParsedSubmission(record=record, source=source, locations=locations)
