"""Three-way merge of two copies of one circle against their last common version.

Two facilitators each edit their own copy; when one copy comes back, what each side changed
since the version they last shared is applied, field by field and row by row (rows are matched
by their stable ids, never by position), and where both changed the same field to different
values the merge stops there and says so: a ``Conflict`` the facilitator settles by choosing
one side. Nothing is decided for them.

Written here rather than taken from a library: dictdiffer's merge and JSON Patch address list
items by position, so one row added on each side reads as a conflict on every row after it;
CRDTs (pycrdt, as Jupyter's real-time collaboration uses) need every keystroke recorded as an
operation from the start, while the store keeps whole versions. The data is plain JSON (the
circle as pydantic dumps it), so the merge is a short recursion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

# Never merged: each copy keeps its own facilitator's debrief (it never travels), and the
# time of the last change is the later of the two.
OWN_ONLY = frozenset({"debrief"})
LATEST = frozenset({"updated"})


class _Missing:
    """A row or key one side does not have (deleted there, or never added)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Conflict:
    """Both sides changed ``path`` since the common version, to different values."""

    path: tuple[str, ...]  # keys, and "#<row id>" for a row of a collection
    base: Any
    ours: Any
    theirs: Any

    @property
    def key(self) -> str:
        return "/".join(self.path)


def _is_rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(r, dict) and "id" in r for r in value)


def _rows(value: Any) -> dict[str, Any]:
    return {} if value is MISSING else {str(r["id"]): r for r in value}


def merge(base: Any, ours: Any, theirs: Any, path: tuple[str, ...] = ()
          ) -> tuple[Any, list[Conflict]]:
    """The merged value and the conflicts left in it (each holding our side for now)."""
    if not path and isinstance(ours, dict) and isinstance(theirs, dict):
        # The whole circle: always key by key, so the keys never merged are kept ours.
        return _merge_dicts(base if isinstance(base, dict) else {}, ours, theirs, path)
    if ours == theirs:
        return ours, []
    if ours == base:
        return theirs, []
    if theirs == base:
        return ours, []
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_dicts({} if not isinstance(base, dict) else base, ours, theirs, path)
    if (_is_rows(ours) or ours == []) and (_is_rows(theirs) or theirs == []) and (
            base is MISSING or _is_rows(base) or base == []):
        return _merge_rows(base, ours, theirs, path)
    return ours, [Conflict(path, base, ours, theirs)]


def _merge_dicts(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                 path: tuple[str, ...]) -> tuple[dict[str, Any], list[Conflict]]:
    merged: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        o, t = ours.get(key, MISSING), theirs.get(key, MISSING)
        if not path and key in OWN_ONLY:
            value: Any = o
        elif not path and key in LATEST and o is not MISSING and t is not MISSING:
            value = max(o, t)
        else:
            value, found = merge(base.get(key, MISSING), o, t, (*path, key))
            conflicts += found
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def _merge_rows(base: Any, ours: list[Any], theirs: list[Any], path: tuple[str, ...]
                ) -> tuple[list[Any], list[Conflict]]:
    b, o, t = _rows(base), _rows(ours), _rows(theirs)
    merged: list[Any] = []
    conflicts: list[Conflict] = []
    # Our order, then rows only they have, in their order.
    for rid in [*o, *(r for r in t if r not in o)]:
        value, found = merge(b.get(rid, MISSING), o.get(rid, MISSING), t.get(rid, MISSING),
                             (*path, f"#{rid}"))
        conflicts += found
        if value is not MISSING:
            merged.append(value)
    return merged, conflicts


def describe(path: tuple[str, ...], model: type[BaseModel]) -> list[str]:
    """The form labels (English msgids) along ``path`` in ``model``: ["Needs", "In their own
    words"]; a row step adds nothing (the page says which row by its own words)."""
    labels: list[str] = []
    for step in path:
        if step.startswith("#"):
            continue
        info = model.model_fields.get(step)
        if info is None:
            break
        labels.append(info.title or step)
        inner: list[Any] = [*get_args(info.annotation), info.annotation]
        nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if not nested:
            break
        model = nested[0]
    return labels


def settle(merged: Any, conflicts: list[Conflict], theirs_wins: set[str]) -> Any:
    """``merged`` with each conflict whose key is in ``theirs_wins`` set to their side (the
    others keep ours, as ``merge`` left them)."""
    for conflict in conflicts:
        if conflict.key in theirs_wins:
            merged = _put(merged, conflict.path, conflict.theirs)
    return merged


def _put(value: Any, path: tuple[str, ...], new: Any) -> Any:
    if not path:
        return new
    step, rest = path[0], path[1:]
    if step.startswith("#") and isinstance(value, list):
        rid = step[1:]
        out = []
        placed = False
        for row in value:
            if str(row.get("id")) == rid:
                placed = True
                row = _put(row, rest, new)
                if row is MISSING:
                    continue
            out.append(row)
        if not placed and not rest and new is not MISSING:
            out.append(new)  # a row we deleted and they kept: theirs comes back
        return out
    copy = dict(value)
    inner = _put(copy.get(step, MISSING), rest, new)
    if inner is MISSING:
        copy.pop(step, None)
    else:
        copy[step] = inner
    return copy


__all__ = ["MISSING", "Conflict", "describe", "merge", "settle"]
