"""Anonymised pandas frames across stored circles, for researchers.

Only counts of controlled-vocabulary values leave here: no free text, no aliases, no ids, no
dates. Practice circles are never counted, nor circles where anyone has not agreed to
anonymised research. Each count is of circles' content, so circles are its contributors: a
count is shown only when at least ``MIN_COUNT`` circles are behind it and no one circle gives
more than half of it (``circlekit.analysis.disclosure``); otherwise it is missing. No totals
are given from which a hidden count could be worked out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

from ..i18n import _, ngettext
from ..model import Circle, ConsentScope
from ..model.vocab import Choice, HarmType, ItemKind, ItemStatus, NeedCategory, NeedStatus
from ..store import Store
from .disclosure import MIN_CONTRIBUTORS, Cell, Publication, protect

MIN_COUNT = MIN_CONTRIBUTORS
Keys = tuple[Choice, ...]


def eligible(circles: Iterable[Circle]) -> list[Circle]:
    """Real circles whose every participant agreed to anonymised research."""
    return [
        c for c in circles
        if not c.practice and c.participants
        and all(ConsentScope.RESEARCH in p.consent.agreed_to for p in c.participants)
    ]


def _cells(circles: Iterable[Circle], rows: Callable[[Circle], Iterable[Keys]]
           ) -> dict[Keys, Cell]:
    """Per combination of values, the count and what each circle contributes to it."""
    per_circle = [Counter(rows(c)) for c in circles]
    keys = {k for counts in per_circle for k in counts}
    return {k: Cell.of(counts[k] for counts in per_circle) for k in keys}


def _shown(cells: dict[Keys, Cell]) -> dict[Keys, int | None]:
    """Counts as published: hidden (None) unless enough circles, none dominant, are behind."""
    hidden = protect(Publication(dict(cells)))
    return {k: None if k in hidden else c.value for k, c in cells.items()}


def _frame(cells: dict[Keys, Cell], columns: list[str]) -> pd.DataFrame:
    rows = [
        {**{col: key.value for col, key in zip(columns, keys, strict=True)},
         **{f"{col}_label": key.label for col, key in zip(columns, keys, strict=True)},
         "count": pd.NA if n is None else n}
        for keys, n in sorted(_shown(cells).items())
    ]
    order = columns + [f"{c}_label" for c in columns] + ["count"]
    frame = pd.DataFrame(rows, columns=order)
    frame["count"] = frame["count"].astype("Int64")
    return frame


def harms_by_type(circles: Iterable[Circle]) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(HarmType(t),) for h in c.harms
                                              for t in h.harm_types]), ["harm_type"])


def needs_by_category(circles: Iterable[Circle]) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(NeedCategory(n.category), NeedStatus(n.status))
                                              for n in c.needs]), ["category", "status"])


def items_by_kind(circles: Iterable[Circle]) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(ItemKind(i.kind), ItemStatus(i.status))
                                              for i in c.agreement]), ["kind", "status"])


def checkin_counts(circles: Iterable[Circle]) -> pd.DataFrame:
    """How many circles had 0, 1, 2 … check-ins."""
    per_circle = [len(c.checkins) for c in circles]
    cells = {k: Cell.of(1 for n in per_circle if n == k) for k in set(per_circle)}
    hidden = protect(Publication(dict(cells)))
    frame = pd.DataFrame(
        [{"checkins": k, "circles": pd.NA if k in hidden else cells[k].value}
         for k in sorted(cells)],
        columns=["checkins", "circles"],
    )
    frame["circles"] = frame["circles"].astype("Int64")
    return frame


def why_nothing_shown(frame: pd.DataFrame, circles: Iterable[Circle]) -> str | None:
    """If ``frame`` shows no count at all, a sentence saying why: how many circles qualify,
    and how many were left out for each reason; else None."""
    value = "circles" if "circles" in frame.columns else "count"
    if len(frame) and frame[value].notna().any():
        return None
    circles = list(circles)
    counted = eligible(circles)
    practice = sum(c.practice for c in circles)
    nobody = sum(not c.practice and not c.participants for c in circles)
    no_consent = len(circles) - len(counted) - practice - nobody
    parts = [ngettext("{n} circle qualifies", "{n} circles qualify", len(counted)).format(
        n=len(counted))]
    left = [text.format(n=n) for n, text in (
        (no_consent, ngettext("{n} left out because not everyone agreed to research",
                              "{n} left out because not everyone agreed to research",
                              no_consent)),
        (practice, ngettext("{n} practice circle left out", "{n} practice circles left out",
                            practice)),
        (nobody, ngettext("{n} left out with nobody recorded yet",
                          "{n} left out with nobody recorded yet", nobody))) if n]
    reason = (_("every count is hidden: each needs at least {min} circles behind it, none of "
                "them giving most of it").format(min=MIN_COUNT) if counted
              else _("nothing to count"))
    return "; ".join([*parts, *left]) + ". " + reason[0].upper() + reason[1:] + "."


def frames(store: Store) -> dict[str, pd.DataFrame]:
    """Every research frame over the eligible circles in ``store``."""
    circles = eligible(store.circles(include_practice=False))
    return {
        "harms_by_type": harms_by_type(circles),
        "needs_by_category": needs_by_category(circles),
        "items_by_kind": items_by_kind(circles),
        "checkin_counts": checkin_counts(circles),
    }
