"""The self-assessment and the incident log in Chromium against a real Voila server."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, PAGE_TIMEOUT, VoilaServer

pytestmark = pytest.mark.browser


def broken_images(page: object) -> int:
    """Pictures the browser could not draw (what shows as a broken-image icon)."""
    return page.evaluate(  # type: ignore[attr-defined]
        "[...document.images].filter(i => i.complete && i.naturalWidth === 0).length")


def test_fill_the_self_assessment_and_see_the_chart(page: object,
                                                    voila_server: VoilaServer) -> None:
    page.goto(voila_server.page_url("20_org_self_assessment.ipynb"))
    page.get_by_text("Start or choose an assessment to see its scores.").wait_for()
    assert broken_images(page) == 0
    page.get_by_label("Organisation", exact=True).fill("Harbour Lane (fictional)")
    page.get_by_role("button", name="Start a new assessment").click()
    page.get_by_text("New assessment started").wait_for()
    page.get_by_text("Answer a question above to see the scores by area.").wait_for()
    assert broken_images(page) == 0
    question = page.get_by_label("Is there a clear way to report harm", exact=False)
    question.select_option(label="Yes, in place")
    page.get_by_text("Saved: 1 of 24 questions answered.").wait_for()
    page.get_by_label("Are people who report protected", exact=False).select_option(
        label="Partly")
    page.get_by_text("Saved: 2 of 24 questions answered.").wait_for()
    row = page.locator("tr", has_text="Reporting, protection and follow-up").first
    assert row.inner_text().split()[-1] == "30"  # (2 + 1) of 2 points x 5 questions
    chart = page.locator("img.ck-chart")
    assert chart.bounding_box()["width"] > 100  # type: ignore[index]
    assert chart.get_attribute("alt").startswith(  # type: ignore[union-attr]
        "Score by area (of 100): Reporting, protection and follow-up: 30; ")
    assert broken_images(page) == 0
    # Both answers belong to one sitting: one column of scores, the newest.
    progress = page.locator(".ck-progress table")
    assert progress.locator("thead th").count() == 2
    assert progress.locator("tr", has_text="Reporting, protection").inner_text(
        ).split()[-1] == "30"
    assert page.get_by_role("link", name="Download this report (HTML, printable)").is_visible()
    page.reload()
    page.get_by_label("Is there a clear way to report harm", exact=False).wait_for()
    assert page.get_by_label("Is there a clear way to report harm", exact=False
                             ).input_value() == "Yes, in place"
    chart.screenshot(path=ARTIFACTS / "self-assessment-chart.png")


def test_progress_over_time_fits_a_phone_and_a_desktop(browser: object,
                                                       server: VoilaServer) -> None:
    """Six sittings: a phone shows the newest three, a desktop all six; nothing is cut off."""
    from circlekit.model.assessment import SelfAssessment
    from circlekit.store.records import RecordStore

    records = RecordStore(server.data_dir)
    a = SelfAssessment(organisation="Harbour Lane (fictional)")
    version = records.create("self-assessment", a, a.organisation)
    for answer in ("no", "partly", "yes", "partly", "yes"):
        a.answers = {"protection": answer}
        version = records.save("self-assessment", a, a.organisation, version)  # 5 sittings
    records.close()
    for width, columns in ((390, 3), (1100, 6)):
        context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT)
        try:
            page.goto(server.page_url("20_org_self_assessment.ipynb"))
            table = page.locator(".ck-progress table")
            table.wait_for()
            table.scroll_into_view_if_needed()
            assert [h.is_visible() for h in table.locator("thead th").all()].count(True) \
                == 1 + columns
            box = table.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width  # type: ignore[index]
            wrap = page.locator(".ck-progress .ck-table-wrap")
            assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
            for cell in table.locator("thead th").all():
                if cell.is_visible():
                    b = cell.bounding_box()
                    assert b["x"] + b["width"] <= box["x"] + box["width"] + 1  # type: ignore[index]
            page.locator(".ck-progress").screenshot(
                path=ARTIFACTS / f"self-assessment-progress-{width}.png")
        finally:
            context.close()


@pytest.mark.parametrize("notebook", ["20_org_self_assessment.ipynb", "21_incident_log.ipynb"])
def test_a_way_back_in_the_same_language(page: object, voila_server: VoilaServer,
                                         notebook: str) -> None:
    page.goto(voila_server.page_url(notebook, lang="es"))
    back = page.locator(".ck-nav a")
    back.wait_for()
    assert page.get_by_role("link", name="Salida rápida").is_visible()
    assert back.get_attribute("href") == "00_start.ipynb?lang=es"
    back.click()
    page.wait_for_url("**/00_start.ipynb?lang=es")  # the start page keeps its own setting
    page.locator(".ck-page").first.wait_for()


def test_log_an_incident_without_names(page: object, voila_server: VoilaServer) -> None:
    page.goto(voila_server.page_url("21_incident_log.ipynb"))
    page.get_by_label("Area", exact=True).fill("North")
    page.get_by_role("checkbox", name="Physical violence").check()
    page.get_by_label("Details (private)").fill("Said his name was <b id=x>K</b>")
    page.get_by_role("button", name="Add to the log").click()
    page.get_by_text("Added. The log holds 1 incident.").wait_for()
    assert "Said his name" not in page.locator(".ck-page").inner_text()
    assert page.locator("#x").count() == 0
    page.get_by_label("Area", exact=True).fill("12 Harbour Road")
    page.get_by_role("checkbox", name="Physical violence").check()
    page.get_by_role("button", name="Add to the log").click()
    page.get_by_role("alert").get_by_text("coarse area").wait_for()


def test_choose_preview_and_publish_an_incident_report(browser: object,
                                                       server: VoilaServer) -> None:
    """Period and area chosen on the page, the preview following, "Publish" keeping the
    report in the ledger; at 390 px nothing is wider than the screen."""
    from circlekit.store.records import Ledger, RecordStore

    records = RecordStore(server.data_dir)
    kinds = [("police", ["physical"]), ("client", ["verbal"]), ("partner", ["detention"])]
    for n in range(60):
        who, what = kinds[n % 3]
        records.add_incident({"month": f"2026-0{1 + n % 3}", "area": ["North", "South"][n % 2],
                              "who": who, "what": what})
    records.close()
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT)
    try:
        page.goto(server.page_url("22_incident_report.ipynb"))
        preview = page.locator(".ck-report-preview")
        preview.get_by_text("Incidents in scope: 60.").wait_for()
        page.get_by_label("Where").select_option(label="North")
        preview.get_by_text("the start to now, North. Incidents in scope: 30.").wait_for()
        page.get_by_label("From").select_option(label="2026-02")
        preview.get_by_text("2026-02 to now, North. Incidents in scope: 20.").wait_for()
        assert preview.get_by_role("link").count() == 0  # a preview offers nothing to save
        page.get_by_label("Published by").fill("Drop-in team")
        page.get_by_role("button", name="Publish this report").click()
        page.get_by_text("It is listed below; later reports are checked against it.").wait_for()
        listed = page.locator("tr", has_text="Drop-in team")
        assert "2026-02 to now, North" in listed.inner_text()
        page.get_by_role("link", name="The report (printable page, HTML)").wait_for()
        wide = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
        assert wide <= 0
        page.screenshot(path=ARTIFACTS / "incident-report-published-390.png", full_page=True)
    finally:
        context.close()
    again = RecordStore(server.data_dir)
    (release,) = Ledger(again).releases()
    again.close()
    assert (release.start, release.end, release.area) == ("2026-02", None, "North")
