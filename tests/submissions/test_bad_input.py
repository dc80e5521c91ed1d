"""Bad input never crashes and never half-lands: a clear error naming the line or field, and
the right exit code (0 valid, 1 invalid, 2 unreadable), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.submissions.reading import MAX_BYTES, read_submissions
from nap_graph.submissions.validation import validate_submission
from tests.submissions.helpers import EXAMPLES, RECEIVED, SEED, read_one

runner = CliRunner()
SEED_TEXT = SEED.read_text(encoding="utf-8")


def _validate(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["validate", str(path), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\r\n  ", "the file is empty"),
        ("junk.txt", bytes(range(256)) * 10, "not text"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)), "not text"),
        (
            "latin1.txt",
            SEED_TEXT.replace("Prosecutor\u2019s", "Prosecutor\u00e9s").encode(
                "latin-1", errors="replace"
            ),
            "not UTF-8",
        ),
        ("huge.txt", b"a" * 20 * 1024 * 1024, "the limit is"),
        ("just-over.txt", b"a" * (MAX_BYTES + 1), "the limit is"),
        ("nothing.txt", b"hello\nworld\n", "no known question found"),
        ("wrong.json", b"[1, 2, 3]", "expected a JSON object"),
        ("broken.json", b'{"organisation": ', "not valid JSON"),
        (
            "shape.json",
            json.dumps({"organisation": "X", "strategic_outcomes": "1,2"}).encode(),
            "strategic_outcomes",
        ),
        ("extra.json", json.dumps({"organisation": "X", "colour": "red"}).encode(), "colour"),
        ("nocol.csv", b"organisation,strategic_outcomes\nX,1\n", "missing column(s) contributions"),
        ("bad.ttl", b"<a> <b> ", "not valid turtle"),
        ("none.ttl", b"<http://x/a> <http://x/b> <http://x/c> .", "exactly one wps:Submission"),
        ("file.pdf", b"%PDF-1.4", "not text"),
    ],
)
def test_unreadable_input_is_a_clear_error_with_exit_code_2(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    code, output = _validate(tmp_path, name, data)
    assert code == 2, output
    assert expected in output
    assert "unreadable" in output


def test_duplicate_section_is_a_violation_at_its_line(tmp_path: Path) -> None:
    text = SEED_TEXT + "\nCountry/Region\n\nNational.\n"
    code, output = _validate(tmp_path, "dup.txt", text.encode())
    line = len(text.splitlines()) - 2
    assert code == 1
    assert (
        f"dup.txt:{line}: violation: Country/Region: duplicate section 'Country/Region'" in output
    )


def test_error_names_the_line(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("5.1 Peace and security", "Peace and security")
    code, output = _validate(tmp_path, "r.txt", text.encode())
    assert code == 1
    line = (
        SEED_TEXT.splitlines().index(
            "5.1 Peace and security personnel gender aware; applies gender lens"
        )
        + 1
    )
    assert f"r.txt:{line}: violation: Sub-outcome 5: expected an item such as '5.1 ...'" in output


def test_latin1_error_names_the_line(tmp_path: Path) -> None:
    data = "Name of organization/institution\n\nCaf\u00e9 Zo\u00eb\n".encode("latin-1")
    code, output = _validate(tmp_path, "l.txt", data)
    assert code == 2 and "l.txt:3: error: file: not UTF-8: byte 0xe9" in output


def test_unknown_section_is_reported(tmp_path: Path) -> None:
    text = SEED_TEXT.replace(
        "Organization details\n\nGovernment",
        "Organization details\n\nGovernment\n\nContact person\n\nJane Doe",
    )
    code, output = _validate(tmp_path, "u.txt", text.encode())
    line = text.splitlines().index("Contact person") + 1
    assert code == 0, output
    assert f"u.txt:{line}: warning: Contact person: unknown question 'Contact person'" in output


def test_outcome_7_is_invalid_with_the_known_codes(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("5. WPS Mainstreaming", "7. Something else")
    code, output = _validate(tmp_path, "seven.txt", text.encode())
    assert code == 1
    assert (
        "Strategic outcome: '7' is not a strategic outcome of NAP 1325-IV; known: 1, 2, 3, 4, 5"
        in output
    )


def test_sub_outcome_without_strategic_is_a_violation(tmp_path: Path) -> None:
    text = SEED_TEXT.replace(
        "5. WPS Mainstreaming - A gender lens is applied to every reorganisation, improvement, development and evaluation of analysis, policy and policy implementation with regard to peace and security\n",
        "",
    )
    code, output = _validate(tmp_path, "s.txt", text.encode())
    assert code == 1
    assert "sub-outcome 5.1 is selected without its strategic outcome 5" in output


def test_outcome_text_that_does_not_match_its_number_is_a_warning(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("1. Participation - More women", "1. Protection - More women")
    code, output = _validate(tmp_path, "w.txt", text.encode())
    assert code == 0
    assert "warning: Strategic outcome: the text of outcome 1 is that of outcome 3" in output


def test_missing_name_and_kind_are_violations_at_their_fields(tmp_path: Path) -> None:
    text = SEED_TEXT.replace(
        "Name of organization/institution\n\nMinistry of Justice and Security\n\n", ""
    ).replace("Organization details\n\nGovernment\n\n", "")
    code, output = _validate(tmp_path, "n.txt", text.encode())
    assert code == 1
    assert (
        "violation: Name of organization/institution: The organisation's name is missing." in output
    )
    assert (
        "violation: Organization details: The kind of organisation is missing or unknown" in output
    )


def test_json_problem_has_a_pointer(tmp_path: Path) -> None:
    document = json.loads((EXAMPLES / "jenv.json").read_text(encoding="utf-8"))
    document["sub_outcomes"] = ["3.1", "3.9"]
    code, output = _validate(tmp_path, "p.json", json.dumps(document).encode())
    assert code == 1
    assert (
        "p.json#/sub_outcomes/1: violation: sub_outcomes[1]: '3.9' is not a sub-outcome of NAP 1325-IV; known: 3.1, 3.2, 3.3, 3.4"
        in output
    )


def test_csv_problem_has_row_and_column(tmp_path: Path) -> None:
    rows = (
        (EXAMPLES / "jenv.csv")
        .read_bytes()
        .decode()
        .replace("Policy;Programmatic", "Policy;Monetary")
    )
    code, output = _validate(tmp_path, "c.csv", rows.encode())
    assert code == 1
    assert (
        "c.csv:row 2, column investment_types: violation: investment_types: 'Monetary' is not an investment type; known: Financial, Policy, Programmatic"
        in output
    )


def test_json_report_format(tmp_path: Path) -> None:
    code, output = _validate(
        tmp_path, "seven.txt", SEED_TEXT.replace("5. WPS", "7. WPS").encode(), "--format", "json"
    )
    report = json.loads(output)
    assert code == 1 and report["valid"] is False
    problem = next(p for p in report["problems"] if p["severity"] == "violation")
    assert (
        problem["line"]
        == SEED_TEXT.splitlines().index(
            next(line for line in SEED_TEXT.splitlines() if line.startswith("5. WPS"))
        )
        + 1
    )
    assert problem["found"] == "7" and problem["field"] == "Strategic outcome"


def test_turtle_report_format(tmp_path: Path) -> None:
    code, output = _validate(tmp_path, "seed.txt", SEED.read_bytes(), "--format", "turtle")
    assert code == 0 and "sh:conforms true" in output


def test_quotes_markup_and_sparql_are_stored_as_plain_literals() -> None:
    nasty = 'He said """hi""" <script>alert(1)</script> \\ back\\slash \'; DROP ALL ; } INSERT DATA { <a> <b> <c> } #'
    text = SEED_TEXT.replace(
        "Strategic outcome 5: A gender lens", f"Strategic outcome 5: {nasty} A gender lens"
    )
    parsed = read_one(text.encode(), "nasty.txt")
    report = validate_submission(parsed, received=RECEIVED)
    assert report.conforms
    statements = [
        o.value
        for s, p, o in report.submission.graph
        if s.value.endswith("/contribution/5") and p.value.endswith("#statement")
    ]
    assert statements[0].startswith(nasty)


def test_report_lists_every_structural_problem() -> None:
    text = SEED_TEXT + "\nCountry/Region\n\nx\n\nStrategic outcome\n\nnot a code\n"
    (parsed,) = read_submissions(text.encode(), "many.txt")
    messages = [p.message for p in validate_submission(parsed).problems]
    assert any("duplicate section 'Country/Region'" in m for m in messages)
    assert any("expected an item such as '3. Protection" in m for m in messages)
