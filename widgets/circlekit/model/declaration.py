"""What a step declaration holds: its groups of questions, the words for its rows, and the
step itself (the process is declared in ``steps`` and ``other_steps``)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .fieldspec import FieldSpec, field_spec


@dataclass(frozen=True)
class Group:
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RowWords:
    """How a step's pages name its rows; whole phrases, because articles and cases differ
    between languages."""

    add: str
    delete: str
    new: str
    editing: str  # with {number}
    which: str

    def all(self) -> tuple[str, ...]:
        return (self.add, self.delete, self.new, self.editing, self.which)


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    title: str
    notebook: str
    purpose: str
    facilitator_notes: tuple[str, ...]
    model: type[BaseModel] | None = None
    collection: str | None = None  # the Circle attribute holding this step's rows
    # The fields that may head each row in documents, the first every row has (never a person,
    # never a list of choices, never a detail private from some readers); none: rows are
    # numbered only.
    heading: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    rows: RowWords | None = None

    def fields(self) -> list[FieldSpec]:
        if self.model is None:
            return []
        names = [n for g in self.groups for n in g.fields] or list(self.model.model_fields)
        return [field_spec(self.model, n) for n in names]

    def private_fields(self) -> list[str]:
        return [f.name for f in self.fields() if f.private]
