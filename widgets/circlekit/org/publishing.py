"""An incident report planned against the ledger, previewed, then published.

``plan`` decides what a report of a period and area may show, given every report already
published (``analysis.ledger``); ``publish`` writes its release to the ledger. The preview
and the published report are the same plan, so what a reader gets is what was checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..analysis.ledger import protect_with_ledger
from ..i18n import _
from ..model.release import Release, Scope
from .incidents import MIN_COUNT, report_publication, report_publications, report_tables

KIND = "incident-report"


@dataclass
class Plan:
    """A report of one scope as it may be published now."""

    scope: Scope
    tables: dict[str, pd.DataFrame]
    incidents: int  # in scope (never shown unless the tables show it)
    hidden: set[Any] = field(default_factory=set)
    cells: dict[Any, int] = field(default_factory=dict)
    reason: str = ""  # "ledger", "unchecked" or "too-long" where earlier reports asked more

    def why(self) -> str:
        """What the page says when earlier reports made this one hide more."""
        if self.reason == "unchecked":
            return _("Incidents counted in an earlier report were deleted since, so this "
                     "report cannot be checked against it: nothing in it is shown. Choose "
                     "a period and area that no earlier report covered.")
        if self.reason == "too-long":
            return _("Checking this report against every report already published took "
                     "too long, so nothing in it is shown. Choose a period or an area that "
                     "fewer earlier reports cover.")
        if self.reason == "ledger":
            return _("Some counts are hidden because, together with a report already "
                     "published, they would show fewer than {n} incidents (for example a "
                     "month or an area alone). A wider period or area shows more.").format(
                n=MIN_COUNT)
        return ""


def plan(log: pd.DataFrame, releases: list[Release], scope: Scope) -> Plan:
    """What a report of ``scope`` may show, with every release of the ledger published
    before it. ``log`` is the whole log, indexed by position (``incident_frame``)."""
    frame = log[scope.holds(log)]
    pub = report_publication(frame)
    cells = {k: c.value for k, c in pub.cells.items()}
    if len(frame) < MIN_COUNT:  # nothing but hidden totals: nothing for the ledger to add
        return Plan(scope, report_tables(frame), len(frame), set(cells), cells)
    earlier = [r for r in releases if r.kind == KIND]
    hidden, reason = protect_with_ledger(log, earlier, scope, report_publication,
                                         report_publications)
    return Plan(scope, report_tables(frame, hidden), len(frame), hidden, cells, reason)


def release_of(planned: Plan, position: int, published_by: str) -> Release:
    """The ledger's record of publishing ``planned``: its scope and counts, no incident."""
    shown = [(list(k), v) for k, v in planned.cells.items() if k not in planned.hidden]
    return Release(kind=KIND, published_by=published_by.strip()[:80],
                   start=planned.scope.start, end=planned.scope.end, area=planned.scope.area,
                   log_position=position, shown=shown,
                   hidden=[list(k) for k in planned.hidden])


__all__ = ["KIND", "Plan", "plan", "release_of"]
