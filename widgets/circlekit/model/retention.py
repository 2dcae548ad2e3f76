"""When a circle's records are deleted under the rule it set at the start (``Circle.retention``).

A routine rule, chosen before anything is known and applied by the app on its own, is what
makes deletion safe: the same for every circle, never a decision taken once a case is known.
"""

from __future__ import annotations

from datetime import date, timedelta

from .circle import Circle
from .vocab import CircleStatus

OVER = (CircleStatus.CLOSED, CircleStatus.ENDED)


def deletion_date(circle: Circle) -> date | None:
    """The day ``circle`` is deleted: its rule's days after it closed (counted from its last
    change once closed); None while it is open or keeps its records until deleted by hand."""
    days = circle.retention.days
    if days is None or circle.status not in OVER:
        return None
    return circle.updated.date() + timedelta(days=days)


__all__ = ["OVER", "deletion_date"]
