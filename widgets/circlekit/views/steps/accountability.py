"""The accountability work of the person who caused harm."""

from __future__ import annotations

import ipywidgets as widgets
from pydantic import ValidationError

from ...i18n import _
from ...model import (
    Circle,
    Invitation,
    Role,
    explain,
    field_spec,
)
from ...render.html import tag
from ..apology import apology_panel
from ..forms import SEE_THE_FIELD, Options
from ..nested import nested_control
from ..page import guarded
from ..shared import HTML
from .base import StepView


class AccountabilityView(StepView):
    def refs(self) -> dict[str, Options]:
        """The people who caused harm first: it is their work."""
        circle = self.session.circle
        first = [(p.alias, p.id) for p in circle.participants if Role.CAUSED in p.roles]
        return {"person": first + [o for o in self.people() if o not in first]}

    def body(self) -> list[widgets.Widget]:
        self.invitation = nested_control(field_spec(Circle, "invitation"), Invitation)
        self.invitation.set(self.session.circle.invitation)
        self.invitation.on_change(lambda _c: guarded(self.message)(self.apply_invitation)())
        self.invitation.widget.add_class("ck-form")
        editor = self.editor(columns=["person", "doing_differently", "apology"])
        return [HTML(tag("h2", _("Inviting the person who caused harm"))),
                HTML(tag("p", _("They may not come, or not yet. Someone they trust invites "
                                "them; meanwhile the circle goes on for the person harmed "
                                "and the community."), class_="ck-help")),
                self.invitation.widget,
                HTML(tag("h2", _("Accountability work"))), editor.widget, apology_panel()]

    def apply_invitation(self) -> None:
        try:
            self.session.circle.invitation = Invitation.model_validate(self.invitation.get())
        except ValidationError as exc:
            self.invitation.error(" ".join(explain(exc, Invitation, paths=False)))
            self.session.hold("invitation", self.step.key, _(SEE_THE_FIELD))
            return
        self.invitation.error("")
        self.session.release("invitation")
        self.session.changed(note="invitation")  # i18n: history notes stay English
        self.update_derived()
