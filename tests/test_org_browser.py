"""The self-assessment and the incident log in Chromium against a real Voila server."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, VoilaServer

pytestmark = pytest.mark.browser


def test_fill_the_self_assessment_and_see_the_chart(page: object,
                                                    voila_server: VoilaServer) -> None:
    page.goto(voila_server.page_url("20_org_self_assessment.ipynb"))
    page.get_by_label("Organisation", exact=True).fill("Harbour Lane (fictional)")
    page.get_by_role("button", name="Start a new assessment").click()
    page.get_by_text("New assessment started").wait_for()
    question = page.get_by_label("Is there a clear way to report harm", exact=False)
    question.select_option(label="Yes, in place")
    page.get_by_text("Saved (version 2)").wait_for()
    page.get_by_label("Are people who report protected", exact=False).select_option(
        label="Partly")
    page.get_by_text("Saved (version 3)").wait_for()
    row = page.locator("tr", has_text="Reporting, protection and follow-up").first
    assert row.inner_text().split()[-1] == "38"  # (100 + 50) / 4 questions, rounded
    chart = page.locator("img.ck-chart")
    assert chart.bounding_box()["width"] > 100  # type: ignore[index]
    assert page.get_by_role("link", name="Download this report (HTML, printable)").is_visible()
    page.reload()
    page.get_by_label("Is there a clear way to report harm", exact=False).wait_for()
    assert page.get_by_label("Is there a clear way to report harm", exact=False
                             ).input_value() == "Yes, in place"
    chart.screenshot(path=ARTIFACTS / "self-assessment-chart.png")


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
