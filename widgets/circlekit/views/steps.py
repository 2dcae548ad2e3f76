"""The step views of the circle workspace. Each renders one step's body (title, purpose,
facilitator notes, a row editor built from its step declaration, and the picture or preview
that belongs to that step) over the page's one shared ``CircleSession``.

Views are built once and kept; the workspace shows one at a time. A view follows the
session while shown (reference lists after every edit, tables and pictures after every save,
pictures only when what they draw has changed) and catches up when it is shown again.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import replace
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from ..content.guidance import RECORDS_AND_RISK, SHOWN_ON
from ..i18n import _, format_date, format_datetime
from ..model import (
    STEPS,
    Circle,
    Consent,
    Directness,
    Process,
    Progress,
    Readiness,
    Role,
    Step,
    explain,
    field_spec,
)
from ..model import step as find_step
from ..model.display import clip
from ..model.progress import step_states
from ..render.agreement import agreement_html
from ..render.html import Safe, join, link, png_img, table, tag
from ..session import CircleSession, SaveState, kernel_scheduler
from ..store.base import CircleSummary
from .documents import DocumentsPanel, signing_parties
from .forms import Control, Options, control_for, text_control
from .nested import nested_control, per_ref_control, signoff_control
from .page import START_PAGE, Message, guarded
from .rows import RowEditor
from .shared import HTML
from .start import DeleteCircle

# Blanks the page before leaving, so the back button shows nothing either, and marks the tab
# so that the app's pages blank themselves if Back reloads one (see the Voila template).
QUICK_EXIT_SCRIPT = (  # i18n: script
    "window.ckLeaving=true;try{sessionStorage.setItem('ck-exited','1')}catch(e){}"
    "document.body.innerHTML='';window.location.replace('about:blank');return false;")


def quick_exit() -> Safe:
    return tag("a", _("Quick exit"), class_="ck-quick-exit", href="about:blank",
               rel="noreferrer", onclick=QUICK_EXIT_SCRIPT)


def facilitator_notes(step: Step) -> Safe:
    return tag("details", join([tag("summary", _("Facilitator notes")),
                                tag("ul", join(tag("li", _(n)) for n in step.facilitator_notes))]),
               class_="ck-notes")


def step_guide(step: Step) -> widgets.VBox:
    """A step opened without a circle (a link from a case study, say): what the step is for
    and the facilitator's notes, and where to open a circle to work on it."""
    from .page import page as page_box

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
        body = self.body()
        from ..export import DOCUMENTS

        if self.step.key in DOCUMENTS:
            self.documents = DocumentsPanel(lambda: self.session.circle, self.step.key)
            body.append(self.documents.widget)
        # While readiness holds the step back, the page says why instead of showing the form.
        self.waits = HTML()
        self.main = widgets.VBox(body)
        self.widget = widgets.VBox([HTML(step_heading(self.step)), self.waits, self.main,
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
        if hasattr(self, "rows"):
            self.rows.set_refs(self.refs())

    def update_derived(self) -> None:
        """Re-render what is computed from the circle: the table, previews, the to-do list."""
        self._stale = False
        if hasattr(self, "rows"):
            self.rows.refresh()
        if hasattr(self, "documents"):
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


class CircleFields:
    """Fields of the circle itself (stage, agreements, readiness) on the setup page."""

    def __init__(self, session: CircleSession, refs: dict[str, Options]) -> None:
        self.session = session
        circle = session.circle
        self.controls: dict[str, Control] = {
            "status": control_for(field_spec(Circle, "status")),
            "group_agreements": text_control(replace(
                field_spec(Circle, "group_agreements"), kind="longtext",
                help=_("One agreement per line, e.g. “what is said here stays here”."))),
            "readiness": nested_control(field_spec(Circle, "readiness"), Readiness),
            "process": nested_control(field_spec(Circle, "process"), Process),
        }
        self.controls["status"].set(circle.status)
        self.controls["group_agreements"].set("\n".join(circle.group_agreements))
        self.controls["readiness"].set(circle.readiness)
        self.controls["process"].set(circle.process)
        for name, control in self.controls.items():
            control.on_change(lambda c, n=name: self.apply(n, c))  # type: ignore[misc]
        self.widget = widgets.VBox([c.widget for c in self.controls.values()])

    def apply(self, name: str, control: Control) -> None:
        value = control.get()
        if name == "group_agreements":
            value = [line.strip() for line in value.splitlines() if line.strip()]
        try:
            setattr(self.session.circle, name, value)
        except ValidationError as exc:
            control.error(" ".join(explain(exc, Circle, paths=False)))
            return
        control.error("")
        self.session.changed(note="circle details")  # i18n: history notes stay English

    def set_refs(self, refs: dict[str, Options]) -> None:
        for control in self.controls.values():
            control.set_refs(refs)


class SetupView(StepView):
    def body(self) -> list[widgets.Widget]:
        self.circle_fields = CircleFields(self.session, self.refs())
        editor = self.editor(
            custom={"consent": lambda s: nested_control(s, Consent)},
            columns=["alias", "roles"],
        )
        return [
            HTML(tag("h2", _("Participants"))),
            editor.widget,
            HTML(tag("h2", _("The circle"))),
            self.circle_fields.widget,
        ]

    def sync_refs(self) -> None:
        super().sync_refs()
        self.circle_fields.set_refs(self.refs())


class HarmMapView(PictureView):
    def refs(self) -> dict[str, Options]:
        return {"caused_by": self.people(), "affected": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(
            custom={"affected": lambda s: per_ref_control(
                s, self.people(), key="participant", choice="directness",
                choices=[(d.label, d.value) for d in Directness], text="impacts",
                text_label=_("Impacts"), none_label=_("Not affected"),
                choice_label=_("How {name} was affected"))},
            columns=["description", "harm_types", "caused_by", "when"],
        )
        return self.with_picture(_("The harm map"), _("Harms"), editor)

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "participants": {"__all__": {"id", "alias"}},
            "harms": {"__all__": {"id": True, "harm_types": True, "caused_by": True,
                                  "conditions": True,
                                  "affected": {"__all__": {"participant", "directness"}}}}})

    def drawing(self) -> bytes:
        from ..render.maps import harm_map_png  # matplotlib only on the steps that draw

        return harm_map_png(self.session.circle)

    def picture_alt(self) -> str:
        from ..render.maps import harm_map_alt

        return harm_map_alt(self.session.circle)


class PodsView(PictureView):
    def refs(self) -> dict[str, Options]:
        return {"party": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["party", "name", "kind", "relation"])
        return self.with_picture(_("Pod map"), _("Pod entries"), editor)

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "participants": {"__all__": {"id", "alias"}},
            "pods": {"__all__": {"id", "party", "name", "kind", "relation"}}})

    def drawing(self) -> bytes:
        from ..render.maps import pod_map_png

        return pod_map_png(self.session.circle)

    def picture_alt(self) -> str:
        from ..render.maps import pod_map_alt

        return pod_map_alt(self.session.circle)


class NeedsView(StepView):
    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        self.history = HTML()
        editor = self.editor(columns=["category", "own_words", "priority", "status"])
        editor.chooser.observe(lambda _c: guarded(self.message)(self.show_history)(),
                               names="value")
        return [HTML(tag("h2", _("Needs"))), editor.widget, self.history]

    def update_derived(self) -> None:
        super().update_derived()
        self.show_history()

    def show_history(self) -> None:
        """How the need being edited read in earlier versions (the newest first)."""
        need_id = self.rows.editing
        if need_id is None:
            self.history.value = ""
            return
        seen = [[s.version, format_datetime(s.saved_at), s.own_words, s.status.label,
                 s.priority.label] for s in self.session.needs_history.changes(need_id)]
        self.history.value = join([
            tag("h3", _("How this need has changed")),
            table([_("Version"), _("Saved"), _("In their own words"), _("Status"), _("Priority")],
                  seen, empty=_("No earlier versions of this need.")),
        ])


class AgreementView(StepView):
    def refs(self) -> dict[str, Options]:
        circle = self.session.circle
        needs = [(f"{n.category.label}: {clip(n.own_words, 60)}", n.id) for n in circle.needs]
        return {"needs": needs, "responsible": self.people(), "support": self.people(),
                "signoffs": signing_parties(circle)}

    def body(self) -> list[widgets.Widget]:
        self.preview = HTML()
        editor = self.editor(
            custom={"signoffs": lambda s: signoff_control(s, signing_parties(
                self.session.circle))},
            columns=["action", "kind", "responsible", "due", "status"],
        )
        return [HTML(tag("h2", _("Agreement items"))), editor.widget, self.preview]

    def update_derived(self) -> None:
        super().update_derived()
        self.preview.value = agreement_html(self.session.circle)


class FollowUpView(PictureView):
    def items(self) -> Options:
        return [(f"{i}. {clip(a.action, 50)}", a.id)
                for i, a in enumerate(self.session.circle.agreement, 1)]

    def refs(self) -> dict[str, Options]:
        return {"progress": self.items()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(
            custom={"progress": lambda s: per_ref_control(
                s, self.items(), key="item", choice="progress",
                choices=[(p.label, p.value) for p in Progress], text="setback",
                text_label=_("Setbacks"), none_label=_("Not discussed"),
                choice_label=_("Progress on {name}"))},
            columns=["held_on", "feels_safe", "next_on"],
            describe=lambda c: _("Check-in on {date}").format(date=format_date(c.held_on)),
        )
        return self.with_picture(_("Progress"), _("Check-ins"), editor)

    def picture_inputs(self) -> str:
        return self.session.circle.model_dump_json(include={
            "checkins": {"__all__": {"held_on": True,
                                     "progress": {"__all__": {"progress"}}}}})

    def drawing(self) -> bytes:
        from ..render.charts import progress_png

        return progress_png(self.session.circle)

    def picture_alt(self) -> str:
        from ..render.charts import progress_alt

        return progress_alt(self.session.circle)


class AccountabilityView(StepView):
    def refs(self) -> dict[str, Options]:
        """The people who caused harm first: it is their work."""
        circle = self.session.circle
        first = [(p.alias, p.id) for p in circle.participants if Role.CAUSED in p.roles]
        return {"person": first + [o for o in self.people() if o not in first]}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["person", "impact", "apology"])
        return [HTML(tag("h2", _("Accountability work"))), editor.widget]


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
            return
        self.control.error("")
        self.session.changed(note=self.field)  # i18n: history notes stay English


class ClosingView(RecordView):
    field = "closing"

    def body(self) -> list[widgets.Widget]:
        parts = super().body()
        self.delete = DeleteCircle(self.store, on_delete=self.deleted)
        self.delete.widget.add_class("ck-delete-circle")
        return [*parts, HTML(tag("h2", _("Delete this circle"))), self.delete.widget]

    def update_derived(self) -> None:
        super().update_derived()
        circle = self.session.circle
        self.delete.set_circles([CircleSummary(circle.id, circle.title, circle.language.value,
                                               circle.status.value, circle.practice,
                                               circle.updated, self.session.version)])
        self.delete.circle.value = circle.id  # the only choice: this circle

    def deleted(self) -> None:
        self.session.stop(_("This circle and all its versions were deleted. Nothing more is "
                            "saved from this page."))
        self.main.children = (HTML(tag("p", join([
            _("The circle was deleted from this computer."), " ",
            tag("a", _("Back to the start page"), href=START_PAGE)]), class_="ck-help")),)


class DebriefView(RecordView):
    field = "debrief"


class SafetyPlanView(StepView):
    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["holder", "situation", "services"])
        return [HTML(tag("h2", _("Situations"))), editor.widget]


VIEWS: dict[str, type[StepView]] = {
    "setup": SetupView,
    "harm_map": HarmMapView,
    "pods": PodsView,
    "needs": NeedsView,
    "accountability": AccountabilityView,
    "agreement": AgreementView,
    "follow_up": FollowUpView,
    "closing": ClosingView,
    "safety_plan": SafetyPlanView,
    "debrief": DebriefView,
}


def step_view(session: CircleSession, step_key: str) -> StepView:
    return VIEWS[step_key](session, step_key)


__all__ = ["VIEWS", "StepView", "quick_exit", "step_view"]
