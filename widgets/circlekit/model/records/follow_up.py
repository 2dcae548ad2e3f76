"""Follow-up: check-ins, how each agreement item is going, and each person's goals with the
dates the circle reviews them (after Creative Interventions' "keeping on track")."""

from __future__ import annotations

from datetime import date

from ..fields import LongText, RowId, ShortText, ui
from ..vocab import (
    Progress,
)
from .base import Record, Row


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
    feelings: LongText = ui("How people are doing",
                            "For the facilitator only: in nobody's take-home copy.",
                            private=True, default="")
    notes: LongText = ui("Notes", "For the facilitator only: in nobody's take-home copy.",
                         private=True, default="")
    milestone: ShortText = ui(
        "A milestone to mark",
        "A kept agreement, a first meeting, a month without contact: mark it together, in "
        "the way the people in it choose.",
        default="",
    )
    next_on: date | None = ui("Next check-in", "", default=None)


class Goal(Row):
    person: RowId = ui("Whose goal", "Each person can have goals of their own: the person "
                       "harmed, the person who caused harm, a supporter.")
    goal: ShortText = ui(
        "The goal",
        "In their own words, about what they will do or have: “back at the clinic every "
        "week”, “a new role at the drop-in by summer”. Never about what happened.",
        private=True,
        default="",
    )
    review_on: date | None = ui("Review on", "When the circle looks at it together again.",
                                default=None)
    reached: bool = ui("Reached", "Tick it when it is reached, then mark it together.",
                       default=False)
    marked: ShortText = ui(
        "How it was marked",
        "A meal, a card, a round of thanks: the way the person chooses.",
        default="",
    )
