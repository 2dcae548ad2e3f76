"""Form controls built from the step declarations.

Each ``Control`` wraps one widget with its visible label, help text and a place for its
validation message, and exposes ``get``/``set``/``on_change``, so forms are assembled from
``FieldSpec`` objects rather than written out field by field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from ..content.guidance import ON_FILE
from ..i18n import N_, _
from ..model.fieldspec import FieldSpec
from ..render.html import Safe, join, tag
from .shared import HTML, Checkbox

Options = Sequence[tuple[str, Any]]
STYLE = {"description_width": "initial"}
# A text box or chooser as wide as the screen allows, up to a comfortable line.
WIDE = {"width": "min(100%, 34rem)"}

# What the header says an entry with a refused value waits for (the field says why).
SEE_THE_FIELD = N_("see the message next to the field")


class Control:
    """One labelled input with help text and an error line."""

    def __init__(self, spec: FieldSpec, field: widgets.Widget, *, value_of: Callable[[], Any],
                 set_value: Callable[[Any], None], watch: Sequence[widgets.Widget],
                 extra: Sequence[widgets.Widget] = (),
                 set_options: Callable[[Options], Sequence[widgets.Widget]] | None = None,
                 options: Options = ()) -> None:
        self.spec = spec
        self.field = field
        self._value_of = value_of
        self._set_value = set_value
        self._set_options = set_options
        self.options = list(options)
        self.watched: list[widgets.Widget] = []  # the widgets whose changes count as edits
        self._callbacks: list[Callable[[Control], None]] = []
        self._silent = False
        self.inner: dict[str, Control] = {}  # the parts of a control for a small model
        # Help text and the error under it share one widget: a page pays per widget.
        self._help = join([tag("p", spec.help, class_="ck-help") if spec.help else "",
                           tag("p", _(ON_FILE), class_="ck-help ck-on-file")
                           if spec.kind == "longtext" else ""])
        self.error_line = HTML(self._help)
        self.error_message = ""  # the error shown under the field, as plain text
        self.widget = widgets.VBox([field, *extra, self.error_line])
        self.widget.add_class("ck-control")
        self.watch(watch)

    def watch(self, more: Sequence[widgets.Widget]) -> None:
        """Count changes of ``more`` as edits (for inputs created after the control)."""
        for w in more:
            w.observe(self._fire, names="value")
        self.watched.extend(more)

    def set_options(self, options: Options) -> None:
        """Offer new choices (a participant was added or renamed), keeping what was chosen.

        Not an edit: nothing fires. Inputs that are replaced are closed.
        """
        options = list(options)
        if self._set_options is None or options == self.options:
            return
        value = self.get()
        self._silent = True
        try:
            self.options = options
            self.watched = [w for w in self.watched if w.comm is not None]
            self.watch(self._set_options(options))
            self._set_value(value)
        finally:
            self._silent = False

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

    def set_refs(self, refs: dict[str, Options]) -> None:
        """Offer the current choices of every reference field this control holds."""
        if self.inner:
            for control in self.inner.values():
                control.set_refs(refs)
        elif self.spec.name in refs:
            self.set_options(refs[self.spec.name])

    def error(self, message: str) -> None:
        self.error_message = message
        self.error_line.value = join([self._help, tag(
            "p", message, class_="ck-field-error", role="alert")]) if message else self._help

    def set_help(self, help_html: Safe) -> None:
        """Replace the help text (parts of a control may carry their own instead)."""
        self._help = help_html
        self.error_line.value = help_html


class _Unset:
    """The value of a dropdown's "not answered" line. ipywidgets reads a value of None as
    "nothing selected" and shows a blank box, even when a line's value is None."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def from_dropdown(value: Any) -> Any:
    return None if value is UNSET else value


def to_dropdown(value: Any) -> Any:
    return UNSET if value is None else value


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
        box = Checkbox(description=spec.label, indent=False)
        return _scalar(spec, box, empty=False)
    field = widgets.Dropdown(description=spec.label, style=STYLE,
                             options=[(_("Not answered yet"), UNSET), (_("Yes"), True),
                                      (_("No"), False)], value=UNSET)

    def set_value(v: Any) -> None:
        field.value = to_dropdown(v)

    return Control(spec, field, value_of=lambda: from_dropdown(field.value),
                   set_value=set_value, watch=[field])


def date_control(spec: FieldSpec) -> Control:
    field = widgets.DatePicker(description=spec.label, style=STYLE)
    return _scalar(spec, field, empty=None)


def choice_control(spec: FieldSpec, options: Options | None = None,
                   optional: bool = False, choose: bool = False) -> Control:
    """A dropdown. ``optional``: "nobody" is an answer. ``choose``: a new entry starts on
    "Choose…" and waits until someone is chosen, rather than quietly naming the first
    person offered (a safety plan for the wrong holder goes home with the wrong person)."""
    first = ([(_("Nobody / not chosen"), UNSET)] if optional
             else [(_("Choose…"), UNSET)] if choose else [])
    opts = [*first, *(options if options is not None else spec.choices)]
    field = widgets.Dropdown(description=spec.label, options=opts, style=STYLE)

    def set_value(v: Any) -> None:
        values = [o[1] for o in field.options]
        v = to_dropdown(v) if first else v
        field.value = v if v in values else (values[0] if values else None)

    def set_options(new: Options) -> list[widgets.Widget]:
        field.options = [*first, *new]
        return []

    return Control(spec, field, value_of=lambda: from_dropdown(field.value),
                   set_value=set_value,
                   watch=[field], set_options=set_options if options is not None else None,
                   options=opts[len(first):])


class CheckGroup:
    """Several checkboxes under one visible label: a list of choices."""

    def __init__(self, label: str, options: Options) -> None:
        self.legend = HTML(tag("p", label, class_="ck-legend"))
        self.boxes: list[tuple[Any, widgets.Checkbox]] = []
        self.box = widgets.VBox([self.legend])
        self.box.add_class("ck-checkgroup")
        self.set_options(options)

    def set_options(self, options: Options) -> list[widgets.Widget]:
        """Show ``options``; return the checkboxes that are new (old ones are closed)."""
        old = dict(self.boxes)
        kept = {value for _, value in options} & old.keys()
        self.boxes = []
        for label, value in options:
            box = old.get(value) if value in kept else None
            if box is None:
                box = Checkbox(description=label, indent=False)
            else:
                box.description = label  # renamed: the same checkbox, a new label
            self.boxes.append((value, box))
        for value, box in old.items():
            if value not in kept:
                box.close()
        self.box.children = [self.legend, *(b for _, b in self.boxes)]
        return [b for value, b in self.boxes if value not in kept]

    @property
    def value(self) -> list[Any]:
        return [value for value, b in self.boxes if b.value]

    @value.setter
    def value(self, chosen: Sequence[Any]) -> None:
        for value, b in self.boxes:
            b.value = value in chosen


def choices_control(spec: FieldSpec, options: Options | None = None) -> Control:
    opts = list(options if options is not None else spec.choices)
    group = CheckGroup(spec.label, opts)
    control = Control(spec, group.box, value_of=lambda: group.value,
                      set_value=lambda v: setattr(group, "value", v or []),
                      watch=[b for _, b in group.boxes],
                      set_options=group.set_options if options is not None else None,
                      options=opts)
    control.group = group  # type: ignore[attr-defined]
    return control


def number_control(spec: FieldSpec) -> Control:
    """A whole number, never negative (a count: attempts, people)."""
    field = widgets.BoundedIntText(description=spec.label, style=STYLE, min=0, max=999)
    return _scalar(spec, field, empty=0)


def control_for(spec: FieldSpec, refs: Options = ()) -> Control:
    """The standard control for a field; ``refs`` are the choices for reference fields."""
    if spec.kind in ("text", "longtext"):
        return text_control(spec)
    if spec.kind == "bool":
        return bool_control(spec)
    if spec.kind == "date":
        return date_control(spec)
    if spec.kind == "number":
        return number_control(spec)
    if spec.kind == "choice":
        return choice_control(spec)
    if spec.kind == "choices":
        return choices_control(spec)
    if spec.kind == "ref":
        return choice_control(spec, refs, optional=spec.nullable, choose=spec.required)
    if spec.kind == "refs":
        return choices_control(spec, refs)
    raise ValueError(f"no standard control for {spec.kind} field {spec.name}")  # i18n: bug
