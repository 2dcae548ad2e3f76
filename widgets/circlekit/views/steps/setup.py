"""Readiness and setup: the circle's own fields and its participants."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
from pydantic import ValidationError

from ...i18n import _
from ...model import (
    Circle,
    Consent,
    Process,
    Readiness,
    explain,
    field_spec,
)
from ...render.html import tag
from ...session import CircleSession
from ..forms import SEE_THE_FIELD, Control, Options, control_for, text_control
from ..nested import nested_control
from ..records_choice import RecordsChoice
from ..shared import HTML
from .base import StepView


class CircleFields:
    """Fields of the circle itself (stage, agreements, readiness) on the setup page."""

    def __init__(self, session: CircleSession, refs: dict[str, Options]) -> None:
        self.session = session
        circle = session.circle
        self.controls: dict[str, Control] = {
            "status": control_for(field_spec(Circle, "status")),
            "group_agreements": text_control(replace(
                field_spec(Circle, "group_agreements"), kind="longtext",
                help=_("One agreement per line, e.g. “what is said here stays here”."))),
            "readiness": nested_control(field_spec(Circle, "readiness"), Readiness),
            "process": nested_control(field_spec(Circle, "process"), Process),
        }
        self.controls["status"].set(circle.status)
        self.controls["group_agreements"].set("\n".join(circle.group_agreements))
        self.controls["readiness"].set(circle.readiness)
        self.controls["process"].set(circle.process)
        for name, control in self.controls.items():
            control.on_change(lambda c, n=name: self.apply(n, c))  # type: ignore[misc]
        self.widget = widgets.VBox([c.widget for c in self.controls.values()])

    def apply(self, name: str, control: Control) -> None:
        value = control.get()
        if name == "group_agreements":
            value = [line.strip() for line in value.splitlines() if line.strip()]
        try:
            setattr(self.session.circle, name, value)
        except ValidationError as exc:
            control.error(" ".join(explain(exc, Circle, paths=False)))
            self.session.hold(f"setup:{name}", "setup", _(SEE_THE_FIELD))
            return
        control.error("")
        self.session.release(f"setup:{name}")
        self.session.changed(note="circle details")  # i18n: history notes stay English

    def set_refs(self, refs: dict[str, Options]) -> None:
        for control in self.controls.values():
            control.set_refs(refs)


class SetupView(StepView):
    def body(self) -> list[widgets.Widget]:
        self.circle_fields = CircleFields(self.session, self.refs())
        self.records_choice = RecordsChoice(self.session)
        editor = self.editor(
            custom={"consent": lambda s: nested_control(s, Consent)},
            columns=["alias", "roles"],
        )
        return [
            HTML(tag("h2", _("Participants"))),
            editor.widget,
            HTML(tag("h2", _("The circle"))),
            self.records_choice.widget,
            self.circle_fields.widget,
        ]

    def sync_refs(self) -> None:
        super().sync_refs()
        self.circle_fields.set_refs(self.refs())
