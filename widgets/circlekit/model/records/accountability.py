"""The accountability work of the person who caused harm: what they need to stay accountable,
what they will do differently, and who supports them. Never their account of the harm."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import model_validator

from ..fields import LongText, RowId, ui
from ..vocab import (
    Apology,
)
from .base import Row


class AccountabilityWork(Row):
    """The accountability work of one person who caused harm: theirs, private by default.

    Shaped by the Bay Area Transformative Justice Collective's pods, Mia Mingus on apology,
    and Kaba and Hassan's "Fumbling Towards Repair". The reflection on what happened is spoken
    with their pod; nothing here asks for earlier incidents or their version of events, which
    a court could read as an admission.
    """

    # Fields of earlier versions that held narratives (see ``_earlier_prompts``).
    narrative_before: ClassVar[tuple[str, ...]] = ("reflection", "impact")

    person: RowId = ui("Whose work", "The person who caused harm.")
    own_needs: LongText = ui(
        "What they need to stay accountable",
        "Housing, health care, harm-reduction services, someone to talk to. Support, never a "
        "condition.",
        private=True,
        default="",
    )
    accountability_pod: LongText = ui(
        "Who supports them",
        "The people they would call on to stay accountable and to keep going (roles, not "
        "names).",
        private=True,
        default="",
    )
    doing_differently: LongText = ui(
        "What they will do differently",
        "From now on, in their words: what they will do, and what they will stop doing.",
        private=True,
        default="",
    )
    learning: LongText = ui(
        "What they are learning",
        "Optional. In general terms, lessons not facts: about power, impact, what they need "
        "to change. Their reflection on what happened is spoken with their pod, not written "
        "here.",
        private=True,
        narrative=True,
        default="",
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
    apology: Apology = ui(
        "Does the person harmed want an apology, and how?",
        "Ask the person harmed, through the facilitator. They may want none, and may refuse "
        "one when it comes.",
        default=Apology.NOT_ASKED,
    )
    apology_offered: bool | None = ui(
        "Has the apology been offered?",
        "Only whether it was: its words are prepared on this page and handed over, never "
        "kept.",
        default=None,
    )
    apology_received: bool | None = ui(
        "Did the person harmed accept it?",
        "They may refuse it, and that is their right. Only their answer is kept.",
        default=None,
    )

    @model_validator(mode="before")
    @classmethod
    def _earlier_prompts(cls, data: Any) -> Any:
        # Work recorded before the prompts changed asked for "what was going on for them" and
        # "the harm as they understand it". Nothing is dropped unseen: both move into
        # "what they are learning", which a facilitator can strike, and which a minimal
        # record strikes.
        if isinstance(data, dict) and ("reflection" in data or "impact" in data):
            data = dict(data)
            old = [str(data.pop(k, "") or "").strip() for k in ("reflection", "impact")]
            merged = "\n\n".join(t for t in [str(data.get("learning", "")).strip(), *old] if t)
            data["learning"] = merged
        return data
