"""The start page's backups: where they go, when the last one was made, and restoring.

Only renders and binds: making, listing and restoring backups is ``circlekit.store.backup``
and ``circlekit.store.restore``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..i18n import _, format_datetime, ngettext
from ..render.html import table, tag
from ..store import SQLiteStore
from ..store.backup import (
    BackupRefused,
    backups,
    choose_folder,
    chosen_folder,
    has_key,
    make_backup,
    set_backup_passphrase,
    status,
)
from ..store.restore import Held, OpenedBackup, State, compare, restore
from .circles import keep_choice
from .forms import STYLE, WIDE
from .page import Message, guarded
from .shared import HTML


class BackupPanel:
    """Choose the backup folder, back up now, and restore; ``on_restore`` refreshes the list."""

    def __init__(self, store: SQLiteStore, on_restore: Callable[[], None]) -> None:
        self.store = store
        self.on_restore = on_restore
        self.state = HTML()
        self.message = Message()
        self.folder = widgets.Text(description=_("Backup folder"), style=STYLE, layout=WIDE,
                                   placeholder="/media/usb/circle-backups")
        self.passphrase = widgets.Password(description=_("Backup passphrase"), style=STYLE,
                                           layout=WIDE)
        self.again = widgets.Password(description=_("Type it again"), style=STYLE, layout=WIDE)
        self.keyless = widgets.VBox([
            HTML(tag("p", _("This data folder is not locked, so its backups need a passphrase "
                            "of their own. Nothing in a backup can be read without it, and it "
                            "cannot be recovered: write it down somewhere safe."),
                     class_="ck-help")),
            self.passphrase, self.again])
        self.backup_button = widgets.Button(description=_("Back up now"), button_style="primary")
        self.backup_button.on_click(guarded(self.message)(lambda _b: self.back_up()))
        self.chosen = widgets.Dropdown(description=_("Backup"), style=STYLE, layout=WIDE)
        self.restore_passphrase = widgets.Password(description=_("Its passphrase"),
                                                   style=STYLE, layout=WIDE)
        self.look_button = widgets.Button(description=_("Look inside"))
        self.look_button.on_click(guarded(self.message)(lambda _b: self.look()))
        self.contents = HTML()
        self.pick = widgets.SelectMultiple(description=_("Restore"), style=STYLE, layout=WIDE,
                                           rows=4)
        self.replace = widgets.Checkbox(
            description=_("Also restore circles changed here since this backup"), indent=False)
        self.restore_button = widgets.Button(description=_("Restore chosen circles"),
                                             button_style="warning")
        self.restore_button.on_click(guarded(self.message)(lambda _b: self.restore()))
        self.restoring = widgets.VBox([self.contents, self.pick, self.replace,
                                       self.restore_button], layout={"display": "none"})
        self.widget = widgets.VBox([
            self.state, self.folder, self.keyless, self.backup_button, self.message,
            HTML(tag("h3", _("Restore from a backup"))), self.chosen, self.restore_passphrase,
            self.look_button, self.restoring], layout={"width": "100%"})
        self.refresh()

    def refresh(self) -> None:
        fine, said = status(self.store)
        self.state.value = tag("p", said, class_="ck-ok" if fine else "ck-error",
                               role="status")
        folder = chosen_folder(self.store)
        if folder is not None and not self.folder.value:
            self.folder.value = str(folder)
        self.keyless.layout.display = "none" if has_key(self.store) else None
        found = backups(folder) if folder is not None else []
        keep_choice(self.chosen, [(format_datetime(b.made), str(b.path)) for b in found])

    def back_up(self) -> None:
        self.message.clear()
        folder = self.folder.value.strip()
        if not folder:
            raise BackupRefused(_("Give the whole path of the backup folder, for example "
                                  "/media/usb/circle-backups."))
        if not has_key(self.store) and self.passphrase.value != self.again.value:
            raise BackupRefused(_("The two passphrases differ. Type them again."))
        choose_folder(self.store, folder)  # checked first: a refusal changes nothing else
        if not has_key(self.store):
            set_backup_passphrase(self.store, self.passphrase.value)
        self.passphrase.value = self.again.value = ""
        made = make_backup(self.store)
        self.refresh()
        self.message.ok(_("Backup made: {name}. Every circle on this computer is in it, sealed "
                          "with the passphrase.").format(name=made.path.name))

    def _open(self) -> OpenedBackup:
        if not self.chosen.value:
            raise BackupRefused(_("Choose a backup first."))
        return OpenedBackup(Path(self.chosen.value), self.restore_passphrase.value)

    def look(self) -> list[Held]:
        self.message.clear()
        with self._open() as opened:
            held = compare(opened, self.store)
        self.show(held)
        return held

    def show(self, held: list[Held]) -> None:
        rows = [[h.title, format_datetime(h.updated), str(h.versions),
                 format_datetime(h.here_updated) if h.here_updated else "",
                 str(h.here_versions or ""), h.state.label] for h in held]
        self.contents.value = table(
            [_("Circle"), _("Last changed in the backup"), _("Versions"),
             _("Last changed here"), _("Versions here"), _("Restoring it")], rows,
            caption=ngettext("{n} circle in this backup", "{n} circles in this backup",
                             len(held)).format(n=len(held)))
        todo = [h for h in held if h.state is not State.SAME]
        self.pick.options = [(h.title, h.id) for h in todo]
        self.pick.value = tuple(h.id for h in todo
                                if h.state not in (State.CHANGED, State.DELETED))
        self.replace.layout.display = (None if any(h.state is State.CHANGED for h in todo)
                                       else "none")
        self.restoring.layout.display = None
        for control in (self.pick, self.restore_button):  # nothing to restore: no controls
            control.layout.display = None if todo else "none"

    def restore(self) -> None:
        self.message.clear()
        if not self.pick.value:
            raise BackupRefused(_("Choose the circles to restore first."))
        with self._open() as opened:
            done = restore(self.store, opened, list(self.pick.value),
                           replace_changed=self.replace.value)
            held = compare(opened, self.store)
        self.restore_passphrase.value = ""
        self.replace.value = False
        self.show(held)
        self.on_restore()
        self.message.ok(ngettext("{n} circle was restored.", "{n} circles were restored.",
                                 len(done)).format(n=len(done)))


__all__ = ["BackupPanel"]
