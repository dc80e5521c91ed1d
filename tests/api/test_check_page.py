"""/check: a record checked in the browser says what `nap-graph validate` says, each problem
beside its line; an oversized file gets a readable refusal; nothing is stored; the rate is
bounded."""

from __future__ import annotations

import html
import re
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph_api.rate_limit import RateLimit
from tests.api.conftest import Server
from tests.submissions.helpers import SEED

HTML = {"Accept": "text/html"}


def _broken() -> str:
    text = SEED.read_text(encoding="utf-8")
    return (
        text.replace("\n3.2 Impunity", "\n3.9 Impunity", 1)
        .replace("\nPolicy, Programmatic", "\nPolicy, Monetary", 1)
        .replace("\n5. WPS", "\n7. WPS", 1)
    )


def _messages(page: str) -> list[str]:
    items = re.findall(r'<ol class="problems">(.*?)</ol>', page, re.S)[0]
    found = []
    for item in re.findall(r"<li>(.*?)</li>", items, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", item))
        found.append(" ".join(text.split()))
    return found


def test_the_page_reports_what_the_cli_reports(server: Server, tmp_path: Path) -> None:
    broken = _broken()
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    for lang in ("en", "nl"):
        cli = CliRunner().invoke(app, ["validate", str(path), "--lang", lang])
        expected = [
            line.split(": ", 3)[3]
            for line in cli.output.splitlines()
            if re.match(rf"{re.escape(str(path))}:\d+: ", line)
        ]
        with server.client() as client:
            page = client.post(
                "/check", params={"lang": lang}, data={"text": broken}, headers=HTML
            ).text
        shown = _messages(page)
        assert len(shown) == len(expected) == 6
        for message, item in zip(expected, shown, strict=True):
            assert message.split(": ", 1)[-1] in item, (message, item)


def test_each_problem_is_beside_its_line_and_nothing_is_stored(server: Server) -> None:
    with server.client() as client:
        before = client.get("/submissions?format=json").json()["total"]
        page = client.post(
            "/check", files={"upload": ("record.txt", _broken().encode())}, headers=HTML
        ).text
        after = client.get("/submissions?format=json").json()["total"]
    assert before == after
    row = re.search(r'<tr id="line-(\d+)" class="has-problem">(.*?)</tr>', page, re.S)
    assert row is not None
    rows = dict(re.findall(r'<tr id="line-(\d+)" class="has-problem">(.*?)</tr>', page, re.S))
    assert any("3.9 Impunity" in cells and "&#39;3.9&#39;" in cells for cells in rows.values())
    assert "Not valid yet" in page and "Ministry of Justice and Security" in page
    # GOV.UK's pattern: the verdict in an error summary that leads to the problems
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "There is a problem" in summary and 'href="#problems-1"' in summary
    assert 'id="problems-1"' in page


def test_other_formats_and_a_valid_record(server: Server) -> None:
    record = '{"organisation": "Transgender Netwerk Nederland", "plan": "nld-nap-4"}'
    with server.client() as client:
        json_page = client.post("/check", data={"text": record}, headers=HTML).text
        valid = client.post(
            "/check", files={"upload": ("seed.txt", SEED.read_bytes())}, headers=HTML
        ).text
    assert '<ol class="problems">' in json_page  # a JSON record without outcomes: problems
    assert "Valid</strong>" in valid


def test_oversized_and_empty_input_get_readable_pages(server: Server) -> None:
    with server.client() as client:
        big = client.post("/check", files={"upload": ("big.txt", b"x" * 1_100_000)}, headers=HTML)
        empty = client.post("/check", data={"text": "  "}, headers=HTML)
    assert big.status_code == 413 and "is this the right file?" in big.text
    assert 'role="alert"' in big.text
    assert empty.status_code == 400 and "There was nothing to check" in empty.text


def test_a_pasted_text_over_the_limit_is_a_413_with_the_text_kept(server: Server) -> None:
    """1.5 MB pasted: over the record limit (1 MB), over the form parser's default part limit
    (1 MB, which gave a bare 400 and lost the text), under the body limit: the page says why
    in the reader's language and keeps the text."""
    pasted = "Name of organization/institution\n\n" + "word " * 300_000
    for lang, sentence in (("en", "is this the right file?"), ("nl", "is dit het goede bestand?")):
        with server.client() as client:
            page = client.post(
                "/check",
                data={"text": pasted},
                headers={**HTML, "Accept-Language": lang},
            )
        assert page.status_code == 413, page.text[:300]
        assert sentence in page.text and 'role="alert"' in page.text
        kept = re.search(r'<textarea id="record-text"[^>]*>(.*?)</textarea>', page.text, re.S)
        assert kept and html.unescape(kept.group(1)) == pasted


def test_a_picture_is_refused_in_a_sentence_not_shown_as_lines(server: Server) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100
    for lang, sentence in (("en", "This file is not text"), ("nl", "Dit bestand is geen tekst")):
        with server.client() as client:
            page = client.post(
                "/check",
                files={"upload": ("photo.txt", png)},
                headers={**HTML, "Accept-Language": lang},
            )
        assert page.status_code == 415 and sentence in page.text
        assert 'class="lines"' not in page.text and "\ufffd" not in page.text


def test_templates_to_start_from_download_and_check_clean(server: Server) -> None:
    with server.client() as client:
        page = client.get("/check", headers={**HTML, "Accept-Language": "nl"}).text
        assert "Waar komt mijn registratie vandaan?" in page
        for suffix in ("txt", "json", "csv"):
            assert f'href="/check/template.{suffix}"' in page
            for lang in ("en", "nl"):
                got = client.get(f"/check/template.{suffix}", headers={"Accept-Language": lang})
                assert got.status_code == 200
                assert got.headers["content-disposition"].startswith("attachment;")
                checked = client.post(
                    "/check", files={"upload": (f"t.{suffix}", got.content)}, headers=HTML
                )
                assert checked.status_code == 200
                assert "<strong>Valid</strong>" in checked.text, (suffix, lang)
            assert client.get("/check/template.csv").content.startswith(b"\xef\xbb\xbf")
        assert client.get("/check/template.pdf").status_code == 404


def test_a_record_without_an_organisation_says_so_without_a_link(server: Server) -> None:
    record = '{"strategic_outcomes": ["1"], "geographic_focus": ["national"]}'
    with server.client() as client:
        page = client.post(
            "/check", data={"text": record}, headers={**HTML, "Accept-Language": "nl"}
        ).text
    values = page.split('<dl class="values">', 1)[1].split("</dl>", 1)[0]
    assert "None" not in values and "niet opgegeven" in values and "<a " not in values
    assert "nationaal" in values


def test_rate_limit_counts_a_sliding_minute_per_client() -> None:
    now = [0.0]
    limit = RateLimit(3, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(3)] == [None, None, None]
    assert limit.allow("a") == 60.0
    assert limit.allow("b") is None  # another client
    now[0] = 30.0
    assert limit.allow("a") == 30.0
    now[0] = 60.5
    assert limit.allow("a") is None


def test_problems_name_their_field_in_words_not_model_paths(server: Server) -> None:
    record = (
        '{"organisation": "Stichting X", "strategic_outcomes": ["3"], '
        '"activities": [{"name": "Training", "outcomes": ["3", "9.9"]}]}'
    )
    with server.client() as client:
        page = client.post(
            "/check", data={"text": record}, headers={**HTML, "Accept-Language": "nl"}
        ).text
    problems = " ".join(_messages(page))
    assert "9.9" in problems and "Activiteit 1, doelstellingen 2" in problems
    assert "activities[0]" not in problems
