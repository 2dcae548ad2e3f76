"""The start page: the circles kept on this computer, and a form to start a new one."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from pydantic import ValidationError

from ..content.practice import FICTIONAL, SCENARIOS, practice_circle
from ..errors import InvalidCircle
from ..i18n import (
    _,
    current,
    format_date,
    format_datetime,
    language_name,
    ngettext,
    set_language,
)
from ..model import Circle, Language, explain
from ..model.vocab import CircleStatus
from ..render.html import join, link, link_href, table, tag
from ..store import CircleSummary, SQLiteStore, Store, apply_retention, scheduled
from ..store.backup import chosen_folder, kept_until, rotate
from .backups import BackupPanel
from .browser import PageOpener
from .circles import CircleLanguage, DeleteCircle, circle_label
from .handover import HandoverPanel
from .page import Message, guarded, heading, page, section
from .shared import HTML
from .transfer import TransferPanel

WORKSPACE = "circle.ipynb"  # one page per circle, every step in it


def circle_rows(circles: list[CircleSummary], first_step: str | None) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in circles:
        title = circle_label(c)
        action: object = link(_("Open"), first_step, circle=c.id) if first_step else ""
        rows.append([
            title,
            Language(c.language).label,
            CircleStatus(c.status).label,
            format_datetime(c.updated),
            action,
        ])
    return rows


class StartPage:
    """Lists stored circles and creates new ones. ``widget`` is what the notebook displays."""

    def __init__(self, store: Store, pages: Path | None = None) -> None:
        self.store = store
        # Link to the workspace only where that page is served next to this one.
        self.first_step = (WORKSPACE if pages is None or (pages / WORKSPACE).exists()
                           else None)
        set_language(store.setting("language"))
        self.widget = widgets.VBox()
        self.widget.add_class("ck-page")
        self.opener = PageOpener()
        self.deleted_by_rule = 0
        self.build()
        # Each circle's own rule for deleting its records is applied whenever this page opens;
        # a problem with the file is said on the page, and the list still shows.
        guarded(self.message)(self.apply_rules)()

    def apply_rules(self) -> None:
        self.deleted_by_rule = apply_retention(self.store)
        folder = chosen_folder(self.store) if isinstance(self.store, SQLiteStore) else None
        if folder is not None and folder.is_dir():
            rotate(folder)  # so no backup outlives the dates the page gives
        if self.deleted_by_rule:
            self.refresh()
            self.message.ok(ngettext(
                "{n} closed circle was deleted today, as its rule for deleting records said.",
                "{n} closed circles were deleted today, as their rules for deleting records "
                "said.", self.deleted_by_rule).format(n=self.deleted_by_rule))

    def switch_language(self, code: str) -> None:
        """Speak ``code`` on this page from now on (remembered in the data folder)."""
        self.store.set_setting("language", set_language(code))
        typed = self.title.value  # the page is rebuilt in the new language: keep what was typed
        self.build()
        self.title.value = typed
        self.message.ok(_("This page is now in {language}.").format(
            language=language_name(current())))

    def build(self) -> None:
        """(Re)create every widget in the active language."""
        store = self.store
        self.message = Message()
        self.page_language = widgets.Dropdown(
            description=_("Language of these pages"), options=Language.options(),
            value=current(), style={"description_width": "initial"})
        self.page_language.observe(
            lambda c: guarded(self.message)(self.switch_language)(c["new"]), names="value")
        self.circle_language = CircleLanguage(store, on_change=lambda: self.refresh())
        self.deletion = DeleteCircle(store, on_delete=lambda: self.refresh())
        self.listing = HTML()
        self.deletions = HTML()
        self.title = widgets.Text(
            description=_("Circle name"),
            placeholder=_("e.g. Spring circle"),
            style={"description_width": "initial"},
        )
        self.language = widgets.Dropdown(
            description=_("Language"),
            options=Language.options(),
            value=current(),
            style={"description_width": "initial"},
        )
        self.create_button = widgets.Button(description=_("Create circle"),
                                            button_style="primary")
        self.create_button.on_click(guarded(self.message)(lambda _b: self.create()))
        self.title.on_submit(guarded(self.message)(lambda _t: self.create()))
        self.scenario = widgets.Dropdown(
            description=_("Practice scenario"),
            options=[(_(sc.title), sc.key) for sc in SCENARIOS],
            style={"description_width": "initial"},
        )
        self.premise = HTML()
        self.practice_button = widgets.Button(description=_("Open a practice copy"))
        self.scenario.observe(lambda _c: self.show_premise(), names="value")
        self.practice_button.on_click(guarded(self.message)(lambda _b: self.add_practice()))
        self.transfer = TransferPanel(store, on_import=self.refresh)
        # Backups are of the SQLite data folder (the only store the app serves).
        self.backups = (BackupPanel(store, on_restore=self.refresh)
                        if isinstance(store, SQLiteStore) else None)
        self.handover = (HandoverPanel(store, on_change=self.refresh)
                         if isinstance(store, SQLiteStore) else None)
        description = Circle.model_fields["title"].description or ""
        help_text = _(description)
        lang = current()
        built = page(
            self.page_language,
            heading(
                _("Circle Notebooks"),
                _("A private, guided space for community accountability circles. "
                "Everything stays on this computer."),
            ),
            section(_("Your circles")),
            self.listing,
            self.deletions,
            *([section(_("Backups"), _(
                "A sealed copy of every circle, made each day there are changes, to a folder "
                "you choose once: a USB stick or an encrypted drive kept somewhere else."
            )), self.backups.widget] if self.backups else []),
            section(_("Start a new circle"), help_text),
            self.title,
            self.language,
            self.create_button,
            self.message,
            section(_("More in this collection")),
            HTML(tag("ul", join(tag("li", link(label, nb, lang=lang)) for label, nb in [
                (_("Case studies"), "10_case_explorer.ipynb"),
                (_("Organisational accountability self-assessment"),
                 "20_org_self_assessment.ipynb"),
                (_("Anonymous incident log"), "21_incident_log.ipynb"),
                (_("Incident report"), "22_incident_report.ipynb"),
            ]))),
            section(_("Practise with a fictional circle"),
                    _("Complete made-up circles for training. They are marked “practice” and "
                    "never counted in research figures.")),
            self.scenario,
            self.premise,
            self.practice_button,
            section(_("Move a circle to another computer"),
                    _("Export a circle to a file, or import one exported elsewhere. Private "
                    "details are left out unless the people they belong to chose to share them.")),
            self.transfer.widget,
            *([section(_("Hand over to a co-facilitator"), _(
                "For the two facilitators of one circle: a packet with the whole circle, every "
                "private detail and its history (never your debrief), sealed with a passphrase "
                "you agree in person. When both have edited, taking in the other's packet "
                "merges the two copies and asks about each field both changed."
            )), self.handover.widget] if self.handover else []),
            section(_("Change the language of a circle"),
                    _("Each circle's pages and documents speak the circle's own language.")),
            self.circle_language.widget,
            section(_("Delete a circle"),
                    _("Removes the circle and every earlier version of it from this computer, "
                      "leaving none of its text in the data file. It cannot be undone.")),
            self.deletion.widget,
        )
        self.widget.children = (*built.children, self.opener)
        self.show_premise()
        self.refresh()

    def show_premise(self) -> None:
        sc = next(s for s in SCENARIOS if s.key == self.scenario.value)
        self.premise.value = join([
            tag("p", _("Content note: {note}").format(note=_(sc.content_note)),
                class_="ck-help"),
            tag("p", _(sc.premise)),
            tag("p", _(FICTIONAL), class_="ck-help"),
        ])

    def add_practice(self) -> Circle:
        circle = practice_circle(self.scenario.value)
        self.store.create(circle, note="practice copy")
        self.refresh()
        self.message.ok(_("Practice circle “{name}” added to your circles.").format(
            name=circle.title))
        if self.first_step:  # open it, as a new circle opens: the copy is there to practise on
            self.opener.go(link_href(self.first_step, circle=circle.id))
        return circle

    def refresh(self) -> None:
        circles = self.store.list()
        self.circle_language.set_circles(circles)
        self.deletion.set_circles(circles)
        self.transfer.set_circles([(circle_label(c), c.id)
                                   for c in circles])
        if self.handover:
            self.handover.set_circles([(circle_label(c), c.id) for c in circles
                                       if not c.practice])
        self.listing.value = table(
            [_("Circle"), _("Language"), _("Stage"), _("Last changed"), ""],
            circle_rows(circles, self.first_step),
            caption=ngettext("{n} circle kept on this computer",
                             "{n} circles kept on this computer", len(circles)).format(
                                 n=len(circles)),
            empty=_("No circles yet. Start one below."),
        )
        if self.backups:
            self.backups.refresh()
        due = scheduled(self.store)
        backed_up = isinstance(self.store, SQLiteStore) and chosen_folder(self.store)
        self.deletions.value = tag("div", join([
            tag("p", _("Deleted on the date their own rule sets. To keep a circle longer, "
                       "change its rule in its setup before then.")),
            tag("ul", join(tag("li", (_("“{name}”: deleted on {date}; backups made before then "
                                        "are gone by {last}") if backed_up else
                                      _("“{name}”: deleted on {date}")).format(
                name=circle_label(s.circle), date=format_date(s.on),
                last=format_date(kept_until(s.on)))) for s in due))]),
            class_="ck-notes ck-deletions", role="note") if due else ""

    def create(self) -> Circle | None:
        try:
            circle = Circle(title=self.title.value, language=self.language.value)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Circle, paths=False)) from None
        self.store.create(circle)
        self.title.value = ""
        self.refresh()
        self.message.ok(_("Circle “{name}” created.").format(name=circle.title))
        # A new circle is made to be worked on: go straight to its workspace.
        if self.first_step:
            self.opener.go(link_href(self.first_step, circle=circle.id))
        return circle
