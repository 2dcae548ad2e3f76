"""Anonymised pandas frames across stored circles, for researchers.

Only counts of controlled-vocabulary values leave here: no free text, no aliases, no ids, no
dates. Practice circles are never counted, nor circles where anyone has not agreed to
anonymised research. Each count is of circles' content, so circles are its contributors: a
count is shown only when at least ``MIN_COUNT`` circles are behind it and no one circle gives
more than half of it (``circlekit.analysis.disclosure``); otherwise it is missing. No totals
are given from which a hidden count could be worked out.

Frames published again later are checked against the ledger (``earlier``: every research
release already published): a count that moved by fewer than ``MIN_COUNT`` since a release
showed it is hidden, because the difference would be a small count of its own (the one
circle that joined, say). A count missing from a release was none at the time. With no
totals, a count has no other relation to check, so this is the whole audit across releases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from ..i18n import _
from ..model import Circle, ConsentScope
from ..model.release import Release
from ..model.vocab import Choice, HarmType, ItemKind, ItemStatus, NeedCategory, NeedStatus
from ..store import Store
from .disclosure import MIN_CONTRIBUTORS, Cell, Publication, protect

MIN_COUNT = MIN_CONTRIBUTORS
KIND = "research"  # the kind of its releases in the ledger
Keys = tuple[Choice | int, ...]


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


def ledger_key(table: str, keys: Keys) -> list[str]:
    """How the ledger names a count: its table, then its values."""
    return [table, *(str(k.value if isinstance(k, Choice) else k) for k in keys)]


def moved(table: str, counts: dict[Keys, int], earlier: Sequence[Release]) -> set[Keys]:
    """The counts of ``table`` that differ from what an earlier release showed by fewer than
    ``MIN_COUNT`` (a release that had no such count showed none of it)."""
    named = {keys: tuple(ledger_key(table, keys)) for keys in counts}
    found = set()
    for release in earlier:
        shown, hidden = release.values(), release.hidden_keys()
        for keys, n in counts.items():
            key = named[keys]
            if key in hidden:
                continue  # nothing exact was learnt from it
            if 0 < abs(n - shown.get(key, 0)) < MIN_COUNT:
                found.add(keys)
    return found


def _shown(cells: dict[Keys, Cell], table: str, earlier: Sequence[Release]
           ) -> dict[Keys, int | None]:
    """Counts as published: hidden (None) unless enough circles, none dominant, are behind,
    and unless the count moved too little since an earlier release showed it."""
    hidden = protect(Publication(dict(cells)))
    hidden |= moved(table, {k: c.value for k, c in cells.items() if k not in hidden}, earlier)
    return {k: None if k in hidden else c.value for k, c in cells.items()}


def _frame(cells: dict[Keys, Cell], columns: list[str], table: str,
           earlier: Sequence[Release]) -> pd.DataFrame:
    rows = [
        {**{col: key.value for col, key in zip(columns, keys, strict=True)},  # type: ignore[union-attr]
         **{f"{col}_label": key.label for col, key in zip(columns, keys, strict=True)},  # type: ignore[union-attr]
         "count": pd.NA if n is None else n}
        for keys, n in sorted(_shown(cells, table, earlier).items())  # type: ignore[type-var]
    ]
    order = columns + [f"{c}_label" for c in columns] + ["count"]
    frame = pd.DataFrame(rows, columns=order)
    frame["count"] = frame["count"].astype("Int64")
    return frame


def harms_by_type(circles: Iterable[Circle], earlier: Sequence[Release] = ()
                  ) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(HarmType(t),) for h in c.harms
                                              for t in h.harm_types]), ["harm_type"],
                  "harms_by_type", earlier)


def needs_by_category(circles: Iterable[Circle], earlier: Sequence[Release] = ()
                      ) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(NeedCategory(n.category), NeedStatus(n.status))
                                              for n in c.needs]), ["category", "status"],
                  "needs_by_category", earlier)


def items_by_kind(circles: Iterable[Circle], earlier: Sequence[Release] = ()
                  ) -> pd.DataFrame:
    return _frame(_cells(circles, lambda c: [(ItemKind(i.kind), ItemStatus(i.status))
                                              for i in c.agreement]), ["kind", "status"],
                  "items_by_kind", earlier)


def checkin_cells(circles: Iterable[Circle]) -> dict[Keys, Cell]:
    """How many circles had 0, 1, 2 … check-ins, each circle a contributor of 1."""
    per_circle = [len(c.checkins) for c in circles]
    return {(k,): Cell.of(1 for n in per_circle if n == k) for k in set(per_circle)}


def checkin_frame(cells: dict[Keys, Cell], hidden: set[Keys]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{"checkins": k[0], "circles": pd.NA if k in hidden else cells[k].value}
         for k in sorted(cells)],  # type: ignore[type-var]
        columns=["checkins", "circles"],
    )
    frame["circles"] = frame["circles"].astype("Int64")
    return frame


def checkin_counts(circles: Iterable[Circle], earlier: Sequence[Release] = ()
                   ) -> pd.DataFrame:
    """How many circles had 0, 1, 2 … check-ins (on its own; the research chapter protects it
    together with the count of circles, which its cells add up to)."""
    cells = checkin_cells(circles)
    shown = _shown(cells, "checkin_counts", earlier)
    return checkin_frame(cells, {k for k, n in shown.items() if n is None})


def why_nothing_shown(frame: pd.DataFrame, circles: Iterable[Circle]) -> str | None:
    """If ``frame`` shows no count at all, a sentence saying why; else None.

    The sentence states the rules and no number: "2 left out because not everyone agreed"
    would publish a count the "who is counted" table hides, and naming only the reasons that
    apply would say that at least one such circle exists. So it is the same sentence for
    every folder."""
    value = "circles" if "circles" in frame.columns else "count"
    if len(frame) and frame[value].notna().any():
        return None
    return _("Every count is hidden: each needs at least {min} circles behind it, none of "
             "them giving most of it. A circle is counted only when everyone in it agreed to "
             "research; practice circles and circles with nobody recorded yet are never "
             "counted.").format(min=MIN_COUNT)


def frames(store: Store, earlier: Sequence[Release] = ()) -> dict[str, pd.DataFrame]:
    """Every research frame over the eligible circles in ``store``, checked against the
    research releases ``earlier`` already published (the ledger's, oldest first)."""
    circles = eligible(store.circles(include_practice=False))
    return {
        "harms_by_type": harms_by_type(circles, earlier),
        "needs_by_category": needs_by_category(circles, earlier),
        "items_by_kind": items_by_kind(circles, earlier),
        "checkin_counts": checkin_counts(circles, earlier),
    }


def release_of(published: dict[str, pd.DataFrame], published_by: str) -> Release:
    """The ledger's record of publishing the frames ``published``: each count shown, and
    which were hidden; nothing about any circle."""
    shown: list[tuple[list[str], int]] = []
    hidden: list[list[str]] = []
    for table, frame in published.items():
        value = "circles" if "circles" in frame.columns else "count"
        columns = [c for c in frame.columns if c != value and not c.endswith("_label")]
        for record in frame.to_dict("records"):
            key = ledger_key(table, tuple(record[c] for c in columns))
            if pd.isna(record[value]):
                hidden.append(key)
            else:
                shown.append((key, int(record[value])))
    return Release(kind=KIND, published_by=published_by.strip()[:80], shown=shown,
                   hidden=hidden)
