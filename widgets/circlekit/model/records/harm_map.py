"""Harm mapping: each harm's kinds, who was affected and the conditions around it."""

from __future__ import annotations

from ..fields import LongText, RowId, ShortText, ui
from ..vocab import (
    Condition,
    Directness,
    HarmType,
)
from .base import Record, Row


class Affected(Record):
    participant: RowId = ui("Who was affected", "Choose from the participants.")
    directness: Directness = ui("How", "Directly, or through a partner, family or community.")
    impacts: LongText = ui(
        "Impacts on them",
        "In their words if possible: body, feelings, money, housing, children, work, trust.",
        private=True,
        narrative=True,
        default="",
    )


class Harm(Row):
    # Every narrative is optional: "a harm happened", with its kinds and who was affected,
    # is a complete record. What is said in the circle need not be typed.
    description: LongText = ui(
        "What happened",
        "Optional. In the words of the person harmed, and only what they want written "
        "down. It can be said in the circle instead of written here.",
        private=True,
        narrative=True,
        default="",
    )
    when: ShortText = ui(
        "When",
        "A rough period is enough, and safer: 'last winter', 'about a year ago'. An exact "
        "date can identify someone.",
        private=True,
        narrative=True,
        default="",
    )
    where: ShortText = ui("Where", "As precise as they want, or blank.", private=True,
                          narrative=True, default="")
    harm_types: list[HarmType] = ui(
        "Kinds of harm",
        "Choose all that apply. Outing includes telling others someone's HIV status, drug use "
        "or trans history; the copies name only the kind.",
        default_factory=list)
    other_kind: ShortText = ui("Other kind of harm", "If “Other”: in their words.", default="")
    caused_by: list[RowId] = ui(
        "Who caused it",
        "Optional, and usually best left empty. A name linked to a harm in writing is an "
        "accusation on file, which can be seized or subpoenaed. Roles in the "
        "circle already say who does the accountability work.",
        narrative=True,
        default_factory=list,
    )
    affected: list[Affected] = ui(
        "Who was affected",
        "Directly, and indirectly through partners, family or community.",
        default_factory=list,
    )
    others_affected: ShortText = ui(
        "Others affected who are not in the circle",
        "By role, never by name: 'her children', 'the other women at the drop-in'.",
        private=True,
        default="",
    )
    conditions: list[Condition] = ui(
        "Structural conditions",
        "What made this harm possible or worse: police, prohibition, stigma, power.",
        default_factory=list,
    )
    other_condition: ShortText = ui("Other condition", "If “Other”: in their words.",
                                    default="")
