"""58 hostile payloads through every text field of every step, the start page, the case
explorer, the organisational pages and every export: nothing is injected."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from readers import html_of
from xss import PAYLOADS, filled, hostile_cases, injected, shape

from circlekit.content.casestudies import load_cases
from circlekit.i18n import language
from circlekit.model import Circle
from circlekit.org.assessment import QUESTIONS, Answer, SelfAssessment
from circlekit.render.report import cases_overview, circle_report
from circlekit.store import SQLiteStore, export_circle
from circlekit.store.records import open_records
from circlekit.views import StartPage
from circlekit.views.explorer import case_html
from circlekit.views.org import SelfAssessmentPage, assessment_report
from circlekit.views.steps import VIEWS as PAGES
from circlekit.views.workspace import step_page

ROOT = Path(__file__).resolve().parent.parent
N = len(PAYLOADS)


def test_the_corpus_is_large_enough() -> None:
    assert N >= 50


# A 1×1 picture: the drawings are PNG bytes in a data: address, which no payload can turn
# into markup, so here they are not drawn (58 times per step); their text alternative, which
# is markup, still is. What the drawings show is tested in test_pictures.py.
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.mark.parametrize("key", list(PAGES))
def test_every_payload_in_every_field_of_every_step(key: str, store: SQLiteStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The page with payloads has exactly the elements of the page with plain words."""
    if "drawing" in vars(PAGES[key]):
        monkeypatch.setattr(PAGES[key], "drawing", lambda _self: BLANK_PNG)
    benign = store.create(filled(0, "Plain words only")).circle
    baseline = html_of(step_page(store, benign.id, key).widget) + circle_report(benign, key)
    ours = set(injected(baseline))  # the page's own quick exit, details and styles
    problems = []
    for offset in range(N):
        circle = store.create(filled(offset)).circle
        markup = html_of(step_page(store, circle.id, key).widget)
        markup += circle_report(circle, key)
        extra = shape(markup) - shape(baseline)
        bad = [b for b in injected(markup) if b not in ours]
        bad += [f"new element {e}" for e in extra]
        if bad:
            problems.append((offset, bad[:3]))
    assert problems == []


def test_payload_titles_on_the_start_page(store: SQLiteStore) -> None:
    store.create(Circle(title="Plain words"))
    baseline = html_of(StartPage(store).widget)
    for payload in PAYLOADS:
        store.create(Circle(title=payload.replace("\n", " ")[:200]))
    start = StartPage(store)
    markup = html_of(start.widget)
    assert set(injected(markup)) <= set(injected(baseline))  # the page's own stylesheet
    assert set(shape(markup)) == set(shape(baseline))
    assert sum(markup.count(f"<td>{p}") for p in PAYLOADS if "<" in p) == 0


def test_payloads_through_the_case_explorer(tmp_path: Path) -> None:
    hostile_cases(tmp_path / "cases", ROOT / "casestudies" / "sisterspace-vancouver.md")
    cases = load_cases(tmp_path / "cases")
    assert len(cases) == N
    for case in cases:
        assert injected(case_html(case)) == [], case.id
        with language("uk"):  # the translated content note and questions
            assert injected(case_html(case)) == [], case.id
    assert injected(cases_overview(cases)) == []


def test_payloads_through_exports(store: SQLiteStore) -> None:
    """A circle file keeps every payload as the exact text it was, and is not markup."""
    for offset in (0, 17, 33):
        circle = store.create(filled(offset)).circle
        data = export_circle(store, circle.id)
        assert data.lstrip().startswith(b"{")
        back = Circle.model_validate(json.loads(data)["circle"])
        # The facilitator's own notes (readiness, check-ins' private fields) never travel.
        kept = {"updated", "title", "readiness", "checkins"}
        assert back.model_dump(exclude=kept) == circle.model_dump(exclude=kept)
        own = {"feels_safe", "feelings", "notes"}
        assert ([c.model_dump(exclude=own) for c in back.checkins]
                == [c.model_dump(exclude=own) for c in circle.checkins])


def test_payloads_through_the_self_assessment_and_its_report(data_dir: Path) -> None:
    records = open_records(data_dir)
    case_titles = {c.id: c.title for c in load_cases()}
    for payload in PAYLOADS:
        assessment = SelfAssessment(organisation=payload.replace("\n", " ")[:200],
                                    notes=payload,
                                    answers=dict.fromkeys(QUESTIONS, Answer.NO))
        assert injected(assessment_report(assessment, case_titles)) == []
    page = SelfAssessmentPage(records)
    baseline = html_of(page.widget)
    page.organisation.value = PAYLOADS[2]
    page.new_button.click()
    markup = html_of(page.widget)
    found = [b for b in injected(markup) if not b.startswith("<a href='data:text/html")]
    assert set(found) <= set(injected(baseline))
    # The downloadable report is an export too: decode it and look inside.
    uri = re.search(r'href="data:text/html;charset=utf-8;base64,([^"]+)"', markup)
    assert uri is not None
    report = base64.b64decode(uri.group(1)).decode("utf-8")
    assert "Self-assessment" in report
    assert injected(report, allowed={"meta"}) == []
