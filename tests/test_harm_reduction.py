"""Harm reduction first: no agreement may cost anyone a lifesaving service or make repair
conditional on abstinence, treatment, drug tests or police; a circle goes on without a person
who caused harm and will not come."""

from __future__ import annotations

import pytest

from circlekit.model import (
    AgreementItem,
    Circle,
    CircleStatus,
    ItemKind,
    Participant,
    Role,
)
from circlekit.model.harm_reduction import answered, item_warnings, unanswered_items
from circlekit.model.progress import step_states
from circlekit.model.vocab import LIFESAVING, Ending, Engagement, SharedService

ASH = "0123456789"


def item(action: str, **kwargs: object) -> AgreementItem:
    return AgreementItem(action=action, responsible=ASH,
                         **{"kind": ItemKind.OTHER, **kwargs})  # type: ignore[arg-type]


def test_an_item_that_keeps_someone_from_a_lifesaving_service_warns_until_answered() -> None:
    barred = item("Ash does not come to the clinic.", keeps_from=[SharedService.OST])
    assert item_warnings(barred) and not answered(barred)
    barred.kept_because = "Ash asked for it: he doses at another pharmacy."
    assert not answered(barred)  # a reason alone is not the person's agreement
    barred.kept_agreed = True
    assert answered(barred)


def test_a_service_that_is_not_lifesaving_and_an_arrangement_do_not_warn() -> None:
    assert not item_warnings(item("Ash skips the food programme on Mondays.",
                                  keeps_from=[SharedService.FOOD]))
    assert not item_warnings(item("Ash collects his dose on Tuesdays, Mira on Wednesdays.",
                                  kind=ItemKind.SHARED_SERVICE))
    assert {SharedService.OST, SharedService.NEEDLES, SharedService.SHELTER} <= LIFESAVING


@pytest.mark.parametrize("action", [
    "Ash stays sober for three months.",
    "Ash takes a drug test each week.",
    "Ash goes to treatment before the next meeting.",
    "If it happens again we call the police.",
    "Ash se mantiene limpio y hace pruebas de drogas.",
    "Ash suit un traitement et fait un test urinaire.",
    "Аш остаётся трезвым три месяца.",
    "Аш проходить тест на наркотики щотижня.",
])
def test_repair_conditional_on_abstinence_treatment_tests_or_police_warns(action: str) -> None:
    assert item_warnings(item(action))


@pytest.mark.parametrize("action", [
    "The team runs a know-your-rights session and a plan for police stops.",
    "The drop-in writes a reporting policy.",
    "Ash keeps clean supplies for the group.",
])
def test_ordinary_items_do_not_warn(action: str) -> None:
    assert not item_warnings(item(action))


def circle(**kwargs: object) -> Circle:
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    ash = Participant(id=ASH, alias="Ash", roles=[Role.CAUSED])
    return Circle(title="Shared clinic", participants=[mira, ash], **kwargs)  # type: ignore[arg-type]


def test_the_agreement_step_lists_the_items_nobody_may_sign() -> None:
    c = circle(agreement=[item("Ash stays away from the needle exchange.",
                               keeps_from=[SharedService.NEEDLES])])
    assert unanswered_items(c) == [1]
    assert any("harm-reduction warning" in t for t in step_states(c)["agreement"].todo)


@pytest.mark.parametrize("how", ["unwilling", "not reachable"])
def test_without_the_person_who_caused_harm_the_circle_goes_on(how: str) -> None:
    c = circle()
    if how == "unwilling":
        c.readiness.caused_willing = False
    else:
        c.invitation.engagement = Engagement.NOT_REACHABLE
    states = step_states(c)
    for key in ("accountability", "agreement", "follow_up"):
        assert not states[key].waits, key
        assert "not taking part" in states[key].note, key
    c.status = CircleStatus.PAUSED
    assert step_states(c)["agreement"].waits  # a pause still holds everything with them


def test_a_circle_can_end_without_the_person_who_caused_harm() -> None:
    c = circle()
    c.closing.ending = Ending.WITHOUT_CAUSED
    again = Circle.model_validate_json(c.model_dump_json())
    assert again.status is CircleStatus.ENDED


def test_a_facilitator_asks_themselves_at_least_twelve_questions_in_every_language() -> None:
    from circlekit.i18n import LANGUAGES, _, language
    from circlekit.model import step

    group = next(g for g in step("debrief").groups if g.title == "Am I ready for this circle?")
    assert len(group.fields) >= 12
    specs = [s for s in step("debrief").fields() if s.name in group.fields]
    english = [s.label for s in specs]
    for code in LANGUAGES:
        if code == "en":
            continue
        with language(code):
            assert all(_(label) != label for label in english), code


def test_the_answers_say_plainly_when_to_bring_in_another_facilitator() -> None:
    c = circle()
    assert not step_states(c)["debrief"].todo
    c.debrief.close_harmed = True
    c.debrief.ready_time = False
    todo = " ".join(step_states(c)["debrief"].todo)
    assert "bring in another facilitator" in todo
    assert "Am I close to the person harmed?" in todo and "time" in todo


def test_each_person_says_what_they_need_to_take_part() -> None:
    from circlekit.model.vocab import AccessNeed

    c = circle()
    c.participants[0].access = [AccessNeed.CHILDCARE, AccessNeed.TIMING]
    again = Circle.model_validate_json(c.model_dump_json())
    assert again.participants[0].access == [AccessNeed.CHILDCARE, AccessNeed.TIMING]
