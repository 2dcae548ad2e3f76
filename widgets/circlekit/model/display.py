"""A field's value as plain text for people (tables, documents), in the page's language."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..i18n import _, format_date
from .circle import Circle
from .fieldspec import FieldSpec, field_spec
from .vocab import Choice


def clip(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters, cut between words and marked "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def as_text(spec: FieldSpec, value: Any, circle: Circle, *, hidden: frozenset[str] = frozenset()
            ) -> str:
    """``value`` of the field ``spec`` as text; ``hidden`` names nested fields to leave out."""
    if value in (None, "", []):
        return ""
    if spec.kind == "ref":
        return circle.describe(value)
    if spec.kind == "refs":
        return ", ".join(circle.describe(v) for v in value)
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return "; ".join(nested_text(v, circle, hidden) for v in value)
    if isinstance(value, BaseModel):
        return nested_text(value, circle, hidden)
    if isinstance(value, list):
        return ", ".join(v.label if isinstance(v, Choice) else str(v) for v in value)
    if isinstance(value, Enum):
        return value.label  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def nested_text(row: BaseModel, circle: Circle, hidden: frozenset[str] = frozenset()) -> str:
    """A small nested row (a sign-off, a person affected) on one line: ``Ash, 3 Mar 2026``."""
    parts = []
    for name in type(row).model_fields:
        if name in hidden:
            continue
        spec = field_spec(type(row), name)
        text = as_text(spec, getattr(row, name), circle)
        if text:
            parts.append(text)
    return ", ".join(parts)
