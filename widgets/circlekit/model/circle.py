"""The process model: one circle and everything recorded in it.

Pure data (pydantic v2): no widgets, no storage. Every field carries its label, help text and
private flag (see ``fields.ui``), and the circle checks that every reference between its rows
points at something that exists.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import N_, _
from .fields import LongText, RequiredShortText, RowId, ShortText, circle_id, row_id, ui
from .vocab import (
    Apology,
    CircleStatus,
    Condition,
    ConsentScope,
    Decision,
    DecisionRule,
    Directness,
    Ending,
    Format,
    HarmType,
    ItemKind,
    ItemStatus,
    Language,
    Logistics,
    NeedCategory,
    NeedStatus,
    PodKind,
    PodRelation,
    Priority,
    Progress,
    RecordsDecision,
    Role,
    Service,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Record(BaseModel):
    """Base of every stored model: unknown keys are refused, so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Row(Record):
    id: RowId = Field(default_factory=row_id, title="Row id")


class Consent(Record):
    agreed_to: list[ConsentScope] = ui(
        "They agreed to",
        "Ask each person separately, in private, and record only what they said yes to.",
        default_factory=list,
    )
    given_on: date | None = ui("Date of consent", "When they gave it.", default=None)
    notes: LongText = ui(
        "Consent notes",
        "Anything they asked for: e.g. 'no notes about my children'.",
        private=True,
        default="",
    )


class Participant(Row):
    alias: RequiredShortText = ui(
        "Alias",
        "A name the person chooses for this circle. Never a legal name.",
    )
    # Lists of choices may start empty so a half-filled row still autosaves; ``gaps`` says
    # what is missing instead of refusing the save.
    roles: list[Role] = ui("Roles", "One person can hold more than one role.",
                           default_factory=list)
    consent: Consent = ui("Consent", "What this person agreed to.", default_factory=Consent)
    contact_preference: ShortText = ui(
        "How to reach them",
        "Only if they want to be contacted, and how it is safe to do so.",
        private=True,
        default="",
    )
    shares_private: bool = ui(
        "Shares their private details",
        "Only this person decides. When on, copies made for other people show this person's "
        "private details (how to reach them, consent notes, pod notes and, for a person "
        "harmed, their account of the harm). Needs they keep private and their safety plan "
        "never go into anyone else's copy.",
        default=False,
    )


class Readiness(Record):
    immediate_danger: bool | None = ui(
        "Is anyone in immediate danger?",
        "If yes, pause the circle and make a safety plan first.",
        default=None,
    )
    harmed_party_chooses: bool | None = ui(
        "Is the person harmed choosing this process?",
        "A circle only goes ahead if they want it.",
        default=None,
    )
    coercive_control: bool | None = ui(
        "Is there ongoing coercive control, or a risk to anyone's life?",
        "Threats, stalking, control of money, phone or drugs, strangulation, weapons. If yes, "
        "make a safety plan first; a circle is not safe while this goes on.",
        default=None,
    )
    child_sexual_abuse: bool | None = ui(
        "Does the harm involve sexual abuse of a child?",
        "If yes, this needs specialist support, not a community circle alone.",
        default=None,
    )
    proceedings: bool | None = ui(
        "Are criminal, child-protection or immigration proceedings under way or likely?",
        "If yes, write even less: anything recorded could be demanded by a court. Get legal "
        "advice before going on.",
        default=None,
    )
    caused_willing: bool | None = ui(
        "Is the person who caused harm willing to take part?",
        "Accountability cannot be forced. If not yet, the person harmed can still have "
        "support, a safety plan and their needs met in other ways.",
        default=None,
    )
    power_imbalance: bool | None = ui(
        "Does one side have power over the other?",
        "An employer, a leader, a landlord, a supplier, someone holding their papers. If yes, "
        "plan how the person harmed stays safe from retaliation.",
        default=None,
    )
    facilitator_ready: bool | None = ui(
        "Does the facilitator have the time, the energy and no conflict of interest?",
        "If not, find another facilitator. Stepping down is part of the work.",
        default=None,
    )
    co_facilitator: bool | None = ui(
        "Is there a co-facilitator, or someone to debrief with?",
        "Nobody should hold a circle alone.",
        default=None,
    )
    mandated_reporter: bool | None = ui(
        "Is anyone in the circle a mandated reporter?",
        "Someone whose job or the law requires them to report some things to the "
        "authorities, for example some social, health, teaching or child-care workers. If "
        "yes, before anyone tells their story, say plainly what that person would have to "
        "report, so everyone can choose what to say.",
        default=None,
    )
    support_plan: LongText = ui(
        "Who supports whom?",
        "Name the support person for each party, and what they will do between meetings.",
        private=True,
        default="",
    )
    decision: Decision = ui(
        "What did readiness decide?",
        "The person harmed decides, with the facilitator. Other routes are as valid as a "
        "circle: not now, a safety plan first, support only, or an organisational process.",
        default=Decision.UNDECIDED,
    )


class Process(Record):
    """How the circle works, chosen by the person harmed and agreed in setup."""

    format: Format | None = ui(
        "How the circle meets",
        "The person harmed chooses. They never have to be in the same room as the person who "
        "caused harm.",
        default=None,
    )
    attendance_approved: bool | None = ui(
        "Has the person harmed approved who attends?",
        "Nobody joins a meeting they did not agree to.",
        default=None,
    )
    decision_rule: DecisionRule | None = ui(
        "How the circle decides", "Agree this before the first meeting.", default=None,
    )
    confidentiality: LongText = ui(
        "Confidentiality agreement",
        "What stays in the circle and its limits (danger to someone, mandated reporting), who "
        "else knows about the circle, what may be said outside or online.",
        default="",
    )
    logistics: list[Logistics] = ui(
        "What every meeting offers",
        "What makes meetings possible for people who use drugs and sex workers.",
        default_factory=list,
    )
    broken_agreement_plan: LongText = ui(
        "If the agreement is broken",
        "Agreed in advance. The person harmed decides whether to renegotiate, pause or end. "
        "Repeated harm or retaliation ends the agreement and starts safety planning.",
        default="",
    )


class Affected(Record):
    participant: RowId = ui("Who was affected", "Choose from the participants.")
    directness: Directness = ui("How", "Directly, or through a partner, family or community.")
    impacts: LongText = ui(
        "Impacts on them",
        "In their words if possible: body, feelings, money, housing, children, work, trust.",
        private=True,
        default="",
    )


class Harm(Row):
    description: LongText = ui(
        "What happened",
        "In the words of the person harmed. Only what they want written down.",
        private=True,
        min_length=1,
    )
    when: ShortText = ui(
        "When",
        "A rough period is enough, and safer: 'last winter', 'about a year ago'. An exact "
        "date can identify someone.",
        private=True,
        default="",
    )
    where: ShortText = ui("Where", "As precise as they want, or blank.", private=True, default="")
    harm_types: list[HarmType] = ui("Kinds of harm", "Choose all that apply.",
                                    default_factory=list)
    other_kind: ShortText = ui("Other kind of harm", "If “Other”: in their words.", default="")
    caused_by: list[RowId] = ui(
        "Who caused it", "Participants who caused this harm.", default_factory=list
    )
    affected: list[Affected] = ui(
        "Who was affected",
        "Directly, and indirectly through partners, family or community.",
        default_factory=list,
    )
    others_affected: ShortText = ui(
        "Others affected who are not in the circle",
        "By role, never by name: 'her children', 'the other women at the drop-in'.",
        private=True,
        default="",
    )
    conditions: list[Condition] = ui(
        "Structural conditions",
        "What made this harm possible or worse: police, prohibition, stigma, power.",
        default_factory=list,
    )


class PodEntry(Row):
    party: RowId = ui("Whose pod", "The participant this pod map belongs to.")
    name: RequiredShortText = ui(
        "Person or organisation", "An alias or a role ('older sister'), or an organisation."
    )
    kind: PodKind = ui("Kind", "", default=PodKind.PERSON)
    relation: PodRelation = ui("Relation", "Where they stand for this person now.")
    notes: LongText = ui("Notes", "", private=True, default="")


class Need(Row):
    holder: RowId = ui("Whose need", "Usually the person harmed; others affected may have needs.")
    category: NeedCategory = ui("Kind of need", "")
    # Private or not as the whole need is (``private`` below), never on its own.
    own_words: LongText = ui("In their own words", "Write it as they say it.", min_length=1)
    priority: Priority = ui("Priority", "As the person decides.", default=Priority.MEDIUM)
    who_could_meet: ShortText = ui(
        "Who could meet it", "A person, the circle, or an organisation.", default=""
    )
    status: NeedStatus = ui("Status", "", default=NeedStatus.OPEN)
    private: bool = ui(
        "Keep private",
        "A private need (its kind and its words) appears only in its holder's own copy. "
        "Untick it only if they want everyone's copies to show it.",
        default=True,
    )


class SignOff(Record):
    participant: RowId = ui("Who signed", "")
    signed_on: date = ui("Date", "")


class AgreementItem(Row):
    action: LongText = ui(
        "What will be done", "One concrete action, in plain words.", min_length=1
    )
    kind: ItemKind = ui("Kind of action", "")
    responsible: RowId = ui("Who is responsible", "")
    support: RowId | None = ui("With whose support", "", default=None)
    due: date | None = ui("By when", "", default=None)
    needs: list[RowId] = ui("Needs it answers", "Every item should answer at least one need.",
                           default_factory=list)
    status: ItemStatus = ui("Status", "", default=ItemStatus.PROPOSED)
    signoffs: list[SignOff] = ui("Sign-offs", "Each party signs with a date.",
                                 default_factory=list)


class ItemProgress(Record):
    item: RowId = ui("Agreement item", "")
    progress: Progress = ui("Progress", "")
    setback: LongText = ui("Setbacks", "What got in the way, if anything.", private=True,
                           default="")


class CheckIn(Row):
    held_on: date = ui("Date of check-in", "")
    progress: list[ItemProgress] = ui("Progress per item", "", default_factory=list)
    feels_safe: bool | None = ui(
        "Does the person harmed feel safe?", "Ask privately before the check-in.",
        private=True, default=None,
    )
    feelings: LongText = ui("How people are doing", "", private=True, default="")
    notes: LongText = ui("Notes", "", private=True, default="")
    next_on: date | None = ui("Next check-in", "", default=None)


class SafetySituation(Row):
    """One situation in a personal safety plan: signs, what to do and not do, who to call.

    Shaped by Club Eney's personal safety plans, the Swedish flyer's "what to do / what not to
    do in dangerous situations" and Urban Survivors Union's scenarios for keeping police
    contact to a minimum. Police are never the default contact.
    """

    holder: RowId = ui("Whose plan", "Usually the person harmed; anyone in the circle can "
                       "have one.")
    situation: RequiredShortText = ui(
        "The situation",
        "A situation that could become dangerous, in their words: 'he turns up at the flat', "
        "'using alone', 'police stop me with my kit'.",
        private=True,
    )
    warning_signs: LongText = ui(
        "Warning signs", "What tells them it is starting: moods, places, times, messages.",
        private=True, default="",
    )
    what_to_do: LongText = ui(
        "What to do",
        "Concrete steps, in order: leave, call someone, go to a safe place, carry naloxone, "
        "know your rights if stopped.",
        private=True,
        default="",
    )
    what_not_to_do: LongText = ui(
        "What not to do", "What makes it worse: arguing back, using alone, carrying "
        "something that puts them at risk.", private=True, default="",
    )
    who_to_call: LongText = ui(
        "Who to call",
        "Friends, a support person, an outreach worker, a hotline. Police only if the person "
        "chooses it.",
        private=True,
        default="",
    )
    safe_places: LongText = ui(
        "Safe places", "Where they can go at any hour: a friend, a drop-in, a shelter.",
        private=True,
        default="",
    )
    services: list[Service] = ui(
        "Friendly services",
        "Services that accept people who use drugs, to contact before or after.",
        default_factory=list,
    )


class AccountabilityWork(Row):
    """The accountability work of one person who caused harm: theirs, private by default.

    Shaped by the Bay Area Transformative Justice Collective's pods, Mia Mingus on apology,
    and Kaba and Hassan's "Fumbling Towards Repair".
    """

    person: RowId = ui("Whose work", "The person who caused harm.")
    reflection: LongText = ui(
        "What was going on for them",
        "In their words: what they were feeling and needing, patterns, earlier times. "
        "Needs and lessons, not an admission.",
        private=True,
        default="",
    )
    impact: LongText = ui(
        "The harm and its impact, as they understand it now",
        "Without justifying it, minimising it or blaming the person harmed.",
        private=True,
        default="",
    )
    own_needs: LongText = ui(
        "Their own needs and support",
        "What they need to stay accountable: housing, treatment, someone to talk to.",
        private=True,
        default="",
    )
    accountability_pod: LongText = ui(
        "Their accountability pod",
        "The people they would call on for support in taking accountability (roles, not "
        "names).",
        private=True,
        default="",
    )
    apology: Apology = ui(
        "Does the person harmed want an apology, and how?",
        "Ask the person harmed, through the facilitator. An apology names the harm and its "
        "impact, makes no excuses and asks for no forgiveness.",
        default=Apology.NOT_ASKED,
    )
    denial: bool | None = ui(
        "Is there denial, minimising or blame-shifting to work on?",
        "If yes, work on it with them and their pod before any joint meeting.",
        private=True,
        default=None,
    )
    own_safety: LongText = ui(
        "Their own safety",
        "From retaliation, call-outs or losing housing, work or services.",
        private=True,
        default="",
    )
    overdose_check: bool | None = ui(
        "Talked through the hours after hard meetings?",
        "Shame after a circle is a known overdose risk: not using alone, carrying naloxone, "
        "someone to call.",
        private=True,
        default=None,
    )


class Closing(Record):
    """How the circle ends, and what happens to its records."""

    ending: Ending = ui("How it ended", "", default=Ending.ONGOING)
    closing_check: bool | None = ui(
        "Has the person harmed said the process is complete for them?",
        "Ask them alone, before any closing circle.",
        default=None,
    )
    closing_circle_on: date | None = ui(
        "Closing circle held on", "A last meeting to mark the end, if people want one.",
        default=None,
    )
    records: RecordsDecision = ui(
        "What happens to the records",
        "Decide with the person harmed. Deleting the circle removes every version of it from "
        "this computer; copies already printed are not reached.",
        default=RecordsDecision.UNDECIDED,
    )


class Debrief(Record):
    """The facilitator's own page: never in any document, copy or export."""

    how_i_am: LongText = ui(
        "How am I after this circle?", "For you alone: what was hard, what stays with you.",
        private=True, default="",
    )
    support: LongText = ui(
        "Who do I debrief with?", "A co-facilitator, a supervisor, a peer, a counsellor.",
        private=True, default="",
    )
    step_down: bool | None = ui(
        "Am I too close to this, or too tired, to go on?",
        "If yes, hand the circle on: that protects everyone in it.",
        default=None,
    )
    care: LongText = ui(
        "What I do to look after myself", "Rest, people, things that restore you.",
        private=True, default="",
    )


COLLECTIONS = ("participants", "harms", "pods", "needs", "accountability", "agreement",
               "checkins", "safety_plan")


class Circle(Record):
    id: str = Field(default_factory=circle_id, pattern=r"^[0-9a-f]{32}$", title="Circle id")
    title: RequiredShortText = ui(
        "Circle name",
        "A private label only the facilitator sees, e.g. 'Spring circle'. Avoid real names.",
        private=True,
    )
    language: Language = ui("Language", "The language of this circle's pages and documents.",
                            default=Language.EN)
    status: CircleStatus = ui("Stage", "", default=CircleStatus.PREPARING)
    practice: bool = ui(
        "Practice circle",
        "A fictional training scenario: never counted in research figures.",
        default=False,
    )
    created: datetime = Field(default_factory=_now, title="Created")
    updated: datetime = Field(default_factory=_now, title="Last changed")
    group_agreements: list[RequiredShortText] = ui(
        "Group agreements",
        "The circle's own rules, e.g. 'we speak for ourselves', 'anyone can ask for a break'.",
        default_factory=list,
    )
    readiness: Readiness = ui("Readiness", "", default_factory=Readiness)
    process: Process = ui("How the circle works", "", default_factory=Process)
    participants: list[Participant] = ui("Participants", "", default_factory=list)
    harms: list[Harm] = ui("Harms", "", default_factory=list)
    pods: list[PodEntry] = ui("Pod map", "", default_factory=list)
    needs: list[Need] = ui("Needs", "", default_factory=list)
    accountability: list[AccountabilityWork] = ui("Accountability work", "",
                                                  default_factory=list)
    agreement: list[AgreementItem] = ui("Repair agreement", "", default_factory=list)
    checkins: list[CheckIn] = ui("Check-ins", "", default_factory=list)
    safety_plan: list[SafetySituation] = ui("Safety plan", "", default_factory=list)
    closing: Closing = ui("Closing", "", default_factory=Closing)
    debrief: Debrief = ui("Facilitator's debrief", "", default_factory=Debrief)

    @model_validator(mode="before")
    @classmethod
    def _drop_circle_wide_sharing(cls, data: Any) -> Any:
        # Circles saved before each person chose for themselves carried one switch for
        # everyone; it is dropped, so nobody's details are shared until they choose.
        if isinstance(data, dict) and "sharing" in data:
            data = {k: v for k, v in data.items() if k != "sharing"}
        return data

    @model_validator(mode="after")
    def _stage_follows_the_ending(self) -> Circle:
        # A circle whose closing says how it ended is over: the list of circles says so.
        ending = self.closing.ending
        if ending is not Ending.ONGOING and self.status not in (CircleStatus.CLOSED,
                                                                CircleStatus.ENDED):
            stage = CircleStatus.CLOSED if ending is Ending.COMPLETED else CircleStatus.ENDED
            self.__dict__["status"] = stage  # set directly: no second round of validation
        return self

    @model_validator(mode="after")
    def _references_exist(self) -> Circle:
        people = {p.id for p in self.participants}
        needs = {n.id for n in self.needs}
        items = {i.id for i in self.agreement}
        problems: list[str] = []

        def check(ref: str | None, pool: set[str], where: str, what: str) -> None:
            if ref is not None and ref not in pool:
                problems.append(_("{where}: there is no {what} with id '{id}'").format(
                    where=where, what=_(what), id=ref))

        for i, h in enumerate(self.harms):
            for ref in h.caused_by:
                check(ref, people, f"harms.{i}.caused_by", N_("participant"))
            for j, a in enumerate(h.affected):
                check(a.participant, people, f"harms.{i}.affected.{j}.participant",
                      N_("participant"))
        for i, p in enumerate(self.pods):
            check(p.party, people, f"pods.{i}.party", N_("participant"))
        for i, n in enumerate(self.needs):
            check(n.holder, people, f"needs.{i}.holder", N_("participant"))
        for i, item in enumerate(self.agreement):
            check(item.responsible, people, f"agreement.{i}.responsible", N_("participant"))
            check(item.support, people, f"agreement.{i}.support", N_("participant"))
            for ref in item.needs:
                check(ref, needs, f"agreement.{i}.needs", N_("need"))
            for j, s in enumerate(item.signoffs):
                check(s.participant, people, f"agreement.{i}.signoffs.{j}.participant",
                      N_("participant"))
        for i, c in enumerate(self.checkins):
            for j, prog in enumerate(c.progress):
                check(prog.item, items, f"checkins.{i}.progress.{j}.item", N_("agreement item"))
        for i, sit in enumerate(self.safety_plan):
            check(sit.holder, people, f"safety_plan.{i}.holder", N_("participant"))
        for i, w in enumerate(self.accountability):
            check(w.person, people, f"accountability.{i}.person", N_("participant"))
        for collection in COLLECTIONS:
            ids = [row.id for row in getattr(self, collection)]
            if len(ids) != len(set(ids)):
                problems.append(_("{where}: two rows share the same id").format(where=collection))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def participant(self, pid: str | None) -> Participant | None:
        return next((p for p in self.participants if p.id == pid), None)

    def alias(self, pid: str | None) -> str:
        p = self.participant(pid)
        return p.alias if p else ""

    def describe(self, ref: str | None) -> str:
        """A short label for any row id: an alias, a need's kind, an action's first words."""
        if self.participant(ref):
            return self.alias(ref)
        need = next((n for n in self.needs if n.id == ref), None)
        if need:
            return need.category.label
        number = next((i for i, a in enumerate(self.agreement, 1) if a.id == ref), None)
        if number is None:
            return "?"
        # Its number in the agreement and first words, cut between words, never inside one.
        action = textwrap.shorten(self.agreement[number - 1].action, 40, placeholder=" …")
        return f"{number}. {action}"

    def harmed_parties(self) -> list[Participant]:
        return [p for p in self.participants if Role.HARMED in p.roles]

    def unmet_needs(self) -> list[Need]:
        """Needs that no agreement item answers yet."""
        answered = {n for item in self.agreement for n in item.needs}
        return [n for n in self.needs if n.id not in answered]

    def gaps(self) -> list[str]:
        """What is still missing, as plain sentences (shown as a to-do list, never blocking)."""
        from .progress import step_states  # progress reads the circle; import when asked

        return [todo for state in step_states(self).values() for todo in state.todo]

    def item_count(self) -> int:
        return sum(len(getattr(self, c)) for c in COLLECTIONS)
