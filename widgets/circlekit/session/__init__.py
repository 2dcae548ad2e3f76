"""One open circle, saved as it changes (debounced), refusing to overwrite newer work.

No widgets here: the workspace and its step views subscribe to the session and render it.
One session per page, shared by every view, so views never conflict with each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from ..errors import CircleKitError, KeyChanged, NotWritten, StaleSave
from ..i18n import N_, _
from ..model import Circle
from ..model.strike import Strike, to_minimal
from ..settings import Settings
from ..store import Store
from .needindex import NeedIndex

# A burst of typing becomes one save; a save the disk refused is tried again later (the
# folder may come back). Both are settings ($CIRCLEKIT_AUTOSAVE_DELAY: benchmarks use 0).
DEBOUNCE_SECONDS = Settings().autosave_delay
RETRY_SECONDS = Settings().save_retry
FAILED = N_("Something went wrong on our side and this was not saved. What you typed is still "
          "on this page; copy it, then reload the page.")
log = logging.getLogger("circlekit")


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"
    CONFLICT = "conflict"
    ERROR = "error"


Listener = Callable[[SaveState, str], None]
EditListener = Callable[[], None]
# schedule(delay, callback) -> a handle with .cancel(); None means "save at once".
Scheduler = Callable[[float, Callable[[], Any]], Any]


def kernel_loop() -> Any | None:
    """The running kernel's event loop (Voilà, JupyterLab), or None in plain Python."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return getattr(getattr(get_ipython(), "kernel", None), "io_loop", None)


def kernel_scheduler() -> Scheduler | None:
    """Debounce on the kernel's own event loop when running in one (Voilà, JupyterLab)."""
    loop = kernel_loop()
    if loop is None:
        return None

    def schedule(delay: float, callback: Callable[[], Any]) -> Any:
        handle = loop.call_later(delay, callback)
        return type("Handle", (), {"cancel": lambda _self: loop.remove_timeout(handle)})()

    return schedule


class CircleSession:
    """Holds the circle a page edits and the version it was loaded at.

    ``changed()`` marks the circle dirty and schedules a save; a burst of edits becomes one
    save. A save that finds a newer version in the store stops autosaving and reports a
    conflict: the page keeps what was typed, and nothing stored is overwritten.
    """

    def __init__(self, store: Store, circle_id: str, *, delay: float | None = None,
                 schedule: Scheduler | None = None) -> None:
        self.store = store
        opened = store.open(circle_id)
        self.circle: Circle = opened.circle
        self.version = opened.version
        self.delay = DEBOUNCE_SECONDS if delay is None else delay
        self.dirty = False
        self.state = SaveState.SAVED
        self._listeners: list[Listener] = []
        self._schedule = schedule or kernel_scheduler()
        self._pending: Any = None
        self._notes: list[str] = []
        self._edit_listeners: list[EditListener] = []
        self._reopen_listeners: list[Callable[[], None]] = []
        self._message = ""
        # Entries on the page that cannot be stored yet: key -> (step key, what they wait for).
        self._held: dict[str, tuple[str, str]] = {}
        self.needs_history = NeedIndex(store, circle_id)

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(state, message)`` whenever the save state changes."""
        self._listeners.append(listener)

    def on_edit(self, listener: EditListener) -> None:
        """Call ``listener()`` after every edit, before it is saved (reference lists follow)."""
        self._edit_listeners.append(listener)

    def _notify(self, state: SaveState, message: str = "") -> None:
        self.state, self._message = state, message
        for listener in self._listeners:
            listener(state, message)

    def changed(self, note: str = "") -> None:
        if self.state is SaveState.CONFLICT:
            return  # nothing more is saved until the page is reloaded
        self.dirty = True
        if note and note not in self._notes:
            self._notes.append(note)
        self._notify(SaveState.PENDING, _("Saving…"))
        for listener in list(self._edit_listeners):
            listener()
        if self._schedule is None or self.delay <= 0:  # plain Python: save at once
            self.flush()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._schedule(self.delay, self.flush)

    # --- what the page shows but cannot store yet ------------------------------------------

    def hold(self, key: str, step: str, reason: str) -> None:
        """Note that an entry on the page (form ``key`` on step ``step``) cannot be stored
        yet, and why: incomplete, too long, refused. While anything is held, the page never
        says that everything is saved."""
        if self._held.get(key) != (step, reason):
            self._held[key] = (step, reason)
            self._notify(self.state, self._message)

    def release(self, key: str) -> None:
        """Form ``key`` holds nothing unstored any more (stored, or its entry put away)."""
        if self._held.pop(key, None) is not None:
            self._notify(self.state, self._message)

    @property
    def held(self) -> list[tuple[str, str]]:
        """(step key, what it waits for) of each entry on the page not stored yet."""
        return list(self._held.values())

    def on_reopen(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` when the stored circle changed under the page (a version
        restored, something struck): every view must then be drawn again from the store."""
        self._reopen_listeners.append(listener)

    def reopen(self) -> None:
        """Load the circle again from the store and tell the page to show it afresh."""
        opened = self.store.open(self.circle.id)
        self.circle, self.version, self.dirty = opened.circle, opened.version, False
        self._held.clear()  # every form is drawn again from the store
        self.needs_history = NeedIndex(self.store, self.circle.id)
        for listener in list(self._reopen_listeners):
            listener()

    def stop(self, message: str) -> None:
        """Save nothing more from this page (the circle was deleted); the header says why."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self.dirty = False
        self._notify(SaveState.CONFLICT, message)

    def strike(self, strike: Strike) -> int | None:
        """Strike ``strike`` from the circle and every stored version of it; return how many
        versions changed, or None if what was typed could not be saved first."""
        if not self.flush():
            return None
        changed = self.store.rewrite_history(self.circle.id, strike.apply)
        self.reopen()
        return changed

    def keep_minimal(self) -> int | None:
        """Keep a minimal record from now on: every narrative struck from the circle and every
        stored version of it; return how many versions changed, or None as ``strike``."""
        if not self.flush():
            return None
        changed = self.store.rewrite_history(self.circle.id, to_minimal)
        self.reopen()
        return changed

    def flush(self) -> bool:
        """Save now if anything changed; return whether the store has everything."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        if not self.dirty:
            return True
        if self.state is SaveState.CONFLICT:
            return False
        try:
            self.version = self.store.save(self.circle, self.version,
                                           note=", ".join(self._notes)[:200])
        except StaleSave as exc:
            self._notify(SaveState.CONFLICT, str(exc))
            return False
        except NotWritten as exc:
            # The cause, never the circle: SQLite's error name only.
            log.warning("save not written: %s", exc.cause)
            self._notify(SaveState.ERROR, str(exc))
            self._retry()
            return False
        except KeyChanged as exc:
            log.warning("save refused: the data folder's lock changed")
            self._notify(SaveState.ERROR, str(exc))
            return False
        except CircleKitError as exc:
            self._notify(SaveState.ERROR, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - a timer's callback: the page must be told
            log.error("save failed: %s", type(exc).__name__)
            self._notify(SaveState.ERROR, _(FAILED))
            return False
        self.dirty = False
        self._notes.clear()
        self.needs_history.record(self.version, datetime.now(UTC), self.circle)
        self._notify(SaveState.SAVED, _("All changes saved."))
        return True

    def _retry(self) -> None:
        """Try the refused save again later, unless the page saves sooner by itself."""
        if self._schedule is None or RETRY_SECONDS <= 0:
            return
        self._pending = self._schedule(RETRY_SECONDS, self.flush)
