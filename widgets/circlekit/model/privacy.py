"""The person harmed controls what leaves the app.

``redact`` blanks every field marked private (and the words of every need marked private)
unless the person harmed has recorded a choice to share, and says what it left out.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .circle import Circle, Need
from .fields import is_private

# Required texts cannot be empty, so a redacted copy still validates when imported again.
LEFT_OUT = "(private: not shared)"  # i18n: a stored value, the same in every language


def _blank(model: BaseModel, name: str) -> Any:
    info = type(model).model_fields[name]
    if info.is_required() or (info.metadata and any(
            getattr(m, "min_length", 0) for m in info.metadata)):
        return LEFT_OUT
    return info.get_default(call_default_factory=True)


def _redact_model(model: BaseModel, path: str, left_out: list[str]) -> BaseModel:
    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if is_private(info) or (isinstance(model, Need) and model.private and name != "private"
                                and name in ("own_words", "who_could_meet")):
            if value not in ("", None, [], {}):
                updates[name] = _blank(model, name)
                left_out.append(where)
        elif isinstance(value, BaseModel):
            updates[name] = _redact_model(value, where, left_out)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_redact_model(v, f"{where}.{i}", left_out)
                             for i, v in enumerate(value)]
    return model.model_copy(update=updates)


def redact(circle: Circle, *, force: bool = False) -> tuple[Circle, list[str]]:
    """Return a copy fit to leave the app, and the paths of the fields left out.

    Private fields stay only when the person harmed chose to share them (``circle.sharing``);
    ``force=True`` redacts even then (research uses it).
    """
    if circle.sharing.share_private and not force:
        return circle, []
    left_out: list[str] = []
    redacted = _redact_model(circle, "", left_out)
    assert isinstance(redacted, Circle)
    return redacted, left_out
