"""The start page's hand-over between co-facilitators: send a packet, take one in and merge.

Only renders and binds: packets and merging are ``circlekit.store.handover``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from ..errors import ImportRefused
from ..i18n import _, ngettext
from ..model import Circle
from ..model.merge import MISSING, Conflict, describe
from ..render.html import download_link, tag
from ..store import SQLiteStore
from ..store.handover import (
    MAX_PACKET_BYTES,
    Merge,
    Packet,
    make_packet,
    open_packet,
    plan,
    receive,
)
from .browser import FilePicker
from .circles import keep_choice
from .forms import STYLE, WIDE
from .page import Message, guarded
from .shared import HTML

_ROW_ID = re.compile(r"^[0-9a-f]{10,32}$")


def shown(value: Any) -> str:
    """A side of a conflict as a short text (a row by its words, not its id)."""
    if value is MISSING:
        return _("(not in this copy)")
    if isinstance(value, dict):
        words = [v for k, v in value.items() if isinstance(v, str) and v
                 and not _ROW_ID.match(v) and k != "id"]
        value = "; ".join(words[:3])
    elif isinstance(value, list):
        value = "; ".join(shown(v) for v in value) or _("(none)")
    text = str(value) if value not in (None, "") else _("(empty)")
    return text if len(text) <= 300 else text[:300] + "…"


def where(conflict: Conflict) -> str:
    return " › ".join(_(label) for label in describe(conflict.path, Circle)) or conflict.key


class HandoverPanel:
    """Prepare a packet for a co-facilitator, or take one in; ``on_change`` refreshes the list."""

    def __init__(self, store: SQLiteStore, on_change: Callable[[], None]) -> None:
        self.store = store
        self.on_change = on_change
        self.message = Message()
        self.circle = widgets.Dropdown(description=_("Circle to hand over"), style=STYLE,
                                       layout=WIDE)
        self.sender = widgets.Text(description=_("Your name, as your co-facilitator knows it"),
                                   style=STYLE, layout=WIDE)
        self.passphrase = widgets.Password(description=_("Passphrase you agreed in person"),
                                           style=STYLE, layout=WIDE)
        self.make_button = widgets.Button(description=_("Prepare hand-over packet"))
        self.make_button.on_click(guarded(self.message)(lambda _b: self.make()))
        self.download = HTML()
        self.upload = FilePicker(accept=".cnpacket", max_bytes=MAX_PACKET_BYTES)
        self.open_passphrase = widgets.Password(description=_("Passphrase of the packet"),
                                                style=STYLE, layout=WIDE)
        self.open_button = widgets.Button(description=_("Open packet"))
        self.open_button.on_click(guarded(self.message)(lambda _b: self.open()))
        self.summary = HTML()
        self.choices = widgets.VBox()
        self.merge_button = widgets.Button(description=_("Merge the two copies"),
                                           button_style="primary")
        self.merge_button.on_click(guarded(self.message)(lambda _b: self.merge()))
        self.merging = widgets.VBox([self.summary, self.choices, self.merge_button],
                                    layout={"display": "none"})
        self.pending: tuple[Packet, Merge] | None = None
        self.widget = widgets.VBox([
            self.circle, self.sender, self.passphrase, self.make_button, self.download,
            HTML(tag("h3", _("Take in a packet from your co-facilitator"))),
            self.upload, self.open_passphrase, self.open_button, self.merging, self.message,
        ], layout={"width": "100%"})
        self.widget.add_class("ck-handover")

    def set_circles(self, options: list[tuple[str, str]]) -> None:
        keep_choice(self.circle, options)

    def make(self) -> bytes:
        self.message.clear()
        if not self.circle.value:
            raise ImportRefused(_("Choose a circle to hand over first."))
        data = make_packet(self.store, self.circle.value, self.sender.value,
                           self.passphrase.value)
        self.passphrase.value = ""
        name = f"handover-{date.today().isoformat()}.cnpacket"
        self.download.value = tag("p", download_link(_("Save the hand-over packet"), name, data,
                                                     "application/octet-stream"))
        self.message.ok(_("The packet is ready: save it with the link above and give it to "
                          "your co-facilitator. It holds the whole circle with every private "
                          "detail and its history, never your debrief; only the passphrase "
                          "you agreed opens it."))
        return data

    def open(self) -> None:
        self.message.clear()
        self.merging.layout.display = "none"
        if not self.upload.chosen or self.upload.content is None:
            raise ImportRefused(_("Choose the packet file first."))
        packet = open_packet(self.upload.content, self.open_passphrase.value)
        step = plan(self.store, packet)
        if step is None:
            receive(self.store, packet)
            self._done(_("“{name}” arrived from {sender}'s copy, with its history.").format(
                name=packet.latest.title, sender=packet.sender))
        elif step.nothing_new:
            receive(self.store, packet)
            self._done(_("Nothing new: this copy already has everything in the packet."))
        else:
            self.pending = (packet, step)
            self.show(packet, step)

    def show(self, packet: Packet, step: Merge) -> None:
        n = len(step.conflicts)
        self.summary.value = tag("p", ngettext(
            "The changes in {sender}'s copy that do not touch yours will be applied. {n} field "
            "was changed in both copies: choose which to keep.",
            "The changes in {sender}'s copy that do not touch yours will be applied. {n} "
            "fields were changed in both copies: choose which to keep for each.", n).format(
                sender=packet.sender, n=n) if n else _(
            "The changes in {sender}'s copy do not touch yours: merging applies both."
        ).format(sender=packet.sender))
        rows = []
        for conflict in step.conflicts:
            choice = widgets.RadioButtons(
                options=[(_("Keep this copy's: {value}").format(value=shown(conflict.ours)),
                          "ours"),
                         (_("Take {sender}'s: {value}").format(
                             sender=packet.sender, value=shown(conflict.theirs)), "theirs")],
                value="ours", layout={"width": "100%"})
            choice.conflict_key = conflict.key  # type: ignore[attr-defined]
            rows.append(widgets.VBox([HTML(tag("p", where(conflict), class_="ck-conflict")),
                                      choice], layout={"width": "100%"}))
        self.choices.children = tuple(rows)
        self.merging.layout.display = None

    def merge(self) -> int:
        self.message.clear()
        if self.pending is None:
            raise ImportRefused(_("Open a packet first."))
        packet, _step = self.pending
        theirs = {box.children[1].conflict_key for box in self.choices.children
                  if box.children[1].value == "theirs"}
        version = receive(self.store, packet, theirs)
        self.merging.layout.display = "none"
        self._done(_("Merged with {sender}'s copy: both copies' changes are in the latest "
                     "version, and both earlier versions stay in the history.").format(
                         sender=packet.sender))
        return version

    def _done(self, said: str) -> None:
        self.pending = None
        self.open_passphrase.value = ""
        self.upload.clear()
        self.on_change()
        self.message.ok(said)


__all__ = ["HandoverPanel", "shown"]
