"""At 390 × 844, every page that is not a circle's step fits the screen: nothing wider than it
(a table or a map may scroll inside its own frame), no label cut short, and no control smaller
than a finger. The steps are checked in test_workspace_browser."""

from __future__ import annotations

import pytest

from circlekit.content.practice import practice_circle
from circlekit.store import open_store
from conftest import ARTIFACTS, PAGE_TIMEOUT, VoilaServer, close_tabs

pytestmark = pytest.mark.browser

# Visible elements whose right edge passes the screen's, unless a frame of their own that
# scrolls sideways holds them (a wide table or a drawn map may scroll there).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    // Frames inside the page only: the page itself scrolls (Voila's layout), which would
    // hide anything wider than the screen from this check.
    for (let p = el.parentElement; p && !p.classList.contains('ck-page'); p = p.parentElement) {
      const style = getComputedStyle(p);
      const frame = ['auto', 'scroll'].includes(style.overflowX);
      if (frame && p.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('.ck-page *')]
    .filter(el => el.offsetParent !== null)
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ` +
                (el.textContent || '').trim().slice(0, 40));
}"""
CUT = """() => [...document.querySelectorAll(
    '.ck-page .widget-label, .ck-page .widget-label-basic, .ck-page .widget-label-basic span,'
    + ' .ck-page button')]
  .filter(el => el.offsetParent !== null && el.textContent.trim())
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim().slice(0, 60))"""

# Controls a finger cannot hit reliably: less than 44 px tall (a checkbox or a radio button
# counts by its label, which takes the tap too).
SMALL = """() => [...document.querySelectorAll(
    '.ck-page button, .ck-page select, .ck-page input[type=text], .ck-page input[type=password],'
    + ' .ck-page input[type=date], .ck-page .widget-checkbox label,'
    + ' .ck-page .widget-radio-box label')]
  .filter(el => el.offsetParent !== null)
  .filter(el => el.getBoundingClientRect().height < 43.5)
  .map(el => `small: ${el.tagName.toLowerCase()} `
             + `${Math.round(el.getBoundingClientRect().height)} px `
             + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30))"""


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_other_page_fits_a_phone(voila_server: VoilaServer, browser: object,
                                       language: str) -> None:
    circle = practice_circle("drop-in-volunteer", language)
    with open_store(voila_server.data_dir) as store:
        store.create(circle)
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT)
    found: dict[str, list[str]] = {}
    try:
        for notebook, query in (
                ("00_start.ipynb", {}),
                ("10_case_explorer.ipynb", {"case": "whrin-colombia-statement"}),
                ("20_org_self_assessment.ipynb", {}),
                ("21_incident_log.ipynb", {}),
                ("22_incident_report.ipynb", {}),
                ("07_safety_plan.ipynb", {"circle": circle.id})):
            tab.goto(voila_server.page_url(notebook, lang=language, **query))
            tab.locator(".ck-nav a, .ck-save-status, .ck-handover").first.wait_for(
                timeout=2 * PAGE_TIMEOUT)
            tab.wait_for_load_state("networkidle")
            wide, cut, small = tab.evaluate(TOO_WIDE), tab.evaluate(CUT), tab.evaluate(SMALL)
            if wide or cut or small:
                found[notebook] = [*wide[:8], *(f"cut: {c}" for c in cut[:8]), *small[:8]]
                tab.screenshot(path=ARTIFACTS / f"phone-{language}-{notebook}.png",
                               full_page=True)
    finally:
        close_tabs(context)
    assert found == {}
