"""Say it, don't store it: what a circle keeps, and for how long.

A harm needs no account; a minimal record (the default) keeps none, and moving a circle to one
strikes every account from every stored version. The accountability prompts ask about needs
and change, never about what happened; an apology's words are never a field. Each circle's own
rule deletes it when its day comes. Legal notes carry their sources; paper worksheets carry no
circle and say "destroy after use".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from readers import db_bytes, text_of

from circlekit.content.legal import legal_notes
from circlekit.export import FORMATS, build_worksheet, render
from circlekit.i18n import LANGUAGES, _, language
from circlekit.model import (
    ALL_STEPS,
    AccountabilityWork,
    Circle,
    CircleStatus,
    Harm,
    HarmType,
    Participant,
    Place,
    RecordMode,
    Retention,
    Role,
    field_spec,
    step,
)
from circlekit.model.narrative import narrative_paths
from circlekit.model.records.follow_up import CheckIn
from circlekit.model.retention import COPIES_DAYS, deletion_date
from circlekit.model.strike import narratives_held, to_minimal
from circlekit.model.vocab import RecordsDecision
from circlekit.session import CircleSession
from circlekit.store import apply_retention, open_store, scheduled

ACCOUNT = "NarrativeQx7 he pushed me by the door"
LEARNING = "LearningQx7 earlier times I did this too"


def circle_with_people(**kwargs: object) -> Circle:
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    ash = Participant(alias="Ash", roles=[Role.CAUSED])
    return Circle(title="Kept", participants=[mira, ash], **kwargs)  # type: ignore[arg-type]


# --- a harm needs no account ---------------------------------------------------------------

@pytest.mark.parametrize("mode", list(RecordMode))
def test_a_harm_with_no_account_and_no_name_is_a_whole_record(mode: RecordMode) -> None:
    circle = circle_with_people(record_mode=mode)
    circle.harms = [Harm(harm_types=[HarmType.EMOTIONAL])]
    again = Circle.model_validate_json(circle.model_dump_json())
    assert again.harms[0].description == "" and again.harms[0].caused_by == []
    assert again.record_mode is mode


def test_a_new_circle_keeps_a_minimal_record() -> None:
    assert Circle(title="New").record_mode is RecordMode.MINIMAL
    assert not field_spec(Harm, "description").required


def test_the_fields_that_tell_what_happened_are_marked() -> None:
    assert set(narrative_paths(Harm)) >= {("description",), ("when",), ("where",),
                                          ("caused_by",), ("affected", "impacts")}
    assert ("learning",) in narrative_paths(AccountabilityWork)
    # What a minimal record keeps is never marked: needs, agreements, kinds, who was affected.
    assert ("harm_types",) not in narrative_paths(Harm)


def test_a_circle_stored_before_the_choice_keeps_its_notes_on_view() -> None:
    old = {"title": "Old", "harms": [{"description": "said before"}]}
    assert Circle.model_validate(old).record_mode is RecordMode.FULLER
    assert Circle.model_validate({"title": "Old", "harms": [{}]}).record_mode is (
        RecordMode.MINIMAL)


# --- accountability asks about needs and change ---------------------------------------------

# Per language: what a prompt asking for past acts or the person's account of the harm says.
ASKS_FOR_ACCOUNT = {
    "en": r"earlier (times|incidents)|patterns?\b|before this|as they understand it|"
          r"their (account|version|story) of|what was going on for them",
    "es": r"veces anteriores|incidentes anteriores|patrones|como lo entiende|su versión|"
          r"qué le pasaba",
    "fr": r"fois précédentes|incidents antérieurs|schémas|tel qu'elle le comprend|sa version|"
          r"ce qui se passait pour",
    "ru": r"прошлые разы|прежние случаи|закономерност|как он это понимает|свою версию|"
          r"что с ним происходило",
    "uk": r"минулі рази|попередні випадки|закономірн|як він це розуміє|свою версію|"
          r"що з ним відбувалося",
}


def accountability_prompts() -> list[str]:
    s = step("accountability")
    return [_(s.purpose)] + [t for f in s.fields() for t in (f.label, f.help)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_accountability_prompt_asks_for_past_acts_or_an_account(code: str) -> None:
    with language(code):
        asking = [t for t in accountability_prompts()
                  if re.search(ASKS_FOR_ACCOUNT[code], t, re.I)]
    assert not asking


def test_the_check_catches_the_prompts_it_replaced() -> None:
    old = ["In their words: what they were feeling and needing, patterns, earlier times.",
           "The harm and its impact, as they understand it now"]
    assert all(re.search(ASKS_FOR_ACCOUNT["en"], t, re.I) for t in old)


def test_an_apology_has_no_words_in_the_stored_model() -> None:
    apology = {n: field_spec(AccountabilityWork, n) for n in AccountabilityWork.model_fields
               if "apolog" in n}
    assert set(apology) == {"apology", "apology_offered", "apology_received"}
    assert {s.kind for s in apology.values()} <= {"choice", "bool"}  # never text
    schema = Circle.model_json_schema()
    assert "draft" not in str(schema).lower()


def test_work_recorded_with_the_old_prompts_is_kept_where_it_can_be_struck() -> None:
    work = AccountabilityWork.model_validate({"person": "0123456789", "reflection": "R",
                                              "impact": "I"})
    assert work.learning == "R\n\nI"


# --- moving to a minimal record strikes every account from every version ------------------

def test_moving_to_a_minimal_record_strikes_every_account_from_the_file(data_dir: Path
                                                                        ) -> None:
    circle = circle_with_people(record_mode=RecordMode.FULLER)
    ash = circle.participants[1]
    with open_store(data_dir) as store:
        version = store.create(circle).version
        circle.harms = [Harm(description=ACCOUNT, caused_by=[ash.id],
                             harm_types=[HarmType.EMOTIONAL])]
        version = store.save(circle, version)
        circle.accountability = [AccountabilityWork(person=ash.id, learning=LEARNING,
                                                    doing_differently="Asks first")]
        store.save(circle, version)
        session = CircleSession(store, circle.id)
        assert narratives_held(session.circle) == 2
        assert session.keep_minimal() == 3
        kept = store.open(circle.id).circle
        assert kept.record_mode is RecordMode.MINIMAL
        assert kept.harms[0].harm_types == [HarmType.EMOTIONAL]  # the harm stays
        assert kept.harms[0].caused_by == [] and kept.harms[0].description == ""
        assert kept.accountability[0].doing_differently == "Asks first"
        for info in store.history(circle.id):
            old = store.open_version(circle.id, info.version)
            assert narratives_held(old) == 0
    on_disk = db_bytes(data_dir)
    assert ACCOUNT.encode() not in on_disk and LEARNING.encode() not in on_disk
    assert b"NarrativeQx7" not in on_disk and b"LearningQx7" not in on_disk


def test_versions_in_an_earlier_shape_are_struck_too(data_dir: Path) -> None:
    """A version written with the old prompts holds "reflection": striking "learning" (as
    the strike panel names it today) removes it from that version as well."""
    from circlekit.model.strike import Strike

    circle = circle_with_people()
    ash = circle.participants[1]
    with open_store(data_dir) as store:
        store.create(circle)
        old = circle.model_dump(mode="json")
        old.pop("record_mode")
        old["accountability"] = [{"id": "abcdef0123", "person": ash.id,
                                  "reflection": LEARNING}]
        # Stored as an older app wrote it: raw, in the old shape.
        store.rewrite_history(circle.id, lambda doc: {**old, "id": doc["id"]})
        assert store.open(circle.id).circle.accountability[0].learning == LEARNING
        store.rewrite_history(circle.id, Strike("accountability", "abcdef0123",
                                                ("learning",)).apply)
    assert b"LearningQx7" not in db_bytes(data_dir)


def test_to_minimal_works_on_stored_data() -> None:
    doc = {"title": "x", "harms": [{"id": "0123456789", "description": "d", "when": "w",
                                    "affected": [{"participant": "a", "impacts": "i"}]}]}
    kept = to_minimal(doc)
    assert kept["record_mode"] == "minimal"
    assert kept["harms"][0]["description"] == "" and kept["harms"][0]["when"] == ""
    assert kept["harms"][0]["affected"][0]["impacts"] == ""


# --- each circle's own rule for deleting its records ----------------------------------------

def closed_circle(rule: Retention, marker: str) -> Circle:
    circle = circle_with_people(retention=rule, status=CircleStatus.CLOSED)
    circle.harms = [Harm(harm_types=[HarmType.OTHER], other_kind=marker)]
    return circle


def test_a_closed_circle_is_deleted_on_the_day_its_rule_sets(data_dir: Path) -> None:
    doomed = closed_circle(Retention.DAYS_30, "RetainQx7")
    kept = closed_circle(Retention.BY_HAND, "KeptQx7")
    still_open = circle_with_people(retention=Retention.DAYS_30)
    with open_store(data_dir) as store:
        for c in (doomed, kept, still_open):
            store.create(c)
        on = deletion_date(store.open(doomed.id).circle)
        assert on is not None
        assert [s.circle.id for s in scheduled(store)] == [doomed.id]
        assert apply_retention(store, today=on - timedelta(days=1)) == 0
        assert store.exists(doomed.id)
        # The clock moves past the date: the circle goes, and its text with it.
        assert apply_retention(store, today=on + timedelta(days=1)) == 1
        assert not store.exists(doomed.id)
        assert store.exists(kept.id) and store.exists(still_open.id)
    on_disk = db_bytes(data_dir)
    assert b"RetainQx7" not in on_disk and b"KeptQx7" in on_disk


def test_an_open_circle_or_one_without_a_rule_has_no_date() -> None:
    assert deletion_date(circle_with_people(retention=Retention.DAYS_90)) is None
    assert deletion_date(closed_circle(Retention.NOT_SET, "x")) is None
    closed = closed_circle(Retention.DAYS_90, "x")
    assert deletion_date(closed) == closed.updated.date() + timedelta(days=90)


def test_the_closing_s_records_decision_is_carried_out_on_its_day() -> None:
    closed = closed_circle(Retention.BY_HAND, "x")
    day = closed.updated.date()
    closed.closing.records = RecordsDecision.DELETE
    assert deletion_date(closed) == day
    closed.closing.records = RecordsDecision.COPIES_THEN_DELETE
    assert deletion_date(closed) == day + timedelta(days=COPIES_DAYS)
    closed.closing.records = RecordsDecision.KEEP
    assert deletion_date(closed) == day + timedelta(days=1)
    closed.checkins = [CheckIn(held_on=day, next_on=day + timedelta(days=40))]
    assert deletion_date(closed) == day + timedelta(days=41)  # after the last one planned
    closed.retention = Retention.DAYS_30  # the routine rule comes first
    assert deletion_date(closed) == day + timedelta(days=30)
    closed.closing.records = RecordsDecision.UNDECIDED
    closed.retention = Retention.BY_HAND
    assert deletion_date(closed) is None


# --- legal notes carry their sources ----------------------------------------------------------

def test_every_place_offered_has_a_note_and_every_statement_its_source() -> None:
    notes = legal_notes()
    assert set(notes) == set(Place) - {Place.NOT_SET, Place.OTHER}
    for note in notes.values():
        assert note.statements
        for s in note.statements:
            assert s.text.strip() and s.source.strip(), note.place
            assert re.match(r"^https?://[\w.-]+\.[a-z]{2,}/", s.url), s.url
            assert isinstance(s.checked, date) and s.checked <= date.today()


def test_a_note_without_a_source_is_refused(tmp_path: Path) -> None:
    from circlekit.content.legal import Statement

    with pytest.raises(TypeError):
        Statement(text="A duty to report.", url="https://example.org/")  # type: ignore[call-arg]


# --- paper worksheets -------------------------------------------------------------------------

@pytest.mark.parametrize("code", LANGUAGES)
def test_every_step_has_a_blank_worksheet_that_says_destroy_after_use(code: str) -> None:
    from circlekit.content.practice import SCENARIOS, practice_circle
    from circlekit.export.worksheet import DESTROY

    aliases = {p.alias for sc in SCENARIOS for p in practice_circle(sc.key).participants}
    with language(code):
        destroy = _(DESTROY)
        hidden = _(field_spec(Harm, "caused_by").label)
    for s in ALL_STEPS:
        doc = build_worksheet(s.key, code)
        assert doc.sections, s.key
        for fmt in FORMATS:
            text = text_of(render(doc, fmt), fmt)
            assert " ".join(destroy.split()) in text, (s.key, fmt)
            assert not [a for a in aliases if re.search(rf"\b{a}\b", text)], (s.key, fmt)
            if s.key == "harm_map":  # a field a minimal record hides is not on paper either
                assert hidden not in text


def test_the_start_page_applies_the_rules_and_says_what_comes_next(data_dir: Path) -> None:
    from readers import html_of

    from circlekit.views.start import StartPage

    due = closed_circle(Retention.DAYS_30, "DueQx7")
    later = closed_circle(Retention.DAYS_365, "LaterQx7")
    with open_store(data_dir) as store:
        for c in (due, later):
            store.create(c)
        # Closed and last changed two months ago: its 30 days have passed.
        store.rewrite_history(due.id, lambda doc: {**doc, "updated": "2020-01-01T00:00:00Z"})
        page = StartPage(store)
        assert not store.exists(due.id) and store.exists(later.id)
        shown = html_of(page.widget)
        assert "1 closed circle was deleted today" in shown
        assert "deleted on" in shown and later.title in shown


def test_choosing_a_minimal_record_strikes_what_earlier_versions_still_hold(
        data_dir: Path) -> None:
    """Nothing on view asks for no confirmation, but an account typed once and cleared since
    is still in the history: the choice strikes it there too."""
    from circlekit.views.workspace import step_page

    circle = circle_with_people(record_mode=RecordMode.FULLER)
    with open_store(data_dir) as store:
        version = store.create(circle).version
        circle.harms = [Harm(description=ACCOUNT, harm_types=[HarmType.EMOTIONAL])]
        version = store.save(circle, version)
        circle.harms[0].description = ""
        store.save(circle, version)
        page = step_page(store, circle.id, "setup")
        page.view.records_choice.controls["record_mode"].field.value = "minimal"
        assert store.open(circle.id).circle.record_mode is RecordMode.MINIMAL
        assert page.header.reload_requested  # the page opens again on the struck circle
    assert b"NarrativeQx7" not in db_bytes(data_dir)
