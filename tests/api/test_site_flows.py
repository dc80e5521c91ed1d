"""The website's flows that store records, in Debian's headless Chromium (Playwright)
against a server of their own: sign in, submit, replace, see what changed, sign out; write a
record for a new organisation in the form and find it on its page."""

from __future__ import annotations

from tests.api.conftest import Server, Watched, no_axe_violations


def test_sign_in_submit_replace_see_the_diff_and_sign_out(
    own_server: Server, tab: Watched, tmp_path
) -> None:
    from tests.api.conftest import SIGNATORY
    from tests.submissions.helpers import SEED

    record = SEED.read_text(encoding="utf-8").replace(
        "Ministry of Justice and Security\n\nOrganization details\n\nGovernment",
        "Transgender Netwerk Nederland\n\nOrganization details\n\nCivil society",
        1,
    )
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(record.replace("maintaining", "defending", 1), encoding="utf-8")
    second.write_text(record.replace("maintaining", "protecting", 1), encoding="utf-8")
    tab.page.goto(f"{own_server.url}/my/records?lang=nl")
    assert "/sign-in" in tab.page.url
    tab.page.locator("#sign-in-token").fill(SIGNATORY)
    tab.page.locator("main form:not(.revert) button[type=submit]").click()
    tab.page.wait_for_url("**/my/records?lang=nl")
    no_axe_violations(tab)
    for path in (first, second):
        tab.page.set_input_files("#submit-file", str(path))
        tab.page.locator("main form:not(.revert) button[type=submit]").click()
        tab.page.wait_for_load_state()
        assert "Uw registratie is opgeslagen" in tab.page.locator(".notice").inner_text()
    tab.page.locator(".notice a", has_text="wat er veranderde").click()
    tab.page.wait_for_load_state()
    assert tab.page.locator("del", has_text="defending").count() == 1
    assert tab.page.locator("ins", has_text="protecting").count() == 1
    no_axe_violations(tab)
    tab.page.locator("header.site form.account button").click()
    tab.page.wait_for_load_state()
    tab.page.goto(f"{own_server.url}/my/records")
    assert "/sign-in" in tab.page.url
    assert not tab.errors


def test_write_a_record_for_a_new_organisation_in_the_form(
    own_server: Server, tab: Watched
) -> None:
    from tests.api.conftest import ADMIN

    tab.page.goto(f"{own_server.url}/sign-in?next=/record-form")
    tab.page.locator("#sign-in-token").fill(ADMIN)
    tab.page.locator("main form:not(.revert) button[type=submit]").click()
    tab.page.wait_for_url("**/record-form")
    page = tab.page
    page.locator("#organisation").fill("Vrouwen voor Vrede Oost")
    page.locator("#organisation_kind").select_option("Civil-society organisation")
    page.locator("#organisation_description").fill("A network of women peacebuilders.")
    page.locator("#outcome-1").check()
    assert page.locator('.paragraph[data-outcome="1"]').is_visible()
    assert not page.locator('.paragraph[data-outcome="2"]').is_visible()
    page.locator("#contribution-1").fill("We support women mediators in peace talks.")
    page.locator("#investment-1").check()
    page.locator("#focus-international").check()
    page.locator("#countries").fill("Colombia")
    page.locator("#activity-0-name").fill("Mediation training")
    page.locator("#activity-0-outcomes").fill("1.9")
    problem = page.locator("#problems-activity-0-outcomes li")
    problem.first.wait_for(timeout=30_000)  # checked as you type
    assert "1.9" in problem.first.inner_text()
    page.locator("#activity-0-outcomes").fill("1.2")
    problem.first.wait_for(state="detached", timeout=30_000)  # (no eval: the site's CSP)
    no_axe_violations(tab)
    page.reload()  # the draft survives a reload
    assert page.locator("#activity-0-name").input_value() == "Mediation training"
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/my/records?*stored=*")
    page.goto(f"{own_server.url}/search?q=vrouwen+voor+vrede+oost")
    page.locator("article.result h3 a", has_text="Vrouwen voor Vrede Oost").first.click()
    assert page.locator("h1").inner_text() == "Vrouwen voor Vrede Oost"
    assert (
        "Mediation training" in page.locator("section[aria-labelledby=org-activities]").inner_text()
    )
    assert not tab.errors


def test_a_signatory_is_refused_another_organisations_record_in_the_browser(
    own_server: Server, tab: Watched
) -> None:
    from tests.api.conftest import SIGNATORY
    from tests.submissions.helpers import SEED

    tab.page.goto(f"{own_server.url}/sign-in")
    tab.page.locator("#sign-in-token").fill(SIGNATORY)
    tab.page.locator("main form:not(.revert) button[type=submit]").click()
    tab.page.wait_for_url("**/my/records")
    tab.page.set_input_files("#submit-file", str(SEED))  # the Ministry's record
    tab.page.locator("main form:not(.revert) button[type=submit]").click()
    tab.page.wait_for_load_state()
    assert tab.page.locator("h1").inner_text() == "Not allowed"
    assert "tnn may submit records for Transgender Netwerk Nederland only, not for Ministry" in (
        tab.page.locator("main").inner_text()
    )
    assert tab.page.locator("main a[href='/']").count() == 1  # a way back
