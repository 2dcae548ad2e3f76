"""The needs of the person harmed (and of others affected), in their own words."""

from __future__ import annotations

from ..fields import LongText, RowId, ShortText, ui
from ..vocab import (
    NeedCategory,
    NeedStatus,
    Priority,
)
from .base import Row


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
