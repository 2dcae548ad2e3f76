"""How each need has changed, kept as an index instead of re-reading old versions.

Built once from the most recent stored versions when first asked, then extended by every
save of the session: a save on a circle with 300 needs never reloads 30 whole versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Circle
from ..model.vocab import NeedStatus, Priority
from ..store import Store


@dataclass(frozen=True)
class NeedState:
    version: int
    saved_at: datetime
    own_words: str
    status: NeedStatus
    priority: Priority

    def same_as(self, other: NeedState) -> bool:
        return (self.own_words, self.status, self.priority) == (
            other.own_words, other.status, other.priority)


class NeedIndex:
    """For each need id, its distinct states in version order (newest last)."""

    DEPTH = 30  # versions read when the index is first built

    def __init__(self, store: Store, circle_id: str) -> None:
        self.store = store
        self.circle_id = circle_id
        self._states: dict[str, list[NeedState]] | None = None

    def _built(self) -> dict[str, list[NeedState]]:
        if self._states is None:
            self._states = {}
            for info in self.store.history(self.circle_id)[-self.DEPTH:]:
                self._add(info.version, info.saved_at,
                          self.store.open_version(self.circle_id, info.version))
        return self._states

    def _add(self, version: int, saved_at: datetime, circle: Circle) -> None:
        assert self._states is not None
        for need in circle.needs:
            state = NeedState(version, saved_at, need.own_words, need.status, need.priority)
            seen = self._states.setdefault(need.id, [])
            if not seen or not seen[-1].same_as(state):
                seen.append(state)

    def record(self, version: int, saved_at: datetime, circle: Circle) -> None:
        """A save just stored ``circle`` as ``version`` (ignored until the index is built)."""
        if self._states is not None:
            self._add(version, saved_at, circle)

    def changes(self, need_id: str) -> list[NeedState]:
        """The need's distinct states, newest first."""
        return list(reversed(self._built().get(need_id, [])))


__all__ = ["NeedIndex", "NeedState"]
