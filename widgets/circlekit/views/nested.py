"""Controls for fields that hold small models: consent, who was affected, progress per item,
sign-offs. Each is still one ``Control`` whose value is plain data the model validates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets
from pydantic import BaseModel

from ..i18n import _
from ..model.fieldspec import FieldSpec, field_spec
from ..render.html import Safe, tag
from .forms import STYLE, UNSET, Control, Options, control_for, from_dropdown, to_dropdown
from .shared import HTML, Checkbox


def _group(spec: FieldSpec, parts: list[widgets.Widget]) -> widgets.VBox:
    box = widgets.VBox([HTML(tag("p", spec.label, class_="ck-legend")), *parts])
    box.add_class("ck-nested")
    return box


def nested_control(spec: FieldSpec, model: type[BaseModel],
                   refs: dict[str, Options] | None = None) -> Control:
    """Every field of ``model`` as one control; the value is a dict."""
    refs = refs or {}
    inner = {name: control_for(field_spec(model, name), refs.get(name, ()))
             for name in model.model_fields}
    box = _group(spec, [c.widget for c in inner.values()])

    def value_of() -> dict[str, Any]:
        return {name: c.get() for name, c in inner.items()}

    def set_value(value: Any) -> None:
        data = value.model_dump() if isinstance(value, BaseModel) else (value or {})
        for name, c in inner.items():
            c.set(data.get(name))

    control = Control(spec, box, value_of=value_of, set_value=set_value, watch=[])
    for c in inner.values():
        c.on_change(lambda _c: control._fire())
    control.inner = inner
    control.set_help(Safe(""))  # the inner controls carry their own help
    return control


def _lines(spec: FieldSpec, options: Options, labels: list[str],
           make_line: Callable[[str], tuple[widgets.Widget, ...]],
           value_of: Callable[[list[tuple[Any, tuple[widgets.Widget, ...]]]], Any],
           set_value: Callable[[list[tuple[Any, tuple[widgets.Widget, ...]]], Any], None],
           ) -> Control:
    """A few inputs per option (per participant, per agreement item), following the options.

    ``labels`` are the inputs' descriptions with ``{name}`` for the option's label. A line
    keeps its inputs while its option stays (relabelled if renamed); lines of options that
    went are closed.
    """
    box = _group(spec, [])
    legend = box.children[0]

    def build(new: Options) -> list[widgets.Widget]:
        old = {ref: (inputs, row) for ref, inputs, row in built}
        fresh: list[widgets.Widget] = []
        built.clear()
        for label, ref in new:
            if ref in old:
                inputs, row = old.pop(ref)
                relabel(inputs, label)
            else:
                inputs = make_line(label)
                row = widgets.VBox(list(inputs))
                row.add_class("ck-ref-line")
                fresh.extend(inputs)
            built.append((ref, inputs, row))
        for inputs, row in old.values():
            for w in (*inputs, row):
                w.close()
        rows = [row for _ref, _inputs, row in built]
        if not rows:
            rows = [HTML(tag("p", _("Nothing to choose from yet."), class_="ck-help"))]
        box.children = [legend, *rows]
        return fresh

    def relabel(inputs: tuple[widgets.Widget, ...], label: str) -> None:
        for w, template in zip(inputs, labels, strict=True):
            w.description = template.format(name=label)

    def lines() -> list[tuple[Any, tuple[widgets.Widget, ...]]]:
        return [(ref, inputs) for ref, inputs, _row in built]

    built: list[tuple[Any, tuple[widgets.Widget, ...], widgets.VBox]] = []
    first = build(options)
    control = Control(spec, box, value_of=lambda: value_of(lines()),
                      set_value=lambda v: set_value(lines(), v), watch=first,
                      set_options=build, options=options)
    control.inner_lines = lines  # type: ignore[attr-defined]
    return control


def _data(item: Any) -> dict[str, Any]:
    return item.model_dump() if isinstance(item, BaseModel) else dict(item)


def per_ref_control(spec: FieldSpec, refs: Options, *, key: str, choice: str,
                    choices: Options, text: str, text_label: str,
                    none_label: str, choice_label: str = "{name}",
                    narrative: bool = False) -> Control:
    """One line per referenced row (participant, agreement item): a choice and a note.

    ``narrative``: the note tells what happened, so a minimal record does not show it.

    Lines left at ``none_label`` with no note are not part of the value; a note without a
    choice is kept, so validation asks for the choice instead of the note being dropped.
    """
    note_label = f"{text_label} ({{name}})"  # i18n: parts

    def make_line(label: str) -> tuple[widgets.Widget, ...]:
        note = widgets.Text(description=note_label.format(name=label), style=STYLE)
        if narrative:
            note.add_class("ck-narrative")
        return (widgets.Dropdown(description=choice_label.format(name=label),
                                 options=[(none_label, UNSET), *choices], value=UNSET,
                                 style=STYLE), note)

    def value_of(lines: list[tuple[Any, tuple[widgets.Widget, ...]]]) -> list[dict[str, Any]]:
        return [{key: ref, choice: from_dropdown(d.value), text: n.value}
                for ref, (d, n) in lines if d.value is not UNSET or n.value.strip()]

    def set_value(lines: list[tuple[Any, tuple[widgets.Widget, ...]]], value: Any) -> None:
        chosen = {_data(item)[key]: _data(item) for item in value or []}
        for ref, (d, n) in lines:
            d.value = to_dropdown(chosen.get(ref, {}).get(choice))
            n.value = chosen.get(ref, {}).get(text, "") or ""

    return _lines(spec, list(refs), [choice_label, note_label], make_line, value_of,
                  set_value)


def signoff_control(spec: FieldSpec, parties: Options) -> Control:
    """A 'signed' checkbox and a date per party."""
    box_label = _("{name} signs this item")
    date_label = _("Date ({name})")

    def make_line(label: str) -> tuple[widgets.Widget, ...]:
        box = Checkbox(description=box_label.format(name=label), indent=False)
        when = widgets.DatePicker(description=date_label.format(name=label), style=STYLE)

        # A tick alone or a date alone would not count and would vanish on the next load:
        # each completes the other (today's date; change it if they signed another day).
        def ticked(change: dict[str, Any]) -> None:
            if change["new"] and when.value is None:
                when.value = date.today()

        def dated(change: dict[str, Any]) -> None:
            if change["new"] is not None and not box.value:
                box.value = True

        box.observe(ticked, names="value")
        when.observe(dated, names="value")
        return box, when


    def value_of(lines: list[tuple[Any, tuple[widgets.Widget, ...]]]) -> list[dict[str, Any]]:
        return [{"participant": ref, "signed_on": when.value} for ref, (box, when) in lines
                if box.value and when.value]

    def set_value(lines: list[tuple[Any, tuple[widgets.Widget, ...]]], value: Any) -> None:
        signed = {_data(item)["participant"]: _data(item)["signed_on"] for item in value or []}
        for ref, (box, when) in lines:
            box.value = ref in signed
            when.value = signed.get(ref)

    control = _lines(spec, list(parties), [box_label, date_label], make_line, value_of,
                     set_value)
    control.set_help(tag("p", _("A sign-off counts once both the box and the date are set."),
                         class_="ck-help"))
    return control
