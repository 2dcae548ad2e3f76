"""The circle workspace: one page, one kernel and one session per circle.

A sticky header (circle, stepper, save state, quick exit) over the open step. Steps switch
in place: the first step's view is built at once, the others in the background once the page
shows (or on their first visit, if sooner); every view stays in the page, hidden, so a switch
only changes which one is displayed. Pending edits are written before every switch, so
nothing typed is lost and no page is loaded.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import time
from pathlib import Path

import ipywidgets as widgets

from ..i18n import _, ngettext, set_language
from ..model import ALL_STEPS, STEPS, RecordMode
from ..model import step as find_step
from ..model.progress import step_states
from ..session import CircleSession, SaveState, kernel_scheduler
from ..store import Store
from .header import WorkspaceHeader
from .history import HistoryPanel
from .page import START_PAGE, Message, guarded, page
from .steps import VIEWS, StepView, step_view

log = logging.getLogger("circlekit")
ORDER = list(ALL_STEPS)


def _processor_busy() -> bool:
    """Whether more tasks want the processor right now than it has cores (Linux tells; other
    systems count as not busy and rely on the late-timer check alone)."""
    try:
        running = int(Path("/proc/loadavg").read_text().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return False
    return running > (os.cpu_count() or 1)


def _stepper(session: CircleSession) -> list[dict[str, str]]:
    """The stepper's entries: label, and whether each step is done or what it still needs."""
    states = step_states(session.circle)
    entries = []
    for s in ORDER:
        state = states[s.key]
        label = f"{s.number}. {_(s.title)}" if s in STEPS else _(s.title)
        if state.waits:
            kind, note = "waiting", _("waits")
        elif state.done:
            kind, note = "done", _("done")
        elif state.todo:
            kind, note = "todo", ngettext("{n} to do", "{n} to do", len(state.todo)).format(
                n=len(state.todo))
        else:
            kind, note = "empty", ""
        entries.append({"key": s.key, "label": label, "note": note, "state": kind})
    return entries


class Workspace:
    """Everything on a circle's page; ``widget`` is what the notebook displays."""

    def __init__(self, store: Store, circle_id: str, step_key: str | None = None) -> None:
        self.session = CircleSession(store, circle_id)
        circle = self.session.circle
        set_language(circle.language)
        self.message = Message()
        self.views: dict[str, StepView] = {}
        self.current: str | None = None
        name = _("Circle: {name}").format(name=circle.title) + (
            " " + _("(practice)") if circle.practice else "")
        self.header = WorkspaceHeader(
            circle_name=name, steps=_stepper(self.session), start_href=START_PAGE,
            save_message=_("Everything is saved."), version=self.session.version)
        self.stage = widgets.VBox()
        self.stage.add_class("ck-stage")
        self.back = widgets.Button()
        self.next = widgets.Button(button_style="primary")
        self.back.on_click(guarded(self.message)(lambda _b: self.go(-1)))
        self.next.on_click(guarded(self.message)(lambda _b: self.go(1)))
        pager = widgets.HBox([self.back, self.next])
        pager.add_class("ck-prevnext")
        self.history = HistoryPanel(self.session, on_restored=self._restored)
        # Messages about the page itself sit under the header, where the eye already is.
        self.widget = page(self.header, self.message, self.stage, pager, self.history.widget)
        self.widget.add_class("ck-workspace")
        self._follow_record_mode()
        self.session.on_edit(self._follow_record_mode)
        self.session.subscribe(self._state)
        self.session.on_reopen(lambda: self._restored(self.session.version))
        self.header.observe(lambda c: guarded(self.message)(self.show)(c["new"]), names="step")
        self.show(step_key if step_key in VIEWS else STEPS[0].key)
        if step_key and step_key not in VIEWS:  # a mistyped or outdated address
            self.message.error(_("This address names no step of a circle (“{step}”), so the "
                                 "circle opened at its first step.").format(step=step_key[:40]))
        self._schedule = kernel_scheduler()
        if self._schedule is not None:
            # A kernel shut down by the page's leave or by culling still saves what is pending.
            atexit.register(self.close)
            self.header.on_shown(self._start_warm_up)

    # Once the page shows the first step, the other steps are built (and their pictures drawn)
    # one at a time in the background, so a first visit is as quick as a revisit. Not before:
    # the page would then load every step's widgets before showing the first.
    WARM_UP_DELAY = 0.5
    BUSY_LATENESS = 0.1  # seconds a timer may fire late before the computer counts as busy

    def _start_warm_up(self) -> None:
        if self._schedule is not None:
            due = time.monotonic()
            self._schedule(self.WARM_UP_DELAY, lambda: self._warm_up(due, self.WARM_UP_DELAY))

    @property
    def view(self) -> StepView:
        assert self.current is not None
        return self.views[self.current]

    def show(self, key: str) -> None:
        """Open step ``key`` in place, after writing whatever is still pending."""
        if key == self.current:
            return
        if key not in VIEWS:
            key = STEPS[0].key
        self.session.flush()
        if key not in self.views:
            self._add(key)
        if self.current is not None:
            self.view.hide()
            self.view.widget.layout.display = "none"
        self.current = key
        self.views[key].show()  # brought up to date first, so it never shows stale lists
        self.views[key].widget.layout.display = None
        self.header.step = key
        self._pager()

    def _warm_up(self, asked_for: float | None = None, wait: float = WARM_UP_DELAY) -> None:
        """Prepare the next step if this computer has time; otherwise wait longer.

        A timer that fires late, or more tasks ready to run than cores, means the processor is
        busy (other facilitators' pages, a drawing): preparing now would slow everyone's pages
        and saves, so it waits, twice as long each time.
        """
        if self._schedule is None:
            return
        late = 0.0 if asked_for is None else time.monotonic() - asked_for - wait
        if late > self.BUSY_LATENESS or _processor_busy():
            wait = min(wait * 2, 30.0)
        elif self.prepare_one():
            wait = 0.05
        else:
            return
        due = time.monotonic()
        self._schedule(wait, lambda: self._warm_up(due, wait))

    def _add(self, key: str) -> StepView:
        """Build a step's view into the page, hidden: the browser draws it once, in the
        background, and a switch only changes which view is displayed."""
        view = self.views[key] = step_view(self.session, key)
        view.widget.layout.display = "none"
        self.stage.children = (*self.stage.children, view.widget)
        return view

    def prepare_one(self) -> bool:
        """Build (and draw) one step not yet built; False once every step is ready."""
        pending = [k for k in VIEWS if k not in self.views]
        if not pending:
            self._settle()
            return False
        try:
            view = self._add(pending[0])
        except Exception as exc:  # noqa: BLE001 - a step that fails here fails on its visit
            log.error("building a step in the background failed: %s", type(exc).__name__)
            return False
        guarded(view.message)(view.redraw)()
        return True

    def _settle(self) -> None:
        """Every step is built: the page's long-lived objects are set aside from the garbage
        collector's scans (a kernel serves one workspace), halving the slowest saves."""
        if not self.header.prepared:
            gc.collect()
            gc.freeze()
            self.header.prepared = True

    def go(self, offset: int) -> None:
        keys = [s.key for s in STEPS]
        if self.current in keys:
            i = keys.index(self.current) + offset
            if 0 <= i < len(keys):
                self.show(keys[i])

    def _pager(self) -> None:
        keys = [s.key for s in STEPS]
        i = keys.index(self.current) if self.current in keys else -1
        before = STEPS[i - 1] if i > 0 else None
        after = STEPS[i + 1] if 0 <= i < len(STEPS) - 1 else None
        self.back.description = f"← {_(before.title)}" if before else ""
        self.back.layout.display = None if before else "none"
        self.next.description = (_("Next: {step} →").format(step=_(after.title))
                                 if after else "")
        self.next.layout.display = None if after else "none"

    def _state(self, state: SaveState, message: str) -> None:
        self.header.version = self.session.version  # first: the status is drawn with it
        held = self.session.held
        if state is SaveState.SAVED and held:
            # Stored is not everything: an entry on the page waits (incomplete, too long).
            step, reason = held[0]
            self.header.waiting_step = step
            self.header.save_message = ngettext(
                "{n} entry is not stored yet. {step}: {reason}.",
                "{n} entries are not stored yet. {step}: {reason}, and more.",
                len(held)).format(n=len(held), step=_(find_step(step).title), reason=reason)
            self.header.save_state = "waiting"
            return
        self.header.save_message = message or _("Everything is saved.")
        self.header.save_state = state.value
        if state is SaveState.SAVED:
            self.header.steps = _stepper(self.session)

    def _follow_record_mode(self) -> None:
        # A minimal record never shows the fields that tell what happened (``ck-narrative``).
        minimal = self.session.circle.record_mode is RecordMode.MINIMAL
        if minimal != ("ck-minimal" in self.widget._dom_classes):
            (self.widget.add_class if minimal else self.widget.remove_class)("ck-minimal")

    def _restored(self, _version: int) -> None:
        # Every view holds the circle as it was: the page opens again on the restored one.
        self.header.reload_requested = True

    def close(self) -> None:
        """Write what is pending (the kernel is going away); never raise on the way out."""
        try:
            self.session.flush()
        except Exception as exc:  # noqa: BLE001 - logged without content; nothing to show
            log.error("final save failed: %s", type(exc).__name__)


def step_page(store: Store, circle_id: str, step_key: str) -> Workspace:
    """The workspace of ``circle_id`` opened at ``step_key`` (what each step notebook shows)."""
    find_step(step_key)  # an unknown step is a bug in the caller, not a page to open
    return Workspace(store, circle_id, step_key)


__all__ = ["Workspace", "step_page"]
