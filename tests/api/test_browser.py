"""In a real headless Chromium (Debian's, driven by Playwright): the query page runs an
example query and shows results, and the Ministry's linked-data page opens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.conftest import Server


@pytest.fixture(scope="module")
def page(chromium) -> Iterator[object]:
    context = chromium.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def test_query_page_runs_an_example_query(server: Server, page) -> None:
    page.goto(f"{server.url}/sparql")
    page.wait_for_selector(".yasgui .tabsList", timeout=30_000)
    tab_names = page.locator(".yasgui .tabsList .tab").all_inner_texts()
    assert any("NAP IV outcomes and the pillars" in name for name in tab_names)
    page.locator(".yasgui .tabsList .tab", has_text="NAP IV outcomes and the pillars").first.click()
    page.locator(".yasqe_queryButton").locator("visible=true").first.click()
    page.locator(".yasr table tbody tr").locator("visible=true").first.wait_for(timeout=30_000)
    text = page.locator(".yasr").locator("visible=true").first.inner_text()
    assert "Relief and Recovery" in text and "Cross-cutting objective" in text


def test_linked_data_page_of_the_ministry(server: Server, page) -> None:
    page.goto(f"{server.url}/id/organisation/jenv")
    assert page.url.endswith("/doc/organisation/jenv")
    assert page.locator("h1").inner_text() == "Ministry of Justice and Security"
    page.locator("a", has_text="Directorate for European and International Affairs").first.click()
    assert page.locator("h1").inner_text() == "Directorate for European and International Affairs"


def test_query_page_says_what_is_wrong_with_a_query(server: Server, chromium) -> None:
    """A syntax error is shown with the engine's message and its position, in the reader's
    language, and goes away when a query runs (the endpoint's 400, which YASGUI shows
    nothing for)."""
    context = chromium.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    try:
        page = context.new_page()
        page.goto(
            f"{server.url}/sparql#query=SELEC%20%3Fs%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
        )
        page.wait_for_selector(".yasgui .tabsList", timeout=30_000)
        page.locator(".yasqe_queryButton").locator("visible=true").first.click()
        message = page.locator("#query-message")
        message.wait_for(state="visible", timeout=30_000)
        assert page.locator("#query-message-title").inner_text() == "De query bevat een fout"
        assert "1:10" in page.locator("#query-message-detail").inner_text()
        page.locator(".yasgui .tabsList .tab", has_text="De Nederlandse plannen").first.click()
        page.locator(".yasqe_queryButton").locator("visible=true").first.click()
        page.locator(".yasr table tbody tr").locator("visible=true").first.wait_for(timeout=30_000)
        assert message.is_hidden()
    finally:
        context.close()


def test_the_query_editor_speaks_dutch(server: Server, chromium) -> None:
    """YASGUI has no translations: its buttons, titles and the result table's lines are said
    in the reader's language by the page (static/query-page.js), never the query or the
    results."""
    context = chromium.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/sparql?lang=nl")
        page.wait_for_selector(".yasgui .tabsList", timeout=30_000)
        tabs = page.locator(".yasgui .tabsList .tab").all_inner_texts()
        assert any("Nieuwe query" in name for name in tabs), tabs
        page.locator(".yasgui .tabsList .tab", has_text="De Nederlandse plannen").first.click()
        page.locator(".yasqe_queryButton").locator("visible=true").first.click()
        page.locator(".yasr table tbody tr").locator("visible=true").first.wait_for(timeout=30_000)
        header = page.locator(".yasr_header").locator("visible=true").first.inner_text()
        assert "Tabel" in header and "Antwoord" in header and "Table" not in header
        shown = page.locator(".yasr").locator("visible=true").first.inner_text()
        assert "Rijen 1 tot" in shown and "Showing" not in shown
        assert page.locator("[title='Query delen']").count() >= 1
        editor = page.locator(".CodeMirror").locator("visible=true").first.inner_text()
        assert "SELECT" in editor  # the query itself is left as it is
    finally:
        context.close()
