"""What a form, a document or a table needs to know about one field, read off the model.

Labels, help text and private flags live on the pydantic fields (``fields.ui``); the kind of
input, the choices and the length limit come from the field's type and constraints.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..i18n import _
from .fields import SHORT_MAX, is_narrative, is_private


@dataclass(frozen=True)
class FieldSpec:
    """Everything a form, document or table needs to know about one field."""

    name: str
    label: str
    help: str
    kind: str  # text | longtext | bool | date | choice | choices | ref | refs | rows | number
    private: bool
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    nullable: bool = False  # "not answered yet" is a valid value
    narrative: bool = False  # hidden in a minimal record (``fields.ui``)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip ``X | None`` and ``list[X]``; return the inner type and whether it was a list."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0])
    if origin is list:
        inner, _many = _unwrap(typing.get_args(annotation)[0])
        return inner, True
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation, False


def field_spec(model: type[BaseModel], name: str) -> FieldSpec:
    info = model.model_fields[name]
    inner, many = _unwrap(info.annotation)
    nullable = type(None) in typing.get_args(info.annotation)
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    if isinstance(inner, type) and issubclass(inner, Enum):
        kind = "choices" if many else "choice"
        choices = tuple(inner.options())  # type: ignore[attr-defined]
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        kind = "rows"
    elif inner is bool:
        kind = "bool"
    elif inner is date:
        kind = "date"
    elif inner in (int, float):
        kind = "number"
    elif _is_ref(info):
        kind = "refs" if many else "ref"
    else:
        max_length = _string_limit(info)
        kind = "longtext" if max_length and max_length > SHORT_MAX else "text"
    return FieldSpec(
        name=name,
        label=_(info.title or name),
        help=_(info.description) if info.description else "",
        kind=kind,
        private=is_private(info),
        required=info.is_required(),
        choices=choices,
        max_length=max_length,
        nullable=nullable,
        narrative=is_narrative(info),
    )


def _constraints(info: Any) -> list[Any]:
    found: list[Any] = list(info.metadata)
    annotation = info.annotation
    for arg in typing.get_args(annotation):
        found.extend(getattr(arg, "__metadata__", ()))
    found.extend(getattr(annotation, "__metadata__", ()))
    return found


def _string_limit(info: Any) -> int | None:
    limits: list[int] = [m.max_length for m in _constraints(info)
                         if getattr(m, "max_length", None) is not None]
    return min(limits) if limits else None


def _is_ref(info: Any) -> bool:
    return any(getattr(m, "pattern", None) == r"^[0-9a-f]{10}$" for m in _constraints(info))
