"""On an organisation's server: the passphrase box in front of the start page, and the lock.

Nobody sits at a terminal there, so a locked data folder is unlocked here; the key stays in
this facilitator's own server (``circlekit.store.keys``) until they lock it again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..i18n import _
from ..render.html import tag
from ..store import keys
from ..store.crypto import check_new_passphrase
from .page import Message, guarded, heading, page, section
from .shared import HTML

# The page behind the lock, and what to close when the folder is locked again.
PageMaker = Callable[[], tuple[widgets.Widget, Callable[[], None]]]


class UnlockGate:
    """The start page behind a passphrase box; ``widget`` is what the notebook displays."""

    def __init__(self, folder: Path, make_page: PageMaker) -> None:
        self.folder = folder
        self.make_page = make_page
        self.close_page: Callable[[], None] = lambda: None
        self.message = Message()
        self.widget = widgets.VBox()
        self.widget.add_class("ck-unlock")
        self.show()

    def show(self, note: str = "") -> None:
        if keys.is_locked(self.folder) and not keys.has_key():
            self.show_locked()
        else:
            self.show_page()
        if note:
            self.message.ok(note)

    def show_locked(self) -> None:
        self.passphrase = widgets.Password(description=_("Passphrase"),
                                           style={"description_width": "initial"})
        button = self.unlock_button = widgets.Button(description=_("Unlock"),
                                                     button_style="primary")
        run = guarded(self.message)(lambda *_a: self.unlock())
        button.on_click(run)
        self.passphrase.on_submit(run)
        self.widget.children = [page(
            heading(_("Your circles are locked"),
                    _("Enter the passphrase of your data folder to open them. It stays in "
                      "your own server's memory until you lock again or the server stops.")),
            self.passphrase, button, self.message)]

    def show_page(self) -> None:
        shown, self.close_page = self.make_page()
        self.widget.children = [page(self.lock_bar()), shown]

    def lock_bar(self) -> widgets.Widget:
        if not keys.is_locked(self.folder):
            return self.protect_box()
        button = self.lock_button = widgets.Button(description=_("Lock now"), icon="lock")
        button.on_click(guarded(self.message)(lambda _b: self.lock()))
        note = HTML(tag("p", _("Your data folder is unlocked. Lock it when you step away: "
                               "every page of yours closes, and opening your circles asks "
                               "for the passphrase again."), class_="ck-help"))
        return widgets.VBox([note, button, self.message])

    def protect_box(self) -> widgets.Widget:
        style = {"description_width": "initial"}
        self.new = widgets.Password(description=_("New passphrase"), style=style)
        self.again = widgets.Password(description=_("Type it again"), style=style)
        button = self.protect_button = widgets.Button(
            description=_("Lock with this passphrase"))
        button.on_click(guarded(self.message)(lambda _b: self.protect()))
        box = widgets.VBox([
            section(_("Protect your circles with a passphrase"),
                    _("Without it, whoever can read the server's disk can read your circles. "
                      "There is no way to recover a lost passphrase: write it down "
                      "somewhere safe.")),
            self.new, self.again, button, self.message])
        box.add_class("ck-protect")
        return widgets.VBox([box])

    def unlock(self) -> None:
        passphrase, self.passphrase.value = self.passphrase.value, ""
        keys.unlock(self.folder, passphrase)
        self.message.clear()
        self.show()

    def protect(self) -> None:
        new, again = self.new.value, self.again.value
        self.new.value = self.again.value = ""
        if new != again:
            self.message.error(_("The two passphrases differ; nothing was changed."))
            return
        check_new_passphrase(new)  # before the page is closed
        self.close_page()
        keys.protect(self.folder, new)
        self.show(_("Your data folder is locked with this passphrase, and open until you "
                    "lock it."))

    def lock(self) -> None:
        self.close_page()
        self.close_page = lambda: None
        keys.lock_again()
        self.show(_("Locked. Your other pages were closed."))


__all__ = ["UnlockGate"]
