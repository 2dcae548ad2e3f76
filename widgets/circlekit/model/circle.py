"""The process model: one circle, which holds the records of every step (``records/``).

Pure data (pydantic v2): no widgets, no storage. Every field carries its label, help text and
private flag (see ``fields.ui``), and the circle checks that every reference between its rows
points at something that exists.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from ..i18n import N_, _
from .fields import RequiredShortText, circle_id, ui
from .narrative import holds_narrative
from .records.accountability import AccountabilityWork
from .records.agreement import AgreementItem
from .records.base import Record, now_utc
from .records.closing import Closing, Debrief
from .records.follow_up import CheckIn, Goal
from .records.harm_map import Harm
from .records.invitation import Invitation
from .records.meetings import MeetingPlan
from .records.needs import Need
from .records.pods import PodEntry
from .records.safety_plan import SafetySituation
from .records.setup import Participant, Process, Readiness
from .vocab import (
    CircleStatus,
    Ending,
    Language,
    Place,
    RecordMode,
    Retention,
    Role,
)

_ROW_MODELS: dict[str, type[Record]] = {"harms": Harm, "accountability": AccountabilityWork}
COLLECTIONS = ("participants", "harms", "pods", "needs", "accountability", "agreement",
               "checkins", "goals", "meetings", "safety_plan")


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
    record_mode: RecordMode = ui(
        "How much this circle writes down",
        "A minimal record keeps needs, agreements, sign-offs, check-ins and decisions; what "
        "happened is said in the circle, not typed. Records can be seized or demanded by a "
        "court, and a circle has no legal privilege.",
        default=RecordMode.MINIMAL,
    )
    retention: Retention = ui(
        "When the records are deleted",
        "A routine rule set now, before anything is known, is safe. Deleting records once a "
        "court case or investigation is known or likely can itself be a crime.",
        default=Retention.NOT_SET,
    )
    place: Place = ui(
        "Where the circle meets",
        "For the legal notes of that place: who must report what, and what to keep off the "
        "record.",
        default=Place.NOT_SET,
    )
    created: datetime = Field(default_factory=now_utc, title="Created")
    updated: datetime = Field(default_factory=now_utc, title="Last changed")
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
    invitation: Invitation = ui("Inviting the person who caused harm", "",
                                default_factory=Invitation)
    accountability: list[AccountabilityWork] = ui("Accountability work", "",
                                                  default_factory=list)
    agreement: list[AgreementItem] = ui("Repair agreement", "", default_factory=list)
    checkins: list[CheckIn] = ui("Check-ins", "", default_factory=list)
    goals: list[Goal] = ui("Goals", "", default_factory=list)
    meetings: list[MeetingPlan] = ui("Meeting plans", "", default_factory=list)
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

    @model_validator(mode="before")
    @classmethod
    def _earlier_circles_kept_notes(cls, data: Any) -> Any:
        # Circles stored before the choice existed keep what they wrote on view: fuller
        # notes if any narrative is on file (the facilitator can then move to a minimal
        # record), a minimal record otherwise.
        if isinstance(data, dict) and "record_mode" not in data:
            rows = {name: data.get(name) for name in ("harms", "accountability")}
            if any(holds_narrative(_ROW_MODELS[name], value) for name, value in rows.items()):
                data = {**data, "record_mode": RecordMode.FULLER.value}
        return data

    @model_validator(mode="after")
    def _stage_follows_the_process(self) -> Circle:
        # A circle whose closing says how it ended is over: the list of circles says so.
        ending = self.closing.ending
        if ending is not Ending.ONGOING and self.status not in (CircleStatus.CLOSED,
                                                                CircleStatus.ENDED):
            stage = CircleStatus.CLOSED if ending is Ending.COMPLETED else CircleStatus.ENDED
            self.__dict__["status"] = stage  # set directly: no second round of validation
        elif self.status is CircleStatus.PREPARING:
            # A circle still marked as preparing moves on with the work (a stage the
            # facilitator chose, paused included, stays as chosen).
            if self.checkins:
                self.__dict__["status"] = CircleStatus.FOLLOWING_UP
            elif any(item.signoffs for item in self.agreement):
                self.__dict__["status"] = CircleStatus.MEETING
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
        for i, g in enumerate(self.goals):
            check(g.person, people, f"goals.{i}.person", N_("participant"))
        for i, m in enumerate(self.meetings):
            check(m.keeper, people, f"meetings.{i}.keeper", N_("participant"))
            check(m.naloxone_by, people, f"meetings.{i}.naloxone_by", N_("participant"))
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

    def item_count(self) -> int:
        return sum(len(getattr(self, c)) for c in COLLECTIONS)
