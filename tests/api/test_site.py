"""The website as a person uses it, in Debian's headless Chromium (Playwright) against the real
server on 127.0.0.1: every part is linked from the home page; the language switch turns every
page kind Dutch and back and is remembered; search finds the three-day gender training;
the Ministry's and NAP IV's pages show what they should; no page loads anything from
elsewhere or logs an error or a warning; every page kind wears NL Design System; and in both
languages at a desktop's and a phone's width, axe-core finds no violation of any impact and
nothing is wider than the screen (docs/site.md)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.api.conftest import Server, Watched, no_axe_violations

PAGES = {
    "home": "/",
    "search": "/search?q=gender+training",
    "browse": "/browse",
    "list": "/browse/organisations",
    "plan": "/doc/plan/nld-nap-4",
    "organisation": "/doc/organisation/jenv",
    "outcome": "/doc/outcome/nld-nap-4/3",
    "activity": "/doc/activity/jenv/police-gender-training",
    "country": "/country/NLD",
    "target group": "/doc/target-group/deployed-police-staff",
    "query": "/sparql",
    "compare": "/compare",
    "world": "/world",
    "plan import": "/plans/import",
    "ontology": "/def/wps",
    "submissions": "/submissions",
    "check": "/check",
    "coverage": "/coverage",
    "monitoring": "/monitoring",
    "partners": "/partners",
    "sign in": "/sign-in",
    "record form": "/record-form",
    "download": "/dumps",
    "error": "/doc/organisation/no-such-organisation",
}
"""One page of every kind the site has."""
GENDER_TRAINING = "Three-day gender training for all deployed police staff"


def _html_lang(tab: Watched) -> str:
    return tab.page.locator("html").get_attribute("lang")


def test_home_page_links_to_every_part(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/")
    hrefs = set(
        tab.page.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    )
    parts = {
        "/search",
        "/browse",
        "/sparql",
        "/compare",
        "/submissions",
        "/def/wps",
        "/dumps",
        "/docs",
    }
    assert parts <= hrefs, parts - hrefs
    assert "/doc/plan/nld-nap-4" in hrefs
    for href in sorted(parts):
        response = tab.page.goto(f"{server.url}{href}")
        assert response is not None and response.status == 200, href
        assert tab.page.locator("h1").count() >= 1 or href == "/docs", href


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_has_the_frame_and_no_outside_requests_or_errors(
    server: Server, tab: Watched, kind: str
) -> None:
    response = tab.page.goto(f"{server.url}{PAGES[kind]}")
    assert response is not None
    assert response.status == (404 if kind == "error" else 200)
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator("header.site nav a[href='/browse']").count() == 1
    assert tab.page.locator("header.site form[role=search] input[name=q]").count() == 1
    assert tab.page.locator("footer").inner_text().strip()
    assert tab.page.locator("meta[name=viewport]").count() == 1
    hosts = {urlsplit(u).hostname for u in tab.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, tab.requests
    errors = [e for e in tab.errors if not (kind == "error" and "404" in e)]
    assert not errors, errors
    _wears_the_design_system(tab)


def _wears_the_design_system(tab: Watched) -> None:
    """One look (docs/site.md, "The look"): NL Design System's component library, its HTML
    element styles and the theme are applied, the header is its page header and navigation
    bar, and every button of ours is one of its buttons (YASGUI's own are YASGUI's)."""
    look = tab.page.evaluate(
        """() => {
        const hrefs = [];
        for (const sheet of document.styleSheets) {
          hrefs.push(sheet.href);
          for (const rule of sheet.cssRules) if (rule.styleSheet) hrefs.push(rule.styleSheet.href);
        }
        const bare = [...document.querySelectorAll("button")]
          .filter(b => !b.classList.contains("utrecht-button") && !b.closest("#yasgui"))
          .map(b => b.outerHTML.slice(0, 80));
        const root = getComputedStyle(document.documentElement);
        return {
          hrefs: hrefs.filter(Boolean).map(h => new URL(h).pathname),
          bare,
          accent: root.getPropertyValue("--basis-color-accent-1-color-default").trim(),
          header: document.querySelector("header.site").className,
          nav: document.querySelector("#site-nav").className,
        };
      }"""
    )
    for sheet in ("utrecht-components.css", "utrecht-html.css", "voorbeeld-theme.css"):
        assert f"/static/nl-design-system/{sheet}" in look["hrefs"], look["hrefs"]
    assert look["accent"], "the theme's tokens are not applied"
    assert "utrecht-page-header" in look["header"] and "utrecht-nav-bar" in look["nav"]
    assert not look["bare"], look["bare"]


def test_the_design_system_is_served_compressed(server: Server) -> None:
    import httpx

    for path in ("/static/nl-design-system/utrecht-components.css", "/static/site.css"):
        response = httpx.get(f"{server.url}{path}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "text/css"
        )
        assert response.headers.get("content-encoding") == "gzip", path
        assert response.headers.get("etag"), path


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_language_switch_turns_every_page_dutch_and_back(
    server: Server, tab: Watched, kind: str
) -> None:
    tab.page.goto(f"{server.url}{PAGES[kind]}")
    assert _html_lang(tab) == "en"
    assert tab.page.locator("header.site nav").inner_text().split()[0] == "Browse"
    tab.page.locator("header.site .languages a[hreflang=nl]").click()
    tab.page.wait_for_load_state()
    assert _html_lang(tab) == "nl"
    assert "Bladeren" in tab.page.locator("header.site nav").inner_text()
    assert tab.page.locator("header.site form[role=search] button").inner_text() == "Zoeken"
    tab.page.goto(f"{server.url}/browse")  # remembered: no ?lang= on this address
    assert _html_lang(tab) == "nl"
    assert tab.page.locator("h1").inner_text() == "Bladeren"
    tab.page.goto(f"{server.url}{PAGES[kind]}")
    tab.page.locator("header.site .languages a[hreflang=en]").click()
    tab.page.wait_for_load_state()
    assert _html_lang(tab) == "en"
    tab.page.goto(f"{server.url}/browse")
    assert tab.page.locator("h1").inner_text() == "Browse"


@pytest.mark.parametrize("words", ["gendertraining", "gender training"])
def test_search_finds_the_three_day_gender_training(
    server: Server, tab: Watched, words: str
) -> None:
    tab.page.goto(f"{server.url}/")
    tab.page.locator("header.site input[name=q]").fill(words)
    tab.page.locator("header.site form[role=search] button").click()
    tab.page.wait_for_load_state()
    assert "/search?q=" in tab.page.url
    titles = tab.page.locator("article.result h3").all_inner_texts()
    assert GENDER_TRAINING in titles, titles
    tab.page.locator("article.result h3 a", has_text=GENDER_TRAINING).click()
    assert tab.page.url.endswith("/doc/activity/jenv/police-gender-training")
    assert tab.page.locator("h1").inner_text() == GENDER_TRAINING


def test_search_facets_narrow_the_results(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/search?q=gender+training")
    before = len(tab.page.locator("article.result").all())
    tab.page.locator("section[aria-labelledby=facet-kind] a", has_text="Activity").first.click()
    tab.page.wait_for_load_state()
    kinds = set(tab.page.locator("article.result p.muted").all_inner_texts())
    assert kinds == {"Activity"}
    assert len(tab.page.locator("article.result").all()) < before


def test_ministry_page_shows_units_outcomes_and_activities(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/doc/organisation/jenv")
    structure = tab.page.locator("section[aria-labelledby=org-structure]").inner_text()
    assert "Directorate for European and International Affairs" in structure
    assert "Migration Policy Directorate" in structure
    contributions = tab.page.locator("section[aria-labelledby=org-contributions]").inner_text()
    assert "Protection" in contributions and "WPS Mainstreaming" in contributions
    activities = tab.page.locator("section[aria-labelledby=org-activities]").inner_text()
    assert "Dialogue with COA and IND" in activities


def test_nap_iv_page_shows_its_period_and_extension(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/doc/plan/nld-nap-4")
    period = tab.page.locator("section[aria-labelledby=plan-period]").inner_text()
    assert "2021" in period and "2025" in period and "2027" in period
    tree = tab.page.locator("section[aria-labelledby=plan-framework]").inner_text()
    assert "3.2" in tree and "Protection" in tree
    tab.page.goto(f"{server.url}/doc/plan/nld-nap-4?lang=nl")
    period = tab.page.locator("section[aria-labelledby=plan-period]").inner_text()
    assert "Van\n2021" in period and "Verlengd tot en met\n2027" in period  # years, as stated


def test_partners_graph_is_drawn_and_its_nodes_open_their_pages(
    server: Server, tab: Watched
) -> None:
    tab.page.goto(f"{server.url}/partners")
    # polled from here: wait_for_function evaluates text with eval, which the site's CSP
    # forbids (as it should)
    for _ in range(300):
        if tab.page.evaluate("Boolean(window.napNetwork && window.napNetwork.nodes().length)"):
            break
        tab.page.wait_for_timeout(100)
    nodes = tab.page.evaluate("window.napNetwork.nodes().map(n => n.data('label'))")
    assert "Ministry of Justice and Security" in nodes and "Senegal" in nodes
    rows = tab.page.locator("main table tbody tr").count()
    assert rows == tab.page.evaluate("window.napNetwork.edges().length")
    tab.page.evaluate(
        "window.napNetwork.getElementById('https://w3id.org/nap-graph/id/organisation/jenv')"
        ".emit('tap')"
    )
    tab.page.wait_for_url("**/doc/organisation/jenv")
    assert not tab.errors


def test_coverage_and_monitoring_show_the_ministrys_data(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/coverage")
    row = tab.page.locator("table.matrix tbody tr", has_text="Ministry of Justice and Security")
    assert row.locator("td a").count() == 8  # its eight selected outcomes, each linked
    uncovered = tab.page.locator("main h2", has_text="Outcomes nobody covers").locator(
        "xpath=following-sibling::ul[1]"
    )
    assert "4.1" in uncovered.inner_text()
    row.locator("td a").first.click()
    assert "/contribution/" in tab.page.url
    tab.page.goto(f"{server.url}/monitoring?lang=nl")
    missing = tab.page.locator("ul.missing").inner_text()
    assert "Driedaagse gendertraining voor alle uitgezonden politiemedewerkers" in missing
    assert "Nationale Politie" in tab.page.locator("main table").first.inner_text()


def test_compare_chart_is_drawn(server: Server, tab: Watched) -> None:
    tab.page.goto(f"{server.url}/compare")
    chart = tab.page.locator("figure.chart svg[role=img]")
    assert chart.count() == 1 and chart.bounding_box()["width"] > 300
    assert tab.page.locator("figure.chart svg g rect").count() >= 8 * 5


def test_check_a_broken_record_and_see_the_problem_beside_its_line(
    server: Server, tab: Watched, tmp_path
) -> None:
    from tests.submissions.helpers import SEED

    broken = tmp_path / "record.txt"
    broken.write_text(
        SEED.read_text(encoding="utf-8").replace("\n3.2 Impunity", "\n3.9 Impunity", 1),
        encoding="utf-8",
    )
    tab.page.goto(f"{server.url}/check?lang=nl")
    tab.page.set_input_files("#record-file", str(broken))
    tab.page.locator("main form button[type=submit]").click()
    tab.page.wait_for_load_state()
    assert "Nog niet geldig" in tab.page.locator(".verdict").inner_text()
    row = tab.page.locator("tr.has-problem", has_text="3.9 Impunity")
    assert "is geen subdoelstelling van NAP 1325-IV" in row.inner_text()
    tab.page.locator("ol.problems a", has_text="regel").first.click()
    assert "#line-" in tab.page.url
    assert not tab.errors


VIEWS = [("en", 1280), ("nl", 1280), ("en", 390), ("nl", 390)]
"""Each page kind is tried in both languages at a desktop's width and a phone's."""


@pytest.mark.parametrize("lang,width", VIEWS, ids=[f"{lang}-{w}" for lang, w in VIEWS])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_in_both_languages_at_both_widths(
    server: Server, chromium, kind: str, lang: str, width: int
) -> None:
    """axe-core finds no violation of any impact (minor and moderate included), nothing
    widens the page beyond the screen (tables scroll inside themselves), and nothing is
    logged to the console, not even a warning; the check page with a report on it."""
    context = chromium.new_context(
        viewport={"width": width, "height": 800}, locale="nl-NL" if lang == "nl" else "en-GB"
    )
    try:
        tab = Watched(context.new_page())
        tab.page.goto(f"{server.url}{PAGES[kind]}{'&' if '?' in PAGES[kind] else '?'}lang={lang}")
        tab.page.wait_for_load_state("networkidle")
        if kind == "check":  # the page with a report on it
            tab.page.locator("#record-text").fill("Not a record at all")
            tab.page.locator("main form button[type=submit]").click()
            tab.page.wait_for_load_state("networkidle")
        assert tab.page.locator("html").get_attribute("lang") == lang
        no_axe_violations(tab)
        scrolled = tab.page.evaluate("document.documentElement.scrollWidth")
        assert scrolled <= width, (kind, scrolled)
        errors = [e for e in tab.errors if not (kind == "error" and "404" in e)]
        assert not errors, errors
    finally:
        context.close()


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(server: Server, chromium) -> None:
    """The header took a third of a phone's screen: there the links fold behind "Menu"
    (static/site-menu.js), which opens them; on a wide screen they are shown, no button."""
    for width, folded in ((390, True), (1280, False)):
        context = chromium.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
        try:
            page = context.new_page()
            page.goto(f"{server.url}/doc/organisation/jenv?lang=nl")
            button = page.locator("header.site .menu-toggle")
            nav = page.locator("#site-nav")
            assert button.is_visible() is folded and nav.is_visible() is not folded
            if folded:
                header = page.evaluate("document.querySelector('header.site').offsetHeight")
                assert header < 800 / 5, header
                assert button.get_attribute("aria-expanded") == "false"
                button.click()
                assert nav.is_visible() and button.get_attribute("aria-expanded") == "true"
                nav.locator("a[href='/browse']").click()
                page.wait_for_load_state()
                assert page.locator("h1").inner_text() == "Bladeren"
        finally:
            context.close()


def _site_english() -> set[str]:
    """The site's interface strings whose Dutch differs (placeholders left out)."""
    from babel.messages.pofile import read_po

    catalogue = Path(__file__).resolve().parents[2] / "nap_graph_api" / "locales" / "nl"
    with (catalogue / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        po = read_po(handle)
    return {
        m.id
        for m in po
        if isinstance(m.id, str)
        and m.string
        and m.string != m.id
        and len(m.id) > 3
        and "%(" not in m.id
    }


@pytest.fixture(scope="module")
def labels() -> dict[str, dict[str, str]]:
    """Every resource's skos:prefLabel by language, as the default data states them."""
    from nap_graph.default_data import load_default_store

    found: dict[str, dict[str, str]] = {}
    query = "SELECT ?s ?l WHERE { GRAPH ?g { ?s skos:prefLabel ?l } }"
    prologue = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    for row in load_default_store().query(prologue + query):
        found.setdefault(row["s"].value, {})[row["l"].language or ""] = row["l"].value
    return found


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_speaks_dutch(
    server: Server, labels: dict[str, dict[str, str]], kind: str
) -> None:
    """In Dutch, no interface string is left in English, and nothing the data names in Dutch
    is shown by its English name. Code (field keys, IRIs) and what a page marks lang="en" on
    purpose (the ontology's English column) are left out."""
    import html as html_module
    import re

    with server.client() as client:
        page = client.get(PAGES[kind], headers={"Accept": "text/html", "Accept-Language": "nl"})
    body = page.text.split("<main", 1)[1]
    body = re.sub(r"<script.*?</script>|<code>.*?</code>", "", body, flags=re.S)
    body = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', "", body, flags=re.S)
    english = _site_english()
    assert len(english) > 100
    lines = {
        html_module.unescape(line).strip() for line in re.sub(r"<[^>]+>", "\n", body).splitlines()
    }
    assert not sorted(lines & english), kind
    shown_english = []
    for href, text in re.findall(
        r'<a href="(/doc/[^"?#]+|/country/[A-Z]{3})"[^>]*>([^<]+)</a>', body
    ):
        iri = (
            "https://w3id.org/nap-graph/id/" + href.removeprefix("/doc/")
            if href.startswith("/doc/")
            else "http://publications.europa.eu/resource/authority/country/" + href[-3:]
        )
        names = labels.get(iri, {})
        dutch, english_name = names.get("nl"), names.get("en")
        if (
            dutch
            and english_name
            and dutch != english_name
            and html_module.unescape(text).strip() == english_name
        ):
            shown_english.append(english_name)
    assert not shown_english, (kind, sorted(set(shown_english))[:5])


def test_a_printed_page_says_where_and_when_it_was_printed(server: Server, chromium) -> None:
    import datetime

    context = chromium.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{server.url}/coverage?lang=nl")
        line = page.locator(".print-only")
        assert not line.is_visible()  # on screen: not shown
        page.emulate_media(media="print")
        assert line.is_visible()
        text = line.inner_text()
        assert "/coverage" in text and str(datetime.date.today().year) in text
        assert text.startswith("Afgedrukt van nap-graph")
        assert not page.locator("header.site").is_visible()
    finally:
        context.close()
