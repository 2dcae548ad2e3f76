"""Form controls built from the step declarations.

Each ``Control`` wraps one widget with its visible label, help text and a place for its
validation message, and exposes ``get``/``set``/``on_change``, so forms are assembled from
``FieldSpec`` objects rather than written out field by field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from ..i18n import _
from ..model.steps import FieldSpec
from .html import tag

Options = Sequence[tuple[str, Any]]
STYLE = {"description_width": "initial"}


class Control:
    """One labelled input with help text and an error line."""

    def __init__(self, spec: FieldSpec, field: widgets.Widget, *, value_of: Callable[[], Any],
                 set_value: Callable[[Any], None], watch: Sequence[widgets.Widget],
                 extra: Sequence[widgets.Widget] = ()) -> None:
        self.spec = spec
        self.field = field
        self._value_of = value_of
        self._set_value = set_value
        self.watched = list(watch)  # the widgets whose changes count as edits
        self._callbacks: list[Callable[[Control], None]] = []
        self._silent = False
        self.help = widgets.HTML(tag("p", spec.help, class_="ck-help") if spec.help else "")
        self.error_line = widgets.HTML()
        self.widget = widgets.VBox([field, *extra, self.help, self.error_line])
        self.widget.add_class("ck-control")
        for w in watch:
            w.observe(self._fire, names="value")

    def _fire(self, _change: object = None) -> None:
        if not self._silent:
            for cb in self._callbacks:
                cb(self)

    def on_change(self, callback: Callable[[Control], None]) -> None:
        self._callbacks.append(callback)

    def get(self) -> Any:
        return self._value_of()

    def set(self, value: Any) -> None:
        """Set without firing change callbacks (loading a row is not an edit)."""
        self._silent = True
        try:
            self._set_value(value)
        finally:
            self._silent = False

    def error(self, message: str) -> None:
        self.error_line.value = (
            tag("p", message, class_="ck-field-error", role="alert") if message else "")


def _scalar(spec: FieldSpec, field: widgets.ValueWidget, empty: Any = "") -> Control:
    def set_value(v: Any) -> None:
        field.value = empty if v is None else v

    return Control(spec, field, value_of=lambda: field.value, set_value=set_value,
                   watch=[field])


def text_control(spec: FieldSpec) -> Control:
    cls = widgets.Textarea if spec.kind == "longtext" else widgets.Text
    field = cls(description=spec.label, style=STYLE, continuous_update=True)
    if spec.kind == "longtext":
        field.rows = 4
    return _scalar(spec, field)


def bool_control(spec: FieldSpec) -> Control:
    """A checkbox, or Yes/No/Not answered yet where an answer may still be missing."""
    if not spec.nullable:
        box = widgets.Checkbox(description=spec.label, indent=False)
        return _scalar(spec, box, empty=False)
    field = widgets.Dropdown(description=spec.label, style=STYLE,
                             options=[(_("Not answered yet"), None), (_("Yes"), True),
                                      (_("No"), False)])
    return _scalar(spec, field, empty=None)


def date_control(spec: FieldSpec) -> Control:
    field = widgets.DatePicker(description=spec.label, style=STYLE)
    return _scalar(spec, field, empty=None)


def choice_control(spec: FieldSpec, options: Options | None = None,
                   optional: bool = False) -> Control:
    opts = list(options if options is not None else spec.choices)
    if optional:
        opts = [(_("Nobody / not chosen"), None), *opts]
    field = widgets.Dropdown(description=spec.label, options=opts, style=STYLE)

    def set_value(v: Any) -> None:
        values = [o[1] for o in field.options]
        field.value = v if v in values else (values[0] if values else None)

    return Control(spec, field, value_of=lambda: field.value, set_value=set_value,
                   watch=[field])


class CheckGroup:
    """Several checkboxes under one visible label: a list of choices."""

    def __init__(self, label: str, options: Options) -> None:
        self.legend = widgets.HTML(tag("p", label, class_="ck-legend"))
        self.boxes: list[tuple[Any, widgets.Checkbox]] = []
        self.box = widgets.VBox([self.legend])
        self.box.add_class("ck-checkgroup")
        self.set_options(options)

    def set_options(self, options: Options) -> None:
        self.boxes = [(value, widgets.Checkbox(description=label, indent=False))
                      for label, value in options]
        self.box.children = [self.legend, *(b for _, b in self.boxes)]

    @property
    def value(self) -> list[Any]:
        return [value for value, b in self.boxes if b.value]

    @value.setter
    def value(self, chosen: Sequence[Any]) -> None:
        for value, b in self.boxes:
            b.value = value in chosen


def choices_control(spec: FieldSpec, options: Options | None = None) -> Control:
    group = CheckGroup(spec.label, list(options if options is not None else spec.choices))
    control = Control(spec, group.box, value_of=lambda: group.value,
                      set_value=lambda v: setattr(group, "value", v or []),
                      watch=[b for _, b in group.boxes])
    control.group = group  # type: ignore[attr-defined]
    return control


def control_for(spec: FieldSpec, refs: Options = ()) -> Control:
    """The standard control for a field; ``refs`` are the choices for reference fields."""
    if spec.kind in ("text", "longtext"):
        return text_control(spec)
    if spec.kind == "bool":
        return bool_control(spec)
    if spec.kind == "date":
        return date_control(spec)
    if spec.kind == "choice":
        return choice_control(spec)
    if spec.kind == "choices":
        return choices_control(spec)
    if spec.kind == "ref":
        return choice_control(spec, refs, optional=spec.nullable)
    if spec.kind == "refs":
        return choices_control(spec, refs)
    raise ValueError(f"no standard control for {spec.kind} field {spec.name}")  # i18n: bug
