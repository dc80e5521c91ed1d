"""The world of plans as a researcher and another country's NAP team use it, in Debian's
headless Chromium against the real server: the map and the timeline render from the server
alone; filtering the table and downloading the view give the same plans; a country page shows
its plan history; two chosen plans compared; a plan imported through the page in Mongolian."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

from tests.api.conftest import ADMIN, Server, Watched, no_axe_violations

MONGOLIA = """{
  "country": "MNG",
  "title": "Эмэгтэйчүүд, энх тайван, аюулгүй байдлын үндэсний үйл ажиллагааны төлөвлөгөө",
  "language": "mn",
  "start": "2025",
  "end": "2028",
  "number": 1,
  "areas": [
    {"code": "1", "title": "Оролцоо", "mappings": [{"pillar": "participation", "kind": "exact"}]},
    {"code": "2", "title": "Урьдчилан сэргийлэлт", "mappings": [{"pillar": "prevention", "kind": "exact"}]}
  ],
  "sources": ["https://example.org/mongolia-nap-1325"]
}"""


def test_map_and_timeline_render_from_the_server_alone(own_server: Server, tab: Watched) -> None:
    tab.page.goto(f"{own_server.url}/world")
    tab.page.wait_for_load_state("networkidle")
    shaded = tab.page.locator(".world-map svg a[href^='/country/'] path")
    assert shaded.count() >= 100  # the countries with a plan, each a link to its page
    assert tab.page.locator(".world-map svg a[href='/country/NLD'] path").count() == 1
    bars = tab.page.locator("figure.chart svg rect title").evaluate_all(
        "ts => ts.map(t => t.textContent)"
    )
    assert len(bars) > 20 and any(", Europe: " in b for b in bars)
    hosts = {urlsplit(u).hostname for u in tab.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, tab.requests
    assert not tab.errors, tab.errors
    no_axe_violations(tab)


def test_filtering_the_table_and_downloading_the_view_give_the_same_rows(
    own_server: Server, tab: Watched
) -> None:
    page = tab.page
    page.goto(f"{own_server.url}/world")
    page.locator("select[name=region]").select_option("Europe")
    page.locator("select[name=monitoring]").select_option("yes")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "region=Europe" in page.url and "monitoring=yes" in page.url
    shown = page.locator("table.world-table tbody tr td:nth-child(2) a:first-child").evaluate_all(
        "as => as.map(a => a.getAttribute('href').split('/').pop())"
    )
    with page.expect_download() as caught:
        page.locator("a[download][href*='format=csv']").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["key"] for r in rows] == shown and len(shown) > 5
    assert {r["regions"] for r in rows} <= {"Europe", "Europe; Americas"}
    assert {r["monitoring"] for r in rows} == {"yes"}


def test_a_country_page_shows_its_plan_history(own_server: Server, tab: Watched) -> None:
    tab.page.goto(f"{own_server.url}/country/DEU")
    history = tab.page.locator("section[aria-labelledby=country-plans]")
    items = history.locator("ol.plan-history li")
    assert items.count() == 3
    assert "follows" in items.nth(2).inner_text()
    assert items.nth(2).locator("a[href='/doc/plan/deu-nap-2']").count() == 1
    assert history.locator("svg rect").count() == 3  # the timeline, a bar per dated plan
    assert "NATO" in history.inner_text() or "North Atlantic" in history.inner_text()
    plans = tab.page.locator("section[aria-labelledby=country-who]").inner_text()
    assert "Action Plan" not in plans  # plans are not organisations "based in" a country
    assert tab.page.locator("section[aria-labelledby=country-lined] dt").count() >= 4


def test_comparing_two_chosen_plans(own_server: Server, tab: Watched) -> None:
    page = tab.page
    page.goto(f"{own_server.url}/compare")
    page.locator("input[name=plan][value='deu-nap-2021']").check()
    page.locator("input[name=plan][value='fin-nap-2023']").check()
    page.locator("form.choose-plans button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("svg.chart g title").evaluate_all("ts => ts.map(t => t.textContent)")
    names = {t.split(" · ")[0] for t in rows}
    assert len(names) == 2 and any("Finland" in n for n in names)
    assert page.locator("input[name=plan]:checked").count() == 2
    assert page.locator("main table a[href='/doc/outcome/deu-nap-2021/1']").count() >= 1
    no_axe_violations(tab)


def test_importing_a_plan_in_its_own_language_through_the_page(
    own_server: Server, tab: Watched
) -> None:
    page = tab.page
    page.goto(f"{own_server.url}/sign-in?next=/plans/import")
    page.locator("#sign-in-token").fill(ADMIN)
    page.locator("main form:not(.revert) button[type=submit]").click()
    page.wait_for_url("**/plans/import")
    page.locator("#plan-text").fill(MONGOLIA.replace('"2025"', '"2025-13"'))
    page.locator("button[value=check]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "start" in summary.inner_text()
    assert "2025-13" in page.locator("#plan-text").input_value()  # the text is kept
    page.locator("#plan-text").fill(MONGOLIA)
    page.locator("button[value=import]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 0
    assert "The plan is stored" in page.locator("main").inner_text()
    assert "English or Dutch" in page.locator("ol.problems").inner_text()  # a warning only
    page.locator("a", has_text="See the plan").click()
    page.wait_for_load_state()
    assert "Эмэгтэйчүүд" in page.locator("main").inner_text()
    page.goto(f"{own_server.url}/world")
    assert page.locator(".world-map svg a[href='/country/MNG'] path").count() == 1
    page.goto(f"{own_server.url}/country/MNG")
    assert page.locator("ol.plan-history li").count() == 1
    page.goto(f"{own_server.url}/compare?country=MNG")
    assert "Оролцоо" in page.locator("main").inner_text()
