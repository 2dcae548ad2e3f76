"""What a circle keeps, chosen in the page: moving to a minimal record strikes every account
from every stored version, after asking; setup shows the legal note of the place chosen."""

from __future__ import annotations

import pytest
from pagekit import open_workspace, store_circle, wait_saved
from readers import db_bytes

from conftest import PAGE_TIMEOUT, VoilaServer

pytestmark = pytest.mark.browser

ACCOUNT = "AccountQx7 it happened after the meeting"
LEARNING = "LearningQx7 about power"


def fuller_circle() -> object:
    from circlekit.model import (
        AccountabilityWork,
        Circle,
        Harm,
        HarmType,
        Participant,
        RecordMode,
        Role,
    )

    mira = Participant(alias="Mira", roles=[Role.HARMED])
    ash = Participant(alias="Ash", roles=[Role.CAUSED])
    return Circle(title="Fuller notes", record_mode=RecordMode.FULLER, participants=[mira, ash],
                  harms=[Harm(description=ACCOUNT, caused_by=[ash.id],
                              harm_types=[HarmType.EMOTIONAL])],
                  accountability=[AccountabilityWork(person=ash.id, learning=LEARNING)])


def test_moving_to_a_minimal_record_asks_then_strikes_every_account(
        page: object, voila_server: VoilaServer) -> None:
    s = voila_server
    cid = store_circle(s, fuller_circle())
    open_workspace(page, s, cid, step="harm_map")
    assert page.get_by_label("What happened").input_value() == ACCOUNT  # type: ignore[attr-defined]
    open_workspace(page, s, cid, step="setup")
    mode = page.get_by_label("How much this circle writes down")  # type: ignore[attr-defined]
    mode.select_option(label="Minimal record: needs, agreements and decisions only")
    # Nothing is struck before the facilitator confirms, and they can keep their notes.
    ask = page.get_by_role("alert").filter(has_text="2 entries hold one")  # type: ignore[attr-defined]
    ask.wait_for()
    assert ACCOUNT.encode() in db_bytes(s.data_dir)
    # The page opens again on the struck circle: let that reload finish before going on.
    with page.expect_navigation(timeout=2 * PAGE_TIMEOUT):  # type: ignore[attr-defined]
        page.get_by_role("button", name="Strike them and keep a minimal record").click()  # type: ignore[attr-defined]
    open_workspace(page, s, cid, step="harm_map")
    assert not page.get_by_label("What happened").is_visible()  # type: ignore[attr-defined]
    assert "Emotional" in page.locator(".ck-table").first.inner_text()  # type: ignore[attr-defined]
    on_disk = db_bytes(s.data_dir)
    assert b"AccountQx7" not in on_disk and b"LearningQx7" not in on_disk


def test_setup_shows_the_legal_note_of_the_place_chosen(page: object,
                                                        voila_server: VoilaServer) -> None:
    from circlekit.model import Circle

    cid = store_circle(voila_server, Circle(title="Where we meet"))
    v = open_workspace(page, voila_server, cid, step="setup")
    page.get_by_label("Where the circle meets").select_option(label="France")  # type: ignore[attr-defined]
    note = page.locator(".ck-legal")  # type: ignore[attr-defined]
    note.get_by_text("The law where the circle meets: France").wait_for()
    assert "Code pénal, article 434-1" in note.inner_text()
    assert "checked 2026-" in note.inner_text()
    assert "not legal advice" in note.inner_text()
    v = wait_saved(page, v)
    page.get_by_label("When the records are deleted").select_option(  # type: ignore[attr-defined]
        label="Delete everything 90 days after the circle closes")
    from circlekit.model import Place, Retention
    from circlekit.store import open_store

    wait_saved(page, v)
    with open_store(voila_server.data_dir) as store:
        kept = store.open(cid).circle
    assert kept.place is Place.FR and kept.retention is Retention.DAYS_90
