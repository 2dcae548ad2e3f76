"""The incident report page: choose a period and area, preview, publish through the ledger.

The preview is the plan the ledger allows (``org.publishing``); "Publish" keeps that same
plan in the ledger and offers its files. Nothing is published by previewing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..i18n import _, format_datetime, ngettext
from ..model.release import Scope
from ..org.incidents import report_csvs
from ..org.publishing import KIND, Plan, plan, release_of
from ..render.html import Safe, download_link, join, table, tag
from ..session.background import beside_the_loop
from ..store.records import Ledger, RecordStore
from .forms import STYLE
from .org import exits, incident_report, planned_report
from .page import UNEXPECTED, Message, guarded, heading, log_unexpected, page, section
from .shared import HTML


def _choices(values: list[str], everything: str) -> list[tuple[str, Any]]:
    return [(everything, None), *((v, v) for v in values)]


class IncidentReportPage:
    """Period and area chosen on the page; the preview follows at once."""

    def __init__(self, records: RecordStore, start: str | None = None,
                 end: str | None = None, area: str | None = None) -> None:
        self.records = records
        self.ledger = Ledger(records)
        self.log = records.incident_frame()
        months = sorted(self.log["month"].unique())
        areas = sorted(a for a in self.log["area"].unique() if a)
        self.start = widgets.Dropdown(description=_("From"), style=STYLE,
                                      options=_choices(months, _("From the first month")))
        self.end = widgets.Dropdown(description=_("To"), style=STYLE,
                                    options=_choices(months, _("To the last month")))
        self.area = widgets.Dropdown(description=_("Where"), style=STYLE,
                                     options=_choices(areas, _("All areas")))
        for box, value in ((self.start, start), (self.end, end), (self.area, area)):
            if value in {v for _label, v in box.options}:
                box.value = value
        self.preview = HTML()
        self.preview.add_class("ck-report-preview")
        self.message = Message()
        self.by = widgets.Text(description=_("Published by"), style=STYLE,
                               placeholder=_("e.g. the drop-in's team"))
        self.publish_button = widgets.Button(description=_("Publish this report"),
                                             button_style="primary", icon="check")
        self.publish_button.on_click(guarded(self.message)(lambda _b: self.publish()))
        self.files = HTML()
        self.published = HTML()
        for box in (self.start, self.end, self.area):
            box.observe(lambda _c: guarded(self.message)(self.refresh)(), names="value")
        choose = widgets.HBox([self.start, self.end, self.area])
        choose.add_class("ck-report-scope")
        self.widget = page(
            HTML(exits()),
            heading(_("Incident report"), _(
                "Counts from the anonymous incident log, ready to publish: no free text, no "
                "names, categories only. Every report is checked together with the reports "
                "already published, so that no count can be worked out from them.")),
            section(_("Period and area")), choose,
            section(_("Preview"), _("What a reader of this report would get. Nothing is "
                                    "published until you press “Publish this report”.")),
            self.preview,
            section(_("Publish")), self.by, self.publish_button, self.message, self.files,
            section(_("Reports already published")), self.published,
        )
        self.plan: Plan | None = None
        self.refresh()

    @property
    def scope(self) -> Scope:
        return Scope(self.start.value, self.end.value, self.area.value)

    def refresh(self) -> None:
        """Plan the chosen scope against the ledger (beside the kernel's loop: with many
        reports published this takes a while), then show it."""
        self.files.value = ""
        self.plan = None
        self.publish_button.disabled = True
        releases = self.ledger.releases(KIND)
        self.preview.value = tag("p", ngettext(
            "Checking this report against {n} report already published…",
            "Checking this report against {n} reports already published…",
            len(releases)).format(n=len(releases)), class_="ck-saving", role="status")
        scope = self.scope
        beside_the_loop(lambda: plan(self.log, releases, scope),
                        guarded(self.message)(lambda planned: self.show(planned, scope)),
                        self._failed)

    def _failed(self, exc: Exception) -> None:
        log_unexpected(exc)
        self.message.error(_(UNEXPECTED))

    def show(self, planned: Plan, s: Scope) -> None:
        if s != self.scope:
            return  # the choice changed meanwhile: its own check is on its way
        self.plan = planned
        self.preview.value = planned_report(planned, downloads=False)
        self.publish_button.disabled = planned.incidents == 0
        self.show_published()

    def publish(self) -> None:
        """Keep the plan on screen in the ledger, then offer its files."""
        planned = self.plan
        if planned is None:
            return
        if not self.by.value.strip():
            self.message.error(_("Say who publishes it first (a team or a role is enough)."))
            return
        release = release_of(planned, self.records.incident_position(), self.by.value)
        self.ledger.add(release)
        self.publish_button.disabled = True  # published once; another choice plans anew
        s = planned.scope
        report = join([tag("h1", _("Incident report")),
                       incident_report(planned.tables, s.start, s.end, s.area,
                                       downloads=False)])
        self.show_published()
        self.files.value = tag("ul", join([
            tag("li", download_link(_("The report (printable page, HTML)"),
                                    "incident-report.html",
                                    f"<!doctype html><meta charset='utf-8'>{report}".encode(),
                                    "text/html")),
            *(tag("li", download_link(_("{table} (CSV)").format(table=file[:-4]), file, text,
                                      "text/csv"))
              for file, text in report_csvs(planned.tables).items())]))
        # Said last: the browser shows the list and the files before it says they are there.
        self.message.ok(_("Published on {when}. It is listed below; later reports are checked "
                          "against it.").format(when=format_datetime(release.published_at)))

    def show_published(self) -> None:
        releases = self.ledger.releases(KIND)
        if not releases:
            self.published.value = tag("p", _("None yet."), class_="ck-empty")
            return
        rows = [[format_datetime(r.published_at), r.published_by,
                 _("{start} to {end}, {area}").format(start=r.start or _("the start"),
                                                     end=r.end or _("now"),
                                                     area=r.area or _("all areas")),
                 ngettext("{n} count shown", "{n} counts shown", len(r.shown)).format(
                     n=len(r.shown))] for r in reversed(releases)]
        self.published.value = Safe(table(
            [_("Published"), _("By"), _("Period and area"), _("Counts")], rows))


__all__ = ["IncidentReportPage"]
