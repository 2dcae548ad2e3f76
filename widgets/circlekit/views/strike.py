"""Strike from the record: the text of a field, or a whole entry, gone from the circle and
from every earlier version, after a second click that names exactly what goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..i18n import _
from ..model.strike import Strike, choices
from ..render.html import tag
from ..session import CircleSession
from .page import Message, guarded
from .shared import HTML


class StrikePanel:
    """Under a row editor; built on request, so a page pays for it only when it is used."""

    def __init__(self, session: CircleSession, collection: str,
                 editing: Callable[[], Any]) -> None:
        self.session = session
        self.collection = collection
        self.editing = editing  # the row being edited now, or None
        self.message = Message()
        self.open_button = widgets.Button(description=_("Strike from the record…"))
        self.open_button.on_click(guarded(self.message)(lambda _b: self.open()))
        self.widget = widgets.VBox([self.open_button, self.message])
        self.widget.add_class("ck-strike")
        self.what: widgets.Dropdown | None = None
        self.button: widgets.Button | None = None
        self.armed: Strike | None = None

    def open(self) -> None:
        row = self.editing()
        if row is None:
            self.message.error(_("Choose an entry first."))
            return
        if self.what is None:
            self.what = widgets.Dropdown(description=_("What to strike"),
                                         style={"description_width": "initial"})
            self.what.observe(lambda _c: self.disarm(), names="value")
            self.button = widgets.Button(description=_("Strike it"), button_style="danger")
            self.button.on_click(guarded(self.message)(lambda _b: self.strike()))
            self.widget.children = (
                HTML(tag("p", _("Striking removes the text from this circle and from every "
                                "earlier version of it, for good: use it when someone asks "
                                "for something to be taken off the record."),
                         class_="ck-help")),
                self.what, self.button, self.message)
        options = choices(self.collection, row)
        self.what.options = [(label, i) for i, (label, _s) in enumerate(options)]
        self._choices = options
        self.disarm()
        if not options:
            self.message.ok(_("This entry holds no text to strike."))

    def disarm(self) -> None:
        self.armed = None
        if self.button is not None:
            self.button.description = _("Strike it")
        self.message.clear()

    def strike(self) -> None:
        assert self.what is not None and self.button is not None
        if self.what.value is None:
            return
        label, chosen = self._choices[self.what.value]
        if self.armed != chosen:
            self.armed = chosen
            self.button.description = _("Yes, strike it from every version")
            versions = len(self.session.store.history(self.session.circle.id))
            self.message.error(_("This removes {what} from the circle and from all {n} "
                                 "versions of it. It cannot be undone. Click again to "
                                 "strike it.").format(what=label, n=versions))
            return
        changed = self.session.strike(chosen)
        if changed is None:
            self.message.error(_("Nothing was struck: what was typed could not be saved "
                                 "first (see the top of the page)."))
            return
        self.message.ok(_("Struck from {n} versions. The page reloads to show the circle "
                          "without it.").format(n=changed))


__all__ = ["StrikePanel"]
