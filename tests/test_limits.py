"""Text at its limits in every text box of every step: kept, or refused with a sentence."""

from __future__ import annotations

import pytest

from circlekit.content.practice import practice_circle
from circlekit.model import MeetingPlan, SafetySituation
from circlekit.model import step as find_step
from circlekit.model.fields import LONG_MAX, SHORT_MAX
from circlekit.store import SQLiteStore
from circlekit.views.page import UNEXPECTED
from circlekit.views.steps import VIEWS as PAGES
from circlekit.views.workspace import step_page

LIMITS = {
    "empty": "",
    "only spaces": "  \t  ",
    "100 kB": "x" * 100_000,
    "longest long text": "y" * LONG_MAX,
    "longest short text": "z" * SHORT_MAX,
    "control characters": "before\x00\x07\x1bafter",
    "right-to-left": "مرحبا بكم — שלום \u202bembedded\u202c",
    "emoji": "🧡 🏳️‍🌈 👩🏽‍⚕️ 🫶",
    "combining marks": "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "two lines": "first line\nsecond line",
}


def text_controls(page: object) -> dict[str, object]:
    rows = page.view.rows  # type: ignore[attr-defined]
    return {n: c for n, c in rows.controls.items() if c.spec.kind in ("text", "longtext")}


@pytest.mark.parametrize("key", [k for k in PAGES if find_step(k).collection])  # row steps
def test_text_at_its_limits_is_kept_or_refused_plainly(key: str, store: SQLiteStore) -> None:
    practice = practice_circle("drop-in-volunteer")
    if not practice.safety_plan:  # the scenarios predate safety plans: give it one row
        practice.safety_plan.append(SafetySituation(holder=practice.participants[0].id,
                                                    situation="Using alone at night"))
    if not practice.meetings:  # nor meeting plans
        practice.meetings.append(MeetingPlan(purpose="The first joint meeting"))
    circle = store.create(practice).circle
    page = step_page(store, circle.id, key)
    step = find_step(key)
    controls = text_controls(page)
    assert controls, key
    outcomes: dict[str, int] = {"kept": 0, "refused": 0}
    for name, control in controls.items():
        for label, value in LIMITS.items():
            row_id = page.view.rows.editing  # type: ignore[attr-defined]
            control.field.value = value  # type: ignore[attr-defined]
            shown = control.error_message  # type: ignore[attr-defined]
            stored = store.open(circle.id).circle
            row = next(r for r in getattr(stored, step.collection) if r.id == row_id)
            everything = page.widget.children  # type: ignore[attr-defined]
            assert UNEXPECTED not in str([getattr(w, "value", "") for w in everything])
            if getattr(row, name) == value.strip():
                outcomes["kept"] += 1
                assert not shown, (name, label, shown)
            else:
                outcomes["refused"] += 1
                # A sentence next to the field that names it and says what to change.
                assert shown and control.spec.label in shown, (name, label, shown)
                assert "Traceback" not in shown
                control.field.value = "A fine value"  # put it right before the next one
    print(key, outcomes)
    assert outcomes["kept"] and outcomes["refused"]
