"""Checking received bytes as a whole: read every record in them, validate each, and keep
what a report needs. One path for ``nap-graph validate``, ``POST /submissions/validate``'s
readers and the website's ``/check`` page, so that all three say the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from nap_graph.errors import SubmissionReadError
from nap_graph.i18n import language
from nap_graph.submissions.model import Problem, Severity
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.reports import (
    EXIT_UNREADABLE,
    exit_code,
    in_report_order,
    json_report,
    record_summary,
    text_report,
)
from nap_graph.submissions.validation import SubmissionReport, validate_submission


@dataclass(slots=True)
class CheckedRecord:
    """One record of the input: what was read (``None`` when nothing could be) and its
    problems; the SHACL report when it was validated."""

    problems: list[Problem]
    record: dict[str, object] | None = None
    report: SubmissionReport | None = None

    @property
    def exit_code(self) -> int:
        return exit_code(self.problems)

    @property
    def ordered(self) -> list[Problem]:
        """The problems as the text report lists them."""
        return in_report_order(self.problems)

    def count(self, severity: Severity) -> int:
        return sum(p.severity is severity for p in self.problems)

    @property
    def errors(self) -> int:
        return self.count(Severity.error)

    @property
    def violations(self) -> int:
        return self.count(Severity.violation)

    @property
    def warnings(self) -> int:
        return self.count(Severity.warning)


@dataclass(slots=True)
class CheckResult:
    """Every record of one input, in the language it was checked in."""

    name: str
    records: list[CheckedRecord] = field(default_factory=list)
    lang: str = "en"

    @property
    def exit_code(self) -> int:
        return max((r.exit_code for r in self.records), default=EXIT_UNREADABLE)

    def text(self) -> str:
        """The report as ``nap-graph validate`` prints it."""
        with language(self.lang):
            return "\n".join(text_report(self.name, r.problems, r.record) for r in self.records)

    def json(self) -> list[dict[str, object]]:
        return [json_report(self.name, r.problems, r.record) for r in self.records]


def check_bytes(
    data: bytes,
    name: str,
    *,
    fmt: str | None = None,
    lang: str = "en",
    aliases: Mapping[str, str] | None = None,
) -> CheckResult:
    """Read ``data`` (format from ``fmt``, else from ``name``) and validate every record in
    it; reader and validation messages in ``lang``. Stores nothing."""
    result = CheckResult(name, lang=lang)
    with language(lang):
        try:
            parsed_all = read_submissions(data, name, fmt=fmt)
        except SubmissionReadError as exc:
            result.records.append(CheckedRecord(list(exc.problems)))
            return result
        for parsed in parsed_all:
            report = validate_submission(parsed, lang=lang, aliases=aliases)
            result.records.append(
                CheckedRecord(list(report.problems), record_summary(report), report)
            )
    return result
