"""Inviting the person who caused harm, who may not come (after Creative Interventions'
toolkit): who approaches them and how, how far they take part, and when to stop trying.
Attempts are counted and dated; what was said is never written."""

from __future__ import annotations

from datetime import date

from ..fields import ShortText, ui
from ..vocab import Engagement
from .base import Record


class Invitation(Record):
    engagement: Engagement = ui(
        "How far they take part",
        "From not reachable to taking full part. Whatever the answer, the circle goes on for "
        "the person harmed and the community.",
        default=Engagement.NOT_APPROACHED,
    )
    who_approaches: ShortText = ui(
        "Who approaches them",
        "Someone they trust and listen to, by role, never by name: “a friend from the "
        "union”, “the outreach worker”.",
        default="",
    )
    how: ShortText = ui(
        "How, and with what message",
        "Agreed with the person harmed: what is asked of them, and what is not said.",
        default="",
    )
    attempts: int = ui("Attempts so far", "How many times someone tried. Never what was said.",
                       default=0, ge=0, le=99)
    last_attempt: date | None = ui("Last attempt", "The date only.", default=None)
    stop_when: ShortText = ui(
        "When to stop trying",
        "Agreed in advance with the person harmed: “after three tries”, “if they threaten "
        "anyone”.",
        default="",
    )
