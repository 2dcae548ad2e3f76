"""The repair agreement: actions linked to needs, and each party's sign-off."""

from __future__ import annotations

from datetime import date

from ..fields import LongText, RowId, ShortText, ui
from ..vocab import (
    ItemKind,
    ItemStatus,
    SharedService,
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
    responsible: RowId = ui(
        "Who is responsible",
        "A person, or an organisation: add one under the items if it is not offered yet.",
    )
    support: RowId | None = ui("With whose support", "", default=None)
    due: date | None = ui("By when", "", default=None)
    needs: list[RowId] = ui("Needs it answers", "Every item should answer at least one need.",
                           default_factory=list)
    keeps_from: list[SharedService] = ui(
        "Places or services it keeps someone from",
        "Never a lifesaving one (OST, needles, a drop-in, a bed, health care): agree other "
        "days or hours, another site, an escort or a staff contact instead.",
        default_factory=list,
    )
    kept_because: ShortText = ui(
        "Kept despite the warning, because",
        "Only if the person it affects agreed to it, in their words. Otherwise change the "
        "item.",
        default="",
    )
    kept_agreed: bool = ui(
        "The person it affects agreed to keep it",
        "Asked alone, without the others present.",
        default=False,
    )
    status: ItemStatus = ui("Status", "", default=ItemStatus.PROPOSED)
    signoffs: list[SignOff] = ui("Sign-offs", "Each party signs with a date.",
                                 default_factory=list)
