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
    assert any("outcome-pillar-mapping" in name for name in tab_names)
    page.locator(".yasgui .tabsList .tab", has_text="outcome-pillar-mapping").first.click()
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
