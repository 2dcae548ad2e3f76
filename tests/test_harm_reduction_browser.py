"""Harm reduction first, in Chromium: an item that bars someone from their shared clinic is
held back from sign-off until answered; a circle whose person who caused harm cannot be
reached still agrees what it can and closes."""

from __future__ import annotations

import pytest
from pagekit import go, open_workspace, store_circle, wait_saved

from circlekit.model import Circle, Need, NeedCategory, Participant, Process, Role
from circlekit.model.vocab import SharedService
from circlekit.store import open_store
from conftest import VoilaServer

pytestmark = pytest.mark.browser


def shared_clinic() -> Circle:
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    ash = Participant(alias="Ash", roles=[Role.CAUSED])
    org = Participant(alias="The clinic", roles=[Role.ORGANISATION])
    return Circle(title="One clinic", participants=[mira, ash, org],
                  process=Process(shared_services=[SharedService.OST]),
                  needs=[Need(holder=mira.id, category=NeedCategory.SAFETY,
                              own_words="Not to meet him at the clinic.")])


def test_an_item_barring_someone_from_their_clinic_waits_for_an_answer_before_sign_off(
        page: object, voila_server: VoilaServer) -> None:
    circle = shared_clinic()
    cid = store_circle(voila_server, circle)
    v = open_workspace(page, voila_server, cid, step="agreement")
    view = page.locator(".ck-step-agreement")  # type: ignore[attr-defined]
    view.get_by_label("What will be done").fill("Ash does not come to the clinic any more.")
    view.get_by_label("Kind of action").select_option(label="Stepping back from a role")
    view.get_by_label("Who is responsible").select_option(label="Ash")
    v = wait_saved(page, v)
    view.get_by_role("checkbox", name="OST clinic or pharmacy (methadone, buprenorphine)",
                     exact=True).check()
    v = wait_saved(page, v)
    warning = view.locator(".ck-form .ck-hr-warning")
    warning.get_by_text("keeps someone from a lifesaving service").wait_for()
    assert "Nobody signs this item" in warning.inner_text()
    sign = view.get_by_role("checkbox", name="Mira signs this item")
    assert sign.is_disabled()
    assert "Harm-reduction warning" in view.locator(".ck-preview").inner_text()
    # Kept, with a reason the person it affects agreed to: now it can be signed.
    view.get_by_label("Kept despite the warning, because").fill(
        "Ash asked: he will dose at the pharmacy instead.")
    view.get_by_role("checkbox", name="The person it affects agreed to keep it").check()
    v = wait_saved(page, v)
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('.ck-step-agreement .ck-form input[type=checkbox]"
        "[disabled]')")
    sign.check()
    v = wait_saved(page, v)
    with open_store(voila_server.data_dir) as store:
        kept = store.open(cid).circle.agreement[0]
    assert [s.participant for s in kept.signoffs] == [circle.participants[0].id]


def test_a_circle_without_the_person_who_caused_harm_agrees_what_it_can_and_closes(
        page: object, voila_server: VoilaServer) -> None:
    circle = shared_clinic()
    cid = store_circle(voila_server, circle)
    v = open_workspace(page, voila_server, cid, step="accountability")
    view = page.locator(".ck-step-accountability")  # type: ignore[attr-defined]
    view.get_by_label("How far they take part").select_option(label="Not reachable")
    v = wait_saved(page, v)
    view.get_by_label("Attempts so far").fill("3")
    view.get_by_label("Attempts so far").press("Tab")
    v = wait_saved(page, v)
    go(page, "agreement")
    agreement = page.locator(".ck-step-agreement")  # type: ignore[attr-defined]
    assert "not taking part" in agreement.locator(".ck-without").inner_text()
    agreement.get_by_label("What will be done").fill("The clinic offers Mira a separate "
                                                     "dosing time.")
    agreement.get_by_label("Kind of action").select_option(
        label="Shared-service arrangement (other days or hours, another site, an escort, "
              "a staff contact)")
    agreement.get_by_label("Who is responsible").select_option(label="The clinic")
    v = wait_saved(page, v)
    assert agreement.locator(".ck-form .ck-hr-warning").count() == 0
    go(page, "closing")
    closing = page.locator(".ck-step-closing")  # type: ignore[attr-defined]
    closing.get_by_label("How it ended").select_option(
        label="Ended without the person who caused harm")
    wait_saved(page, v)
    with open_store(voila_server.data_dir) as store:
        kept = store.open(cid).circle
    assert kept.invitation.attempts == 3
    assert kept.status.value == "ended" and len(kept.agreement) == 1


def test_a_meeting_plan_prints_for_its_keeper_with_its_overdose_checklist(
        page: object, voila_server: VoilaServer) -> None:
    from pagekit import take_home
    from readers import text_of

    cid = store_circle(voila_server, shared_clinic())
    v = open_workspace(page, voila_server, cid, step="meetings")
    view = page.locator(".ck-step-meetings")  # type: ignore[attr-defined]
    view.get_by_label("What this meeting is for").fill("Hearing what Mira needs")
    v = wait_saved(page, v)
    view.get_by_label("Keeper").select_option(label="The clinic")
    view.get_by_label("Talking piece").fill("A smooth stone")
    v = wait_saved(page, v)
    for check in ("Naloxone in the room, and everyone knows where",
                  "Nobody leaves alone: someone goes out with each person"):
        view.get_by_role("checkbox", name=check, exact=True).check()
    view.get_by_label("Who carries naloxone").select_option(label="The clinic")
    wait_saved(page, v)
    made = take_home(page, "The clinic")
    text = text_of(made["html"], "html")
    assert "Meeting plan" in text and "For The clinic" in text
    assert "A smooth stone" in text
    assert "Naloxone in the room, and everyone knows where" in text
    assert "Nobody leaves alone" in text
