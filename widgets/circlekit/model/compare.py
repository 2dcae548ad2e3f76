"""What changed between two versions of a circle, as plain sentences (no circle text)."""

from __future__ import annotations

from ..i18n import _, ngettext
from .circle import COLLECTIONS, Circle
from .steps import ALL_STEPS, PARTS

_TITLES = {s.collection: s.title for s in (*ALL_STEPS, *PARTS) if s.collection}
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


def in_brief(old: Circle | None, new: Circle) -> str:
    """What a save changed, in a few words for the version list: "Needs: 2 changed",
    "item 3 signed". Counts and positions only: the list never quotes a circle."""
    if old is None:
        return _("Created")
    parts = []
    if any(getattr(old, name) != getattr(new, name) for name in _DETAILS):
        parts.append(_("circle details"))
    for collection in COLLECTIONS:
        before = {row.id: row for row in getattr(old, collection)}
        after = {row.id: row for row in getattr(new, collection)}
        changed = [key for key in before.keys() & after.keys() if before[key] != after[key]]
        if collection == "agreement":  # a signature is news of its own
            order = [row.id for row in new.agreement]
            signed = [key for key in changed
                      if len(after[key].signoffs) > len(before[key].signoffs)]
            withdrawn = [key for key in changed
                         if len(after[key].signoffs) < len(before[key].signoffs)]
            parts += [_("item {number} signed").format(number=order.index(key) + 1)
                      for key in sorted(signed, key=order.index)]
            parts += [_("item {number}: a signature withdrawn").format(
                number=order.index(key) + 1) for key in sorted(withdrawn, key=order.index)]
            news = {*signed, *withdrawn}
            changed = [key for key in changed if key not in news
                       or after[key].model_copy(update={"signoffs": before[key].signoffs})
                       != before[key]]
        added, removed = len(after.keys() - before.keys()), len(before.keys() - after.keys())
        counts = [text.format(n=n) for text, n in (
            (ngettext("{n} added", "{n} added", added), added),
            (ngettext("{n} changed", "{n} changed", len(changed)), len(changed)),
            (ngettext("{n} removed", "{n} removed", removed), removed)) if n]
        if counts:
            parts.append(_("{what}: {counts}").format(
                what=_(_TITLES.get(collection, collection)), counts=", ".join(counts)))
    if not parts and old != new:
        parts.append(_("other details"))
    return "; ".join(parts) if parts else _("no change")


__all__ = ["differences", "in_brief"]
