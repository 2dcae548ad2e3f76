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


def _text(html: bytes) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def test_a_person_harmed_in_one_harm_and_causing_another_is_named_right_in_each(
        page: object, voila_server: VoilaServer) -> None:
    from circlekit.model import Affected, Directness, Harm, HarmType
    from circlekit.model.vocab import RecordMode

    # Harm on both sides: each holds both roles, and each harm says who did what in it.
    rin = Participant(alias="Rin", roles=[Role.HARMED, Role.CAUSED])
    oak = Participant(alias="Oak", roles=[Role.HARMED, Role.CAUSED])
    circle = Circle(title="Both ways", record_mode=RecordMode.FULLER, participants=[rin, oak],
                    harms=[Harm(harm_types=[HarmType.EMOTIONAL], caused_by=[oak.id],
                                affected=[Affected(participant=rin.id,
                                                   directness=Directness.DIRECT)])])
    cid = store_circle(voila_server, circle)
    v = open_workspace(page, voila_server, cid, step="harm_map")
    view = page.locator(".ck-step-harm_map")  # type: ignore[attr-defined]
    # The second harm, entered on the page: Rin caused it, Oak was affected.
    view.get_by_role("button", name="Add a harm").click()
    view.get_by_role("checkbox", name="Economic harm", exact=True).check()
    view.get_by_role("checkbox", name="Rin", exact=True).first.check()
    # The kind and the person may be saved one after the other: wait for the person's save.
    import time

    deadline = time.monotonic() + 45
    while True:
        v = wait_saved(page, v)
        with open_store(voila_server.data_dir) as store:
            if store.open(cid).circle.harms[1:2] and store.open(cid).circle.harms[1].caused_by:
                break
        assert time.monotonic() < deadline, "the person who caused it was never saved"
    page.goto("about:blank")  # type: ignore[attr-defined]
    with open_store(voila_server.data_dir) as store:
        opened = store.open(cid)
        stored = opened.circle
        assert stored.harms[1].caused_by == [rin.id]
        stored.harms[1].affected = [Affected(participant=oak.id, directness=Directness.DIRECT)]
        store.save(stored, based_on=opened.version, note="test: who was affected")
    v = open_workspace(page, voila_server, cid, step="harm_map")
    from pagekit import take_home

    for reader in ("Rin", "Oak"):
        text = _text(take_home(page, reader)["html"])
        first = text.index("Kinds of harm Emotional or psychological harm")
        second = text.index("Kinds of harm Economic harm")
        assert first < second, reader
        assert "Who caused it Oak Who was affected Rin" in text[first:second], reader
        assert "Who caused it Rin Who was affected Oak" in text[second:], reader


def test_goals_with_review_points_are_kept_and_marked(page: object,
                                                     voila_server: VoilaServer) -> None:
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    ash = Participant(alias="Ash", roles=[Role.CAUSED])
    cid = store_circle(voila_server, Circle(title="Goals", participants=[mira, ash]))
    v = open_workspace(page, voila_server, cid, step="follow_up")
    view = page.locator(".ck-step-follow_up")  # type: ignore[attr-defined]
    view.get_by_role("heading", name="Goals and review points").wait_for()
    view.get_by_role("button", name="Add a goal").click()
    view.get_by_label("Whose goal").select_option(label="Mira")
    view.get_by_label("The goal", exact=True).fill("Back at the drop-in every week")
    view.get_by_label("Review on").fill("2026-06-01")
    v = wait_saved(page, v)
    chooser = view.get_by_label("Which goal").locator("option").first
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('.ck-step-follow_up option')]"
        ".some(o => o.textContent.replace(/\\s/g, ' ').startsWith('1. Mira: Back at the drop-in'))")
    assert "Goals and review points" not in chooser.inner_text()  # named by the goal
    view.get_by_role("checkbox", name="Reached").check()
    view.get_by_label("How it was marked").fill("A meal together")
    v = wait_saved(page, v)
    with open_store(voila_server.data_dir) as store:
        (goal,) = store.open(cid).circle.goals
    assert goal.person == mira.id and goal.reached and goal.marked == "A meal together"
    assert str(goal.review_on) == "2026-06-01"
    from pagekit import take_home

    # Her goal is hers: Ash's copy names it reached, without her words.
    assert "Back at the drop-in every week" in _text(take_home(page, "Mira")["html"])
    assert "Back at the drop-in every week" not in _text(take_home(page, "Ash")["html"])


WALKS = [("booking-phone", "es"), ("after-the-break-up", "fr"), ("peer-group", "ru"),
         ("the-coordinator", "uk"), ("one-clinic", "en")]


@pytest.mark.parametrize(("key", "lang"), WALKS, ids=[k for k, _l in WALKS])
def test_a_practice_circle_walks_from_setup_to_closing(page: object, server: VoilaServer,
                                                       key: str, lang: str) -> None:
    """Each newer practice circle, opened from the start page in a language, shows every step
    to its closing with nothing refused and none of its English words left."""
    import re

    from pagekit import shown

    from circlekit.content.practice import SCENARIOS, texts
    from circlekit.i18n import _, language
    from circlekit.model import STEPS

    scenario = next(s for s in SCENARIOS if s.key == key)
    with language(lang):
        title, button = _(scenario.title), _("Open a practice copy")
    english = [t for t in texts(scenario) if " " in t] if lang != "en" else []
    with open_store(server.data_dir) as store:  # the start page speaks its own setting
        store.set_setting("language", lang)
    page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.locator("select").filter(has=page.locator(  # type: ignore[attr-defined]
        "option", has_text=title)).select_option(label=title)
    page.get_by_role("button", name=button).click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/circle\.ipynb\?circle="))  # type: ignore[attr-defined]
    page.locator(".ck-circle-name", has_text=title).wait_for()  # type: ignore[attr-defined]
    for step in STEPS:
        go(page, step.key)
        view = page.locator(f".ck-step-{step.key}")  # type: ignore[attr-defined]
        assert view.locator(".ck-error").count() == 0, (key, step.key)
        on_screen = shown(page)
        left = [t for t in english if t in on_screen]
        assert not left, (key, step.key, left)
    assert page.locator(".ck-step-closing").is_visible()  # type: ignore[attr-defined]
