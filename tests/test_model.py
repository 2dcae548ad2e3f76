"""The process model: validation names the field, declarations drive everything."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from circlekit.model import (
    SCHEMA_VERSION,
    STEPS,
    AgreementItem,
    Circle,
    Need,
    Participant,
    Role,
    circle_schema,
    explain,
    redact,
)
from circlekit.model.privacy import LEFT_OUT
from circlekit.model.progress import todo_list
from circlekit.model.synthetic import synthetic_circle


def problems(model: type, **data: object) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model(**data)
    return explain(info.value, model)


def test_empty_alias_names_the_field() -> None:
    found = problems(Participant, alias="  ", roles=[Role.HARMED])
    assert found == ["Alias (alias): cannot be empty."]


def test_missing_roles_are_a_gap_and_unknown_role_names_the_field() -> None:
    circle = Circle(title="t", participants=[Participant(alias="Kit")])
    assert todo_list(circle)[:2] == ["Choose a role for Kit.",
                                    "No one has the role “Person harmed” yet."]
    found = problems(Participant, alias="Kit", roles=["boss"])
    assert found[0].startswith("Roles (roles.0): is not one of the offered choices")


def test_control_characters_and_newlines_refused_in_short_text() -> None:
    assert "control characters" in problems(Participant, alias="a\x00b", roles=["harmed"])[0]
    assert "one line" in problems(Participant, alias="a\nb", roles=["harmed"])[0]


def test_too_long_title_says_the_limit() -> None:
    assert problems(Circle, title="x" * 201) == [
        "Circle name (title): is too long (at most 200 characters)."]


def test_nested_error_path_and_label() -> None:
    with pytest.raises(ValidationError) as info:
        Circle.model_validate({"title": "t", "needs": [{"holder": "0123456789",
                                                         "category": "safety"}]})
    assert "In their own words (needs.0.own_words): is required." in explain(info.value, Circle)


def test_broken_references_are_named() -> None:
    circle = synthetic_circle(6)
    data = circle.model_dump()
    data["agreement"][0]["needs"] = ["ffffffffff"]
    with pytest.raises(ValidationError) as info:
        Circle.model_validate(data)
    assert explain(info.value, Circle) == [
        "agreement.0.needs: there is no need with id 'ffffffffff'."]


def test_unknown_keys_are_refused() -> None:
    assert problems(Circle, title="t", colour="red") == [
        "colour: is not a field this app knows."]


def test_unmet_needs_are_those_no_item_answers() -> None:
    circle = synthetic_circle(9)
    extra = Need(holder=circle.participants[0].id, category="housing", own_words="A room")
    circle.needs.append(extra)
    assert extra in circle.unmet_needs()
    assert all(n.id != extra.id for item in circle.agreement for n in [extra]
               if n.id in item.needs)


def test_every_step_field_has_a_label_and_help_or_is_obvious() -> None:
    for step in STEPS:
        assert step.facilitator_notes, step.key
        for spec in step.fields():
            assert spec.label and spec.label != spec.name, (step.key, spec.name)


def test_private_defaults_come_from_the_declaration() -> None:
    harm = next(s for s in STEPS if s.key == "harm_map")
    assert "description" in harm.private_fields()
    assert "harm_types" not in harm.private_fields()


def test_schema_is_generated_from_models_and_carries_labels() -> None:
    schema = circle_schema()
    assert schema["x-schema-version"] == SCHEMA_VERSION
    participant = schema["$defs"]["Participant"]["properties"]["alias"]
    assert participant["title"] == "Alias"
    json.dumps(schema)  # serialisable


def test_redact_leaves_out_private_fields_and_says_which() -> None:
    circle = synthetic_circle(6)
    redacted, left_out = redact(circle)
    assert redacted.harms[0].description == ""  # optional: left out as empty
    assert "harms.description" in left_out  # the kind of detail, never which row
    assert redacted.title == LEFT_OUT
    assert redacted.harms[0].harm_types == circle.harms[0].harm_types
    Circle.model_validate(redacted.model_dump())  # a redacted copy is still a valid circle


def test_redact_respects_each_persons_choice_to_share() -> None:
    circle = synthetic_circle(6)
    for p in circle.participants:
        p.shares_private = True
    shared, left_out = redact(circle)
    assert shared.harms[0].description == circle.harms[0].description
    assert left_out == ["readiness.support_plan", "title"] or "title" in left_out
    assert "harms.description" in redact(circle, force=True)[1]


def test_a_circle_saved_with_the_old_circle_wide_switch_still_opens_and_shares_nothing() -> None:
    circle = synthetic_circle(3)
    doc = json.loads(circle.model_dump_json())
    doc["sharing"] = {"share_private": True, "decided_by": None, "decided_on": None}
    for way in (Circle.model_validate(doc), Circle.model_validate_json(json.dumps(doc))):
        assert not any(p.shares_private for p in way.participants)
        assert "sharing" not in way.model_dump()


def test_agreement_item_requires_an_action() -> None:
    found = problems(AgreementItem, action="", kind="apology", responsible="0123456789")
    assert found == ["What will be done (action): cannot be empty."]


def test_the_stage_follows_the_ending_a_closing_records() -> None:
    from circlekit.model.vocab import CircleStatus, Ending

    circle = Circle(title="Ends", status=CircleStatus.MEETING)
    # As the closing step sets it: the list of circles then shows the new stage.
    circle.closing = circle.closing.model_copy(update={"ending": Ending.COMPLETED})
    assert circle.status is CircleStatus.CLOSED
    withdrawn = Circle(title="Withdrawn", closing={"ending": "withdrawn"})
    assert withdrawn.status is CircleStatus.ENDED
    assert Circle(title="Going on").status is CircleStatus.PREPARING


def test_an_other_structural_condition_is_said_in_words() -> None:
    from circlekit.export import build_document
    from circlekit.model import Condition, Harm, Participant, Role

    ana = Participant(alias="Ana", roles=[Role.HARMED])
    harm = Harm(conditions=[Condition.OTHER], other_condition="A landlord's threat")
    circle = Circle(title="Other", participants=[ana], harms=[harm])
    doc = build_document(Circle.model_validate(circle.model_dump()), "harm_map", ana.id)
    entries = {e.label: e.value for b in doc.sections[0].blocks for e in b.entries}
    assert entries["Other condition"] == "A landlord's threat"


def test_the_stage_follows_the_process_unless_the_facilitator_chose_one() -> None:
    from datetime import date

    from circlekit.model import (
        AgreementItem,
        CheckIn,
        CircleStatus,
        ItemKind,
        Participant,
        Role,
        SignOff,
    )
    from circlekit.model.vocab import PodKind

    ana = Participant(alias="Ana", roles=[Role.HARMED])
    item = AgreementItem(action="A meeting", kind=ItemKind.OTHER, responsible=ana.id,
                         signoffs=[SignOff(participant=ana.id, signed_on=date(2026, 5, 1))])
    signed = Circle(title="s", participants=[ana], agreement=[item])
    assert signed.status is CircleStatus.MEETING
    followed = Circle(title="f", participants=[ana], agreement=[item],
                      checkins=[CheckIn(held_on=date(2026, 6, 1))])
    assert followed.status is CircleStatus.FOLLOWING_UP
    paused = Circle(title="p", participants=[ana], agreement=[item],
                    status=CircleStatus.PAUSED)
    assert paused.status is CircleStatus.PAUSED  # as the facilitator chose
    assert PodKind.OTHER.label.startswith("Something else")  # a barrier that is no one


def test_a_goal_due_for_review_is_on_the_follow_up_to_do_list() -> None:
    from datetime import date, timedelta

    from circlekit.model import Goal, Participant, Role
    from circlekit.model.progress import step_states

    ana = Participant(alias="Ana", roles=[Role.HARMED])
    past, ahead = date.today() - timedelta(days=1), date.today() + timedelta(days=30)
    circle = Circle(title="Goals", participants=[ana], goals=[
        Goal(person=ana.id, goal="Weekly supplies", review_on=past),
        Goal(person=ana.id, goal="A new role", review_on=ahead),
        Goal(person=ana.id, goal="Back at the clinic", review_on=past, reached=True)])
    assert step_states(circle)["follow_up"].todo == [
        "Goal 1: its review date has come; look at it together at the next check-in."]


def test_a_version_says_in_brief_what_its_save_changed() -> None:
    """"Needs: 1 added, 1 changed", "item 2 signed": counts and positions, never text."""
    from datetime import date

    from circlekit.content.practice import practice_circle
    from circlekit.model.compare import in_brief
    from circlekit.model.records.agreement import SignOff

    old = practice_circle("drop-in-volunteer")
    new = old.model_copy(deep=True)
    new.needs[0].own_words = "Something else entirely"
    new.needs.append(new.needs[1].model_copy(update={"id": "n-new"}))
    item = new.agreement[1]
    item.signoffs.append(SignOff(participant=new.participants[0].id, signed_on=date.today()))
    brief = in_brief(old, new)
    assert brief == "Needs: 1 added, 1 changed; item 2 signed", brief
    assert "Something" not in brief
    assert in_brief(new, new) == "no change" and in_brief(None, new) == "Created"
    assert in_brief(new, old) == "Needs: 1 changed, 1 removed; item 2: a signature withdrawn"
    new.title = "Renamed"
    assert in_brief(old, new).startswith("circle details; ")


def test_check_ins_and_items_name_their_states_with_one_vocabulary() -> None:
    from circlekit.model.vocab import ItemStatus, Progress

    assert Progress.SOME.label == ItemStatus.IN_PROGRESS.label == "In progress"
    assert Progress.DONE.label == ItemStatus.DONE.label == "Done"
    assert {p.label for p in Progress} >= {"Not started", "In progress", "Done"}
