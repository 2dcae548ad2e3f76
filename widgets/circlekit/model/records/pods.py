"""Support pods: for each person, who can support them, and how."""

from __future__ import annotations

from ..fields import LongText, RequiredShortText, RowId, ui
from ..vocab import (
    PodKind,
    PodRelation,
)
from .base import Row


class PodEntry(Row):
    party: RowId = ui("Whose pod", "The participant this pod map belongs to.")
    name: RequiredShortText = ui(
        "Person or organisation",
        "An alias or a role ('older sister'), or an organisation; a barrier can also be "
        "something else: 'shame', 'fear of losing my volunteer role'.",
    )
    kind: PodKind = ui("Kind", "", default=PodKind.PERSON)
    relation: PodRelation = ui("Relation", "Where they stand for this person now.")
    notes: LongText = ui("Notes", "", private=True, default="")
