"""A safety plan: each situation, for its holder."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...render.html import tag
from ..forms import Options
from ..shared import HTML
from .base import StepView


class SafetyPlanView(StepView):
    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["holder", "situation", "services"])
        return [HTML(tag("h2", _("Situations"))), editor.widget]
