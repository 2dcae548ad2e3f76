"""Closing the circle, and the facilitator's own debrief."""

from __future__ import annotations

from datetime import date

from ..fields import LongText, ui
from ..vocab import (
    Ending,
    RecordsDecision,
)
from .base import Record


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
    # Am I ready? Asked on this page, for the facilitator alone (after Kaba and Hassan,
    # "Fumbling Towards Repair", and Creative Interventions' toolkit).
    ready_time: bool | None = ui(
        "Do I have the time this circle needs, over months?",
        "Meetings, check-ins, messages between them, and time to prepare.",
        default=None)
    ready_energy: bool | None = ui(
        "Do I have the energy for it now?", "Your own life, work and health come first.",
        default=None)
    close_harmed: bool | None = ui(
        "Am I close to the person harmed?",
        "A friend, partner, relative or co-worker: they may need you as support instead.",
        default=None)
    close_caused: bool | None = ui(
        "Am I close to the person who caused harm?",
        "Closeness to either side makes it hard for the other to trust you.",
        default=None)
    own_history: bool | None = ui(
        "Could this harm stir up my own history?",
        "Having lived it can be a strength; make sure you have support for it.",
        default=None)
    holds_power: bool | None = ui(
        "Do I hold power over anyone in the circle?",
        "An employer, a leader, a landlord, a supplier, a case worker.",
        default=None)
    trained: bool | None = ui(
        "Have I facilitated, or trained for, a process like this?",
        "If not, work with someone who has.",
        default=None)
    debriefs: bool | None = ui(
        "Do I have someone to debrief with after every meeting?",
        "A co-facilitator, a supervisor or a peer.",
        default=None)
    curious: bool | None = ui(
        "Can I stay curious without deciding who is telling the truth?",
        "A circle is not an investigation.",
        default=None)
    no_shaming: bool | None = ui(
        "Can I hold the person who caused harm to their work without shaming or punishing "
        "them?", "Accountability, not punishment: they need support too.",
        default=None)
    knows_services: bool | None = ui(
        "Do I know the harm-reduction and other services people may need?",
        "OST, needles, naloxone, shelters that accept people who use drugs, legal help.",
        default=None)
    knows_reporting: bool | None = ui(
        "Do I know what I would have to report, and can I say it plainly?",
        "Check the law where the circle meets: in some places every adult must report child "
        "abuse.",
        default=None)
    can_step_back: bool | None = ui(
        "Can I step back if the person harmed asks me to?",
        "Their trust matters more than your place in the circle.",
        default=None)


# The answers that say to bring in another facilitator: (field, the answer that says so).
HAND_ON = (("ready_time", False), ("ready_energy", False), ("close_harmed", True),
           ("close_caused", True), ("holds_power", True), ("trained", False),
           ("debriefs", False), ("can_step_back", False))
