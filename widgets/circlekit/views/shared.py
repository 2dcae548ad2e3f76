"""Widgets that share one layout and one style model.

ipywidgets gives every widget a Layout and a Style model of its own, and a page pays for each
model (a message, a model in the browser). Text blocks and checkboxes never change their
layout or style one by one, so each kind shares one of each: a step's form costs about a third
fewer models.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

_shared: dict[str, widgets.Widget] = {}


def _one(name: str, make: type[widgets.Widget]) -> widgets.Widget:
    found = _shared.get(name)
    if found is None or found.comm is None:  # none yet, or closed
        found = _shared[name] = make()
    return found


class HTML(widgets.HTML):
    """``widgets.HTML`` with the shared layout and style (never set ``layout`` on one)."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("layout", _one("html-layout", widgets.Layout))
        kwargs.setdefault("style", _one("html-style", HTMLStyle))
        super().__init__(value, **kwargs)


class Checkbox(widgets.Checkbox):
    """``widgets.Checkbox`` with the shared layout and style."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("layout", _one("checkbox-layout", widgets.Layout))
        kwargs.setdefault("style", _one("checkbox-style", CheckboxStyle))
        super().__init__(**kwargs)


__all__ = ["HTML", "Checkbox"]
