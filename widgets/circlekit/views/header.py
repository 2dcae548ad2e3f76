"""The workspace header: one small front-end widget (anywidget) that stays in view.

It shows what the kernel tells it (circle name, steps, save state) and adds the three things
only the browser can do: notice that the connection is gone, keep the address in step with
the open step (Back/Forward), and ask before a page with unsaved edits is left.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..i18n import _


def header_labels() -> dict[str, str]:
    """The header's fixed words, in the circle's language."""
    return {
        "all_circles": _("All circles"),
        "quick_exit": _("Quick exit"),
        "steps": _("Steps of the circle"),
        "not_saved": _("Not saved."),
        "saving": _("Saving…"),
        "show_it": _("Show it"),
        "connection_lost": _("The connection to this computer's app was lost. Copy what you "
                             "typed, then reload."),
    }


class WorkspaceHeader(anywidget.AnyWidget):
    """Synced state of the header; the kernel answers the page's heartbeat."""

    _esm = Path(__file__).with_name("header.js")

    circle_name = traitlets.Unicode("").tag(sync=True)
    start_href = traitlets.Unicode("00_start.ipynb").tag(sync=True)
    # [{"key", "label", "note", "state": "done" | "todo" | "empty"}] in process order.
    steps = traitlets.List(traitlets.Dict()).tag(sync=True)
    step = traitlets.Unicode("").tag(sync=True)
    save_state = traitlets.Unicode("saved").tag(sync=True)
    save_message = traitlets.Unicode("").tag(sync=True)
    # While an entry on the page cannot be stored yet ("waiting"): the step that holds it.
    waiting_step = traitlets.Unicode("").tag(sync=True)
    # The stored version the page shows, for scripts and tests (facilitators see no number).
    version = traitlets.Int(0).tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    # Every step built in the background: a first visit is now as quick as a revisit.
    prepared = traitlets.Bool(False).tag(sync=True)
    # The circle changed under every view (a version restored): the page loads it afresh.
    reload_requested = traitlets.Bool(False).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(labels=header_labels(), **kwargs)
        self.add_class("ck-header-widget")
        self._on_shown: list[Callable[[], None]] = []
        self.on_msg(self._answer)

    def on_shown(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` once the page has drawn the header (the first step is usable)."""
        self._on_shown.append(callback)

    def _answer(self, _widget: object, content: dict[str, Any], _buffers: object) -> None:
        if not isinstance(content, dict):
            return
        if "ping" in content:
            self.send({"pong": content["ping"]})
        elif content.get("ready"):
            for callback in self._on_shown:
                callback()


__all__ = ["WorkspaceHeader", "header_labels"]
