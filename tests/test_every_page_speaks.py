"""Every facilitator page, built as Voila builds it, in each language: no message of the
catalog is left in English.

The pages are built in-process (no kernel), so every step of a whole practice circle and
every organisation page is read in each language within seconds; the browser tests check
that what is built here is what Chromium shows.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from untranslated import TAG, english_messages, left_in_english

from circlekit import pages
from circlekit.content.practice import practice_circle
from circlekit.i18n import LANGUAGES, set_language
from circlekit.model import STEPS
from circlekit.store import open_store
from circlekit.store.records import RecordStore

OTHERS = [code for code in LANGUAGES if code != "en"]


def shown_text(root: widgets.Widget) -> str:
    """Everything a person could read on the page: text, labels, buttons, choices, titles,
    placeholders and tooltips, markup removed."""
    said: list[str] = []
    todo = [root]
    while todo:
        w = todo.pop()
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(w, name, None)
            if isinstance(value, str) and not isinstance(w, widgets.Text | widgets.Textarea):
                said.append(value)
        said.extend(str(label) for label in getattr(w, "_options_labels", ()))
        said.extend(str(t) for t in getattr(w, "titles", ()) or ())
        todo.extend(getattr(w, "children", ()))
    return " ".join(" ".join(html.unescape(TAG.sub(" ", s)).split()) for s in said)


@pytest.fixture(scope="module")
def english() -> set[str]:
    return english_messages()


@pytest.fixture
def in_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def choose(lang: str) -> None:
        monkeypatch.setenv("QUERY_STRING", f"lang={lang}")

    yield choose
    set_language("en")


@pytest.mark.parametrize("lang", OTHERS)
def test_every_circle_step_speaks_the_circle_s_language(
        lang: str, data_dir: Path, english: set[str], in_language: object) -> None:
    circle = practice_circle("drop-in-volunteer", lang)
    with open_store(data_dir) as store:
        store.create(circle)
    in_language(lang)  # type: ignore[operator]
    found: dict[str, list[str]] = {}
    for step in STEPS:
        page = pages.workspace_page(circle.id, step.key)
        left = left_in_english(shown_text(page), english)
        if left:
            found[step.key] = left
    assert found == {}


@pytest.mark.parametrize("lang", OTHERS)
def test_every_page_outside_a_circle_speaks_the_chosen_language(
        lang: str, data_dir: Path, english: set[str], in_language: object) -> None:
    with open_store(data_dir) as store:
        store.create(practice_circle("drop-in-volunteer", lang))
        store.set_setting("language", lang)  # the start page keeps its own choice
    records = RecordStore(data_dir)
    records.add_incident({"month": "2026-01", "area": "North", "who": "police",
                          "what": ["physical"]})
    records.close()
    in_language(lang)  # type: ignore[operator]
    built = {"start": pages.start_page(), "explorer": pages.explorer_page(),
             "self-assessment": pages.assessment_page(), "incident log": pages.incident_page(),
             "incident report": pages.incident_report_page()}
    found = {name: left for name, page in built.items()
             if (left := left_in_english(shown_text(page), english))}  # type: ignore[arg-type]
    assert found == {}
