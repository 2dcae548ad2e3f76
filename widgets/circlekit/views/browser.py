"""Two small front-end widgets for what only the browser can do: open another page of the
app, and read a file a person picked (ipywidgets' upload button labels itself "(0)")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..i18n import _

HERE = Path(__file__).parent


class PageOpener(anywidget.AnyWidget):
    """Setting ``href`` opens that page of the app in this tab (only in the app itself:
    inside JupyterLab it does nothing, so Lab's own page stays)."""

    _esm = HERE / "opener.js"

    href = traitlets.Unicode("").tag(sync=True)

    def go(self, href: str) -> None:
        self.href = href


class FilePicker(anywidget.AnyWidget):
    """A button that opens the system's file chooser; the chosen file's bytes come back to
    the kernel once. Files over ``max_bytes`` are not sent, only their name and size."""

    _esm = HERE / "picker.js"

    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(0).tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    # The chosen file's name as the page shows it ("" once the file is used or cleared).
    chosen = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        labels = {"button": _("Choose file"), "none": _("No file chosen."),
                  "chosen": _("Chosen: {name}")}
        super().__init__(labels=labels, **kwargs)
        self.content: bytes | None = None
        self.size = 0
        self._on_pick: list[Callable[[], None]] = []
        self.on_msg(self._received)

    def _received(self, _widget: object, content: dict[str, Any], buffers: list[Any]) -> None:
        if not isinstance(content, dict) or "name" not in content:
            return
        self.size = int(content.get("size") or 0)
        self.content = bytes(buffers[0]) if buffers else None
        self.chosen = str(content["name"])
        for callback in self._on_pick:
            callback()

    def on_pick(self, callback: Callable[[], None]) -> None:
        self._on_pick.append(callback)

    def clear(self) -> None:
        self.content, self.size, self.chosen = None, 0, ""


__all__ = ["FilePicker", "PageOpener"]
