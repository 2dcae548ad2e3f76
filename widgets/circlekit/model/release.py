"""A published report, as the organisation's ledger keeps it (``analysis.ledger``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from pydantic import BaseModel, Field

from .fields import row_id

Key = tuple[Any, ...]


class Release(BaseModel):
    """One published report: its scope, what it showed, what it hid. No incident."""

    id: str = Field(default_factory=row_id)
    kind: str = "incident-report"
    published_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    published_by: str = ""
    start: str | None = None
    end: str | None = None
    area: str | None = None
    log_position: int = 0  # the last position of the log when it was published
    shown: list[tuple[list[str], int]] = Field(default_factory=list)
    hidden: list[list[str]] = Field(default_factory=list)

    def values(self) -> dict[Key, int]:
        return {tuple(key): value for key, value in self.shown}

    def hidden_keys(self) -> set[Key]:
        return {tuple(key) for key in self.hidden}


@dataclass(frozen=True)
class Scope:
    """A report's period (months, inclusive) and area; None means no limit."""

    start: str | None = None
    end: str | None = None
    area: str | None = None

    def holds(self, frame: pd.DataFrame) -> pd.Series:
        keep = pd.Series(True, index=frame.index)
        if self.start:
            keep &= frame["month"] >= self.start
        if self.end:
            keep &= frame["month"] <= self.end
        if self.area:
            keep &= frame["area"] == self.area
        return keep


__all__ = ["Release", "Scope"]
