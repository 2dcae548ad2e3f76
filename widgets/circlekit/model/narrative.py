"""Where a circle's records tell what happened: the fields marked ``narrative`` (``fields.ui``).

A circle keeping a minimal record never shows them; moving a circle to one strikes them from
every stored version (``strike.to_minimal``). Read off the models, so a new narrative field is
covered by marking it, not by adding it to a list here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from .fields import is_narrative
from .fieldspec import _unwrap

Path = tuple[str, ...]


@cache
def narrative_paths(model: type[BaseModel]) -> tuple[Path, ...]:
    """Each narrative field of ``model`` and of the rows nested in it, as a path of names;
    fields of earlier versions that held narratives too (``narrative_before``)."""
    paths: list[Path] = [(name,) for name in getattr(model, "narrative_before", ())]
    for name, info in model.model_fields.items():
        if is_narrative(info):
            paths.append((name,))
            continue
        inner, _many = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            paths.extend((name, *p) for p in narrative_paths(inner))
    return tuple(paths)


def values_at(data: Any, path: Path) -> list[Any]:
    """The values found at ``path`` in stored data (lists are followed into each entry)."""
    if isinstance(data, list):
        return [v for part in data for v in values_at(part, path)]
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    if not isinstance(data, dict) or path[0] not in data:
        return []
    if len(path) == 1:
        return [data[path[0]]]
    return values_at(data[path[0]], path[1:])


def holds_narrative(model: type[BaseModel], rows: Any) -> bool:
    """Whether any of ``rows`` (stored data of ``model``) has something in a narrative field."""
    return any(value not in ("", None, [], {})
               for path in narrative_paths(model) for value in values_at(rows, path))


__all__ = ["holds_narrative", "narrative_paths", "values_at"]
