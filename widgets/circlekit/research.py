"""Anonymised pandas frames across stored circles, for researchers.

Only counts of controlled-vocabulary values leave here: no free text, no aliases, no ids, no
dates. Practice circles are never counted, nor circles where anyone has not agreed to
anonymised research. Any count below ``MIN_COUNT`` is suppressed (shown as missing), and no
totals are given from which a suppressed count could be worked out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from .model import Circle, ConsentScope
from .model.vocab import Choice, HarmType, ItemKind, ItemStatus, NeedCategory, NeedStatus
from .store import Store

MIN_COUNT = 5


def eligible(circles: Iterable[Circle]) -> list[Circle]:
    """Real circles whose every participant agreed to anonymised research."""
    return [
        c for c in circles
        if not c.practice and c.participants
        and all(ConsentScope.RESEARCH in p.consent.agreed_to for p in c.participants)
    ]


def _frame(counts: Counter[tuple[Choice, ...]], columns: list[str]) -> pd.DataFrame:
    rows = [
        {**{col: key.value for col, key in zip(columns, keys, strict=True)},
         **{f"{col}_label": key.label for col, key in zip(columns, keys, strict=True)},
         "count": n if n >= MIN_COUNT else pd.NA}
        for keys, n in sorted(counts.items())
    ]
    order = columns + [f"{c}_label" for c in columns] + ["count"]
    frame = pd.DataFrame(rows, columns=order)
    frame["count"] = frame["count"].astype("Int64")
    return frame


def harms_by_type(circles: Iterable[Circle]) -> pd.DataFrame:
    counts: Counter[tuple[Choice, ...]] = Counter(
        (HarmType(t),) for c in circles for h in c.harms for t in h.harm_types)
    return _frame(counts, ["harm_type"])


def needs_by_category(circles: Iterable[Circle]) -> pd.DataFrame:
    counts: Counter[tuple[Choice, ...]] = Counter(
        (NeedCategory(n.category), NeedStatus(n.status)) for c in circles for n in c.needs)
    return _frame(counts, ["category", "status"])


def items_by_kind(circles: Iterable[Circle]) -> pd.DataFrame:
    counts: Counter[tuple[Choice, ...]] = Counter(
        (ItemKind(i.kind), ItemStatus(i.status)) for c in circles for i in c.agreement)
    return _frame(counts, ["kind", "status"])


def checkin_counts(circles: Iterable[Circle]) -> pd.DataFrame:
    """How many circles had 0, 1, 2 … check-ins."""
    counts = Counter(len(c.checkins) for c in circles)
    frame = pd.DataFrame(
        [{"checkins": k, "circles": n if n >= MIN_COUNT else pd.NA}
         for k, n in sorted(counts.items())],
        columns=["checkins", "circles"],
    )
    frame["circles"] = frame["circles"].astype("Int64")
    return frame


def frames(store: Store) -> dict[str, pd.DataFrame]:
    """Every research frame over the eligible circles in ``store``."""
    circles = eligible(store.circles(include_practice=False))
    return {
        "harms_by_type": harms_by_type(circles),
        "needs_by_category": needs_by_category(circles),
        "items_by_kind": items_by_kind(circles),
        "checkin_counts": checkin_counts(circles),
    }
