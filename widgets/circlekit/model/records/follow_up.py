"""Follow-up: check-ins and how each agreement item is going."""

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
    feelings: LongText = ui("How people are doing", "", private=True, default="")
    notes: LongText = ui("Notes", "", private=True, default="")
    milestone: ShortText = ui(
        "A milestone to mark",
        "A kept agreement, a first meeting, a month without contact: mark it together, in "
        "the way the people in it choose.",
        default="",
    )
    next_on: date | None = ui("Next check-in", "", default=None)
