"""The site's language (nap_graph_api.i18n, docs/i18n.md): ?lang= first, then the remembered
choice, then Accept-Language, then English; HTML says which; submissions' shape messages
come in the chosen language too."""

from __future__ import annotations

from pathlib import Path

import pytest

from nap_graph_api.i18n import from_accept_language
from tests.api.conftest import Server

SEED = (
    Path(__file__).resolve().parents[2] / "data/submissions/nld-nap-4/jenv/000_9b141defdd96629b.txt"
)
HTML = {"Accept": "text/html"}


def _lang(page: str) -> str:
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl", "nl"),
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9,nl;q=0.8", "en"),
        ("fr-FR, nl;q=0.5, en;q=0.4", "nl"),
        ("de, fr", None),
        ("nl;q=0, en", "en"),
        ("nl;q=abc", None),
        ("", None),
    ],
)
def test_accept_language_weights(header: str, expected: str | None) -> None:
    assert from_accept_language(header) == expected


def test_the_order_lang_then_cookie_then_accept_language(server: Server) -> None:
    with server.client() as client:
        plain = client.get("/browse", headers=HTML)
        assert _lang(plain.text) == "en" and plain.headers["content-language"] == "en"
        assert "Accept-Language" in plain.headers["vary"]
        browser = client.get("/browse", headers={**HTML, "Accept-Language": "nl-NL,nl;q=0.9"})
        assert _lang(browser.text) == "nl" and "<h1>Bladeren</h1>" in browser.text
        asked = client.get("/browse?lang=nl", headers={**HTML, "Accept-Language": "en"})
        assert _lang(asked.text) == "nl"
        assert "lang=nl" in asked.headers["set-cookie"]
        assert "Max-Age=31536000" in asked.headers["set-cookie"]
        remembered = client.get("/browse", headers={**HTML, "Accept-Language": "en"})
        assert _lang(remembered.text) == "nl"  # the cookie beats the header
        back = client.get("/browse?lang=en", headers=HTML)
        assert _lang(back.text) == "en"
        assert _lang(client.get("/browse", headers=HTML).text) == "en"
        unknown = client.get("/browse?lang=xx", headers=HTML)
        assert _lang(unknown.text) == "en" and "set-cookie" not in unknown.headers


def test_error_pages_speak_the_language_too(server: Server) -> None:
    with server.client() as client:
        page = client.get("/doc/organisation/nobody?lang=nl", headers=HTML)
    assert page.status_code == 404
    assert "Pagina niet gevonden" in page.text and "Ga naar de startpagina" in page.text


def test_data_labels_follow_the_language(server: Server) -> None:
    with server.client() as client:
        english = client.get("/doc/organisation/jenv", headers=HTML).text
        dutch = client.get("/doc/organisation/jenv?lang=nl", headers=HTML).text
    assert "<h1>Ministry of Justice and Security</h1>" in english
    assert "<h1>Ministerie van Justitie en Veiligheid</h1>" in dutch
    assert ">has unit<" in english and ">heeft onderdeel<" in dutch  # org:hasUnit's label


def test_submission_reports_in_the_chosen_language(server: Server) -> None:
    text = SEED.read_text(encoding="utf-8")
    stray = text.replace("Sub-outcome 3.1:", "Sub-outcome 3.3:", 1)
    with server.client() as client:
        english = client.post(
            "/submissions/validate", content=stray, headers={"Content-Type": "text/plain"}
        ).json()
        dutch = client.post(
            "/submissions/validate",
            content=stray,
            headers={"Content-Type": "text/plain", "Accept-Language": "nl"},
        ).json()
    shaped = [p for p in dutch["problems"] if p["shape"]]
    assert shaped, dutch
    english_messages = {p["message"] for p in english["problems"] if p["shape"]}
    assert all(p["message"] not in english_messages for p in shaped)
    assert any("doelstelling" in p["message"].lower() for p in shaped)
