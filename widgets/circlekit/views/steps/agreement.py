"""The repair agreement: its items, the needs they answer, the sign-offs."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...model.display import clip
from ...render.agreement import agreement_html
from ...render.html import tag
from ..documents import signing_parties
from ..forms import Options
from ..nested import signoff_control
from ..shared import HTML
from .base import StepView


class AgreementView(StepView):
    def refs(self) -> dict[str, Options]:
        circle = self.session.circle
        needs = [(f"{n.category.label}: {clip(n.own_words, 60)}", n.id) for n in circle.needs]
        return {"needs": needs, "responsible": self.people(), "support": self.people(),
                "signoffs": signing_parties(circle)}

    def body(self) -> list[widgets.Widget]:
        self.preview = HTML()
        editor = self.editor(
            custom={"signoffs": lambda s: signoff_control(s, signing_parties(
                self.session.circle))},
            columns=["action", "kind", "responsible", "due", "status"],
        )
        return [HTML(tag("h2", _("Agreement items"))), editor.widget, self.preview]

    def update_derived(self) -> None:
        super().update_derived()
        self.preview.value = agreement_html(self.session.circle)
