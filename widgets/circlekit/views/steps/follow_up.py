"""Follow-up: check-ins, with a chart of how the items are going."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _, format_date
from ...model import (
    GOALS,
    Progress,
)
from ...model.display import clip
from ...render.html import tag
from ..forms import Options
from ..nested import per_ref_control
from ..rows import RowEditor
from ..shared import HTML
from .base import PictureView


class FollowUpView(PictureView):
    def items(self) -> Options:
        return [(f"{i}. {clip(a.action, 50)}", a.id)
                for i, a in enumerate(self.session.circle.agreement, 1)]

    def refs(self) -> dict[str, Options]:
        return {"progress": self.items()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(
            custom={"progress": lambda s: per_ref_control(
                s, self.items(), key="item", choice="progress",
                choices=[(p.label, p.value) for p in Progress], text="setback",
                text_label=_("Setbacks"), none_label=_("Not discussed"),
                choice_label=_("Progress on {name}"))},
            columns=["held_on", "feels_safe", "next_on"],
            describe=lambda c: _("Check-in on {date}").format(date=format_date(c.held_on)),
        )
        # Each person's goals, with the dates the circle reviews them: rows of their own.
        # Named in the chooser by whose goal it is and its first words (not the part's title).
        self.goals = RowEditor(
            self.session, GOALS, refs={"person": self.people()},
            columns=["person", "review_on", "reached"], page_step=self.step.key,
            describe=lambda g: ": ".join(filter(None, (self.session.circle.alias(g.person),
                                                       clip(g.goal, 40)))))
        return [*self.with_picture(_("Progress"), _("Check-ins"), editor),
                HTML(tag("h2", _(GOALS.title))),
                HTML(tag("p", _(GOALS.purpose), class_="ck-help")), self.goals.widget]

    def sync_refs(self) -> None:
        super().sync_refs()
        self.goals.set_refs({"person": self.people()})

    def update_derived(self) -> None:
        super().update_derived()
        self.goals.refresh()

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "checkins": {"__all__": {"held_on": True,
                                     "progress": {"__all__": {"progress"}}}}})

    def drawing(self) -> bytes:
        from ...render.charts import progress_png

        return progress_png(self.session.circle)

    def picture_alt(self) -> str:
        from ...render.charts import progress_alt

        return progress_alt(self.session.circle)
