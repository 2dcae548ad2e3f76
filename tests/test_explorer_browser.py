"""The case explorer in Chromium: filters, a case in full, and hostile text kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ARTIFACTS, VoilaServer, start_voila, stop_voila

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ('<img src=x onerror="window.__pwned=1"><b id="injected">bold</b>'
           '<script>window.__pwned=2</script><a href="javascript:window.__pwned=3">x</a>')


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
    note = article.get_by_role("note")
    assert note.inner_text().startswith("Content note:")
    # the content note comes before the account
    assert article.locator("> *").first.get_attribute("role") == "note"
    assert article.get_by_text("Process steps it illustrates").is_visible()
    assert article.locator("blockquote").count() >= 1
    page.get_by_label("Search the text").fill("bad-date")
    page.get_by_label("Search the text").press("Enter")
    page.get_by_text("0 of 10 cases match.").or_(page.get_by_text("1 of 10 cases match.")
                                                 ).wait_for()
    chart = page.locator(".ck-chart")
    assert chart.bounding_box()["width"] > 100  # type: ignore[index]
    page.locator(".ck-page").screenshot(path=ARTIFACTS / "explorer-case.png")


def test_hostile_case_text_renders_as_text(browser: object, tmp_path: Path) -> None:
    source = (ROOT / "casestudies" / "sisterspace-vancouver.md").read_text(encoding="utf-8")
    _, front, _body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(title=PAYLOAD, organisation=PAYLOAD, summary=PAYLOAD, country=PAYLOAD,
                questions=[PAYLOAD])
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "hostile.md").write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + PAYLOAD + "\n\n**"
        + PAYLOAD + "**\n", encoding="utf-8")
    server = start_voila(tmp_path / "data", tmp_path / "voila.log",
                         CIRCLEKIT_CASESTUDIES_DIR=str(cases))
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_explorer(page, server)
        article = page.locator("article.ck-case")
        article.wait_for()
        assert PAYLOAD in article.inner_text()
        assert page.locator("#injected").count() == 0
        assert page.locator(".ck-page script, .ck-page img:not(.ck-chart)").count() == 0
        assert page.locator('.ck-page a[href^="javascript"]').count() == 0
        assert page.evaluate("window.__pwned") is None
        article.screenshot(path=ARTIFACTS / "explorer-hostile.png")
    finally:
        context.close()
        stop_voila(server)
