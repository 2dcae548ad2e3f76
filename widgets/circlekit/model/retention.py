"""When a circle's records are deleted: under the rule it set at the start (``Circle.retention``),
or as the circle decided at its closing (``Closing.records``), whichever comes first.

A routine rule, chosen before anything is known and applied by the app on its own, is what
makes deletion safe: the same for every circle, never a decision taken once a case is known.
The closing's decision is carried out by the app too: "delete now" on the day the circle
closed, "keep until the last check-in" the day after the last check-in held or planned, and
"give each person their copy" two weeks after it closed, time to hand the copies out.
"""

from __future__ import annotations

from datetime import date, timedelta

from .circle import Circle
from .vocab import CircleStatus, RecordsDecision

OVER = (CircleStatus.CLOSED, CircleStatus.ENDED)
COPIES_DAYS = 14  # to give each person their copy before the circle is deleted


def decided_date(circle: Circle) -> date | None:
    """The day the closing's records decision sets; None while undecided or still open."""
    if circle.status not in OVER:
        return None
    closed = circle.updated.date()
    decision = circle.closing.records
    if decision is RecordsDecision.DELETE:
        return closed
    if decision is RecordsDecision.COPIES_THEN_DELETE:
        return closed + timedelta(days=COPIES_DAYS)
    if decision is RecordsDecision.KEEP:
        last = max([d for c in circle.checkins for d in (c.held_on, c.next_on) if d],
                   default=closed)
        return max(last, closed) + timedelta(days=1)
    return None


def deletion_date(circle: Circle) -> date | None:
    """The day ``circle`` is deleted: its rule's days after it closed (counted from its last
    change once closed), or the day its closing decided, whichever is first; None while it is
    open or keeps its records until deleted by hand."""
    if circle.status not in OVER:
        return None
    days = circle.retention.days
    ruled = None if days is None else circle.updated.date() + timedelta(days=days)
    found = [d for d in (ruled, decided_date(circle)) if d is not None]
    return min(found, default=None)


__all__ = ["COPIES_DAYS", "OVER", "decided_date", "deletion_date"]
