"""Each person's private details reach only the copies they may be in.

A circle with two people harmed (one shares her private details, one does not), one person
who caused harm, a support person and a facilitator. Every private detail holds a marker word;
every document kind, in every format, for every reader, and the export, is searched for
every marker it must not hold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from readers import text_of

from circlekit.content.guidance import RECORDS_AND_RISK
from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.export import DOCUMENTS, FORMATS, build_document, render
from circlekit.i18n import LANGUAGES, _, language
from circlekit.model import (
    AccountabilityWork,
    Affected,
    AgreementItem,
    CheckIn,
    Circle,
    Consent,
    Directness,
    Harm,
    HarmType,
    ItemKind,
    ItemProgress,
    MeetingPlan,
    Need,
    NeedCategory,
    Participant,
    PodEntry,
    PodRelation,
    Progress,
    Role,
    SafetySituation,
    step,
)
from circlekit.model.privacy import copy_for
from circlekit.model.steps import ALL_STEPS
from circlekit.store import open_store
from circlekit.store.transfer import export_circle


@dataclass(frozen=True)
class Secret:
    word: str
    owners: frozenset[str]  # aliases; empty: the facilitator's alone
    only_owner: bool = False  # a private need or a safety plan: nobody else, whatever is shared


def circle_and_secrets() -> tuple[Circle, list[Secret]]:
    ana = Participant(alias="Ana", roles=[Role.HARMED], contact_preference="AnaContactQx",
                      consent=Consent(notes="AnaConsentQx"))
    bea = Participant(alias="Bea", roles=[Role.HARMED], contact_preference="BeaContactQx",
                      shares_private=True)
    cy = Participant(alias="Cy", roles=[Role.CAUSED], contact_preference="CyContactQx")
    sol = Participant(alias="Sol", roles=[Role.SUPPORT])
    fay = Participant(alias="Fay", roles=[Role.FACILITATOR])
    ana_need = Need(holder=ana.id, category=NeedCategory.MEDICAL, own_words="AnaNeedQx")
    bea_private = Need(holder=bea.id, category=NeedCategory.HOUSING, own_words="BeaNeedQx")
    bea_open = Need(holder=bea.id, category=NeedCategory.SAFETY, own_words="BeaOpenWords",
                    private=False)
    item = AgreementItem(action="Cy keeps away from the drop-in on Fridays.",
                         kind=ItemKind.STEP_BACK, responsible=cy.id,
                         needs=[ana_need.id, bea_private.id, bea_open.id])
    circle = Circle(
        title="CircleTitleQx", participants=[ana, bea, cy, sol, fay],
        harms=[Harm(description="AnaHarmQx", when="AnaWhenQx", caused_by=[cy.id],
                    affected=[Affected(participant=ana.id, directness=Directness.DIRECT,
                                       impacts="AnaImpactQx")]),
               Harm(description="BeaHarmQx", caused_by=[cy.id],
                    affected=[Affected(participant=bea.id, directness=Directness.DIRECT)])],
        pods=[PodEntry(party=ana.id, name="Sol", relation=PodRelation.POD,
                       notes="AnaPodQx")],
        needs=[ana_need, bea_private, bea_open], agreement=[item],
        checkins=[CheckIn(held_on=date(2026, 5, 1), feels_safe=False, notes="CheckinQx",
                          progress=[ItemProgress(item=item.id, progress=Progress.SETBACK,
                                                 setback="CySetbackQx")])],
        accountability=[AccountabilityWork(person=cy.id, learning="CyReflectQx")],
        meetings=[MeetingPlan(purpose="MeetingQx", keeper=ana.id)],
        safety_plan=[SafetySituation(holder=ana.id, situation="AnaPlanQx",
                                     what_to_do="AnaTodoQx"),
                     SafetySituation(holder=bea.id, situation="BeaPlanQx",
                                     safe_places="BeaPlaceQx")],
    )
    secrets = [
        Secret("AnaContactQx", frozenset({"Ana"})), Secret("AnaConsentQx", frozenset({"Ana"})),
        Secret("BeaContactQx", frozenset({"Bea"})), Secret("CyContactQx", frozenset({"Cy"})),
        Secret("AnaHarmQx", frozenset({"Ana"})), Secret("AnaWhenQx", frozenset({"Ana"})),
        Secret("AnaImpactQx", frozenset({"Ana"})), Secret("BeaHarmQx", frozenset({"Bea"})),
        Secret("AnaPodQx", frozenset({"Ana"})), Secret("CheckinQx", frozenset()),
        Secret("CySetbackQx", frozenset({"Cy"})), Secret("CyReflectQx", frozenset({"Cy"})),
        Secret("AnaNeedQx", frozenset({"Ana"}), only_owner=True),
        Secret("Medical care", frozenset({"Ana"}), only_owner=True),
        Secret("BeaNeedQx", frozenset({"Bea"}), only_owner=True),
        Secret("Housing or shelter", frozenset({"Bea"}), only_owner=True),
        Secret("AnaPlanQx", frozenset({"Ana"}), only_owner=True),
        Secret("AnaTodoQx", frozenset({"Ana"}), only_owner=True),
        Secret("BeaPlanQx", frozenset({"Bea"}), only_owner=True),
        Secret("BeaPlaceQx", frozenset({"Bea"}), only_owner=True),
        Secret("CircleTitleQx", frozenset()),
    ]
    return circle, secrets


def may_see(secret: Secret, reader: str | None, circle: Circle) -> bool:
    if reader in secret.owners:
        return True
    sharing = {p.alias for p in circle.participants if p.shares_private}
    return not secret.only_owner and bool(secret.owners) and secret.owners <= sharing


CIRCLE, SECRETS = circle_and_secrets()
READERS = [p.alias for p in CIRCLE.participants]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_each_copy_holds_only_what_its_reader_may_see(kind: str, fmt: str) -> None:
    seen: dict[str, set[str]] = {}
    for alias in READERS:
        reader = next(p.id for p in CIRCLE.participants if p.alias == alias)
        text = text_of(render(build_document(CIRCLE, kind, reader), fmt), fmt)
        assert f"For {alias}" in text
        leaked = [s.word for s in SECRETS if s.word in text and not may_see(s, alias, CIRCLE)]
        assert not leaked, f"{kind} {fmt} for {alias} shows {leaked}"
        seen[alias] = {s.word for s in SECRETS if s.word in text}
    # The test can fail the other way too: what a reader may see is really there.
    expected = {"agreement": ("Ana", "Medical care"), "needs": ("Bea", "BeaNeedQx"),
                "harm_map": ("Cy", "BeaHarmQx"), "follow_up": ("Cy", "CySetbackQx"),
                "safety_plan": ("Bea", "BeaPlaceQx"),
                "accountability": ("Cy", "CyReflectQx")}.get(kind)
    if expected is None:  # a meeting plan holds nothing private: everyone's copy shows it
        assert all("MeetingQx" in text_of(render(build_document(CIRCLE, kind, p.id), "html"),
                                          "html") for p in CIRCLE.participants)
        return
    assert expected[1] in seen[expected[0]]


def test_the_export_holds_only_what_everyone_involved_shared(tmp_path: Path) -> None:
    with open_store(tmp_path / "data") as store:
        store.create(CIRCLE)
        text = export_circle(store, CIRCLE.id).decode("utf-8")
    leaked = [s.word for s in SECRETS if s.word in text and not may_see(s, None, CIRCLE)]
    assert not leaked
    assert "BeaContactQx" in text and "BeaHarmQx" in text  # Bea chose to share hers
    assert "BeaOpenWords" in text  # a need nobody kept private keeps its words
    left_out = json.loads(text)["left_out"]
    assert all(not any(ch.isdigit() for ch in path) for path in left_out)  # no row numbers


def test_a_copy_never_names_a_private_need_of_someone_else() -> None:
    cy = next(p.id for p in CIRCLE.participants if p.alias == "Cy")
    doc = build_document(CIRCLE, "agreement", cy)
    answers = [e.value for s in doc.sections for b in s.blocks for e in b.entries
               if e.label == "Needs it answers"]
    assert answers == ["Safety: “BeaOpenWords”, a need kept private"]  # her words: not private
    assert "Medical care" not in " ".join(doc.left_out)
    # The copy says something was left out (never what): not "nothing private was left out".
    assert "Needs that someone keeps private" in doc.left_out
    from circlekit.export import render

    html = render(doc, "html").decode("utf-8")
    assert "Nothing private was left out" not in html
    assert "Needs that someone keeps private" in html
    signed = [e.value for s in doc.sections for b in s.blocks for e in b.entries
              if e.label == "Signed"]
    assert all(v == "not signed yet" or v.startswith("item ") for v in signed), signed


# Words that would have a note ask for, or a practice circle model, a record that can be
# used against someone: officers' details, facts of a case, admissions.
ASKS_FOR_EVIDENCE = re.compile(
    r"badge|note (down )?(their |the )?names|court|arrest|held overnight|in a cell|"
    r"confess|admits?\b|using again|sexual comments", re.I)


def test_no_step_note_or_practice_circle_asks_for_evidence() -> None:
    steps = ALL_STEPS
    notes = [n for s in steps for n in s.facilitator_notes]
    helps = [f.help for s in steps for f in s.fields()]
    assert not [t for t in notes + helps if ASKS_FOR_EVIDENCE.search(t)]
    for scenario in SCENARIOS:
        circle = practice_circle(scenario.key)
        texts = re.findall(r'"([^"]{4,})"', circle.model_dump_json())
        assert not [t for t in texts if ASKS_FOR_EVIDENCE.search(t)], scenario.key


def test_legal_risk_guidance_is_said_in_every_language() -> None:
    from circlekit.model import Readiness

    said = [RECORDS_AND_RISK.title, RECORDS_AND_RISK.intro, *RECORDS_AND_RISK.points,
            Readiness.model_fields["mandated_reporter"].title or "",
            Readiness.model_fields["mandated_reporter"].description or "",
            *[n for n in step("setup").facilitator_notes if "evidence" in n]]
    assert any("mandated reporter" in s for s in said) and any("seized" in s for s in said)
    for code in LANGUAGES:
        if code == "en":
            continue
        with language(code):
            untranslated = [s for s in said if _(s) == s]
        assert not untranslated, f"{code}: {untranslated}"


def test_a_harm_of_two_people_is_theirs_both_and_shared_only_if_both_share() -> None:
    """The one private detail with several owners: the account of a harm that harmed two
    people goes to each of them; anyone else sees it only if both chose to share."""
    ana = Participant(alias="Ana", roles=[Role.HARMED])
    bea = Participant(alias="Bea", roles=[Role.HARMED])
    cy = Participant(alias="Cy", roles=[Role.CAUSED])
    harm = Harm(description="BothHarmQx", harm_types=[HarmType.EMOTIONAL],
                affected=[Affected(participant=p.id, directness=Directness.DIRECT)
                          for p in (ana, bea)])
    circle = Circle(title="Two", participants=[ana, bea, cy], harms=[harm])
    seen = {p.alias: "BothHarmQx" in copy_for(circle, p.id).circle.model_dump_json()
            for p in (ana, bea, cy)}
    assert seen == {"Ana": True, "Bea": True, "Cy": False}
    ana.shares_private = True  # one of the two sharing is not enough
    assert "BothHarmQx" not in copy_for(circle, cy.id).circle.model_dump_json()
    bea.shares_private = True
    assert "BothHarmQx" in copy_for(circle, cy.id).circle.model_dump_json()
