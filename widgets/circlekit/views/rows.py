"""Editing a list of rows (participants, harms, needs …): an escaped HTML table of all rows,
and one form for the row being edited. Hundreds of rows cost one table, not hundreds of
widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from pydantic import BaseModel, ValidationError

from ..i18n import _, ngettext
from ..model import Circle, RecordMode, explain
from ..model.display import as_text, clip
from ..model.fieldspec import FieldSpec, field_spec
from ..model.steps import Step
from ..render.html import Safe, table, table_row, tag
from ..session import CircleSession
from .forms import SEE_THE_FIELD, Control, Options, control_for
from .page import Message, guarded
from .shared import HTML
from .strike import StrikePanel

ControlFactory = Callable[[FieldSpec], Control]
_EMPTY = {"missing", "string_too_short", "too_short"}


def shown(spec: FieldSpec, value: Any, circle: Circle, limit: int = 80) -> str:
    """A field's value as plain text for a table cell (escaped later by ``table``)."""
    return clip(as_text(spec, value, circle), limit)


class RowEditor:
    """The rows of one collection of the circle, and a form for one of them."""

    def __init__(self, session: CircleSession, step: Step, *,
                 refs: dict[str, Options] | None = None,
                 custom: dict[str, ControlFactory] | None = None,
                 columns: Sequence[str] | None = None,
                 describe: Callable[[Any], str] | None = None,
                 page_step: str | None = None) -> None:
        assert step.model is not None and step.collection is not None and step.rows
        self.session = session
        self.step = step
        # The form's key in what the page holds unstored, and the step the page opens to it.
        self.hold_key, self.page_step = f"rows:{step.collection}", page_step or step.key
        self.model: type[BaseModel] = step.model
        self.collection = step.collection
        self.words = step.rows
        self.describe = describe or self._default_describe
        refs, custom = refs or {}, custom or {}
        names = [n for g in step.groups for n in g.fields]
        self.columns = list(columns or names[:4])
        self.specs = {n: field_spec(self.model, n) for n in {*names, *self.columns}}
        self.controls: dict[str, Control] = {}
        form_parts: list[widgets.Widget] = []
        for group in step.groups:
            heading = HTML(tag("h3", _(group.title), class_="ck-group"))
            if all(self.specs[n].narrative for n in group.fields):
                heading.add_class("ck-narrative")
            form_parts.append(heading)
            for name in group.fields:
                spec = self.specs[name]
                factory = custom.get(name) or (lambda s: control_for(s, refs.get(s.name, ())))
                control = factory(spec)
                if spec.narrative:
                    control.widget.add_class("ck-narrative")  # see ``Workspace``
                control.on_change(self._edited)
                self.controls[name] = control
                form_parts.append(control.widget)
        self.message = Message()
        self.message.add_class("ck-form-message")  # the header's "Show it" scrolls here
        self.table = HTML()
        self.chooser = widgets.Dropdown(description=_(self.words.which),
                                        style={"description_width": "initial"})
        self.chooser.observe(self._chosen, names="value")
        self.add_button = widgets.Button(description=_(self.words.add), icon="plus")
        self.delete_button = widgets.Button(description=_(self.words.delete),
                                            button_style="danger")
        self.add_button.on_click(guarded(self.message)(lambda _b: self.start_new()))
        self.delete_button.on_click(guarded(self.message)(lambda _b: self.delete()))
        self.form_title = HTML()
        self.form = widgets.VBox([self.form_title, *form_parts])
        self.form.add_class("ck-form")
        actions = widgets.HBox([self.add_button, self.delete_button])
        actions.add_class("ck-actions")
        self.strike = StrikePanel(session, self.collection, lambda: next(
            (r for r in self.rows() if r.id == self.editing), None))
        self.widget = widgets.VBox([self.table, self.chooser, actions, self.form, self.message,
                                    self.strike.widget])
        self.editing: str | None = None
        self._confirm_delete = False
        self._loading = False
        self._cell_cache: dict[str, tuple[Any, int, Safe]] = {}
        self._cell_names: tuple[tuple[str, str], ...] = ()
        self._shown: list[str] = []
        self.refresh()
        rows = self.rows()
        if rows:
            self.edit(rows[-1].id)
        else:
            self.start_new()

    # --- reading the circle -------------------------------------------------------------

    def rows(self) -> list[Any]:
        return getattr(self.session.circle, self.collection)

    def _default_describe(self, row: Any) -> str:
        for name in self.shown_columns():
            spec = self.specs[name]
            if spec.kind in ("text", "longtext"):
                return shown(spec, getattr(row, name), self.session.circle, 50)
        return _(self.step.title)

    def _row_html(self, number: int, row: Any) -> Safe:
        """A row of the table, reused while the row, its place and the names it shows are
        unchanged: an edit replaces one row object, so 299 rows of 300 are not redrawn."""
        circle = self.session.circle
        names = tuple((p.id, p.alias) for p in circle.participants)
        if names != self._cell_names:
            self._cell_cache.clear()
            self._cell_names = names
        cached = self._cell_cache.get(row.id)
        if cached is None or cached[0] is not row or cached[1] != number:
            cells = [shown(self.specs[n], getattr(row, n), circle) for n in self._shown]
            cached = self._cell_cache[row.id] = (row, number, table_row([number, *cells]))
        return cached[2]

    def shown_columns(self) -> list[str]:
        """The table's columns: a minimal record shows none that tells what happened."""
        if self.session.circle.record_mode is RecordMode.MINIMAL:
            return [n for n in self.columns if not self.specs[n].narrative]
        return self.columns

    def refresh(self) -> None:
        """Re-render the table and the chooser from the circle (its view calls this)."""
        columns = self.shown_columns()
        if columns != self._shown:  # cached rows were drawn with other columns
            self._cell_cache.clear()
            self._shown = columns
        specs = [self.specs[n] for n in columns]
        self.table.value = table(
            ["#", *(s.label for s in specs)],
            [self._row_html(i, r) for i, r in enumerate(self.rows(), 1)],
            caption=ngettext("{n} entry", "{n} entries", len(self.rows())).format(
                n=len(self.rows())),
            empty=_("Nothing here yet."))
        options = [(f"{i}. {self.describe(r)}", r.id) for i, r in enumerate(self.rows(), 1)]
        self._select(self.editing if self.editing in {o[1] for o in options} else None,
                     options)

    def _select(self, row_id: str | None, options: list[tuple[str, str]] | None = None
                ) -> None:
        """Point the chooser at ``row_id`` without that counting as choosing a row."""
        self._loading = True
        try:
            if options is not None:
                self.chooser.options = options
            self.chooser.value = row_id
        finally:
            self._loading = False

    # --- choosing what to edit ------------------------------------------------------------

    def _chosen(self, change: dict[str, Any]) -> None:
        if not self._loading and change["new"]:
            self.edit(change["new"])

    def _disarm(self) -> None:
        """A second click deletes only right after the first, on the same entry."""
        self._confirm_delete = False
        self.delete_button.description = _(self.words.delete)

    def edit(self, row_id: str) -> None:
        row = next(r for r in self.rows() if r.id == row_id)
        self.editing = row_id
        self.session.release(self.hold_key)  # the entry the form held is put away
        self._disarm()
        self.delete_button.disabled = False
        position = [r.id for r in self.rows()].index(row_id) + 1
        self.form_title.value = tag("h3", _(self.words.editing).format(number=position))
        for name, control in self.controls.items():
            control.set(getattr(row, name))
            control.error("")
        self.message.clear()
        self._select(row_id)

    def start_new(self) -> None:
        self.editing = None
        self.session.release(self.hold_key)
        self._disarm()
        self.delete_button.disabled = True
        self.form_title.value = tag("h3", _(self.words.new))
        blank = self.model.model_construct()
        for name, control in self.controls.items():
            info = self.model.model_fields[name]
            default = None if info.is_required() else info.get_default(
                call_default_factory=True)
            control.set(default if default is not None else getattr(blank, name, None))
            control.error("")
        self.message.clear()
        self._select(None)

    # --- editing --------------------------------------------------------------------------

    def _edited(self, _control: Control) -> None:
        if self._confirm_delete:
            self._disarm()
        guarded(self.message)(self.apply)()

    def apply(self) -> bool:
        """Validate the form; if valid, put the row in the circle and schedule a save."""
        values = {name: c.get() for name, c in self.controls.items()}
        existing = next((r for r in self.rows() if r.id == self.editing), None)
        if existing is None:  # a person not chosen yet is missing, as an empty text is
            values = {name: v for name, v in values.items()
                      if v is not None or not self.model.model_fields[name].is_required()}
        data = {**(existing.model_dump() if existing else {}), **values}
        try:
            row: Any = self.model.model_validate(data)  # a row model: it has an id
        except ValidationError as exc:
            self._show_errors(exc, new=existing is None)
            return False
        for control in self.controls.values():
            control.error("")
        self.message.clear()
        self.session.release(self.hold_key)
        rows = self.rows()
        if existing is None:
            rows.append(row)
            self.editing = row.id
            self.delete_button.disabled = False
            self.form_title.value = tag("h3", _(self.words.editing).format(number=len(rows)))
        else:
            rows[rows.index(existing)] = row
        self.session.changed(note=self.step.title)  # i18n: history notes stay English
        return True

    def _show_errors(self, exc: ValidationError, *, new: bool) -> None:
        by_field: dict[str, list[str]] = {}
        waiting: list[str] = []
        for error, sentence in zip(exc.errors(), explain(exc, self.model, paths=False),
                                   strict=True):
            name = str(error["loc"][0]) if error["loc"] else ""
            if new and error["type"] in _EMPTY:
                waiting.append(self.controls[name].spec.label if name in self.controls else name)
                continue
            by_field.setdefault(name, []).append(sentence)
        for name, control in self.controls.items():
            control.error(" ".join(by_field.get(name, [])))
        fields = ", ".join(f"“{w}”" for w in waiting)
        if by_field:
            self.message.error(_("This entry was not saved yet: see the message next to the "
                                 "field."))
            self.session.hold(self.hold_key, self.page_step,
                              _(SEE_THE_FIELD))
        elif waiting:
            self.message.ok(_("Fill in {fields} and this entry is saved.").format(
                fields=fields))
            self.session.hold(self.hold_key, self.page_step,
                              _("fill in {fields}").format(fields=fields))

    def delete(self) -> None:
        existing = next((r for r in self.rows() if r.id == self.editing), None)
        if existing is None:
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            entry = clip(self.describe(existing), 40)  # a button's words are text, not HTML
            self.delete_button.description = _("Yes, delete “{entry}”").format(entry=entry)
            self.message.error(_("Delete “{entry}”? Click the button again to confirm; "
                                 "choosing or changing anything else cancels. Earlier versions "
                                 "stay in the circle's history.").format(entry=entry))
            return
        remaining = [r for r in self.rows() if r is not existing]
        try:
            Circle.model_validate({**self.session.circle.model_dump(),
                                   self.collection: [r.model_dump() for r in remaining]})
        except ValidationError:
            self.message.error(_("This entry is still named elsewhere in the circle (for "
                                 "example in a harm, need or agreement item). Remove it there "
                                 "first."))
            self._disarm()
            return
        self.rows().remove(existing)
        self.session.changed(note=f"deleted from {self.step.title}")  # i18n: stays English
        self.start_new()
        self.refresh()
        self.message.ok(_("The entry was deleted."))

    def set_refs(self, refs: dict[str, Options]) -> None:
        """Offer the circle's current participants, needs, items in every reference field."""
        for control in self.controls.values():
            control.set_refs(refs)
