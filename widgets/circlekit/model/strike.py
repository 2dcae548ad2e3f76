"""Striking something from the record: a field's text or a whole row, from the circle and
from every earlier version of it.

History is otherwise never rewritten; this is the one exception, because what someone asks to
have removed must not stay on file. A ``Strike`` works on the stored JSON of each version, so
versions written before a field changed shape are struck too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..i18n import _
from .circle import COLLECTIONS, Circle
from .display import clip
from .fieldspec import _is_ref, _unwrap
from .narrative import holds_narrative, narrative_paths
from .privacy import LEFT_OUT, blank
from .vocab import RecordMode

# Required texts cannot be empty; this is what they hold once struck.
STRUCK = "(struck from the record)"  # i18n: a stored value, the same in every language

# What points at a row of each collection, so a struck row leaves no reference behind.
_REFERENCES: dict[str, tuple[str, str, str | None]] = {
    "needs": ("agreement", "needs", None),
    "agreement": ("checkins", "progress", "item"),
}
# A participant is named everywhere; their details can be struck, not the whole row.
WHOLE_ROW = ("harms", "pods", "needs", "agreement", "checkins", "meetings", "safety_plan")


def row_model(collection: str) -> type[BaseModel]:
    inner, _many = _unwrap(Circle.model_fields[collection].annotation)
    return inner  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Strike:
    collection: str
    row_id: str
    path: tuple[str, ...] = ()  # empty: the whole row; ("affected", "impacts"): in each entry

    def apply(self, doc: dict[str, Any]) -> dict[str, Any]:
        """``doc`` (one stored version, as JSON data) with this struck from it."""
        rows = doc.get(self.collection) or []
        if not self.path:
            doc[self.collection] = [r for r in rows if r.get("id") != self.row_id]
            if self.collection in _REFERENCES:
                where, name, key = _REFERENCES[self.collection]
                for row in doc.get(where) or []:
                    row[name] = [v for v in row.get(name, [])
                                 if (v.get(key) if key else v) != self.row_id]
            return doc
        for row in rows:
            if row.get("id") == self.row_id:
                _blank_path(row, row_model(self.collection), self.path)
        return doc


def to_minimal(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` (one stored version, as JSON data) kept as a minimal record: every narrative
    field of every row struck, and the circle marked as keeping a minimal record."""
    doc["record_mode"] = RecordMode.MINIMAL.value
    for collection in COLLECTIONS:
        rows = doc.get(collection)
        if not isinstance(rows, list):
            continue
        model = row_model(collection)
        for row in rows:
            if isinstance(row, dict):
                for path in narrative_paths(model):
                    _blank_path(row, model, path)
    return doc


def narratives_held(circle: Circle) -> int:
    """How many narrative texts and links ``circle`` holds now (what ``to_minimal`` strikes)."""
    count = 0
    for collection in COLLECTIONS:
        model = row_model(collection)
        count += sum(holds_narrative(model, [row]) for row in getattr(circle, collection))
    return count


def _blank_path(data: dict[str, Any], model: type[BaseModel], path: tuple[str, ...]) -> None:
    name, rest = path[0], path[1:]
    if name not in data:
        return
    if name not in model.model_fields:  # a field of an earlier version: gone altogether
        del data[name]
        return
    if not rest:
        data[name] = blank(model, name, STRUCK)
        return
    inner, _many = _unwrap(model.model_fields[name].annotation)
    for part in data[name] if isinstance(data[name], list) else [data[name]]:
        if isinstance(part, dict):
            _blank_path(part, inner, rest)


def choices(collection: str, row: BaseModel) -> list[tuple[str, Strike]]:
    """What can be struck from ``row``: the whole row, and each field that holds text."""
    found: list[tuple[str, Strike]] = []
    if collection in WHOLE_ROW:
        found.append((_("The whole entry"), Strike(collection, row.id)))  # type: ignore[attr-defined]

    def walk(model: BaseModel | list[Any], path: tuple[str, ...], label: str) -> None:
        parts = model if isinstance(model, list) else [model]
        texts: dict[str, str] = {}
        for part in parts:
            for name, info in type(part).model_fields.items():
                value = getattr(part, name)
                title = _(info.title or name)
                if type(value) is str and value.strip() and not _is_ref(info) and \
                        value not in (STRUCK, LEFT_OUT):
                    texts.setdefault(name, f"{label}{title}: «{clip(value, 40)}»")
                elif isinstance(value, BaseModel) or (isinstance(value, list) and value and
                                                     isinstance(value[0], BaseModel)):
                    walk(value, (*path, name), f"{label}{title} · ")
        for name, text in texts.items():
            found.append((text, Strike(collection, row.id, (*path, name))))  # type: ignore[attr-defined]

    walk(row, (), "")
    return found


__all__ = ["STRUCK", "WHOLE_ROW", "Strike", "choices", "narratives_held", "to_minimal"]
