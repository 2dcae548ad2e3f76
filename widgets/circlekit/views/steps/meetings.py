"""Meeting plans: how each joint meeting is held, kept safe, and made possible to attend."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...render.html import tag
from ..forms import Options
from ..shared import HTML
from .base import StepView


class MeetingsView(StepView):
    def refs(self) -> dict[str, Options]:
        return {"keeper": self.people(), "naloxone_by": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["held_on", "purpose", "keeper"])
        return [HTML(tag("h2", _("Meetings"))), editor.widget]
