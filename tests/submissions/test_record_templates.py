"""The records to start from (``/check/template.*``) are read by the same readers as any
record, in every format and language, and check clean: no error, violation or warning."""

from __future__ import annotations

import pytest

from nap_graph.submissions.checking import check_bytes
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.record_templates import FORMATS, template, template_record


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("suffix", list(FORMATS))
def test_each_template_checks_clean(suffix: str, lang: str) -> None:
    data = template(suffix, lang)
    (record,) = check_bytes(data, f"template.{suffix}", lang=lang).records
    assert (record.errors, record.violations, record.warnings) == (0, 0, 0), [
        p.message for p in record.ordered
    ]
    (parsed,) = read_submissions(data, f"template.{suffix}")
    expected = template_record(lang)
    assert parsed.record.organisation == expected.organisation
    assert parsed.record.strategic_outcomes == ["1"] and parsed.record.sub_outcomes == ["1.1"]
    assert {c.outcome: c.text for c in parsed.record.contributions} == {
        c.outcome: c.text for c in expected.contributions
    }


def test_the_dutch_template_speaks_dutch() -> None:
    assert "Vervang dit" in template("json", "nl").decode("utf-8")
    assert "Replace this" in template("txt", "en").decode("utf-8")


def test_no_template_in_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="txt, json, csv"):
        template("pdf")
