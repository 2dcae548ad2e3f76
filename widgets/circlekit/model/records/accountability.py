"""The accountability work of the person who caused harm."""

from __future__ import annotations

from ..fields import LongText, RowId, ui
from ..vocab import (
    Apology,
)
from .base import Row


class AccountabilityWork(Row):
    """The accountability work of one person who caused harm: theirs, private by default.

    Shaped by the Bay Area Transformative Justice Collective's pods, Mia Mingus on apology,
    and Kaba and Hassan's "Fumbling Towards Repair".
    """

    person: RowId = ui("Whose work", "The person who caused harm.")
    reflection: LongText = ui(
        "What was going on for them",
        "In their words: what they were feeling and needing, patterns, earlier times. "
        "Needs and lessons, not an admission.",
        private=True,
        default="",
    )
    impact: LongText = ui(
        "The harm and its impact, as they understand it now",
        "Without justifying it, minimising it or blaming the person harmed.",
        private=True,
        default="",
    )
    own_needs: LongText = ui(
        "Their own needs and support",
        "What they need to stay accountable: housing, treatment, someone to talk to.",
        private=True,
        default="",
    )
    accountability_pod: LongText = ui(
        "Their accountability pod",
        "The people they would call on for support in taking accountability (roles, not "
        "names).",
        private=True,
        default="",
    )
    apology: Apology = ui(
        "Does the person harmed want an apology, and how?",
        "Ask the person harmed, through the facilitator. An apology names the harm and its "
        "impact, makes no excuses and asks for no forgiveness.",
        default=Apology.NOT_ASKED,
    )
    denial: bool | None = ui(
        "Is there denial, minimising or blame-shifting to work on?",
        "If yes, work on it with them and their pod before any joint meeting.",
        private=True,
        default=None,
    )
    own_safety: LongText = ui(
        "Their own safety",
        "From retaliation, call-outs or losing housing, work or services.",
        private=True,
        default="",
    )
    overdose_check: bool | None = ui(
        "Talked through the hours after hard meetings?",
        "Shame after a circle is a known overdose risk: not using alone, carrying naloxone, "
        "someone to call.",
        private=True,
        default=None,
    )
