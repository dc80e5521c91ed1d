"""Signing in on the website and working on one's own record (nap_graph_api.sessions,
routers/account.py): sessions, CSRF, role rules, the report when a record is not stored,
versions and what changed between them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from tests.api.conftest import SIGNATORY, Server
from tests.submissions.helpers import SEED

TNN = "Transgender Netwerk Nederland\n\nOrganization details\n\nCivil society"


def _tnn(word: str) -> bytes:
    text = SEED.read_text(encoding="utf-8").replace(
        "Ministry of Justice and Security\n\nOrganization details\n\nGovernment", TNN, 1
    )
    return text.replace("is responsible for maintaining", f"is responsible for {word}", 1).encode()


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page[:500]
    return found[1]


@contextmanager
def _signed_in(server: Server, token: str = SIGNATORY) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield _sign_in(client, token)


def _sign_in(client: httpx.Client, token: str) -> httpx.Client:
    form = client.get("/sign-in")
    signed = client.post(
        "/sign-in", data={"token": token, "csrf": _csrf(form.text), "next": "/my/records"}
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/my/records"
    cookie = signed.headers["set-cookie"]
    assert "nap_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    return client


def test_pages_need_a_session_and_send_you_back_after_signing_in(own_server: Server) -> None:
    with own_server.client() as client:
        page = client.get("/my/records?organisation=tnn")
        assert page.status_code == 303
        assert page.headers["location"] == "/sign-in?next=%2Fmy%2Frecords%3Forganisation%3Dtnn"
        form = client.get("/sign-in", params={"next": "//evil.example/x"})
        assert 'name="next" value="/my/records"' in form.text  # never another site


def test_sign_in_needs_the_form_token_and_a_known_token(own_server: Server) -> None:
    with own_server.client() as client:
        form = client.get("/sign-in")
        csrf = _csrf(form.text)
        assert client.post("/sign-in", data={"token": SIGNATORY}).status_code == 403
        assert (
            client.post("/sign-in", data={"token": SIGNATORY, "csrf": "x" * 43}).status_code == 403
        )
        wrong = client.post("/sign-in", data={"token": "not-a-token", "csrf": csrf})
        assert wrong.status_code == 401 and "That token is not known" in wrong.text
        # GOV.UK's pattern: a summary linking to the field, the field described by the problem
        assert 'class="error-summary"' in wrong.text and 'href="#sign-in-token"' in wrong.text
        assert 'aria-describedby="sign-in-token-problem" aria-invalid="true"' in wrong.text
        empty = client.post(
            "/sign-in", data={"token": " ", "csrf": csrf}, headers={"Accept-Language": "nl"}
        )
        assert (
            empty.status_code == 401 and "Vul het token in dat uw coördinator u gaf." in empty.text
        )
        other_site = client.post(
            "/sign-in",
            data={"token": SIGNATORY, "csrf": csrf},
            headers={"Origin": "https://evil.example"},
        )
        assert other_site.status_code == 403


def test_submit_replace_and_see_what_changed(own_server: Server) -> None:
    with _signed_in(own_server) as client:
        page = client.get("/my/records")
        assert "Signed in as tnn" in page.text
        csrf = _csrf(page.text.split("<main", 1)[1])
        no_token = client.post("/my/records", files={"upload": ("r.txt", _tnn("guarding"))})
        assert no_token.status_code == 403
        first = client.post(
            "/my/records", data={"csrf": csrf}, files={"upload": ("r.txt", _tnn("guarding"))}
        )
        assert first.status_code == 303 and "stored=" in first.headers["location"]
        second = client.post(
            "/my/records", data={"csrf": csrf}, files={"upload": ("r.txt", _tnn("keeping"))}
        )
        assert second.status_code == 303
        listing = client.get(second.headers["location"]).text
        assert "Your record is stored." in listing
        diff_link = re.search(r'href="(/my/records/diff\?[^"]+)"', listing)
        assert diff_link
        changes = client.get(diff_link[1].replace("&amp;", "&")).text
        assert "<del>guarding</del>" in changes and "<ins>keeping</ins>" in changes
        assert ">organisation description<" in changes or "organisation" in changes


def test_a_signatory_is_refused_another_organisations_record(own_server: Server) -> None:
    with _signed_in(own_server) as client:
        csrf = _csrf(client.get("/my/records").text.split("<main", 1)[1])
        refused = client.post(
            "/my/records",
            data={"csrf": csrf},
            files={"upload": ("jenv.txt", SEED.read_bytes())},
            headers={"Accept": "text/html"},
        )
        assert refused.status_code == 403
        assert (
            "tnn may submit records for Transgender Netwerk Nederland only, not for Ministry of "
            "Justice and Security" in refused.text
        )
        other = client.get("/my/records", params={"organisation": "jenv"})
        assert other.status_code == 403
        jenv = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"
        assert client.get("/my/records/diff", params={"old": jenv, "new": jenv}).status_code == 403


def test_a_record_that_breaks_the_rules_is_reported_not_stored(own_server: Server) -> None:
    with _signed_in(own_server) as client:
        csrf = _csrf(client.get("/my/records").text.split("<main", 1)[1])
        broken = _tnn("guarding").replace(b"\n3.2 Impunity", b"\n3.9 Impunity", 1)
        answer = client.post(
            "/my/records", data={"csrf": csrf}, files={"upload": ("r.txt", broken)}
        )
        assert answer.status_code == 422
        assert "Nothing was stored" in answer.text and "is not a sub-outcome" in answer.text
        assert "3.9 Impunity" in answer.text  # the text is kept to be corrected


def test_sign_out_ends_the_session(own_server: Server) -> None:
    with _signed_in(own_server) as client:
        page = client.get("/my/records").text
        header_csrf = re.search(
            r'action="/sign-out"><input type="hidden" name="csrf" value="([^"]+)"', page
        )
        assert header_csrf
        out = client.post("/sign-out", data={"csrf": header_csrf[1]})
        assert out.status_code == 303 and 'nap_session=""' in out.headers["set-cookie"]
        assert client.get("/my/records").status_code == 303
