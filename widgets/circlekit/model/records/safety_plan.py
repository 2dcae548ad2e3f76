"""A safety plan: for its holder only, from any point in the process."""

from __future__ import annotations

from ..fields import LongText, RequiredShortText, RowId, ui
from ..vocab import (
    Service,
)
from .base import Row


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
