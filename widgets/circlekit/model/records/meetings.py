"""Meeting plans: how each joint meeting is held (after Pranis on circles), kept safe for
people who use drugs, and made possible for everyone coming. Printable for the keeper."""

from __future__ import annotations

from datetime import date

from ..fields import RowId, ShortText, ui
from ..vocab import AccessNeed, OverdoseCheck
from .base import Row


class MeetingPlan(Row):
    held_on: date | None = ui("Date", "The day of the meeting.", default=None)
    purpose: ShortText = ui(
        "What this meeting is for",
        "One line: “hearing what the person harmed needs”, “signing the agreement”.",
        default="",
    )
    keeper: RowId | None = ui(
        "Keeper", "Who keeps the circle: opens it, passes the talking piece first, closes it.",
        default=None,
    )
    talking_piece: ShortText = ui(
        "Talking piece", "Something passed round: only the person holding it speaks.",
        default="",
    )
    values: ShortText = ui(
        "Values the group chose", "Said at the opening: “respect”, “speak for yourself”.",
        default="",
    )
    opening: ShortText = ui("Opening round", "A question everyone can answer, or pass.",
                            default="")
    closing_round: ShortText = ui(
        "Closing round", "How each person leaves: one word, how they are, a next step.",
        default="",
    )
    breaks: ShortText = ui("Breaks", "When, and how anyone can ask for one.", default="")
    overdose: list[OverdoseCheck] = ui(
        "Overdose-aware plan",
        "Hard meetings raise the risk of overdose, in the hours after most of all.",
        default_factory=list,
    )
    naloxone_by: RowId | None = ui("Who carries naloxone", "Someone trained, in the room.",
                                   default=None)
    access: list[AccessNeed] = ui(
        "Access arranged", "What the people coming said they need to take part.",
        default_factory=list,
    )
