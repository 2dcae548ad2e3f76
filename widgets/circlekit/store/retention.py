"""Applying each circle's own rule for deleting its records (``model.retention``).

Deletion is the store's own ("Delete a circle"): every version gone and the file compacted, so
none of the circle's text stays on disk. The start page applies the rules each time it opens
and lists what is next, so nobody is surprised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.retention import OVER, deletion_date
from .base import CircleSummary, Store


@dataclass(frozen=True)
class Scheduled:
    circle: CircleSummary
    on: date


def scheduled(store: Store) -> list[Scheduled]:
    """Every closed circle with a date for its deletion, soonest first."""
    found = []
    for summary in store.list():
        if summary.status not in {s.value for s in OVER}:
            continue  # only a closed circle can be due: no need to open the others
        on = deletion_date(store.open(summary.id).circle)
        if on is not None:
            found.append(Scheduled(summary, on))
    return sorted(found, key=lambda s: s.on)


def apply_retention(store: Store, today: date | None = None) -> int:
    """Delete every circle whose day has come; return how many were deleted."""
    today = today or date.today()
    due = [s for s in scheduled(store) if s.on <= today]
    for s in due:
        store.delete(s.circle.id)
    return len(due)


__all__ = ["Scheduled", "apply_retention", "scheduled"]
