"""Validation errors as plain sentences that name the field."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

_PLAIN = {
    "missing": "is required",
    "string_too_short": "cannot be empty",
    "too_short": "needs at least one choice",
    "extra_forbidden": "is not a field this app knows",
    "enum": "is not one of the offered choices",
    "date_from_datetime_parsing": "is not a date (use YYYY-MM-DD)",
    "date_parsing": "is not a date (use YYYY-MM-DD)",
    "date_type": "is not a date (use YYYY-MM-DD)",
    "string_type": "must be text",
    "bool_type": "must be yes or no",
    "bool_parsing": "must be yes or no",
    "list_type": "must be a list",
    "model_type": "must be a group of fields",
    "dict_type": "must be a group of fields",
}


def _label(model: type[BaseModel] | None, loc: tuple[int | str, ...]) -> str:
    """Follow ``loc`` through the model to the field's human label."""
    label = ""
    current: object = model
    for part in loc:
        if isinstance(part, int) or not isinstance(current, type):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            break
        info = fields[part]
        label = info.title or part
        current = _inner(info.annotation)
    return label


def _inner(annotation: object) -> object:
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation


def explain(error: ValidationError, model: type[BaseModel] | None = None, *,
            paths: bool = True) -> list[str]:
    """One sentence per problem: ``Alias (participants.0.alias): cannot be empty.``

    ``paths=False`` drops the path, for a form where the field is right beside the message.
    """
    sentences = []
    for e in error.errors(include_url=False):
        loc = tuple(e["loc"])
        path = ".".join(str(p) for p in loc)
        label = _label(model, loc)
        if e["type"] == "value_error" and not loc:
            message = str(e["msg"]).removeprefix("Value error, ")
            sentences.extend(f"{m.strip()}." for m in message.split(";"))
            continue
        message = _PLAIN.get(e["type"]) or str(e["msg"]).removeprefix("Value error, ")
        if e["type"] in ("too_short", "string_too_short") and isinstance(e.get("input"), str):
            message = "cannot be empty"
        if e["type"] == "string_too_long":
            message = f"is too long (at most {e['ctx']['max_length']:,} characters)"
        name = (f"{label} ({path})" if paths else label) if label else path or "The circle"
        sentences.append(f"{name}: {message}.")
    return sentences
