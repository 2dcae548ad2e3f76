"""Readiness and setup: who takes part, what each agreed to, how the circle works."""

from __future__ import annotations

from datetime import date

from ..fields import LongText, RequiredShortText, ShortText, ui
from ..vocab import (
    AccessNeed,
    ConsentScope,
    Decision,
    DecisionRule,
    Format,
    Logistics,
    Role,
    SharedService,
)
from .base import Record, Row


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
    access: list[AccessNeed] = ui(
        "What they need to take part",
        "Ask each person what makes it possible to come. Providing it is the circle's job.",
        default_factory=list,
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
    roles_contested: bool | None = ui(
        "Are the roles contested?",
        "A counter-accusation, harm on both sides, or denial that turns the blame around "
        "(DARVO: deny, attack, reverse victim and offender). If yes, see the notes: harm on "
        "both sides needs separate circles or facilitators, and a process used to reach or "
        "pressure the person harmed stops, with a safety plan first.",
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
        "If not, find another facilitator. Stepping down is part of the work. The questions "
        "on your debrief page help you decide.",
        default=None,
    )
    co_facilitator: bool | None = ui(
        "Is there a co-facilitator, or someone to debrief with?",
        "Nobody should hold a circle alone.",
        default=None,
    )
    mandated_reporter: bool | None = ui(
        "Is anyone in the circle a mandated reporter?",
        "Someone the law or their job requires to report some things to the authorities. "
        "In some places that is every adult, for child abuse: check the law where the "
        "circle meets. If yes, before anyone tells their story, say plainly what would have "
        "to be reported, so everyone can choose what to say.",
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
    shared_services: list[SharedService] = ui(
        "Services they share",
        "Services the person harmed and the person who caused harm both use: kinds only, "
        "never an address. No agreement may cost anyone one of them.",
        default_factory=list,
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
