"""Pages for organisations: the accountability self-assessment and the incident log."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..content.casestudies import load_cases
from ..errors import CircleKitError, StaleSave
from ..i18n import _, current, format_datetime, ngettext
from ..model.display import clip
from ..model.release import Scope
from ..org.assessment import AREAS, Answer, SelfAssessment, area_scores, gaps
from ..org.incidents import (
    MIN_COUNT,
    Incident,
    incident_frame,
    incidents_shown,
    readable,
    report_csvs,
    report_tables,
    shown_counts,
    this_month,
    write_csvs,
)
from ..org.publishing import KIND as REPORT_KIND
from ..org.publishing import Plan, plan, release_of
from ..render.html import Safe, download_link, join, link, png_img, table, tag
from ..store.records import Ledger, RecordStore
from .forms import STYLE, control_for
from .page import START_PAGE, Message, guarded, heading, page, quick_exit, section
from .shared import HTML

KIND = "self-assessment"
# Answers given within this time of the last save belong to the same sitting: each is saved
# at once, into the sitting's one version, so "Progress over time" shows sittings, not clicks.
SITTING = timedelta(minutes=30)
SITTINGS_SHOWN = 6  # newest first; a narrow screen shows the first three (style.css)


def exits() -> Safe:
    """Quick exit, and the way back to the start page in the language in use."""
    return join([quick_exit(), tag("p", link(_("Back to the start page"), START_PAGE,
                                             lang=current()), class_="ck-nav")])


def assessment_report(assessment: SelfAssessment, case_titles: dict[str, str]) -> Safe:
    """The printable report: scores per area, the gaps, and a next action for each."""
    scores = area_scores(assessment)
    items = []
    for area, question, answer in gaps(assessment):
        cases = [link(case_titles.get(c, c), "10_case_explorer.ipynb", case=c)
                 for c in question.cases]
        items.append(tag("li", join([
            tag("p", join([tag("strong", _(area.title)),
                           f": {_(question.text)} ({answer.label})"])),
            tag("p", _("Next action: {action}").format(action=_(question.action))),
            tag("p", join([_("A way shown by: "), *_commas(cases)])) if cases else "",
        ])))
    return join([
        tag("h2", _("Self-assessment: {organisation}").format(
            organisation=assessment.organisation)),
        table([_("Area"), _("Score (of 100)")], [[k, v] for k, v in scores.items()]),
        tag("h3", _("Gaps and next actions")),
        tag("ol", join(items)) if items else tag("p", _("No gaps: every question is answered "
                                                      "“Yes, in place”.")),
    ])


def _commas(parts: list[Safe]) -> list[object]:
    out: list[object] = []
    for i, p in enumerate(parts):
        out += ([", "] if i else []) + [p]
    return out


class SelfAssessmentPage:
    def __init__(self, records: RecordStore) -> None:
        self.records = records
        self.case_titles = {c.id: c.title for c in load_cases()}
        self.message = Message()
        self.chooser = widgets.Dropdown(description=_("Assessment"), style=STYLE)
        self.chooser.observe(lambda c: guarded(self.message)(self.load)(c["new"]),
                             names="value")
        self.organisation = widgets.Text(description=_("Organisation"), style=STYLE,
                                         placeholder=_("e.g. our drop-in"))
        self.new_button = widgets.Button(description=_("Start a new assessment"))
        self.new_button.on_click(guarded(self.message)(lambda _b: self.start()))
        self.delete_button = widgets.Button(description=_("Delete this assessment"),
                                            button_style="danger")
        self.delete_button.on_click(guarded(self.message)(lambda _b: self.delete()))
        self._confirm_delete = False
        self.questions: dict[str, widgets.Dropdown] = {}
        form: list[widgets.Widget] = []
        for area in AREAS:
            form.append(HTML(tag("h3", _(area.title), class_="ck-group")))
            for q in area.questions:
                d = widgets.Dropdown(description=_(q.text), options=Answer.options(),
                                     value=Answer.UNSURE.value, style=STYLE)
                d.observe(lambda c, key=q.key: guarded(self.message)(self.answer)(key, c),
                          names="value")
                self.questions[q.key] = d
                form.append(d)
        self.form = widgets.VBox(form)
        self.form.add_class("ck-form")
        self.current: SelfAssessment | None = None
        self.chart = HTML(self.nothing_to_draw())
        self.report = HTML()
        self.progress = HTML()
        self.version = 0
        self._loading = False
        self.widget = page(
            HTML(exits()),
            heading(_("Accountability self-assessment"),
                    _("Questions drawn from the coalition's demands after the Colombia case "
                    "and the National Harm Reduction Coalition's “Calling Ourselves in”. "
                    "Answers are saved as you go; each sitting is kept, so progress shows "
                    "over time.")),
            section(_("Choose or start an assessment")),
            self.chooser, self.organisation, self.new_button, self.delete_button, self.message,
            section(_("Questions")), self.form,
            section(_("Scores by area")), self.chart, self.report, self.progress,
        )
        self.refresh_list()

    def refresh_list(self) -> None:
        listed = self.records.list(KIND)
        self._loading = True
        self.chooser.options = [(f"{title} ({updated:%Y-%m-%d})", i)
                                for i, title, updated, _ in listed]
        self._loading = False
        if listed:
            self.chooser.value = listed[0][0]
            self.load(listed[0][0])
        self.form.layout.display = "flex" if listed else "none"
        self.delete_button.disabled = not listed

    def start(self) -> None:
        try:
            assessment = SelfAssessment(organisation=self.organisation.value)
        except Exception:  # noqa: BLE001 - pydantic's detail is not for this screen
            raise CircleKitError(_("Give the organisation a name (up to 200 characters) to "
                                 "start an assessment.")) from None
        self.records.create(KIND, assessment, assessment.organisation)
        self.organisation.value = ""
        self.refresh_list()
        self.message.ok(_("New assessment started. Answer the questions below."))

    def delete(self) -> None:
        if self.current is None:
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            self.delete_button.description = _("Yes, delete “{entry}”").format(
                entry=clip(self.current.organisation, 40))
            self.message.error(_("Delete this assessment and all its versions? Click the "
                               "button again to confirm."))
            return
        self.records.delete(KIND, self.current.id)
        self.current, self._confirm_delete = None, False
        self.delete_button.description = _("Delete this assessment")
        self.chart.value, self.report.value, self.progress.value = self.nothing_to_draw(), "", ""
        self.refresh_list()
        self.message.ok(_("The assessment and all its versions were deleted."))

    def load(self, assessment_id: str | None) -> None:
        if self._loading or not assessment_id:
            return
        self.current, self.version = self.records.open(KIND, assessment_id, SelfAssessment)
        self._loading = True
        try:
            for key, dropdown in self.questions.items():
                dropdown.value = self.current.answer(key).value
        finally:
            self._loading = False
        self.form.layout.display = "flex"
        self.redraw()

    def answer(self, key: str, change: dict[str, Any]) -> None:
        if self._loading or self.current is None:
            return
        self.current.answers = {**self.current.answers, key: Answer(change["new"])}
        try:
            self.version = self.records.save(KIND, self.current, self.current.organisation,
                                             self.version, sitting=SITTING)
        except StaleSave as exc:
            self.message.error(str(exc))
            return
        self.redraw()
        # Last, so "Saved" on screen means the scores and report are current too.
        answered = sum(k in self.current.answers for k in self.questions)
        self.message.ok(ngettext("Saved: {n} of {total} question answered.",
                                 "Saved: {n} of {total} questions answered.",
                                 len(self.questions)).format(n=answered,
                                                             total=len(self.questions)))

    def nothing_to_draw(self) -> Safe:
        """The sentence shown where the chart goes until there is something to draw."""
        text = (_("Answer a question above to see the scores by area.")
                if self.current is not None
                else _("Start or choose an assessment to see its scores."))
        return tag("p", text, class_="ck-empty")

    def redraw(self) -> None:
        from ..render.charts import bars_alt, stacked_bars

        assert self.current is not None
        scores = area_scores(self.current)
        if self.current.answers:
            bars = {k: {_("Score"): v} for k, v in scores.items()}
            title = _("Score by area (of 100)")
            picture = stacked_bars(bars, title=title, xlabel=_("Score"), sort=False,
                                   xmax=100)
            self.chart.value = png_img(picture, bars_alt(bars, title=title, sort=False))
        else:
            self.chart.value = self.nothing_to_draw()
        report = assessment_report(self.current, self.case_titles)
        self.report.value = join([report, tag("p", download_link(
            _("Download this report (HTML, printable)"), "self-assessment.html",
            join([Safe("<!doctype html><meta charset=utf-8>"), tag("title", _("Self-assessment")),
                  report]),
            "text/html"))])
        self.progress.value = progress_table(
            self.records.history(KIND, self.current.id, SelfAssessment)[-SITTINGS_SHOWN:])


def progress_table(history: list[tuple[int, datetime, SelfAssessment]]) -> Safe:
    """One column per sitting, newest first, one row per area: it stays narrow however many
    areas there are, so it fits a phone without scrolling sideways."""
    newest_first = list(reversed(history))
    scores = [area_scores(doc) for _v, _w, doc in newest_first]
    return tag("div", join([tag("h3", _("Progress over time")), table(
        [_("Area"), *(format_datetime(when.astimezone()) for _v, when, _d in newest_first)],
        [[_(a.title), *(s[_(a.title)] for s in scores)] for a in AREAS],
        caption=_("Scores (of 100) when each sitting was last saved, newest first."))]),
        class_="ck-progress")


class IncidentLogPage:
    """Add anonymous incidents; see only the published, suppressed counts."""

    FIELDS = ("month", "area", "who", "what", "consequences", "support", "details")

    def __init__(self, records: RecordStore) -> None:
        from ..model.fieldspec import field_spec

        self.records = records
        self.message = Message()
        self.controls = {name: control_for(field_spec(Incident, name)) for name in self.FIELDS}
        self.controls["month"].set(this_month())
        self.add_button = widgets.Button(description=_("Add to the log"), button_style="primary")
        self.add_button.on_click(guarded(self.message)(lambda _b: self.add()))
        self.summary = HTML()
        form = widgets.VBox([c.widget for c in self.controls.values()])
        form.add_class("ck-form")
        self.widget = page(
            HTML(exits()),
            heading(_("Incident log"),
                    _("An anonymous record of negative encounters (police, partners, clients, "
                    "services), as Urban Survivors Union asks its members to keep and as "
                    "bad-date books warn others. No names. Details stay private.")),
            form, self.add_button, self.message,
            section(_("What the log shows (small counts hidden)")), self.summary,
        )
        self.refresh()

    def add(self) -> None:
        values = {name: c.get() for name, c in self.controls.items()}
        self.records.add_incident(values)
        for name in ("what", "consequences", "support", "details"):
            self.controls[name].set([] if name != "details" else "")
        count = self.records.incident_count()
        self.message.ok(ngettext("Added. The log holds {n} incident.",
                                 "Added. The log holds {n} incidents.", count).format(n=count))
        self.refresh()

    def refresh(self) -> None:
        frame = self.records.incident_frame()
        if frame.empty:
            self.summary.value = tag("p", _("No incidents logged yet."), class_="ck-empty")
            return
        tables = report_tables(frame)
        self.summary.value = join(
            join([tag("h3", name), Safe(readable(t).to_html(classes="ck-table"))])
            for name, t in list(tables.items())[:2])


def how_to_read() -> Safe:
    """What a report counts and what a hidden cell means, for anyone who reads it."""
    return join([
        tag("p", _("Each count is a number of incidents from the anonymous log. An incident "
                   "can have several kinds of “what happened” and several consequences, so "
                   "those tables can add up to more than the number of incidents; their "
                   "“Total” counts mentions.")),
        tag("p", _("A cell marked “hidden” is a count from fewer than 5 incidents, or a count "
                   "that would let a reader work out such a count from the totals or from "
                   "another table of this report. All tables here are checked together. A "
                   "hidden cell can hold any number, zero included: do not read it as small.")),
        tag("p", _("A kind whose count is hidden is not named either, since its name alone "
                   "would say that it happened: such kinds are together under “Others (counts "
                   "hidden)”.")),
    ])


def incident_report(tables: dict[str, pd.DataFrame], start: str | None, end: str | None,
                    area: str | None, *, downloads: bool = True) -> Safe:
    """The printable incident report: scope, how to read it, every table (and its CSV)."""
    scope = _("Period and area: {start} to {end}, {area}.").format(
        start=start or _("the start"), end=end or _("now"), area=area or _("all areas"))
    n = incidents_shown(tables)
    if n == 0:
        return join([tag("p", scope), tag("p", _("No incidents in this period and area."),
                                          class_="ck-empty")])
    if all(len(t) == 1 for t in tables.values()):  # too few incidents: only hidden totals
        return join([tag("p", scope), tag("p", _(
            "Fewer than {n} incidents in this period and area: nothing is published, so "
            "that none of them can be recognised.").format(n=MIN_COUNT), class_="ck-empty")])
    count = (_("Incidents in scope: {n}.").format(n=n) if n is not None
             else _("Incidents in scope: hidden, as the tables show."))
    csvs = report_csvs(tables)
    parts = [tag("p", f"{scope} {count}"), how_to_read()]
    for name, t in tables.items():
        parts += [tag("h2", name), Safe(readable(t).to_html(classes="ck-table"))]
        if downloads:
            parts.append(tag("p", download_link(_("Download as CSV"), f"{name}.csv",
                                                csvs[f"{name}.csv"], "text/csv")))
    return join(parts)


def report_page(records: RecordStore, start: str | None, end: str | None, area: str | None,
                csv_dir: str | None = None, publish_by: str | None = None) -> Safe:
    """The incident report of the period and area, checked against every report already
    published, with its chart, under the way out of the page. With ``publish_by`` it is
    published: kept in the ledger, with its CSV links (and files in ``csv_dir``)."""
    ledger = Ledger(records)
    planned = plan(records.incident_frame(), ledger.releases(REPORT_KIND),
                   Scope(start, end, area))
    if csv_dir and not publish_by:
        raise CircleKitError(_("CSV files are what gets published: say who publishes them "
                               "(publish_by), so that later reports are checked against "
                               "them."))
    if publish_by:
        ledger.add(release_of(planned, records.incident_position(), publish_by))
        if csv_dir:
            write_csvs(planned.tables, csv_dir)
    return join([exits(), planned_report(planned, downloads=bool(publish_by))])


def planned_report(planned: Plan, *, downloads: bool) -> Safe:
    """A planned report as a reader gets it: why the ledger hid more (if it did), the
    tables (with their CSV links when ``downloads``), and the chart."""
    s = planned.scope
    parts = [tag("p", planned.why(), class_="ck-message ck-waiting", role="note")
             ] if planned.why() else []
    parts.append(incident_report(planned.tables, s.start, s.end, s.area, downloads=downloads))
    if planned.incidents:
        parts += [tag("h2", _("Who did it")), who_chart(planned.tables)]
    return join(parts)


def who_chart(tables: dict[str, pd.DataFrame]) -> Safe:
    """Bars of incidents by who did it; hidden counts are left out, and the title says so."""
    from ..render.charts import stacked_bars  # matplotlib only when a chart is drawn

    incidents = _("Incidents")
    bars = {k: {incidents: v} for k, v in shown_counts(tables[_("By who did it")]).items()}
    if not bars:
        return tag("p", _("No count by who did it can be shown."), class_="ck-empty")
    title = _("Incidents by who did it (hidden counts left out)")
    return png_img(stacked_bars(bars, title=title, xlabel=incidents), title)


__all__ = ["IncidentLogPage", "SelfAssessmentPage", "incident_frame", "incident_report",
           "who_chart"]
