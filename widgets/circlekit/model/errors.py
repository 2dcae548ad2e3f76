"""Validation errors as plain sentences that name the field."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from ..i18n import N_, _, format_number

_PLAIN = {
    "missing": N_("is required"),
    "string_too_short": N_("cannot be empty"),
    "too_short": N_("needs at least one choice"),
    "extra_forbidden": N_("is not a field this app knows"),
    "enum": N_("is not one of the offered choices"),
    "date_from_datetime_parsing": N_("is not a date (use YYYY-MM-DD)"),
    "date_parsing": N_("is not a date (use YYYY-MM-DD)"),
    "date_type": N_("is not a date (use YYYY-MM-DD)"),
    "string_type": N_("must be text"),
    "bool_type": N_("must be yes or no"),
    "bool_parsing": N_("must be yes or no"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a group of fields"),
    "dict_type": N_("must be a group of fields"),
}


def field_label(model: type[BaseModel] | None, loc: tuple[int | str, ...]) -> str:
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
    sentences: list[str] = []
    for e in error.errors(include_url=False):
        loc = tuple(e["loc"])
        path = ".".join(str(p) for p in loc)
        label = field_label(model, loc)
        if e["type"] == "value_error" and not loc:
            message = str(e["msg"]).removeprefix("Value error, ")  # i18n: pydantic's prefix
            sentences.extend(f"{m.strip()}." for m in message.split(";"))
            continue
        # Validators raise English message ids (marked N_), translated here like the rest.
        message = _(_PLAIN.get(e["type"])
                    or str(e["msg"]).removeprefix("Value error, "))  # i18n: pydantic's prefix
        if e["type"] in ("too_short", "string_too_short") and isinstance(e.get("input"), str):
            message = _("cannot be empty")
        if e["type"] == "enum" and e.get("input") is None:
            # A note written beside a choice not made yet: ask for the choice.
            message = _("needs a choice (a note was written beside it)")
        if e["type"] == "string_too_long":
            message = _("is too long (at most {n} characters)").format(
                n=format_number(e["ctx"]["max_length"]))
        label = _(label)
        name = (f"{label} ({path})" if paths else label) if label else path or _("The circle")
        sentences.append(f"{name}: {message}.")
    return sentences
