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
