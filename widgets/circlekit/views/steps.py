"""The six step pages. Each renders the shared frame (where you are, quick exit, notes, save
state) around a row editor built from its step declaration, plus the picture or preview that
belongs to that step.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from ..i18n import _, format_date, format_datetime, set_language
from ..model import (
    SAFETY_STEP,
    STEPS,
    Circle,
    Consent,
    Directness,
    Progress,
    Readiness,
    Sharing,
    Step,
    explain,
    field_spec,
)
from ..model import step as find_step
from ..session import CircleSession, SaveState, kernel_scheduler
from ..store import Store
from .documents import DocumentsPanel, agreement_html, signing_parties
from .forms import Control, Options, control_for, text_control
from .html import Safe, join, link, table, tag
from .nested import nested_control, per_ref_control, signoff_control
from .page import Message, guarded, page
from .rows import RowEditor

START_PAGE = "00_start.ipynb"
# Blanks the page before leaving, so the back button shows nothing either.
QUICK_EXIT_SCRIPT = (  # i18n: script
    "document.body.innerHTML='';window.location.replace('about:blank');return false;")


def quick_exit() -> Safe:
    return tag("a", _("Quick exit"), class_="ck-quick-exit", href="about:blank",
               rel="noreferrer", onclick=QUICK_EXIT_SCRIPT)


def progress_nav(current: Step, circle_id: str) -> Safe:
    items = []
    for s in STEPS:
        label = f"{s.number}. {_(s.title)}"
        if s is current:
            items.append(tag("li", tag("span", label, aria_current="step"), class_="ck-current"))
        else:
            items.append(tag("li", link(label, s.notebook, circle=circle_id)))
    safety = (tag("span", _(SAFETY_STEP.title), aria_current="page")
              if current is SAFETY_STEP else link(_(SAFETY_STEP.title), SAFETY_STEP.notebook,
                                                  circle=circle_id))
    return tag("nav", join([link(_("All circles"), START_PAGE),
                            tag("ol", join(items), class_="ck-steps"),
                            tag("p", safety, class_="ck-safety-link")]),
               aria_label=_("Steps of the circle"), class_="ck-nav")


def prev_next(current: Step, circle_id: str) -> Safe:
    parts = []
    if current in STEPS:
        i = STEPS.index(current)
        if i > 0:
            parts.append(link(f"← {_(STEPS[i - 1].title)}", STEPS[i - 1].notebook,
                              circle=circle_id))
        if i < len(STEPS) - 1:
            parts.append(link(_("Next: {step} →").format(step=_(STEPS[i + 1].title)),
                              STEPS[i + 1].notebook, circle=circle_id))
    else:
        parts.append(link(_("Back to all circles"), START_PAGE))
    return tag("nav", join(parts), aria_label=_("Previous and next step"),
               class_="ck-prevnext")


def facilitator_notes(step: Step) -> Safe:
    return tag("details", join([tag("summary", _("Facilitator notes")),
                                tag("ul", join(tag("li", _(n)) for n in step.facilitator_notes))]),
               class_="ck-notes")


class SaveStatus(widgets.HTML):
    """The visible save state: saving, saved, or a conflict that stops saving."""

    def __init__(self, session: CircleSession) -> None:
        super().__init__()
        self.session = session
        self.add_class("ck-save-status")
        self.show(SaveState.SAVED,
                  _("Everything is saved (version {version}).").format(version=session.version))

    def show(self, state: SaveState, message: str) -> None:
        if state is SaveState.SAVED:
            self.value = tag("p", f"✓ {message}", class_="ck-saved", role="status")
        elif state is SaveState.PENDING:
            self.value = tag("p", message, class_="ck-saving", role="status")
        else:
            self.value = tag("div", join([tag("strong", _("Not saved.")), " ", message]),
                             class_="ck-message ck-error ck-conflict", role="alert")


class StepPage(ABC):
    """The frame every step shares; each step adds its ``body``."""

    def __init__(self, store: Store, circle_id: str, step_key: str) -> None:
        self.step = find_step(step_key)
        self.session = CircleSession(store, circle_id)
        set_language(self.session.circle.language)
        self.store = store
        self.message = Message()
        self.status = SaveStatus(self.session)
        self.gaps = widgets.HTML()
        circle = self.session.circle
        cid = circle.id
        header = widgets.HTML(join([
            quick_exit(),
            progress_nav(self.step, cid),
            tag("p", _("Circle: {name}").format(name=circle.title)
                + (" " + _("(practice)") if circle.practice else ""), class_="ck-circle-name"),
            tag("h1", (_("Step {number}: {title}") if self.step in STEPS else "{title}").format(
                number=self.step.number, title=_(self.step.title))),
            tag("p", _(self.step.purpose), class_="ck-lead"),
            facilitator_notes(self.step),
        ]))
        self.session.subscribe(self._saved)
        body = self.body()
        from ..export import DOCUMENTS

        if self.step.key in DOCUMENTS:
            self.documents = DocumentsPanel(lambda: self.session.circle, self.step.key)
            body.append(self.documents.widget)
        # Subscribed last: "All changes saved" appears once tables and pictures are current.
        self.session.subscribe(self.status.show)
        self.widget = page(header, self.status, *body, self.gaps, self.message,
                           widgets.HTML(prev_next(self.step, cid)))
        self.widget.add_class(f"ck-step-{self.step.key}")
        self.update_derived()
        # Drawing costs more than the rest of the page: in a kernel it happens just after
        # the page is shown, so the form is usable first.
        schedule = kernel_scheduler()
        if schedule is None:
            self.draw()
        else:
            schedule(0.01, guarded(self.message)(self.draw))

    @abstractmethod
    def body(self) -> list[widgets.Widget]:
        """The step's own widgets, between the frame's header and its footer."""

    def refs(self) -> dict[str, Options]:
        return {}

    def update_derived(self) -> None:
        """Redraw what is computed from the circle (maps, previews, the to-do list)."""
        gaps = self.session.circle.gaps()
        self.gaps.value = (join([tag("h2", _("Still to do")),
                                 tag("ul", join(tag("li", g) for g in gaps))])
                           if gaps else "")

    def draw(self) -> None:  # noqa: B027 - most steps have no picture
        """Redraw the step's picture, if it has one."""

    def _saved(self, state: SaveState, _message: str) -> None:
        if state is SaveState.SAVED:
            guarded(self.message)(self.update_derived)()
            guarded(self.message)(self.draw)()

    def people(self) -> Options:
        return [(p.alias, p.id) for p in self.session.circle.participants]

    def harmed_first(self) -> Options:
        """Everyone, the person harmed first: whose need, whose safety plan."""
        first = [(p.alias, p.id) for p in self.session.circle.harmed_parties()]
        return first + [o for o in self.people() if o not in first]

    def with_picture(self, picture_title: str, rows_title: str, editor: RowEditor
                     ) -> list[widgets.Widget]:
        """A drawing (filled in by ``draw``) above the row editor."""
        self.picture = widgets.Image(format="png")
        self.picture.add_class("ck-chart")
        return [widgets.HTML(tag("h2", picture_title)), self.picture,
                widgets.HTML(tag("h2", rows_title)), editor.widget]

    def editor(self, **kwargs: Any) -> RowEditor:
        self.rows = RowEditor(self.session, self.step, refs=self.refs(), **kwargs)
        return self.rows


class CircleFields:
    """Fields of the circle itself (stage, agreements, readiness, sharing) on the setup page."""

    def __init__(self, session: CircleSession, refs: dict[str, Options]) -> None:
        self.session = session
        circle = session.circle
        self.controls: dict[str, Control] = {
            "status": control_for(field_spec(Circle, "status")),
            "group_agreements": text_control(replace(
                field_spec(Circle, "group_agreements"), kind="longtext",
                help=_("One agreement per line, e.g. “what is said here stays here”."))),
            "readiness": nested_control(field_spec(Circle, "readiness"), Readiness),
            "sharing": nested_control(field_spec(Circle, "sharing"), Sharing, refs),
        }
        self.controls["status"].set(circle.status)
        self.controls["group_agreements"].set("\n".join(circle.group_agreements))
        self.controls["readiness"].set(circle.readiness)
        self.controls["sharing"].set(circle.sharing)
        for name, control in self.controls.items():
            control.on_change(lambda c, n=name: self.apply(n, c))
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


class SetupPage(StepPage):
    def body(self) -> list[widgets.Widget]:
        harmed = [(p.alias, p.id) for p in self.session.circle.harmed_parties()]
        self.circle_fields = CircleFields(self.session, {"decided_by": harmed})
        editor = self.editor(
            custom={"consent": lambda s: nested_control(s, Consent)},
            columns=["alias", "roles"],
        )
        return [
            widgets.HTML(tag("h2", _("Participants"))),
            editor.widget,
            widgets.HTML(tag("h2", _("The circle"))),
            self.circle_fields.widget,
        ]


class HarmMapPage(StepPage):
    def refs(self) -> dict[str, Options]:
        return {"caused_by": self.people()}

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

    def draw(self) -> None:
        from .maps import harm_map_png  # matplotlib only on the pages that draw

        self.picture.value = harm_map_png(self.session.circle)


class PodsPage(StepPage):
    def refs(self) -> dict[str, Options]:
        return {"party": self.people()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["party", "name", "kind", "relation"])
        return self.with_picture(_("Pod map"), _("Pod entries"), editor)

    def draw(self) -> None:
        from .maps import pod_map_png

        self.picture.value = pod_map_png(self.session.circle)


class NeedsPage(StepPage):
    HISTORY_DEPTH = 30

    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        self.history = widgets.HTML()
        editor = self.editor(columns=["category", "own_words", "priority", "status"])
        editor.chooser.observe(lambda _c: guarded(self.message)(self.show_history)(),
                               names="value")
        return [editor.widget, self.history]

    def update_derived(self) -> None:
        super().update_derived()
        if hasattr(self, "rows"):
            self.show_history()

    def show_history(self) -> None:
        """How the need being edited read in earlier versions (the newest first)."""
        need_id = self.rows.editing
        if need_id is None:
            self.history.value = ""
            return
        circle_id = self.session.circle.id
        versions = self.store.history(circle_id)[-self.HISTORY_DEPTH:]
        seen: list[list[object]] = []
        last: tuple[str, str, str] | None = None
        for info in versions:
            old = self.store.open_version(circle_id, info.version)
            need = next((n for n in old.needs if n.id == need_id), None)
            if need is None:
                continue
            state = (need.own_words, need.status.label, need.priority.label)
            if state != last:
                seen.append([info.version, format_datetime(info.saved_at), *state])
                last = state
        self.history.value = join([
            tag("h3", _("How this need has changed")),
            table([_("Version"), _("Saved"), _("In their own words"), _("Status"), _("Priority")],
                  reversed(seen), empty=_("No earlier versions of this need.")),
        ])


class AgreementPage(StepPage):
    def refs(self) -> dict[str, Options]:
        needs = [(f"{n.category.label}: {n.own_words[:60]}", n.id)
                 for n in self.session.circle.needs]
        return {"needs": needs, "responsible": self.people(), "support": self.people()}

    def body(self) -> list[widgets.Widget]:
        self.preview = widgets.HTML()
        parties = signing_parties(self.session.circle)
        editor = self.editor(
            custom={"signoffs": lambda s: signoff_control(s, parties)},
            columns=["action", "kind", "responsible", "due", "status"],
        )
        return [editor.widget, self.preview]

    def update_derived(self) -> None:
        super().update_derived()
        self.preview.value = agreement_html(self.session.circle)


class FollowUpPage(StepPage):
    def body(self) -> list[widgets.Widget]:
        items = [(f"{i}. {a.action[:50]}", a.id)
                 for i, a in enumerate(self.session.circle.agreement, 1)]
        editor = self.editor(
            custom={"progress": lambda s: per_ref_control(
                s, items, key="item", choice="progress",
                choices=[(p.label, p.value) for p in Progress], text="setback",
                text_label=_("Setbacks"), none_label=_("Not discussed"),
                choice_label=_("Progress on {name}"))},
            columns=["held_on", "feels_safe", "next_on"],
            describe=lambda c: _("Check-in on {date}").format(date=format_date(c.held_on)),
        )
        return self.with_picture(_("Progress"), _("Check-ins"), editor)

    def draw(self) -> None:
        from .charts import progress_png

        self.picture.value = progress_png(self.session.circle)


class SafetyPlanPage(StepPage):
    def refs(self) -> dict[str, Options]:
        return {"holder": self.harmed_first()}

    def body(self) -> list[widgets.Widget]:
        editor = self.editor(columns=["holder", "situation", "services"])
        return [widgets.HTML(tag("h2", _("Situations"))), editor.widget]


PAGES: dict[str, type[StepPage]] = {
    "setup": SetupPage,
    "harm_map": HarmMapPage,
    "pods": PodsPage,
    "needs": NeedsPage,
    "agreement": AgreementPage,
    "follow_up": FollowUpPage,
    "safety_plan": SafetyPlanPage,
}


def step_page(store: Store, circle_id: str, step_key: str) -> StepPage:
    return PAGES[step_key](store, circle_id, step_key)


__all__ = ["PAGES", "StepPage", "step_page"]
