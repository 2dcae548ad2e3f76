"""Controls for fields that hold small models: consent, who was affected, progress per item,
sign-offs. Each is still one ``Control`` whose value is plain data the model validates.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from pydantic import BaseModel

from ..i18n import _
from ..model.steps import FieldSpec, field_spec
from .forms import STYLE, Control, Options, control_for
from .html import tag


def _group(spec: FieldSpec, parts: list[widgets.Widget]) -> widgets.VBox:
    box = widgets.VBox([widgets.HTML(tag("p", spec.label, class_="ck-legend")), *parts])
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

    watched = [w for c in inner.values() for w in c.watched]
    control = Control(spec, box, value_of=value_of, set_value=set_value, watch=watched)
    control.help.value = ""  # the inner controls carry their own help
    return control


def per_ref_control(spec: FieldSpec, refs: Options, *, key: str, choice: str,
                    choices: Options, text: str, text_label: str,
                    none_label: str, choice_label: str = "{name}") -> Control:
    """One line per referenced row (participant, agreement item): a choice and a note.

    Lines left at ``none_label`` with no note are not part of the value; a note without a
    choice is kept, so validation asks for the choice instead of the note being dropped.
    """
    lines: list[tuple[Any, widgets.Dropdown, widgets.Text]] = []
    parts: list[widgets.Widget] = []
    for label, ref in refs:
        dropdown = widgets.Dropdown(description=choice_label.format(name=label),
                                    options=[(none_label, None), *choices],
                                    style=STYLE)
        note = widgets.Text(description=f"{text_label} ({label})", style=STYLE)  # i18n: parts
        lines.append((ref, dropdown, note))
        row = widgets.VBox([dropdown, note])
        row.add_class("ck-ref-line")
        parts.append(row)
    if not refs:
        parts.append(widgets.HTML(tag("p", _("Nothing to choose from yet."), class_="ck-help")))

    def value_of() -> list[dict[str, Any]]:
        return [{key: ref, choice: d.value, text: n.value} for ref, d, n in lines
                if d.value is not None or n.value.strip()]

    def set_value(value: Any) -> None:
        chosen = {}
        for item in value or []:
            data = item.model_dump() if isinstance(item, BaseModel) else item
            chosen[data[key]] = data
        for ref, d, n in lines:
            d.value = chosen.get(ref, {}).get(choice)
            n.value = chosen.get(ref, {}).get(text, "") or ""

    watched = [w for _, d, n in lines for w in (d, n)]
    return Control(spec, _group(spec, parts), value_of=value_of, set_value=set_value,
                   watch=watched)


def signoff_control(spec: FieldSpec, parties: Options) -> Control:
    """A 'signed' checkbox and a date per party."""
    lines: list[tuple[Any, widgets.Checkbox, widgets.DatePicker]] = []
    parts: list[widgets.Widget] = []
    for label, ref in parties:
        box = widgets.Checkbox(description=_("{name} signs this item").format(name=label),
                               indent=False)
        when = widgets.DatePicker(description=_("Date ({name})").format(name=label),
                                  style=STYLE)
        lines.append((ref, box, when))
        row = widgets.VBox([box, when])
        row.add_class("ck-ref-line")
        parts.append(row)

    def value_of() -> list[dict[str, Any]]:
        return [{"participant": ref, "signed_on": when.value} for ref, box, when in lines
                if box.value and when.value]

    def set_value(value: Any) -> None:
        signed = {}
        for item in value or []:
            data = item.model_dump() if isinstance(item, BaseModel) else item
            signed[data["participant"]] = data["signed_on"]
        for ref, box, when in lines:
            box.value = ref in signed
            when.value = signed.get(ref)

    watched = [w for _, b, d in lines for w in (b, d)]
    control = Control(spec, _group(spec, parts), value_of=value_of, set_value=set_value,
                      watch=watched)
    control.help.value = tag("p", _("A sign-off counts once both the box and the date are set."),
                             class_="ck-help")
    return control
