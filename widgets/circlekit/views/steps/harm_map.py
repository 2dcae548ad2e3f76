"""Harm mapping: the harms, with a map of who was affected."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ...model import (
    Affected,
    Directness,
    Harm,
    RecordMode,
    field_spec,
)
from ...model.display import clip
from ..forms import Options
from ..nested import per_ref_control
from .base import PictureView


class HarmMapView(PictureView):
    def refs(self) -> dict[str, Options]:
        return {"caused_by": self.people(), "affected": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(
            custom={"affected": lambda s: per_ref_control(
                s, self.people(), key="participant", choice="directness",
                choices=[(d.label, d.value) for d in Directness], text="impacts",
                text_label=_("Impacts"), none_label=_("Not affected"),
                choice_label=_("How {name} was affected"),
                narrative=field_spec(Affected, "impacts").narrative)},
            columns=["description", "harm_types", "conditions", "caused_by", "when"],
            describe=self.describe_harm,
        )
        return self.with_picture(_("The harm map"), _("Harms"), editor)

    def describe_harm(self, harm: Harm) -> str:
        """A harm in the chooser: its account if one is shown, else its kinds."""
        if harm.description and self.session.circle.record_mode is RecordMode.FULLER:
            return clip(harm.description, 50)
        kinds = ", ".join(k.label for k in harm.harm_types)
        return clip(kinds, 50) if kinds else _("A harm")

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "participants": {"__all__": {"id", "alias"}},
            "harms": {"__all__": {"id": True, "harm_types": True, "caused_by": True,
                                  "conditions": True,
                                  "affected": {"__all__": {"participant", "directness"}}}}})

    def drawing(self) -> bytes:
        from ...render.maps import harm_map_png  # matplotlib only on the steps that draw

        return harm_map_png(self.session.circle)

    def picture_alt(self) -> str:
        from ...render.maps import harm_map_alt

        return harm_map_alt(self.session.circle)
