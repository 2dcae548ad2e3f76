"""The whole process in Chromium: readiness that decides, accountability work, a pause, and a
closing that deletes the records."""

from __future__ import annotations

import pytest
from pagekit import open_workspace, step_link, wait_saved

from circlekit.model import Circle, Harm, Participant, Role
from circlekit.store import open_store
from conftest import VoilaServer

pytestmark = pytest.mark.browser


def go(page: object, key: str) -> object:
    """Open step ``key`` from the stepper; return its view."""
    step_link(page, key).click()  # type: ignore[attr-defined]
    view = page.locator(f".ck-step-{key}")  # type: ignore[attr-defined]
    view.wait_for()
    return view


def answer(page: object, label: str, choice: str, v: int) -> int:
    """Choose ``choice`` in the dropdown labelled ``label`` on the open step; wait for the save."""
    page.locator(".ck-step-view:visible").get_by_label(label, exact=True).select_option(  # type: ignore[attr-defined]
        label=choice)
    return wait_saved(page, v)


def test_a_circle_from_danger_to_closing(server: VoilaServer, tab: object) -> None:
    marker = "Quokka-lantern words of the harm"
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    jay = Participant(alias="Jay", roles=[Role.CAUSED])
    kit = Participant(alias="Kit", roles=[Role.FACILITATOR])
    circle = Circle(title="From danger to closing", participants=[mira, jay, kit],
                    harms=[Harm(description=marker, caused_by=[jay.id])])
    with open_store(server.data_dir) as store:
        store.create(circle)
    v = open_workspace(tab, server, circle.id, "setup")

    # Someone is in danger: every step but the safety plan (and setup, closing) says why it waits.
    v = answer(tab, "Is anyone in immediate danger?", "Yes", v)
    for key in ("harm_map", "needs", "accountability", "agreement"):
        view = go(tab, key)
        view.locator(".ck-waits").get_by_text("Make a safety plan first").wait_for()  # type: ignore[attr-defined]
        assert not view.locator(".ck-form").first.is_visible()  # type: ignore[attr-defined]
    assert "waits" in step_link(tab, "needs").inner_text()  # type: ignore[attr-defined]
    plan = go(tab, "safety_plan")
    assert plan.locator(".ck-waits").count() == 0  # type: ignore[attr-defined]
    assert plan.locator(".ck-form").first.is_visible()  # type: ignore[attr-defined]

    # Safe enough, chosen by the person harmed: the steps open.
    go(tab, "setup")
    v = answer(tab, "Is anyone in immediate danger?", "No", v)
    v = answer(tab, "Is the person harmed choosing this process?", "Yes", v)
    v = answer(tab, "What did readiness decide?", "Go ahead with a circle", v)
    work = go(tab, "accountability")
    assert work.locator(".ck-waits").count() == 0  # type: ignore[attr-defined]
    work.get_by_label("Whose work").select_option(label="Jay")  # type: ignore[attr-defined]
    work.get_by_label("What they will do differently").fill(  # type: ignore[attr-defined]
        "Asks before helping anyone.")
    v = wait_saved(tab, v)

    # Paused, then resumed: the agreement waits while the circle is paused.
    go(tab, "setup")
    v = answer(tab, "Stage", "Paused", v)
    agreement = go(tab, "agreement")
    agreement.locator(".ck-waits").get_by_text("The circle is paused").wait_for()  # type: ignore[attr-defined]
    go(tab, "setup")
    v = answer(tab, "Stage", "Following up", v)
    agreement = go(tab, "agreement")
    assert agreement.locator(".ck-waits").count() == 0  # type: ignore[attr-defined]

    # Closing: the ending, the records decision, and the circle deleted for good.
    closing = go(tab, "closing")
    v = answer(tab, "How it ended", "The agreement was completed", v)
    v = answer(tab, "What happens to the records", "Delete the circle now", v)
    closing.get_by_role("button", name="Delete this circle").click()  # type: ignore[attr-defined]
    closing.get_by_role("button", name="Yes, delete “From danger to closing”").click()  # type: ignore[attr-defined]
    closing.get_by_text("The circle was deleted from this computer.").wait_for()  # type: ignore[attr-defined]
    with open_store(server.data_dir) as store:
        assert not store.exists(circle.id)
    for f in server.data_dir.glob("circles.sqlite3*"):
        assert b"Quokka" not in f.read_bytes(), f.name
