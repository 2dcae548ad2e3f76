"""The case explorer in Chromium: filters, a case in full, and hostile text kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from xss import INJECTED, PAYLOADS, hostile_cases

from conftest import ARTIFACTS, PAGE_TIMEOUT, VoilaServer, start_voila, stop_voila

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def open_explorer(page: object, server: VoilaServer) -> None:
    page.goto(server.page_url("10_case_explorer.ipynb"))  # type: ignore[attr-defined]
    page.get_by_text("cases match.").wait_for()  # type: ignore[attr-defined]


def test_filter_and_read_a_case(page: object, voila_server: VoilaServer) -> None:
    open_explorer(page, voila_server)
    assert page.get_by_role("status").filter(has_text="cases match").inner_text() == (
        "10 of 10 cases match.")
    page.get_by_label("Country").select_option(label="Canada")
    page.get_by_text("2 of 10 cases match.").wait_for()
    page.get_by_label("Read a case").select_option(
        label="SisterSpace: a safe space for women who use drugs")
    article = page.locator("article.ck-case")
    article.get_by_role("heading", name="SisterSpace: a safe space for women who use drugs"
                        ).wait_for()
    note = article.get_by_role("note").filter(has_text="Content note:")
    assert note.inner_text().startswith("Content note:")
    # what the case describes is dated: check a service still exists before referring anyone
    assert "2019" in article.locator(".ck-dated-note").inner_text()
    # the content note comes before the account
    assert article.locator("> *").first.get_attribute("role") == "note"
    assert article.get_by_text("Process steps it illustrates").is_visible()
    assert article.locator("blockquote").count() >= 1
    page.get_by_label("Search the text").fill("bad-date")
    page.get_by_label("Search the text").press("Enter")
    page.get_by_text("0 of 10 cases match.").or_(page.get_by_text("1 of 10 cases match.")
                                                 ).wait_for()
    charts = page.locator("img.ck-chart")  # strategies used, then demands, counted apart
    assert charts.count() == 2
    assert charts.first.bounding_box()["width"] > 100  # type: ignore[index]
    # Each picture says in words what it counts (a screen reader reads the alt text).
    assert charts.first.get_attribute("alt").startswith("Strategies by region: ")  # type: ignore[union-attr]
    assert charts.nth(1).get_attribute("alt").startswith("Demands by region: ")  # type: ignore[union-attr]
    assert page.evaluate(  # type: ignore[attr-defined]
        "[...document.images].every(i => i.naturalWidth > 0)")
    page.locator(".ck-page").screenshot(path=ARTIFACTS / "explorer-case.png")


def test_hostile_case_text_renders_as_text(browser: object, tmp_path: Path) -> None:
    """58 cases, each hostile in every field: read five in full and list all of them."""
    ids = hostile_cases(tmp_path / "cases", ROOT / "casestudies" / "sisterspace-vancouver.md")
    server = start_voila(tmp_path / "data", tmp_path / "voila.log",
                         CIRCLEKIT_CASESTUDIES_DIR=str(tmp_path / "cases"))
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT)
    try:
        for i in (0, 2, 17, 47, 52):
            page.goto(server.page_url("10_case_explorer.ipynb", case=ids[i]))
            article = page.locator("article.ck-case")
            article.wait_for()
            assert PAYLOADS[i].replace("\n", " ")[:40] in article.inner_text().replace(
                "\n", " ")
            assert page.locator(".ck-page").locator(INJECTED).count() == 0
            assert page.evaluate("window.__xss") is None
        options = page.get_by_label("Read a case").locator("option").all_inner_texts()
        assert len(options) >= len(PAYLOADS)
        article.screenshot(path=ARTIFACTS / "explorer-hostile.png")
    finally:
        context.close()
        stop_voila(server)


def test_search_applies_while_typing(page: object, voila_server: VoilaServer) -> None:
    from circlekit.content.casestudies import filter_cases, load_cases

    expected = len(filter_cases(load_cases(), text="shelter"))
    assert 0 < expected < 10
    open_explorer(page, voila_server)
    count = page.get_by_role("status").filter(has_text="cases match")  # type: ignore[attr-defined]
    page.get_by_label("Search the text").press_sequentially("shelter", delay=80)  # type: ignore[attr-defined]
    # No Enter: the count follows what is typed.
    count.get_by_text(f"{expected} of 10 cases match.").wait_for()
    page.get_by_label("Search the text").fill("")  # type: ignore[attr-defined]
    count.get_by_text("10 of 10 cases match.").wait_for()


def test_a_way_back_and_a_quick_exit(page: object, voila_server: VoilaServer) -> None:
    open_explorer(page, voila_server)
    exit_link = page.get_by_role("link", name="Quick exit")  # type: ignore[attr-defined]
    assert exit_link.is_visible()
    exit_box = exit_link.bounding_box()
    heading = page.get_by_role("heading", name="Case studies").bounding_box()  # type: ignore[attr-defined]
    assert exit_box["y"] + exit_box["height"] <= heading["y"]  # it covers nothing
    page.get_by_role("link", name="Back to the start page").click()  # type: ignore[attr-defined]
    page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]
    assert "00_start.ipynb" in page.url  # type: ignore[attr-defined]


def test_filters_fit_the_page(browser: object, voila_server: VoilaServer) -> None:
    for width in (1100, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT)
        try:
            open_explorer(page, voila_server)
            area = page.locator(".ck-filters").bounding_box()
            right = area["x"] + area["width"]
            for label in ("Country", "Region", "Kind", "Population", "Strategy", "Service",
                          "Search the text"):
                box = page.get_by_label(label, exact=True).bounding_box()
                assert box["x"] >= area["x"] and box["x"] + box["width"] <= right + 0.5, (
                    width, label, box, area)
            page.locator(".ck-filters").screenshot(path=ARTIFACTS / f"explorer-filters-{width}.png")
        finally:
            context.close()
