"""Records as the partner database and the public signatory pages write them (DOMAIN.md, "The
partner database's records as they are found in the wild"): each variation with a record
written for the test, and property-based rewrites of the seed into layout variants."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nap_graph.errors import SubmissionReadError
from nap_graph.namespaces import ID
from nap_graph.submissions.export_format import known_question
from nap_graph.submissions.model import ParsedSubmission, Severity
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.reports import record_summary
from nap_graph.submissions.validation import SubmissionReport, validate_submission
from tests.submissions.helpers import SEED, SEED_CONTRIBUTIONS

COUNTRY = "http://publications.europa.eu/resource/authority/country/"
KIND = f"{ID}organisation-kind/"

# A small civil-society organisation's record, as its public signatory page shows it: no
# "Database" line, a "Website URL" question, several outcomes on one line, items ending in
# ";" and ".", numbers without a space, sub-outcomes separated by blank lines.
CSO_PAGE = """\
Vrouwen voor Vrede Nederland

Name of organization/institution
Vrouwen voor Vrede Nederland

Website URL
https://www.example.org/vvvn

Organization details
Civil Society Organization

Description of your organization/institution
A volunteer organisation of women from the Yemeni and Afghan diaspora.

Description of your main WPS related activities
We support women peacebuilders in Yemen and Afghanistan.

Strategic outcome
1.Participation - More women hold leadership positions; 3. Protection - Women and girls, as well as men and boys.

Sub-outcome 1

1.2 Women's and diaspora organisations, human rights defenders and peace builders working for women's rights;

1.3 Peace processes are inclusive and bottom-up.

What type of investments will you make to contribute to the selected outcome(s)?
Programmatic

Description/comments
Strategic outcome 1: We train women mediators in Yemen.
Sub-outcome 1.2: We support diaspora women's organisations in the Netherlands.
Sub-outcome 1.3: Our members take part in local peace dialogues in Afghanistan.
Strategic outcome 3: We run legal aid clinics for survivors.

Country/Region
Yemen, Afghanistan and the Netherlands.
"""


def _read(text: str, name: str = "r.txt") -> ParsedSubmission:
    (parsed,) = read_submissions(text.encode(), name)
    return parsed


def _report(text: str) -> SubmissionReport:
    return validate_submission(_read(text))


def _messages(report: SubmissionReport, severity: Severity) -> list[str]:
    return [p.message for p in report.problems if p.severity is severity]


def test_signatory_page_layout_is_read() -> None:
    report = _report(CSO_PAGE)
    record = report.parsed.record
    assert record.website == "https://www.example.org/vvvn"
    assert record.strategic_outcomes == ["1", "3"]
    assert record.sub_outcomes == ["1.2", "1.3"]
    assert record.investment_types == ["Programmatic"]
    assert [c.outcome for c in record.contributions] == ["1", "1.2", "1.3", "3"]
    assert report.conforms, _messages(report, Severity.violation)
    summary = record_summary(report)
    assert summary["organisation_kind"] == f"{KIND}civil-society-organisation"
    assert summary["countries"] == [f"{COUNTRY}YEM", f"{COUNTRY}AFG", f"{COUNTRY}NLD"]
    assert summary["geographic_focus"] == ["international", "national"]


def test_website_becomes_the_homepage() -> None:
    report = _report(CSO_PAGE)
    graph = report.submission.graph
    homepages = [
        o.value for o in graph.objects(report.submission.organisation, None) if "example" in o.value
    ]
    assert homepages == ["https://www.example.org/vvvn"]


def test_empty_website_answer_is_fine() -> None:
    text = CSO_PAGE.replace("https://www.example.org/vvvn\n", "")
    report = _report(text)
    assert report.parsed.record.website is None
    assert report.conforms


@pytest.mark.parametrize("question", ["Website url", "WEBSITE URL", "Website URL:"])
def test_website_question_in_any_case(question: str) -> None:
    report = _report(CSO_PAGE.replace("Website URL", question))
    assert report.parsed.record.website == "https://www.example.org/vvvn"


def test_an_unknown_question_is_a_warning_and_the_rest_is_read() -> None:
    text = CSO_PAGE.replace(
        "Organization details",
        "Contact e-mail address\ninfo@example.org\n\nNumber of volunteers?\n12\n\nOrganization details",
    )
    report = _report(text)
    warnings = _messages(report, Severity.warning)
    line = text.splitlines().index("Contact e-mail address") + 1
    assert any(f"unknown question 'Contact e-mail address' at line {line}" in m for m in warnings)
    assert any("unknown question 'Number of volunteers?'" in m for m in warnings)
    assert report.parsed.record.organisation_kind == "Civil Society Organization"
    assert report.conforms


def test_description_under_organisation_details_is_kept_as_the_description() -> None:
    text = CSO_PAGE.replace(
        "Civil Society Organization\n\nDescription of your organization/institution\n"
        "A volunteer organisation of women from the Yemeni and Afghan diaspora.\n",
        "We are a volunteer organisation of women from the Yemeni and Afghan diaspora, "
        "founded in 2015.\n",
    )
    report = _report(text)
    record = report.parsed.record
    assert record.organisation_kind is None
    assert record.organisation_description and "founded in 2015" in record.organisation_description
    assert any("holds a description, not a kind" in m for m in _messages(report, Severity.warning))


def test_empty_kind_of_a_known_organisation_takes_the_reference_kind() -> None:
    seed = SEED.read_text(encoding="utf-8").replace(
        "Organization details\n\nGovernment\n\n", "Organization details\n\n"
    )
    report = _report(seed)
    assert report.conforms, _messages(report, Severity.violation)
    assert record_summary(report)["organisation_kind"] == f"{KIND}government-body"


@pytest.mark.parametrize(
    ("wording", "kind"),
    [
        ("Civil Society Organization", "civil-society-organisation"),
        ("civil society organisation", "civil-society-organisation"),
        ("NGO", "civil-society-organisation"),
        ("Government", "government-body"),
        ("Overheid", "government-body"),
        ("Knowledge Institution", "knowledge-institution"),
        ("International Organization", "international-organisation"),
        ("Private sector", "private-sector"),
    ],
)
def test_kind_wordings(wording: str, kind: str) -> None:
    report = _report(CSO_PAGE.replace("Civil Society Organization", wording))
    assert record_summary(report)["organisation_kind"] == f"{KIND}{kind}"
    assert report.conforms


def test_an_unknown_kind_is_a_violation_naming_found_and_allowed() -> None:
    report = _report(CSO_PAGE.replace("Civil Society Organization", "Sports club"))
    (violation,) = _messages(report, Severity.violation)
    assert "'Sports club' is not a kind of organisation; known:" in violation
    assert "Civil-society organisation" in violation


def test_a_record_cut_off_mid_field_says_where() -> None:
    seed = SEED.read_text(encoding="utf-8")
    cut = seed[: seed.index("Sub-outcome 3.2: Impunity") + 120]
    report = _report(cut)
    lines = cut.splitlines()
    (warning,) = [m for m in _messages(report, Severity.warning) if "cut off" in m]
    assert f"cut off at line {len(lines)}, in 'Description/comments'" in warning
    assert "stops mid-sentence" in warning and "'Country/Region'" in warning
    assert report.parsed.record.strategic_outcomes == ["1", "2", "3", "5"]


def test_a_record_cut_off_in_the_outcome_list_is_read_up_to_the_cut() -> None:
    seed = SEED.read_text(encoding="utf-8")
    cut = seed[: seed.index("3. Protection") + 20]
    report = _report(cut)
    assert report.parsed.record.strategic_outcomes == ["1", "2", "3"]
    assert any(
        "cut off" in m and "'Description/comments'" in m
        for m in _messages(report, Severity.warning)
    )


def test_a_complete_record_is_not_called_cut_off() -> None:
    for text in (SEED.read_text(encoding="utf-8"), CSO_PAGE):
        assert not any("cut off" in p.message for p in _report(text).problems)


@pytest.mark.parametrize(
    "line",
    [
        "3.2 Impunity is combatted by prosecuting suspects and imposing sanctions on perpetrators",
        "3.2 Impunity for violent offences against women and girls combatted",
        "3.2 Impunity for violent off",
        "3.2 Impunity for violent offences against women and girls combatted.",
    ],
)
def test_outcome_titles_full_short_and_cut_are_accepted(line: str) -> None:
    seed = SEED.read_text(encoding="utf-8").replace(
        "3.2 Impunity for violent offences against women and girls combatted,", line
    )
    assert not any("is that of outcome" in p.message for p in _report(seed).problems)


def test_outcome_text_contradicting_its_number_is_a_warning() -> None:
    seed = SEED.read_text(encoding="utf-8").replace(
        "3.2 Impunity for violent offences against women and girls combatted,",
        "3.2 Asylum policy is gender-sensitive, gender-responsive",
    )
    assert any(
        "the text of outcome 3.2 is that of outcome 3.4" in p.message
        for p in _report(seed).problems
    )


def test_relief_outcome_with_nothing_after_the_dash() -> None:
    text = CSO_PAGE.replace(
        "3. Protection - Women and girls, as well as men and boys.",
        "4. Relief, reconstruction and recovery - ,",
    )
    text = text.replace("Strategic outcome 3: We run", "Strategic outcome 4: We run")
    report = _report(text)
    assert report.parsed.record.strategic_outcomes == ["1", "4"]
    assert not any("is that of outcome" in p.message for p in report.problems)


@pytest.mark.parametrize(
    ("text", "countries", "regions"),
    [
        ("International: Yemen and Afghanistan.", ["YEM", "AFG"], []),
        ("Our work is in the DRC and in Syria.", ["COD", "SYR"], []),
        ("Democratic Republic of the Congo, Palestine.", ["COD", "PSE"], []),
        ("Internationaal: Jemen, Syrië en de Palestijnse Gebieden.", ["YEM", "SYR", "PSE"], []),
        ("Projects across the Sahel and the Horn of Africa.", [], ["sahel", "horn-of-africa"]),
        ("The MENA region and the Great Lakes.", [], ["mena", "great-lakes"]),
    ],
)
def test_countries_and_regions_from_the_focus_text(
    text: str, countries: list[str], regions: list[str]
) -> None:
    report = _report(CSO_PAGE.replace("Yemen, Afghanistan and the Netherlands.", text))
    summary = record_summary(report)
    assert summary["countries"] == [f"{COUNTRY}{c}" for c in countries] + [
        f"{ID}region/{r}" for r in regions
    ]
    assert summary["geographic_focus"] == ["international"]


def test_focus_follows_the_countries_when_not_stated() -> None:
    report = _report(
        CSO_PAGE.replace("Yemen, Afghanistan and the Netherlands.", "The Netherlands.")
    )
    assert record_summary(report)["geographic_focus"] == ["national"]


# --- property-based layout variants of the seed -------------------------------------------

SEED_TEXT = SEED.read_text(encoding="utf-8")
OUTCOME_ITEM = re.compile(r"^(\d+(?:\.\d+)?)(\.?) (.*?),?$")


def _variant(
    text: str, *, crlf: bool, database: bool, blank: str, end: str, join: bool, nospace: bool
) -> str:
    lines = text.splitlines()
    out: list[str] = []
    in_list = False
    for line in lines:
        if line == "Database" and not database:
            continue
        if line in ("Strategic outcome",) or (line.startswith("Sub-outcome ") and ":" not in line):
            in_list = True
            out.append(line)
            continue
        if in_list and line and not OUTCOME_ITEM.match(line):
            in_list = False
        if in_list and line:
            match = OUTCOME_ITEM.match(line)
            assert match
            code, dot, title = match.groups()
            sep = "" if nospace and dot else " "
            line = f"{code}{dot}{sep}{title}{end}"
        out.append(line)
    result = "\n".join(out)
    if join:  # several strategic outcomes on one line, ", "-separated
        head, _, rest = result.partition("Strategic outcome\n\n")
        block, _, tail = rest.partition("\n\nSub-outcome 3")
        items = [i.rstrip(",;.") for i in block.split("\n\n") if i]
        result = head + "Strategic outcome\n\n" + ", ".join(items) + "\n\nSub-outcome 3" + tail
    result = result.replace("\n\n", "\n" + blank + "\n") if blank != "\n" else result
    return result.replace("\n", "\r\n") if crlf else result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    crlf=st.booleans(),
    database=st.booleans(),
    blank=st.sampled_from(["", "\n", "   "]),
    end=st.sampled_from([",", ";", ".", ""]),
    join=st.booleans(),
    nospace=st.booleans(),
)
def test_layout_variants_read_the_same_outcomes(
    crlf: bool, database: bool, blank: str, end: str, join: bool, nospace: bool
) -> None:
    text = _variant(
        SEED_TEXT, crlf=crlf, database=database, blank=blank, end=end, join=join, nospace=nospace
    )
    parsed = _read(text)
    assert parsed.record.strategic_outcomes == ["1", "2", "3", "5"]
    assert parsed.record.sub_outcomes == ["3.1", "3.2", "3.4", "5.1"]
    assert [c.outcome for c in parsed.record.contributions] == SEED_CONTRIBUTIONS
    report = validate_submission(parsed)
    assert report.conforms, [p.message for p in report.problems]
    assert not any(
        "cut off" in p.message or "unknown question" in p.message for p in report.problems
    )


LAST_ANSWER = SEED_TEXT.rfind("Country/Region") + len("Country/Region\n\n")
"""Where the record's last answer starts: a cut inside its first words cannot be told from
a short answer (nothing follows the last question to be missing)."""


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.integers(min_value=0, max_value=len(SEED_TEXT)))
def test_a_cut_at_any_point_is_never_unreadable_unless_no_question_is_left(cut: int) -> None:
    text = SEED_TEXT[:cut]
    try:
        parsed = _read(text)
    except SubmissionReadError as exc:
        assert all(p.severity is Severity.error for p in exc.problems)
        assert not any(known_question(line.strip()) for line in text.splitlines())
        return
    report = validate_submission(parsed)
    full = ["1", "2", "3", "5"]
    assert parsed.record.strategic_outcomes == full[: len(parsed.record.strategic_outcomes)]
    if cut < len(SEED_TEXT) - 60 and not LAST_ANSWER <= cut < LAST_ANSWER + 41:
        assert (
            any("cut off" in p.message for p in report.problems) or not parsed.record.organisation
        )
