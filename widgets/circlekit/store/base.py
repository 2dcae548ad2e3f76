"""The one storage interface every part of the app talks to."""

from __future__ import annotations

import builtins
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self

from ..model import Circle


@dataclass(frozen=True)
class CircleSummary:
    """What the start page lists: no free text beyond the facilitator's private label."""

    id: str
    title: str
    language: str
    status: str
    practice: bool
    updated: datetime
    version: int


@dataclass(frozen=True)
class Opened:
    """A circle as loaded, and the version it was loaded at (what the next save names)."""

    circle: Circle
    version: int


@dataclass(frozen=True)
class VersionInfo:
    version: int
    saved_at: datetime
    items: int
    note: str


class Store(ABC):
    """Versioned, append-only storage of circles.

    Every save writes a new version and names the version it started from; a save that
    started from an older version raises ``StaleSave`` and changes nothing.
    """

    @abstractmethod
    def list(self, *, include_practice: bool = True) -> list[CircleSummary]: ...

    @abstractmethod
    def create(self, circle: Circle, note: str = "created") -> Opened: ...

    @abstractmethod
    def open(self, circle_id: str) -> Opened: ...

    @abstractmethod
    def open_version(self, circle_id: str, version: int) -> Circle: ...

    @abstractmethod
    def save(self, circle: Circle, based_on: int, note: str = "") -> int:
        """Store ``circle`` as a new version; return its number."""

    @abstractmethod
    def history(self, circle_id: str) -> builtins.list[VersionInfo]: ...

    @abstractmethod
    def delete(self, circle_id: str) -> None:
        """Remove the circle and every version of it, leaving no trace in the files."""

    @abstractmethod
    def rewrite_history(self, circle_id: str,
                        change: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
        """Apply ``change`` to the stored data of every version of the circle (each in today's
        shape), then leave no trace of what it removed in the files; return how many
        versions it changed.

        The one way history is rewritten: striking what someone asked to have removed."""

    @abstractmethod
    def exists(self, circle_id: str) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...

    def setting(self, key: str) -> str | None:
        """A setting of this data folder (the start page's language); None if unset."""
        return None

    def set_setting(self, key: str, value: str) -> None:  # noqa: B027 - optional to keep
        """Remember a setting of this data folder; stores that cannot keep one ignore it."""

    def restore(self, circle_id: str, version: int, based_on: int) -> int:
        """Make an old version the latest, as a new version (history is never rewritten)."""
        old = self.open_version(circle_id, version)
        return self.save(old, based_on, note=f"restored version {version}")

    def circles(self, *, include_practice: bool = False) -> builtins.list[Circle]:
        """Every stored circle, loaded (research frames use this)."""
        return [self.open(s.id).circle for s in self.list(include_practice=include_practice)]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
