"""Support pods: each person's pod, with its map."""

from __future__ import annotations

import ipywidgets as widgets

from ...i18n import _
from ..forms import Options
from .base import PictureView


class PodsView(PictureView):
    def refs(self) -> dict[str, Options]:
        return {"party": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["party", "name", "kind", "relation"])
        return self.with_picture(_("Pod map"), _("Pod entries"), editor)

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "participants": {"__all__": {"id", "alias"}},
            "pods": {"__all__": {"id", "party", "name", "kind", "relation"}}})

    def drawing(self) -> bytes:
        from ...render.maps import pod_map_png

        return pod_map_png(self.session.circle)

    def picture_alt(self) -> str:
        from ...render.maps import pod_map_alt

        return pod_map_alt(self.session.circle)
