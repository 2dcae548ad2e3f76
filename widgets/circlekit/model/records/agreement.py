"""The repair agreement: actions linked to needs, and each party's sign-off."""

from __future__ import annotations

from datetime import date

from ..fields import LongText, RowId, ui
from ..vocab import (
    ItemKind,
    ItemStatus,
)
from .base import Record, Row


class SignOff(Record):
    participant: RowId = ui("Who signed", "")
    signed_on: date = ui("Date", "")


class AgreementItem(Row):
    action: LongText = ui(
        "What will be done", "One concrete action, in plain words.", min_length=1
    )
    kind: ItemKind = ui("Kind of action", "")
    responsible: RowId = ui("Who is responsible", "")
    support: RowId | None = ui("With whose support", "", default=None)
    due: date | None = ui("By when", "", default=None)
    needs: list[RowId] = ui("Needs it answers", "Every item should answer at least one need.",
                           default_factory=list)
    status: ItemStatus = ui("Status", "", default=ItemStatus.PROPOSED)
    signoffs: list[SignOff] = ui("Sign-offs", "Each party signs with a date.",
                                 default_factory=list)
