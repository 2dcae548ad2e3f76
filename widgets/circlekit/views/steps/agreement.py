"""The repair agreement: its items, the needs they answer, the sign-offs."""

from __future__ import annotations

import ipywidgets as widgets
from pydantic import ValidationError

from ...i18n import _
from ...model import Participant, Role, explain
from ...model.display import clip
from ...model.harm_reduction import answered, item_warnings
from ...render.agreement import agreement_html
from ...render.html import join, tag
from ..documents import signing_parties
from ..forms import Options
from ..nested import signoff_control
from ..page import Message, guarded
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
        self.warning = HTML()
        editor = self.editor(
            custom={"signoffs": lambda s: signoff_control(s, signing_parties(
                self.session.circle))},
            columns=["action", "kind", "responsible", "due", "status"],
        )
        # The warning sits just above the sign-off, which it holds back.
        parts = list(editor.form.children)
        at = parts.index(editor.controls["signoffs"].widget) - 1
        editor.form.children = (*parts[:at], self.warning, *parts[at:])
        editor.chooser.observe(lambda _c: guarded(self.message)(self.check_item)(),
                               names="value")
        return [HTML(tag("h2", _("Agreement items"))), editor.widget, self.organisation_box(),
                self.preview]

    def organisation_box(self) -> widgets.Widget:
        """An organisation can take on an item (a drop-in changes a rule): it is added here,
        where the need arises, rather than by going back to setup."""
        self.org_name = widgets.Text(description=_("Organisation's name"),
                                     style={"description_width": "initial"})
        self.org_message = Message()
        self.org_add = widgets.Button(description=_("Add the organisation"), icon="plus")
        self.org_add.on_click(guarded(self.org_message)(lambda _b: self.add_organisation()))
        box = widgets.VBox([
            HTML(join([tag("h3", _("An organisation responsible for an item")),
                       tag("p", _("A drop-in, a collective or a service can take on an "
                                  "item itself. Add it once; it is then offered in “Who is "
                                  "responsible”, and it signs the items it takes on."),
                           class_="ck-help")])),
            self.org_name, self.org_add, self.org_message])
        box.add_class("ck-organisation")
        return box

    def add_organisation(self) -> None:
        name = self.org_name.value.strip()
        circle = self.session.circle
        if not name:
            self.org_message.error(_("Write the organisation's name first."))
            return
        if any(p.alias == name for p in circle.participants):
            self.org_message.error(_("“{name}” is already in the circle: choose it in “Who is "
                                     "responsible”.").format(name=name))
            return
        try:
            organisation = Participant(alias=name, roles=[Role.ORGANISATION])
        except ValidationError as exc:
            self.org_message.error(" ".join(explain(exc, Participant, paths=False)))
            return
        circle.participants.append(organisation)
        self.session.changed(note="organisation added")  # i18n: history notes stay English
        self.org_name.value = ""
        self.org_message.ok(_("“{name}” was added to the circle as an organisation: choose "
                              "it in “Who is responsible”.").format(name=name))

    def sync_refs(self) -> None:
        super().sync_refs()
        self.check_item()

    def update_derived(self) -> None:
        super().update_derived()
        self.preview.value = agreement_html(self.session.circle)
        self.check_item()

    def check_item(self) -> None:
        """Harm reduction first: while the item on screen has a warning nobody answered, it
        says so, and nobody can sign it."""
        if self.rows is None:
            return
        item = next((a for a in self.session.circle.agreement if a.id == self.rows.editing),
                    None)
        warnings = item_warnings(item) if item is not None else []
        blocked = item is not None and not answered(item)
        self.warning.value = tag("div", join([
            join(tag("p", w) for w in warnings),
            tag("p", tag("strong", _("Nobody signs this item until the warning is answered: "
                                     "change it, or keep it with a reason the person it "
                                     "affects agreed to.")) if blocked else
                _("Kept with the agreement of the person it affects.")),
        ]), class_="ck-hr-warning", role="alert" if blocked else "note") if warnings else ""
        for widget in self.rows.controls["signoffs"].watched:
            widget.disabled = blocked
