"""Closing the circle (and deleting it), and the facilitator's debrief."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...render.html import join, tag
from ...store.base import CircleSummary
from ..circles import DeleteCircle
from ..page import START_PAGE
from ..shared import HTML
from .base import RecordView


class ClosingView(RecordView):
    field = "closing"

    def body(self) -> list[widgets.Widget]:
        parts = super().body()
        self.delete = DeleteCircle(self.store, on_delete=self.deleted)
        self.delete.widget.add_class("ck-delete-circle")
        return [*parts, HTML(tag("h2", _("Delete this circle"))), self.delete.widget]

    def update_derived(self) -> None:
        super().update_derived()
        circle = self.session.circle
        self.delete.set_circles([CircleSummary(circle.id, circle.title, circle.language.value,
                                               circle.status.value, circle.practice,
                                               circle.updated, self.session.version)])
        self.delete.circle.value = circle.id  # the only choice: this circle

    def deleted(self) -> None:
        self.session.stop(_("This circle and all its versions were deleted. Nothing more is "
                            "saved from this page."))
        self.main.children = (HTML(tag("p", join([
            _("The circle was deleted from this computer."), " ",
            tag("a", _("Back to the start page"), href=START_PAGE)]), class_="ck-help")),)


class DebriefView(RecordView):
    field = "debrief"
