"""The base of every stored record: unknown keys refused; rows carry a stable id."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from ..fields import RowId, row_id


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Record(BaseModel):
    """Base of every stored model: unknown keys are refused, so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Row(Record):
    id: RowId = Field(default_factory=row_id, title="Row id")
