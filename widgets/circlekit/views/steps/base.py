"""What every step view shares: its heading and notes, following the session, pictures."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from ...content.guidance import RECORDS_AND_RISK, SHOWN_ON
from ...i18n import _
from ...model import (
    STEPS,
    Circle,
    Step,
    explain,
    field_spec,
)
from ...model import step as find_step
from ...model.progress import step_states
from ...render.html import Safe, join, link, png_img, tag
from ...session import CircleSession, SaveState, kernel_scheduler
from ..documents import DocumentsPanel, WorksheetPanel
from ..forms import SEE_THE_FIELD, Options
from ..nested import nested_control
from ..page import START_PAGE, Message, guarded, quick_exit
from ..rows import RowEditor
from ..shared import HTML


def facilitator_notes(step: Step) -> Safe:
    return tag("details", join([tag("summary", _("Facilitator notes")),
                                tag("ul", join(tag("li", _(n)) for n in step.facilitator_notes))]),
               class_="ck-notes")


def step_guide(step: Step) -> widgets.VBox:
    """A step opened without a circle (a link from a case study, say): what the step is for
    and the facilitator's notes, and where to open a circle to work on it."""
    from ..page import page as page_box

    notes = join(tag("li", _(n)) for n in step.facilitator_notes)
    return page_box(HTML(join([
        quick_exit(),
        tag("h1", _(step.title)), tag("p", _(step.purpose), class_="ck-lead"),
        tag("h2", _("Facilitator notes")), tag("ul", notes),
        tag("p", link(_("Open a circle from the start page to work on this step."),
                      START_PAGE), class_="ck-nav")])))


def records_and_risk() -> Safe:
    """The legal-risk guidance, folded so it is read once and then out of the way."""
    g = RECORDS_AND_RISK
    return tag("details", join([tag("summary", _(g.title)), tag("p", _(g.intro)),
                                tag("ul", join(tag("li", _(p)) for p in g.points))]),
               class_="ck-notes ck-risk")


def step_heading(step: Step) -> Safe:
    title = (_("Step {number}: {title}") if step in STEPS else "{title}").format(
        number=step.number, title=_(step.title))
    return join([tag("h1", title, tabindex="-1", class_="ck-step-title"),
                 tag("p", _(step.purpose), class_="ck-lead"), facilitator_notes(step),
                 records_and_risk() if step.key in SHOWN_ON else ""])


class StepView(ABC):
    """One step's body over the shared session; ``widget`` is what the workspace shows."""

    def __init__(self, session: CircleSession, step_key: str) -> None:
        self.step = find_step(step_key)
        self.session = session
        self.store = session.store
        self.message = Message()
        self.todo = HTML()
        self.visible = False
        self._stale = True  # tables and previews lag the circle until shown again
        # Set by ``body()`` on steps that have them (``editor()``), and below.
        self.rows: RowEditor | None = None
        self.documents: DocumentsPanel | None = None
        body = self.body()
        from ...export import DOCUMENTS

        if self.step.key in DOCUMENTS:
            self.documents = DocumentsPanel(lambda: self.session.circle, self.step.key)
            body.append(self.documents.widget)
        body.append(WorksheetPanel(self.step.key,
                                   lambda: self.session.circle.language.value).widget)
        # While readiness holds the step back, the page says why instead of showing the form.
        self.waits = HTML()
        self.note = HTML()
        self.main = widgets.VBox(body)
        self.widget = widgets.VBox([HTML(step_heading(self.step)), self.waits, self.note,
                                    self.main,
                                    self.todo, self.message])
        self.widget.add_class("ck-step-view")
        self.widget.add_class(f"ck-step-{self.step.key}")
        session.on_edit(self._edited)
        session.subscribe(self._saved)
        self.update_derived()

    @abstractmethod
    def body(self) -> list[widgets.Widget]:
        """The step's own widgets, under its heading."""

    def refs(self) -> dict[str, Options]:
        """The choices of this step's reference fields, from the circle as it is now."""
        return {}

    # --- following the session -------------------------------------------------------

    def show(self) -> None:
        """Bring everything up to date and start following the session."""
        self.visible = True
        self.sync_refs()
        if self._stale:
            self.update_derived()
        self.schedule_draw()

    def hide(self) -> None:
        self.visible = False

    def _edited(self) -> None:
        if self.visible:
            guarded(self.message)(self.sync_refs)()
        else:
            self._stale = True

    def _saved(self, state: SaveState, _message: str) -> None:
        if state is not SaveState.SAVED:
            return
        if not self.visible:
            self._stale = True
            return
        guarded(self.message)(self.update_derived)()
        guarded(self.message)(self.redraw)()

    def sync_refs(self) -> None:
        """Offer the current participants, needs and items in every reference field."""
        if self.rows is not None:
            self.rows.set_refs(self.refs())

    def update_derived(self) -> None:
        """Re-render what is computed from the circle: the table, previews, the to-do list."""
        self._stale = False
        if self.rows is not None:
            self.rows.refresh()
        if self.documents is not None:
            self.documents.refresh()
        state = step_states(self.session.circle)[self.step.key]
        todo = state.todo
        self.todo.value = (join([tag("h2", _("Still to do")),
                                 tag("ul", join(tag("li", g) for g in todo))])
                           if todo else "")
        self.waits.value = (tag("div", join([tag("strong", _("This step waits.")), " ",
                                             state.waits]), class_="ck-waits", role="status")
                            if state.waits else "")
        self.main.layout.display = "none" if state.waits else None
        self.note.value = (tag("div", state.note, class_="ck-waits ck-without", role="note")
                           if state.note and not state.waits else "")

    def redraw(self) -> None:  # noqa: B027 - most steps have no picture
        """Redraw the step's picture if what it draws has changed (see ``PictureView``)."""

    def schedule_draw(self) -> None:
        """Drawing costs more than the rest of the step: in a kernel it happens just after
        the form is shown, so the form is usable first."""
        schedule = kernel_scheduler()
        if schedule is None:
            self.redraw()
        else:
            schedule(0.01, guarded(self.message)(self.redraw))

    # --- shared choices ------------------------------------------------------------------

    def people(self) -> Options:
        return [(p.alias, p.id) for p in self.session.circle.participants]

    def harmed(self) -> Options:
        return [(p.alias, p.id) for p in self.session.circle.harmed_parties()]

    def harmed_first(self) -> Options:
        """Everyone, the person harmed first: whose need, whose safety plan."""
        first = list(self.harmed())
        return first + [o for o in self.people() if o not in first]

    def editor(self, **kwargs: Any) -> RowEditor:
        self.rows = RowEditor(self.session, self.step, refs=self.refs(), **kwargs)
        return self.rows


class PictureView(StepView):
    """A step with a drawing (map, chart) above its rows, redrawn only when what it draws
    has changed."""

    def with_picture(self, picture_title: str, rows_title: str, editor: RowEditor
                     ) -> list[widgets.Widget]:
        """The drawing (filled in by ``redraw``) above the row editor."""
        self._drawn: str | None = None  # digest of what the picture shows now
        self.picture_title = picture_title  # the text alternative until one is described
        self.picture = HTML()
        self.picture.add_class("ck-chart")
        return [HTML(tag("h2", picture_title)), self.picture,
                HTML(tag("h2", rows_title)), editor.widget]

    @abstractmethod
    def picture_inputs(self) -> str:
        """Exactly what the picture draws, serialised."""

    @abstractmethod
    def drawing(self) -> bytes:
        """The picture as PNG."""

    def picture_alt(self) -> str:
        """The picture in words, for people who cannot see it: counts and kinds."""
        return self.picture_title

    def redraw(self) -> None:
        digest = hashlib.blake2b(self.picture_inputs().encode("utf-8"),
                                 digest_size=16).hexdigest()
        if digest != self._drawn:
            self.picture.value = png_img(self.drawing(), self.picture_alt())
            self._drawn = digest


class RecordView(StepView):
    """A step that edits one record of the circle (closing, debrief), not a list of rows."""

    field: str

    def body(self) -> list[widgets.Widget]:
        model = type(getattr(self.session.circle, self.field))
        self.control = nested_control(field_spec(Circle, self.field), model)
        self.control.set(getattr(self.session.circle, self.field))
        self.control.on_change(lambda c: guarded(self.message)(self.apply)())
        self.control.widget.add_class("ck-form")
        return [self.control.widget]

    def apply(self) -> None:
        try:
            setattr(self.session.circle, self.field, self.control.get())
        except ValidationError as exc:
            self.control.error(" ".join(explain(exc, Circle, paths=False)))
            self.session.hold(self.field, self.step.key, _(SEE_THE_FIELD))
            return
        self.control.error("")
        self.session.release(self.field)
        self.session.changed(note=self.field)  # i18n: history notes stay English
