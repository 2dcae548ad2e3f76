"""The start page: the circles kept on this computer, and a form to start a new one."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from pydantic import ValidationError

from ..errors import InvalidCircle
from ..model import STEPS, Circle, Language, explain
from ..model.vocab import CircleStatus
from ..practice import FICTIONAL, SCENARIOS, practice_circle
from ..store import CircleSummary, Store
from .html import join, link, table, tag
from .page import Message, guarded, heading, page, section
from .transfer import TransferPanel


def circle_rows(circles: list[CircleSummary], first_step: str | None) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in circles:
        title = c.title + (" (practice)" if c.practice else "")
        action: object = link("Open", first_step, circle=c.id) if first_step else ""
        rows.append([
            title,
            Language(c.language).label,
            CircleStatus(c.status).label,
            c.updated.strftime("%Y-%m-%d %H:%M"),
            action,
        ])
    return rows


class StartPage:
    """Lists stored circles and creates new ones. ``widget`` is what the notebook displays."""

    def __init__(self, store: Store, pages: Path | None = None) -> None:
        self.store = store
        first = STEPS[0].notebook
        # Link to the first step only where that page is served next to this one.
        self.first_step = first if pages is None or (pages / first).exists() else None
        self.listing = widgets.HTML()
        self.title = widgets.Text(
            description="Circle name",
            placeholder="e.g. Spring circle",
            style={"description_width": "initial"},
        )
        self.language = widgets.Dropdown(
            description="Language",
            options=Language.options(),
            value=Language.EN.value,
            style={"description_width": "initial"},
        )
        self.create_button = widgets.Button(description="Create circle", button_style="primary")
        self.message = Message()
        self.create_button.on_click(guarded(self.message)(lambda _b: self.create()))
        self.title.on_submit(guarded(self.message)(lambda _t: self.create()))
        self.scenario = widgets.Dropdown(
            description="Practice scenario",
            options=[(sc.title, sc.key) for sc in SCENARIOS],
            style={"description_width": "initial"},
        )
        self.premise = widgets.HTML()
        self.practice_button = widgets.Button(description="Open a practice copy")
        self.scenario.observe(lambda _c: self.show_premise(), names="value")
        self.practice_button.on_click(guarded(self.message)(lambda _b: self.add_practice()))
        self.transfer = TransferPanel(store, on_import=self.refresh)
        help_text = Circle.model_fields["title"].description or ""
        self.widget = page(
            heading(
                "Circle Notebooks",
                "A private, guided space for community accountability circles. "
                "Everything stays on this computer.",
            ),
            section("Your circles"),
            self.listing,
            section("Start a new circle", help_text),
            self.title,
            self.language,
            self.create_button,
            self.message,
            section("More in this collection"),
            widgets.HTML(tag("ul", join(tag("li", link(label, nb)) for label, nb in [
                ("Case studies", "10_case_explorer.ipynb"),
                ("Organisational accountability self-assessment",
                 "20_org_self_assessment.ipynb"),
                ("Anonymous incident log", "21_incident_log.ipynb"),
                ("Incident report", "22_incident_report.ipynb"),
            ]))),
            section("Practise with a fictional circle",
                    "Complete made-up circles for training. They are marked “practice” and "
                    "never counted in research figures."),
            self.scenario,
            self.premise,
            self.practice_button,
            section("Move a circle to another computer",
                    "Export a circle to a file, or import one exported elsewhere. Private "
                    "details are left out unless the person harmed chose to share them."),
            self.transfer.widget,
        )
        self.show_premise()
        self.refresh()

    def show_premise(self) -> None:
        sc = next(s for s in SCENARIOS if s.key == self.scenario.value)
        self.premise.value = join([
            tag("p", f"Content note: {sc.content_note}", class_="ck-help"),
            tag("p", sc.premise),
            tag("p", FICTIONAL, class_="ck-help"),
        ])

    def add_practice(self) -> Circle:
        circle = practice_circle(self.scenario.value)
        self.store.create(circle, note="practice copy")
        self.refresh()
        self.message.ok(f"Practice circle “{circle.title}” added to your circles.")
        return circle

    def refresh(self) -> None:
        circles = self.store.list()
        self.transfer.set_circles([(c.title + (" (practice)" if c.practice else ""), c.id)
                                   for c in circles])
        self.listing.value = table(
            ["Circle", "Language", "Stage", "Last changed", ""],
            circle_rows(circles, self.first_step),
            caption=f"{len(circles)} circle(s) kept on this computer",
            empty="No circles yet. Start one below.",
        )

    def create(self) -> Circle | None:
        try:
            circle = Circle(title=self.title.value, language=self.language.value)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Circle, paths=False)) from None
        self.store.create(circle)
        self.title.value = ""
        self.refresh()
        self.message.ok(f"Circle “{circle.title}” created.")
        return circle


__all__ = ["StartPage"]
