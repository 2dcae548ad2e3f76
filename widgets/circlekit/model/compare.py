"""What changed between two versions of a circle, as plain sentences (no circle text)."""

from __future__ import annotations

from ..i18n import _
from .circle import COLLECTIONS, Circle
from .steps import ALL_STEPS

_TITLES = {s.collection: s.title for s in ALL_STEPS if s.collection}
_DETAILS = ("title", "language", "status", "group_agreements", "readiness")


def differences(old: Circle, new: Circle) -> list[str]:
    """How ``new`` differs from ``old``: rows added, removed and changed per step."""
    found = []
    if any(getattr(old, name) != getattr(new, name) for name in _DETAILS):
        found.append(_("Circle details changed."))
    for collection in COLLECTIONS:
        before = {row.id: row for row in getattr(old, collection)}
        after = {row.id: row for row in getattr(new, collection)}
        added = len(after.keys() - before.keys())
        removed = len(before.keys() - after.keys())
        changed = sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
        if added or removed or changed:
            found.append(_("{what}: {added} added, {removed} removed, {changed} changed.").format(
                what=_(_TITLES.get(collection, collection)), added=added, removed=removed,
                changed=changed))
    return found


__all__ = ["differences"]
