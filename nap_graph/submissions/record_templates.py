"""A record to start from, in each format a record is read in (the partner database's export
layout, JSON, CSV), in English or Dutch: a small valid record of a made-up organisation whose
texts say what to write. ``/check`` offers them for download (docs/site.md); each is read
and checked by the same path as any record (tests/submissions/test_record_templates.py)."""

from __future__ import annotations

import json

from nap_graph.submissions.csv_format import render_csv
from nap_graph.submissions.export_format import render_export
from nap_graph.submissions.model import SubmissionRecord

TEXTS = {
    "en": {
        "organisation": "Example Foundation for Peace",
        "organisation_description": "Replace this: what your organisation is and does, in two "
        "or three sentences.",
        "activities_description": "Replace this: your main activities for women, peace and "
        "security, in a few sentences.",
        "1": "Replace this: what you do for strategic outcome 1, Participation.",
        "1.1": "Replace this: what you do for sub-outcome 1.1.",
        "focus": "National focus: replace this with where you work, for example in the "
        "Netherlands.",
    },
    "nl": {
        "organisation": "Voorbeeldstichting voor Vrede",
        "organisation_description": "Vervang dit: wat uw organisatie is en doet, in twee of drie "
        "zinnen.",
        "activities_description": "Vervang dit: uw belangrijkste activiteiten voor vrouwen, "
        "vrede en veiligheid, in een paar zinnen.",
        "1": "Vervang dit: wat u doet voor strategische doelstelling 1, Participatie.",
        "1.1": "Vervang dit: wat u doet voor subdoelstelling 1.1.",
        "focus": "Nationale focus: vervang dit door waar u werkt, bijvoorbeeld in Nederland.",
    },
}
FORMATS = {
    "txt": ("text/plain; charset=utf-8", "export"),
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
"""Suffix -> media type and the reader's name."""


def template_record(lang: str = "en") -> SubmissionRecord:
    """The record the templates hold, its texts in ``lang`` (en or nl)."""
    texts = TEXTS.get(lang, TEXTS["en"])
    return SubmissionRecord.model_validate(
        {
            "plan": "nld-nap-4",
            "language": lang if lang in TEXTS else "en",
            "organisation": texts["organisation"],
            "organisation_kind": "Civil Society Organization",
            "organisation_description": texts["organisation_description"],
            "activities_description": texts["activities_description"],
            "strategic_outcomes": ["1"],
            "sub_outcomes": ["1.1"],
            "investment_types": ["Programmatic"],
            "contributions": [
                {"outcome": "1", "text": texts["1"]},
                {"outcome": "1.1", "text": texts["1.1"]},
            ],
            "focus_description": texts["focus"],
            "geographic_focus": ["national"],
            "countries": ["Netherlands"],
        }
    )


def template(suffix: str, lang: str = "en") -> bytes:
    """The template as a file with ``suffix`` (``txt``: the export layout, ``json``, ``csv``;
    a CSV with a byte-order mark, so that spreadsheet programs read it as UTF-8)."""
    record = template_record(lang)
    if suffix == "txt":
        return render_export(record).encode("utf-8")
    if suffix == "json":
        data = record.model_dump(mode="json", exclude_defaults=True)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if suffix == "csv":
        return ("\ufeff" + render_csv([record])).encode("utf-8")
    raise ValueError(f"no template for {suffix!r}: expected one of {', '.join(FORMATS)}")
