"""Choosing a circle: its label in every list, its language, and deleting it (two clicks)."""


from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import _, language_name
from ..model import Language
from ..store import CircleSummary, Store
from .page import Message, guarded


def circle_label(circle: CircleSummary) -> str:
    """A circle's name as every list and chooser shows it: practice copies marked."""
    return circle.title + (" " + _("(practice)") if circle.practice else "")


def keep_choice(chooser: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
    """New options for a chooser (of circles, or of backups); it stays on its choice, else
    starts on the first (the most recent) rather than blank."""
    keep = chooser.value
    chooser.options = options
    ids = [cid for _label, cid in options]
    chooser.value = keep if keep in ids else (ids[0] if ids else None)


class CircleLanguage:
    """Choose a circle and the language its pages and documents speak."""

    def __init__(self, store: Store, on_change: Callable[[], None]) -> None:
        self.store = store
        self.on_change = on_change
        style = {"description_width": "initial"}
        self.circle = widgets.Dropdown(description=_("Which circle"), style=style)
        self.language = widgets.Dropdown(description=_("Its language"),
                                         options=Language.options(), style=style)
        self.languages: dict[str, str] = {}
        # The language chooser starts on the chosen circle's own language.
        self.circle.observe(lambda c: self.show_language(c["new"]), names="value")
        self.button = widgets.Button(description=_("Change the language"))
        self.message = Message()
        self.button.on_click(guarded(self.message)(lambda _b: self.apply()))
        self.widget = widgets.VBox([self.circle, self.language, self.button, self.message])

    def set_circles(self, circles: list[CircleSummary]) -> None:
        self.languages = {c.id: c.language for c in circles}
        keep_choice(self.circle, [(circle_label(c),
                                   c.id) for c in circles])
        self.show_language(self.circle.value)
        self.button.disabled = not circles

    def show_language(self, circle_id: str | None) -> None:
        if circle_id in self.languages:
            self.language.value = Language(self.languages[circle_id]).value

    def apply(self) -> None:
        if not self.circle.value:
            self.message.error(_("Choose a circle first."))
            return
        opened = self.store.open(self.circle.value)
        opened.circle.language = Language(self.language.value)
        self.store.save(opened.circle, opened.version, note="language")
        self.on_change()
        self.message.ok(_("“{name}” now opens in {language}.").format(
            name=opened.circle.title, language=language_name(self.language.value)))


class DeleteCircle:
    """Delete a circle for good, after a second click that names it."""

    def __init__(self, store: Store, on_delete: Callable[[], None]) -> None:
        self.store = store
        self.on_delete = on_delete
        self.circle = widgets.Dropdown(description=_("Circle to delete"),
                                       style={"description_width": "initial"})
        self.button = widgets.Button(description=_("Delete this circle"), button_style="danger")
        self.message = Message()
        self.button.on_click(guarded(self.message)(lambda _b: self.delete()))
        self.circle.observe(lambda _c: self.reset(), names="value")
        self.armed: str | None = None  # the circle the next click deletes
        self.widget = widgets.VBox([self.circle, self.button, self.message])

    def set_circles(self, circles: list[CircleSummary]) -> None:
        keep_choice(self.circle, [(circle_label(c),
                                   c.id) for c in circles])
        self.button.disabled = not circles
        self.reset()

    def reset(self) -> None:
        self.armed = None
        self.button.description = _("Delete this circle")

    def delete(self) -> None:
        chosen = self.circle.value
        if not chosen:
            self.message.error(_("Choose a circle first."))
            return
        name = next(label for label, cid in self.circle.options if cid == chosen)
        if self.armed != chosen:
            self.armed = chosen
            self.button.description = _("Yes, delete “{name}”").format(name=name)
            self.message.error(_("This removes “{name}” and every earlier version of it from "
                                 "this computer. It cannot be undone. Click the button again "
                                 "to delete it.").format(name=name))
            return
        self.store.delete(chosen)
        self.on_delete()
        self.message.ok(_("“{name}” and all its versions were deleted.").format(name=name))


__all__ = ["CircleLanguage", "DeleteCircle", "circle_label", "keep_choice"]
