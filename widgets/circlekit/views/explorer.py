"""The case explorer: filter, search and read the case-study library."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..content.casestudies import (
    KINDS,
    POPULATIONS,
    SERVICES,
    STRATEGIES,
    THEMES,
    CaseStudy,
    filter_cases,
    options,
    strategies_by_region,
)
from ..i18n import N_, _, current, format_date, ngettext
from ..model import STEPS
from ..render.charts import bars_alt, stacked_bars
from ..render.html import Safe, esc, join, link, png_img, table, tag
from ..session import kernel_scheduler
from .page import START_PAGE, Message, guarded, heading, page, quick_exit, section
from .shared import HTML

ANY = ""
SEARCH_PAUSE = 0.3  # seconds without typing before the search applies
FILTERS = (
    ("country", N_("Country"), "country"),
    ("region", N_("Region"), "region"),
    ("kind", N_("Kind"), "kind"),
    ("population", N_("Population"), "populations"),
    ("strategy", N_("Strategy"), "strategies"),
    ("service", N_("Service"), "services"),
)


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def prose(text: str) -> Safe:
    """Narrative text: escaped first, then paragraphs and **bold**, nothing else."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for p in paragraphs:
        safe = esc(" ".join(p.split()))
        rendered.append("<p>" + _BOLD.sub(r"<strong>\1</strong>", safe) + "</p>")
    return Safe("".join(rendered))


def labelled(values: list[str], labels: dict[str, str]) -> str:
    return ", ".join(_(labels[v]) if v in labels else v for v in values)


def case_html(case: CaseStudy, pages: Path | None = None) -> Safe:
    """One case in full. Every value from the case file is escaped."""
    parts: list[object] = []
    if case.content_note:
        parts.append(tag("p", join([tag("strong", _("Content note: ")),
                                    case.localised("content_note")]),
                         class_="ck-content-note", role="note"))
    parts.append(tag("h2", case.title))
    facts = [
        (_("Organisation"), case.organisation),
        (_("Website"), tag("a", str(case.website), href=str(case.website), rel="noreferrer")
         if case.website else ""),
        (_("Where"), case.where),
        (_("Kind"), _(KINDS[case.kind])),
        (_("Populations"), labelled(case.populations, POPULATIONS)),
        (_("Strategies"), labelled(case.strategies, STRATEGIES)),
        (_("Called for"), labelled(case.demands, STRATEGIES)),
        (_("Services"), labelled(case.services, SERVICES)),
        (_("Themes"), labelled(case.themes, THEMES)),
    ]
    parts.append(tag("dl", join(join([tag("dt", k), tag("dd", v)]) for k, v in facts if v),
                     class_="ck-facts"))
    parts.append(tag("p", case.dated_note(), class_="ck-dated-note", role="note"))
    parts += [tag("p", tag("strong", case.localised("summary"))), prose(case.narrative)]
    parts.append(tag("h3", _("In the source's words")))
    for q in case.quotes:
        quote = tag("blockquote", q.text, lang=q.language)
        if q.translation:
            note = _("English translation ({by}): ").format(
                by=q.translation_by or _("unattributed"))
            quote = join([quote, tag("p", join([tag("em", note), q.translation]),
                                     class_="ck-translation")])
        parts.append(quote)
    src = case.source
    when = format_date(src.published) if src.published else _("undated")
    parts.append(tag("p", _("Source: {document}. {publisher}, {date}.").format(
        document=src.document, publisher=src.publisher, date=when),
                     class_="ck-source"))
    parts.append(tag("h3", _("Process steps it illustrates")))
    steps = []
    for s in STEPS:
        if s.key in case.steps:
            served = pages is not None and (pages / s.notebook).exists()
            name = link(_(s.title), s.notebook) if served else tag("strong", _(s.title))
            steps.append(tag("li", join([name, ": ", _(s.purpose)])))
    parts.append(tag("ul", join(steps)))
    parts.append(tag("h3", _("Questions for discussion")))
    parts.append(tag("ol", join(tag("li", q) for q in case.localised("questions") or [])))
    return tag("article", join(parts), class_="ck-case")


def region_chart(bars: dict[str, dict[str, int]], title: str) -> Safe:
    """Bars of cases per strategy, a colour per region, with the counts in words."""
    return png_img(stacked_bars(bars, legend=_("Region"), title=title, xlabel=_("Cases")),
                   bars_alt(bars, title=title))


class CaseExplorer:
    def __init__(self, cases: list[CaseStudy], pages: Path | None = None,
                 initial: str | None = None) -> None:
        self.cases = cases
        self.pages = pages
        self.filters: dict[str, widgets.Dropdown] = {}
        for key, label, field in FILTERS:
            dropdown = widgets.Dropdown(
                description=_(label), options=[(_("Any"), ANY), *options(cases, field)],
                value=ANY, style={"description_width": "initial"})
            dropdown.observe(lambda _c: self.update(), names="value")
            self.filters[key] = dropdown
        # Applied as the person types, once they pause: each update redraws two charts.
        self.search = widgets.Text(description=_("Search the text"), continuous_update=True,
                                   placeholder=_("e.g. shelter, police, flyer"),
                                   style={"description_width": "initial"})
        self._schedule = kernel_scheduler()
        self._pending: Any = None
        self.search.observe(lambda _c: self.typed(), names="value")
        self.count = HTML()
        self.results = HTML()
        self.chart = HTML()
        self.demands_chart = HTML()
        self.chooser = widgets.Dropdown(description=_("Read a case"),
                                        style={"description_width": "initial"})
        self.chooser.observe(lambda _c: self.show_case(), names="value")
        self.detail = HTML()
        self.message = Message()
        self.update = guarded(self.message)(self.update)  # type: ignore[method-assign]
        filters_box = widgets.Box([*self.filters.values(), self.search])
        filters_box.add_class("ck-filters")
        self.widget = page(
            HTML(join([quick_exit(), tag("p", link(_("Back to the start page"), START_PAGE,
                                                   lang=current()), class_="ck-nav")])),
            heading(_("Case studies"),
                    _("Community responses to violence against women who use drugs, and "
                    "organisations calling themselves to account, as their own statements "
                    "describe them.")),
            section(_("Filter")),
            filters_box,
            self.count,
            self.results,
            section(_("Strategies by region"), _("How many of the matching cases use each "
                    "strategy.")),
            self.chart,
            section(_("Demands by region"), _("How many of the matching cases call for each "
                    "strategy without saying it is in use. Demands are counted apart from "
                    "strategies used.")),
            self.demands_chart,
            section(_("Read a case")),
            self.chooser,
            self.detail,
            self.message,
        )
        self.update()
        if initial in {c.id for c in cases}:
            self.chooser.value = initial

    def typed(self) -> None:
        """Search after a short pause in typing (at once where there is no event loop)."""
        if self._schedule is None:
            self.update()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._schedule(SEARCH_PAUSE, self.update)

    def matching(self) -> list[CaseStudy]:
        chosen = {k: d.value for k, d in self.filters.items()}
        return filter_cases(self.cases, text=self.search.value, **chosen)

    def update(self) -> None:
        self._pending = None
        found = self.matching()
        ids = [c.id for c in found]
        previous = self.chooser.value
        self.chooser.options = [(c.title, c.id) for c in found]
        self.chooser.value = previous if previous in ids else (ids[0] if ids else None)
        self.show_case()
        self.results.value = table(
            [_("Case"), _("Organisation"), _("Where"), _("Kind")],
            [[c.title, c.organisation, c.where, _(KINDS[c.kind])] for c in found],
            empty=_("No case matches. Try fewer filters."))
        self.chart.value = region_chart(strategies_by_region(found), _("Strategies by region"))
        self.demands_chart.value = region_chart(strategies_by_region(found, "demands"),
                                                _("Demands by region"))
        # Last, so the count someone reads (or a test waits for) means the page is current.
        self.count.value = tag("p", ngettext("{n} of {total} cases match.",
                                             "{n} of {total} cases match.", len(found)).format(
                                                 n=len(found), total=len(self.cases)),
                               role="status", class_="ck-help")

    def show_case(self) -> None:
        case = next((c for c in self.cases if c.id == self.chooser.value), None)
        self.detail.value = case_html(case, self.pages) if case else ""
