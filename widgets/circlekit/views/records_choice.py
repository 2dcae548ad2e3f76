"""What a circle keeps, chosen at setup: how much it writes, when its records are deleted, and
the legal note of the place it meets. Moving to a minimal record strikes, so it asks first."""

from __future__ import annotations

import ipywidgets as widgets
from pydantic import ValidationError

from ..content.legal import ELSEWHERE, NOT_ADVICE, OURS, UNCLEAR, note_for
from ..i18n import _, ngettext
from ..model import Circle, Place, RecordMode, explain, field_spec
from ..model.strike import narratives_held
from ..render.html import Safe, join, tag
from ..session import CircleSession
from .forms import SEE_THE_FIELD, Control, control_for
from .page import Message, guarded
from .shared import HTML


def legal_note_html(place: Place) -> Safe:
    """The note of ``place``, each statement with its source and the date it was checked."""
    if place is Place.NOT_SET:
        return Safe("")
    note = note_for(place)
    if note is None:
        return tag("div", tag("p", _(ELSEWHERE)), class_="ck-notes ck-legal")
    items = []
    for s in note.statements:
        marks = [_(OURS)] if s.ours else []
        marks += [_(UNCLEAR)] if s.unclear else []
        # The source opens in a new tab: the app's page, and what was typed in it, stay.
        source = join([tag("a", s.source, href=s.url, rel="noopener noreferrer",
                           target="_blank"), " · ",
                       _("checked {date}").format(date=s.checked.isoformat())])
        items.append(tag("li", join([_(s.text), " ",
                                     tag("em", " ".join(marks)) if marks else "",
                                     tag("small", source)])))
    return tag("div", join([tag("h3", _("The law where the circle meets: {place}").format(
        place=place.label)), tag("ul", join(items)), tag("p", _(NOT_ADVICE), class_="ck-help")]),
        class_="ck-notes ck-legal")


class RecordsChoice:
    """The three choices, and the confirmation that moving to a minimal record asks for."""

    NAMES = ("record_mode", "retention", "place")

    def __init__(self, session: CircleSession) -> None:
        self.session = session
        self.message = Message()
        self.controls: dict[str, Control] = {
            name: control_for(field_spec(Circle, name)) for name in self.NAMES}
        for name, control in self.controls.items():
            control.set(getattr(session.circle, name))
            control.on_change(guarded(self.message)(
                lambda c, n=name: self.apply(n, c)))  # type: ignore[misc]
        self.legal = HTML(legal_note_html(session.circle.place))
        self.confirm_text = HTML()
        self.confirm = widgets.Button(button_style="danger")
        self.keep = widgets.Button(description=_("Keep fuller notes"))
        self.confirm.on_click(guarded(self.message)(lambda _b: self.strike_narratives()))
        self.keep.on_click(guarded(self.message)(lambda _b: self.close_confirm()))
        self.confirm_box = widgets.VBox([self.confirm_text,
                                         widgets.HBox([self.confirm, self.keep])])
        self.confirm_box.add_class("ck-confirm")
        self.confirm_box.layout.display = "none"
        self.widget = widgets.VBox([
            HTML(tag("h3", _("What the circle keeps"), class_="ck-group")),
            self.controls["record_mode"].widget, self.confirm_box,
            self.controls["retention"].widget, self.controls["place"].widget, self.legal,
            self.message])
        self.widget.add_class("ck-records-choice")

    def apply(self, name: str, control: Control) -> None:
        value = control.get()
        circle = self.session.circle
        if (name == "record_mode" and value == RecordMode.MINIMAL
                and circle.record_mode is RecordMode.FULLER):
            held = narratives_held(circle)
            control.set(RecordMode.FULLER)  # nothing changes until they confirm
            if held:
                self.ask_to_strike(held)
            else:  # nothing on view, but earlier versions may still hold some: strike those
                self.strike_narratives()
            return
        try:
            setattr(circle, name, value)
        except ValidationError as exc:
            control.error(" ".join(explain(exc, Circle, paths=False)))
            self.session.hold(f"records:{name}", "setup", _(SEE_THE_FIELD))
            return
        control.error("")
        self.session.release(f"records:{name}")
        if name == "place":
            self.legal.value = legal_note_html(circle.place)
        self.session.changed(note="what the circle keeps")  # i18n: history notes stay English

    def ask_to_strike(self, held: int) -> None:
        self.confirm_text.value = tag("p", ngettext(
            "A minimal record keeps no account of what happened. {n} entry holds one: it "
            "will be struck from this circle and from every earlier version, and cannot be "
            "brought back.",
            "A minimal record keeps no account of what happened. {n} entries hold one: they "
            "will be struck from this circle and from every earlier version, and cannot be "
            "brought back.", held).format(n=held), role="alert")
        self.confirm.description = _("Strike them and keep a minimal record")
        self.confirm_box.layout.display = None

    def close_confirm(self) -> None:
        self.confirm_box.layout.display = "none"

    def strike_narratives(self) -> None:
        self.close_confirm()
        changed = self.session.keep_minimal()  # the page then opens again, as after a strike
        if changed is None:
            self.message.error(_("Nothing was struck: what was typed could not be saved "
                                 "first. Try again once the page says everything is saved."))


__all__ = ["RecordsChoice", "legal_note_html"]
