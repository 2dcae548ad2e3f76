"""Moving a circle between computers: export to a file (optionally protected) and import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as widgets

from ..errors import ImportRefused
from ..i18n import _
from ..model import redact
from ..render.html import download_link, tag
from ..store import MAX_IMPORT_BYTES, Store, export_circle, import_circle
from .browser import FilePicker
from .circles import keep_choice
from .forms import STYLE
from .page import Message, guarded
from .shared import HTML


def _passphrase(description: str) -> widgets.Password:
    return widgets.Password(description=description, placeholder="optional",
                            style=STYLE, layout={"width": "min(100%, 28rem)"})


class TransferPanel:
    """Export a circle to a file, or import one; ``on_import`` refreshes the list."""

    def __init__(self, store: Store, on_import: Callable[[], None]) -> None:
        self.store = store
        self.on_import = on_import
        self.circle = widgets.Dropdown(description=_("Circle"), style=STYLE)
        self.export_passphrase = _passphrase(_("Protect with a passphrase"))
        self.export_button = widgets.Button(description=_("Prepare export file"))
        self.download = HTML()
        self.export_message = Message()
        self.export_button.on_click(guarded(self.export_message)(lambda _b: self.export()))
        self.upload = FilePicker(accept=".json,application/json", max_bytes=MAX_IMPORT_BYTES)
        self.import_passphrase = _passphrase(_("Passphrase of the file"))
        self.import_button = widgets.Button(description=_("Import circle"))
        self.import_message = Message()
        self.import_button.on_click(guarded(self.import_message)(lambda _b: self.import_()))
        self.widget = widgets.VBox([
            self.circle, self.export_passphrase, self.export_button, self.download,
            self.export_message, HTML(tag("h3", _("Import a circle file"))),
            self.upload, self.import_passphrase, self.import_button, self.import_message,
        ], layout={"width": "100%"})
        self.widget.add_class("ck-transfer")

    def set_circles(self, options: list[tuple[str, str]]) -> None:
        keep_choice(self.circle, options)

    def export(self) -> bytes | None:
        cid = self.circle.value
        if not cid:
            self.export_message.error(_("Choose a circle to export first."))
            return None
        passphrase = self.export_passphrase.value or None
        data = export_circle(self.store, cid, passphrase=passphrase)
        self.export_passphrase.value = ""
        left_out = bool(redact(self.store.open(cid).circle)[1])
        name = f"circle-{date.today().isoformat()}.json"
        self.download.value = tag("p", download_link(_("Save the export file"), name, data,
                                                     "application/json"))
        said = [
            _("The export file is ready: save it with the link above."),
            _("It is protected: only the passphrase opens it, and a lost passphrase cannot be "
            "recovered.") if passphrase else
            _("It is not protected: anyone who gets the file can read it."),
            _("Private details were left out where the people they belong to have not chosen "
              "to share them.") if left_out else "",
            _("Safety plans and needs kept private are never in an export."),
        ]
        self.export_message.ok(" ".join(said))
        return data

    def import_(self) -> str | None:
        if not self.upload.chosen:
            self.import_message.error(_("Choose a circle file to import first."))
            return None
        if self.upload.content is None or self.upload.size > MAX_IMPORT_BYTES:
            raise ImportRefused(
                _("This file is too large to be a circle (the limit is {limit} MB). Nothing "
                  "was imported.").format(limit=f"{MAX_IMPORT_BYTES / 1e6:.0f}"))
        cid = import_circle(self.store, self.upload.content,
                            passphrase=self.import_passphrase.value or None)
        self.import_passphrase.value = ""
        self.upload.clear()
        self.on_import()
        title = self.store.open(cid).circle.title
        self.import_message.ok(_("Imported “{name}”. It is now in your circles.").format(
            name=title))
        return cid


__all__ = ["TransferPanel"]
