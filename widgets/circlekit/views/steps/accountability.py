"""The accountability work of the person who caused harm."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...model import (
    Role,
)
from ...render.html import tag
from ..apology import apology_panel
from ..forms import Options
from ..shared import HTML
from .base import StepView


class AccountabilityView(StepView):
    def refs(self) -> dict[str, Options]:
        """The people who caused harm first: it is their work."""
        circle = self.session.circle
        first = [(p.alias, p.id) for p in circle.participants if Role.CAUSED in p.roles]
        return {"person": first + [o for o in self.people() if o not in first]}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["person", "doing_differently", "apology"])
        return [HTML(tag("h2", _("Accountability work"))), editor.widget, apology_panel()]
