"""Each person controls their own private details.

Every private field belongs to someone: a participant's contact and consent notes to them, a
harm's account to the people harmed by it, a pod's notes to its party, an impact to the
person affected, a setback to whoever is responsible for the action. A copy *for* someone
(``reader``) shows a private detail only if the reader owns it, or if every owner chose to
share (``Participant.shares_private``). A need kept private, and a safety plan, appear only
in their holder's own copy, whatever anyone chose. Details that belong to nobody in
particular (the circle's private name, the support plan) stay with the facilitator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .circle import Circle
from .fields import is_private
from .records import (
    AccountabilityWork,
    Affected,
    CheckIn,
    Goal,
    Harm,
    ItemProgress,
    Need,
    Participant,
    PodEntry,
    SafetySituation,
)
from .vocab import Role

# Required texts cannot be empty, so a redacted copy still validates when imported again.
LEFT_OUT = "(private: not shared)"  # i18n: a stored value, the same in every language

Owners = frozenset[str]
NOBODY: Owners = frozenset()


def blank(model: type[BaseModel], name: str, placeholder: str) -> Any:
    """What a field holds once its content is gone: its default, or ``placeholder`` where
    an empty value would not validate."""
    info = model.model_fields[name]
    if info.is_required() or (info.metadata and any(
            getattr(m, "min_length", 0) for m in info.metadata)):
        return placeholder
    return info.get_default(call_default_factory=True)


def _empty(value: Any) -> bool:
    return value in ("", None, [], {})


def owners_of(circle: Circle, row: BaseModel) -> Owners:
    """Who a row's private details belong to (empty: the facilitator's alone)."""
    harmed = frozenset(p.id for p in circle.harmed_parties())
    if isinstance(row, Participant):
        return frozenset({row.id})
    if isinstance(row, Harm):
        # The people harmed by this harm; if none is marked yet, every person harmed.
        hit = frozenset(a.participant for a in row.affected) & harmed
        return hit or harmed
    if isinstance(row, Affected):
        return frozenset({row.participant})
    if isinstance(row, PodEntry):
        return frozenset({row.party})
    if isinstance(row, (Need, SafetySituation)):
        return frozenset({row.holder})
    if isinstance(row, (AccountabilityWork, Goal)):
        return frozenset({row.person})
    if isinstance(row, ItemProgress):
        item = next((a for a in circle.agreement if a.id == row.item), None)
        return frozenset({item.responsible}) if item else NOBODY
    if isinstance(row, CheckIn):
        # How people are doing, and the notes, are usually about one person, and may be about
        # the person who caused harm: the facilitator's own, in nobody's copy.
        return NOBODY
    return NOBODY


@dataclass
class Copy:
    """A circle as one reader may see it."""

    circle: Circle
    left_out: list[str] = field(default_factory=list)  # "harms.description" style, no indices
    hidden_needs: frozenset[str] = frozenset()  # ids of needs kept private from this reader


def _may_see(circle: Circle, reader: str | None, force: bool) -> Callable[[Owners], bool]:
    sharing = {p.id for p in circle.participants if p.shares_private}

    def may_see(owners: Owners) -> bool:
        if force:
            return False
        return reader in owners or (bool(owners) and owners <= sharing)

    return may_see


def _redact(circle: Circle, model: BaseModel, owners: Owners, may_see: Callable[[Owners], bool],
            path: str, left_out: set[str]) -> BaseModel:
    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if is_private(info):
            if not _empty(value) and not may_see(owners):
                updates[name] = blank(type(model), name, LEFT_OUT)
                left_out.add(where)
        elif isinstance(value, BaseModel):
            updates[name] = _redact(circle, value, owners, may_see, where, left_out)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_redact(circle, v, owners_of(circle, v) or owners, may_see, where,
                                     left_out) for v in value]
    return model.model_copy(update=updates)


def copy_for(circle: Circle, reader: str | None = None, *, force: bool = False) -> Copy:
    """The circle as ``reader`` (a participant id) may take it home.

    ``reader=None`` is a copy for nobody in particular (an export file, a printed report):
    only what every owner chose to share. ``force=True`` leaves out every private detail,
    whoever chose what (research uses it); safety plans and private needs then stay, without
    their words, to be counted.
    """
    may_see = _may_see(circle, reader, force)
    left_out: set[str] = set()
    hidden: set[str] = set()
    updates: dict[str, Any] = {}
    if not force:
        # A safety plan goes only to its holder; a private need only to whoever holds it.
        updates["safety_plan"] = [s for s in circle.safety_plan if s.holder == reader]
        hidden = {n.id for n in circle.needs if n.private and n.holder != reader}
        updates["needs"] = [n for n in circle.needs if n.id not in hidden]
        updates["agreement"] = [a.model_copy(update={"needs": [n for n in a.needs
                                                               if n not in hidden]})
                                for a in circle.agreement]
    else:
        updates["needs"] = [n.model_copy(update={"own_words": LEFT_OUT, "who_could_meet": ""})
                            if n.private else n for n in circle.needs]
    trimmed = circle.model_copy(update=updates)
    out: dict[str, Any] = {}
    for name, info in Circle.model_fields.items():
        value = getattr(trimmed, name)
        if is_private(info):
            if not _empty(value):
                out[name] = blank(Circle, name, LEFT_OUT)
                left_out.add(name)
        elif isinstance(value, BaseModel):
            out[name] = _redact(circle, value, NOBODY, may_see, name, left_out)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            out[name] = [_redact(circle, v, owners_of(circle, v), may_see, name, left_out)
                         for v in value]
    # Validated again, so a copy never holds a reference to something it left out.
    redacted = Circle.model_validate(trimmed.model_copy(update=out).model_dump())
    return Copy(redacted, sorted(left_out), frozenset(hidden))


def redact(circle: Circle, reader: str | None = None, *, force: bool = False
           ) -> tuple[Circle, list[str]]:
    """``copy_for`` as a pair: the copy, and which kinds of field were left out."""
    made = copy_for(circle, reader, force=force)
    return made.circle, made.left_out


def readers(circle: Circle) -> list[Participant]:
    """Everyone a take-home copy can be made for: the parties first, the facilitator last."""
    return sorted(circle.participants, key=lambda p: Role.FACILITATOR in p.roles)


__all__ = ["LEFT_OUT", "Copy", "blank", "copy_for", "owners_of", "readers", "redact"]
