"""The needs of the person harmed, and what became of each."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _, format_datetime
from ...render.html import join, table, tag
from ..forms import Options
from ..page import guarded
from ..shared import HTML
from .base import StepView


class NeedsView(StepView):
    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        self.history = HTML()
        editor = self.editor(columns=["category", "own_words", "priority", "status"])
        editor.chooser.observe(lambda _c: guarded(self.message)(self.show_history)(),
                               names="value")
        return [HTML(tag("h2", _("Needs"))), editor.widget, self.history]

    def update_derived(self) -> None:
        super().update_derived()
        self.show_history()

    def show_history(self) -> None:
        """How the need being edited read in earlier versions (the newest first)."""
        need_id = self.rows.editing if self.rows is not None else None
        if need_id is None:
            self.history.value = ""
            return
        seen = [[s.version, format_datetime(s.saved_at), s.own_words, s.status.label,
                 s.priority.label] for s in self.session.needs_history.changes(need_id)]
        self.history.value = join([
            tag("h3", _("How this need has changed")),
            table([_("Version"), _("Saved"), _("In their own words"), _("Status"), _("Priority")],
                  seen, empty=_("No earlier versions of this need.")),
        ])
