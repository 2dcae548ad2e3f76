"""An anonymous log of negative encounters, and the aggregates an organisation can publish.

As the sources describe it: Urban Survivors Union asks members to document negative
encounters with police; sex workers' bad-date books warn others. An entry records a month,
a coarse area and categories. There is no field for a name, and free text is private: it
never reaches an aggregate. The tables of a report are published together, so they are
protected together (``circlekit.analysis.disclosure``): every count from fewer than ``MIN_COUNT``
incidents is hidden, with whatever other cells, in any of the tables, would let it be worked
out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.disclosure import MIN_CONTRIBUTORS, Cell, Publication, protect
from ..i18n import N_, _
from ..model.incident import Consequence, Incident, Support, What, Who
from ..model.vocab import Choice

MIN_COUNT = MIN_CONTRIBUTORS
TOTAL = N_("Total")
HIDDEN = N_("hidden")
MULTI = ("what", "consequences", "support")


def incident_frame(incidents: list[Incident]) -> pd.DataFrame:
    """One row per incident, categories only (the private details are not a column).

    Multi-choice fields are comma-joined codes, the form ``report_tables`` counts fastest.
    """
    return pd.DataFrame(
        [(i.month, i.area, i.who.value, ",".join(w.value for w in i.what),
          ",".join(c.value for c in i.consequences), ",".join(s.value for s in i.support))
         for i in incidents],
        columns=["month", "area", "who", *MULTI],
    )


def in_scope(frame: pd.DataFrame, start: str | None = None, end: str | None = None,
             area: str | None = None) -> pd.DataFrame:
    """Rows in the period (months, inclusive) and area; None means no limit."""
    keep = pd.Series(True, index=frame.index)
    if start:
        keep &= frame["month"] >= start
    if end:
        keep &= frame["month"] <= end
    if area:
        keep &= frame["area"] == area
    return frame[keep]


def suppress(table: pd.DataFrame) -> pd.DataFrame:
    """One table of counts (each from as many incidents), with a 'Total' row and column,
    hidden as ``disclosure.protect`` decides for a table published on its own."""
    counts = table.astype("int64")
    counts[TOTAL] = counts.sum(axis=1)
    counts.loc[TOTAL] = counts.sum(axis=0)
    pub = Publication({(r, c): _counted(int(counts.loc[r, c]), total=TOTAL in (r, c))
                       for r in counts.index for c in counts.columns})
    inner_rows, inner_cols = counts.index[:-1], counts.columns[:-1]
    for r in counts.index:
        pub.sums([(r, c) for c in inner_cols], (r, TOTAL))
    for c in counts.columns:
        pub.sums([(r, c) for r in inner_rows], (TOTAL, c))
    hidden = protect(pub)
    return counts.astype("Int64").mask(
        pd.DataFrame([[(r, c) in hidden for c in counts.columns] for r in counts.index],
                     index=counts.index, columns=counts.columns))


def _counted(n: int, *, total: bool = False) -> Cell:
    """A count of ``n`` incidents, each adding one."""
    return Cell(n, n, min(n, 1), total)


def _chosen(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """One boolean column per code chosen in ``column``; repeats within an incident count once."""
    if column in MULTI:
        # A substring test per code is many times faster than str.get_dummies on a big log.
        values = frame[column].fillna("")
        codes = sorted({c for v in values.unique() for c in v.split(",") if c})
        padded = "," + values + ","
        return pd.DataFrame({c: padded.str.contains(f",{c},", regex=False) for c in codes},
                            index=frame.index, dtype=bool)
    return pd.get_dummies(frame[column]).astype(bool)


def _spread(lengths: pd.Series, *, total: bool = True) -> Cell:
    """A total of mentions: each incident adds as many as it has codes chosen."""
    largest = int(lengths.max()) if len(lengths) else 0
    return Cell(int(lengths.sum()), int((lengths > 0).sum()), largest, total)


# Keys of the cells published together. ALL marks a total; N is the number of incidents.
ALL = "*"
N = ("incidents",)
ONE_WAY = ("who", "what", "consequences", "period")


def publication(frame: pd.DataFrame) -> Publication:
    """Every count the report publishes, and every relation between them anyone could use:
    totals are sums, the crosstab's row totals are the "By what happened" counts, both
    single-choice tables add up to the number of incidents, and an incident has at least
    one and at most every kind of "what" (so a count by who bounds the crosstab's column)."""
    pub = Publication({N: _counted(len(frame), total=True)})
    chosen = {c: _chosen(frame, c) for c in ONE_WAY}
    for column, dummies in chosen.items():
        codes = list(dummies.columns)
        for code in codes:
            pub.cells[(column, code)] = _counted(int(dummies[code].sum()))
        if column in MULTI:
            pub.cells[(column, ALL)] = _spread(dummies.sum(axis=1))
            pub.sums([(column, c) for c in codes], (column, ALL))
            width = len(_CHOICES[column])
            pub.no_more((column, ALL), N, width)
            if column == "what":  # every incident has at least one
                pub.no_more(N, (column, ALL))
            for code in codes:
                pub.no_more((column, code), N)
        else:
            pub.sums([(column, c) for c in codes], N)
    what, who = chosen["what"], frame["who"]
    lengths = what.sum(axis=1)
    for w in chosen["who"].columns:
        mine = who == w
        for x in what.columns:
            pub.cells[("what×who", x, w)] = _counted(int((what[x] & mine).sum()))
            pub.no_more(("what×who", x, w), ("who", w))
        pub.cells[("what×who", ALL, w)] = _spread(lengths[mine])
        pub.sums([("what×who", x, w) for x in what.columns], ("what×who", ALL, w))
        pub.no_more(("who", w), ("what×who", ALL, w))
        pub.no_more(("what×who", ALL, w), ("who", w), len(What))
    for x in what.columns:
        pub.sums([("what×who", x, w) for w in chosen["who"].columns], ("what", x))
    pub.sums([("what×who", ALL, w) for w in chosen["who"].columns], ("what", ALL))
    return pub


_CHOICES: dict[str, type[Choice]] = {"what": What, "consequences": Consequence}


def _shown(pub: Publication, hidden: set[object], key: object) -> object:
    return pd.NA if key in hidden else pub.cells[key].value


# What each table's rows are, as a reader sees it (never the code's column names).
AXES = {"who": N_("Who did it"), "what": N_("What happened"),
        "consequences": N_("Consequences"), "period": N_("Month")}


def axis(column: str) -> str:
    """The name of a table's rows or columns, in the reader's language."""
    return _(AXES[column])


def report_tables(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The published tables: counts only, hidden consistently across all of them.

    With fewer than ``MIN_COUNT`` incidents in scope nothing is published but the (hidden)
    totals: even a row's name, with its count hidden, would say what happened to someone.
    """
    tables = _tables(frame)
    if 0 < len(frame) < MIN_COUNT:
        return {name: _only_hidden_totals(t) for name, t in tables.items()}
    return tables


def _tables(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    frame = frame.assign(period=frame["month"])
    pub = publication(frame)
    hidden = protect(pub)
    named = labels() | {"period": {m: m for m in frame["period"].unique()}}

    def one_way(column: str) -> pd.DataFrame:
        codes = sorted((k[1] for k in pub.cells if k[0] == column and k[1] != ALL),
                       key=lambda c: named[column].get(c, c))
        total = (column, ALL) if column in MULTI else N
        table = pd.DataFrame(
            {"Incidents": [_shown(pub, hidden, (column, c)) for c in codes]  # i18n: column
             + [_shown(pub, hidden, total)]},
            index=pd.Index([named[column].get(c, c) for c in codes] + [_(TOTAL)],
                           name=axis(column)),
            dtype="Int64")
        return table

    whats = sorted((k[1] for k in pub.cells if k[0] == "what" and k[1] != ALL),
                   key=lambda c: named["what"].get(c, c))
    whos = sorted((k[1] for k in pub.cells if k[0] == "who"),
                  key=lambda c: named["who"].get(c, c))
    cross = pd.DataFrame(
        [[_shown(pub, hidden, ("what×who", x, w)) for w in whos]
         + [_shown(pub, hidden, ("what", x))] for x in whats]
        + [[_shown(pub, hidden, ("what×who", ALL, w)) for w in whos]
           + [_shown(pub, hidden, ("what", ALL))]],
        index=pd.Index([named["what"].get(x, x) for x in whats] + [_(TOTAL)],
                       name=axis("what")),
        columns=pd.Index([named["who"].get(w, w) for w in whos] + [_(TOTAL)],
                         name=axis("who")),
        dtype="Int64")
    return {
        _("By who did it"): one_way("who"),
        _("By what happened"): one_way("what"),
        _("By consequence"): one_way("consequences"),
        _("What happened, by who did it"): cross,
        _("By month"): one_way("period"),
    }


def _only_hidden_totals(table: pd.DataFrame) -> pd.DataFrame:
    rows = table.loc[[_(TOTAL)]]
    if _(TOTAL) in table.columns:
        rows = rows[[_(TOTAL)]]
    return rows.astype("Int64").map(lambda _v: pd.NA).astype("Int64")


def shown_counts(table: pd.DataFrame, column: str = "Incidents"  # i18n: frame column
                 ) -> dict[str, int]:
    """The counts a table shows in ``column``, without its total and hidden cells."""
    return {str(k): int(v) for k, v in table[column].items()
            if k != _(TOTAL) and not pd.isna(v)}


def incidents_shown(tables: dict[str, pd.DataFrame]) -> int | None:
    """How many incidents the report covers, or None where that number is hidden."""
    total: Any = tables[_("By who did it")].loc[_(TOTAL), "Incidents"]
    return None if pd.isna(total) else int(total)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: hidden counts as the word for hidden (``to_html`` ignores
    ``na_rep`` for nullable integers, and would print ``<NA>``)."""
    return table.astype(object).where(table.notna(), _(HIDDEN))


def report_csvs(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """File name → CSV text per table, hidden counts written as the word for hidden."""
    return {f"{name}.csv": table.to_csv(na_rep=_(HIDDEN)) for name, table in tables.items()}


def write_csvs(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write every table of a report as CSV in ``folder`` (made if missing)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in report_csvs(tables).items():
        (target / name).write_text(text, encoding="utf-8")
        written.append(target / name)
    return written


def labels() -> dict[str, dict[str, str]]:
    """Value → label per field, in the language the page speaks."""
    return {
        "who": {m.value: m.label for m in Who},
        "what": {m.value: m.label for m in What},
        "consequences": {m.value: m.label for m in Consequence},
        "support": {m.value: m.label for m in Support},
    }


def this_month() -> str:
    return date.today().strftime("%Y-%m")
