"""Earlier versions of a circle: what each changed, and restoring one as the newest."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import _, format_datetime
from ..model.compare import differences, in_brief
from ..render.html import join, tag
from ..session import CircleSession
from ..store.base import VersionInfo
from .page import Message, guarded
from .shared import HTML

SHOWN = 50  # the newest versions offered; older ones stay in the store


class HistoryPanel:
    """Choose an earlier version, see how it differs from now, and restore it.

    Restoring writes the old version again as a new one (history is never rewritten), then
    ``on_restored(version)`` reloads the page so every step shows it.
    """

    def __init__(self, session: CircleSession, on_restored: Callable[[int], None]) -> None:
        self.session = session
        self.on_restored = on_restored
        # Listed on request, not after every save: a save stays as quick as it was.
        self.show_button = widgets.Button(description=_("Show earlier versions"))
        self.version = widgets.Dropdown(description=_("Version to restore"),
                                        style={"description_width": "initial"})
        self.changes = HTML()
        self.button = widgets.Button(description=_("Restore this version"))
        self.message = Message()
        self.armed: int | None = None
        self.version.observe(lambda _c: guarded(self.message)(self.compare)(), names="value")
        self.show_button.on_click(guarded(self.message)(lambda _b: self.refresh()))
        self.button.on_click(guarded(self.message)(lambda _b: self.restore()))
        self.chooser = widgets.VBox([self.version, self.changes, self.button])
        self.chooser.layout.display = "none"
        self.widget = widgets.VBox([
            HTML(tag("h2", _("Earlier versions of this circle"))),
            HTML(tag("p", _("Every save is a version. Restoring one makes it the newest "
                            "again; nothing is deleted."), class_="ck-help")),
            self.show_button, self.chooser, self.message])
        self.widget.add_class("ck-history")

    def refresh(self) -> None:
        """Offer every version but the current one, newest first."""
        store, cid = self.session.store, self.session.circle.id
        history: list[VersionInfo] = store.history(cid)
        recent = history[-SHOWN - 1:]  # the current one and the SHOWN before it
        # Each version says what its save changed, from the version before it.
        before = (store.open_version(cid, history[-SHOWN - 2].version)
                  if len(history) > len(recent) else None)
        options = []
        for h in recent:
            circle = store.open_version(cid, h.version)
            options.append((_("Version {version}, saved {when}: {what}").format(
                version=h.version, when=format_datetime(h.saved_at),
                what=in_brief(before, circle)), h.version))
            before = circle
        options = [o for o in reversed(options) if o[1] != self.session.version][:SHOWN]
        self.version.options = options
        self.button.disabled = not options
        self.chooser.layout.display = None
        self.show_button.description = _("Refresh the list")
        self.compare()

    def compare(self) -> None:
        self.armed = None
        self.button.description = _("Restore this version")
        chosen = self.version.value
        if chosen is None:
            self.changes.value = tag("p", _("Choose a version above to see what restoring it "
                                            "would change.") if self.version.options
                                     else _("No earlier versions yet."), class_="ck-empty")
            return
        old = self.session.store.open_version(self.session.circle.id, chosen)
        found = differences(self.session.circle, old)  # from now to the restored version
        self.changes.value = join([
            tag("p", _("What restoring it would change:"), class_="ck-legend"),
            tag("ul", join(tag("li", line) for line in found)) if found
            else tag("p", _("Nothing: it is the same as now."), class_="ck-help")])

    def restore(self) -> None:
        chosen = self.version.value
        if chosen is None:
            return
        if self.armed != chosen:
            self.armed = chosen
            self.button.description = _("Yes, restore version {version}").format(version=chosen)
            self.message.error(_("What is shown now stays in the history as version "
                                 "{current}. Click the button again to restore version "
                                 "{version}.").format(current=self.session.version,
                                                      version=chosen))
            return
        if not self.session.flush():
            return  # the header says why (another tab, or the store); nothing was restored
        new = self.session.store.restore(self.session.circle.id, chosen, self.session.version)
        self.message.ok(_("Version {version} restored as version {new}. The page reloads to "
                          "show it.").format(version=chosen, new=new))
        self.on_restored(new)


__all__ = ["HistoryPanel"]
