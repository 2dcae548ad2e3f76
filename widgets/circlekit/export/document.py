"""The neutral shape of a printable document: what it says, not how it looks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    label: str
    value: str


@dataclass(frozen=True)
class Block:
    """One row of a step (an action, a need …): a heading and its labelled entries."""

    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Picture:
    png: bytes
    alt: str


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    intro: str = ""
    empty: str = ""
    picture: Picture | None = None


@dataclass
class Document:
    kind: str
    title: str
    language: str
    subtitle: str
    sections: list[Section]
    left_out: list[str]  # one sentence per kind of private detail left out
    notes: list[str] = field(default_factory=list)  # e.g. "fictional training scenario"
    filename: str = "document"
    worksheet: bool = False  # a blank paper form: space to write, no left-out list
    footer: list[str] = field(default_factory=list)  # e.g. "destroy after use"
