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

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.disclosure import MIN_CONTRIBUTORS, Cell, Publication, protect
from ..i18n import N_, _
from ..model.incident import Consequence, Incident, Support, What, Who
from ..model.release import Scope
from ..model.vocab import Choice

MIN_COUNT = MIN_CONTRIBUTORS
TOTAL = N_("Total")
HIDDEN = N_("hidden")
# Where a published table puts every row (or column) whose count is hidden or zero.
OTHERS = N_("Others (counts hidden)")
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
    return frame[Scope(start, end, area).holds(frame)]


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
    if frame.empty:  # no incident: every table is its total, and every total is zero
        none: dict[Any, int] = {N: 0, **{(c, ALL): 0 for c in MULTI}}
        return _assemble(none, none, none, none, {c: [] for c in ONE_WAY})
    return publications(frame, pd.Series(0, index=frame.index))[0]


def publications(frame: pd.DataFrame, groups: pd.Series, *, every_code: bool = False
                 ) -> dict[Any, Publication]:
    """``publication`` of each group of rows (``groups``: a label per row), counted in one
    pass over the frame: the ledger needs one per set of incidents the reports tell apart.

    ``every_code``: each group has a cell for every code of the frame, zero or not. A reader
    of several reports does not know which kinds a group lacks; a cell left out would tell.
    """
    chosen = {c: _chosen(frame, c) for c in ONE_WAY}
    what, who = chosen["what"], chosen["who"]
    features: dict[Any, pd.Series] = {N: pd.Series(1, index=frame.index)}
    spreads: dict[Any, pd.Series] = {}
    for column, dummies in chosen.items():
        for code in dummies.columns:
            features[(column, code)] = dummies[code]
        if column in MULTI:
            spreads[(column, ALL)] = dummies.sum(axis=1)
    lengths = what.sum(axis=1)
    for w in who.columns:
        for x in what.columns:
            features[("what×who", x, w)] = what[x] & who[w]
        spreads[("what×who", ALL, w)] = lengths.where(who[w], 0)
    # Columns named by position: pandas would read tuple names as a multi-level index.
    table = pd.DataFrame(dict(enumerate(features.values()))).astype("int32")
    spread = pd.DataFrame(dict(enumerate(spreads.values()))).astype("int32")
    sums = table.groupby(groups).sum()
    spread_sums = spread.groupby(groups).sum()
    spread_counts = (spread > 0).groupby(groups).sum()
    spread_largest = spread.groupby(groups).max()

    def named(row: pd.Series, keys: Iterable[Any]) -> dict[Any, int]:
        return dict(zip(keys, row.tolist(), strict=True))

    codes_of = {c: list(d.columns) for c, d in chosen.items()}
    return {g: _assemble(named(sums.loc[g], features), named(spread_sums.loc[g], spreads),
                         named(spread_counts.loc[g], spreads),
                         named(spread_largest.loc[g], spreads), codes_of, every_code)
            for g in sums.index}


def _assemble(counts: dict[Any, int], spread_sum: dict[Any, int],
              spread_count: dict[Any, int], spread_largest: dict[Any, int],
              codes_of: dict[str, list[str]], every_code: bool = False) -> Publication:
    """One group's cells and relations, from its counts (the codes it holds, or all)."""

    def spread(key: Any) -> Cell:
        return Cell(int(spread_sum[key]), int(spread_count[key]), int(spread_largest[key]),
                    True)

    pub = Publication({N: _counted(int(counts[N]), total=True)})
    held = {column: [c for c in codes if every_code or counts[(column, c)] > 0]
            for column, codes in codes_of.items()}
    for column in ONE_WAY:
        codes = held[column]
        for code in codes:
            pub.cells[(column, code)] = _counted(int(counts[(column, code)]))
        if column in MULTI:
            pub.cells[(column, ALL)] = spread((column, ALL))
            pub.sums([(column, c) for c in codes], (column, ALL))
            width = len(_CHOICES[column])
            pub.no_more((column, ALL), N, width)
            if column == "what":  # every incident has at least one
                pub.no_more(N, (column, ALL))
            for code in codes:
                pub.no_more((column, code), N)
        else:
            pub.sums([(column, c) for c in codes], N)
    whats, whos = held["what"], held["who"]
    for w in whos:
        for x in whats:
            pub.cells[("what×who", x, w)] = _counted(int(counts[("what×who", x, w)]))
            pub.no_more(("what×who", x, w), ("who", w))
        pub.cells[("what×who", ALL, w)] = spread(("what×who", ALL, w))
        pub.sums([("what×who", x, w) for x in whats], ("what×who", ALL, w))
        pub.no_more(("who", w), ("what×who", ALL, w))
        pub.no_more(("what×who", ALL, w), ("who", w), len(What))
    for x in whats:
        pub.sums([("what×who", x, w) for w in whos], ("what", x))
    pub.sums([("what×who", ALL, w) for w in whos], ("what", ALL))
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


def report_tables(frame: pd.DataFrame, hidden: set[Any] | None = None
                  ) -> dict[str, pd.DataFrame]:
    """The published tables: counts only, hidden consistently across all of them (as
    ``disclosure.protect`` decides, or as given: ``plan`` checks them against the ledger).

    With fewer than ``MIN_COUNT`` incidents in scope nothing is published but the (hidden)
    totals: even a row's name, with its count hidden, would say what happened to someone.
    """
    tables = _tables(frame, hidden)
    if 0 < len(frame) < MIN_COUNT:
        return {name: _only_hidden_totals(t) for name, t in tables.items()}
    return tables


def report_publication(frame: pd.DataFrame) -> Publication:
    """Every count of the report on ``frame`` (a month is its period) and their relations."""
    return publication(frame.assign(period=frame["month"]))


def report_publications(frame: pd.DataFrame, groups: pd.Series) -> dict[Any, Publication]:
    """``report_publication`` of each group of rows, every group with every code."""
    return publications(frame.assign(period=frame["month"]), groups, every_code=True)


def _tables(frame: pd.DataFrame, hidden: set[Any] | None = None) -> dict[str, pd.DataFrame]:
    frame = frame.assign(period=frame["month"])
    pub = publication(frame)
    hidden = protect(pub) if hidden is None else hidden
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


def _counted_at_least_once(value: Any) -> bool:
    return not pd.isna(value) and value > 0


def published(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as a reader gets it: no row or column is named unless its count is shown.

    A row "Loss of custody of children: hidden" would say that it happened at least once, and
    a hidden cell beside zeros likewise. So zeros read as hidden too (hidden then means "any
    number, zero included"), and every row, or crosstab column, whose total is hidden or
    zero goes into one "Others" line without a count. Only hides more than the audited
    ``report_tables``, so the audit holds.
    """
    total, others = _(TOTAL), _(OTHERS)
    rows = [r for r in table.index if r != total]
    cols = [c for c in table.columns if c != total]
    if total in table.columns:  # a crosstab: rows and columns by their totals
        kept_rows = [r for r in rows if _counted_at_least_once(table.loc[r, total])]
        kept_cols = [c for c in cols if _counted_at_least_once(table.loc[total, c])]
    else:
        kept_rows = [r for r in rows if _counted_at_least_once(table.loc[r, cols[0]])]
        kept_cols = cols
    folded_rows = [others] if len(kept_rows) < len(rows) else []
    folded_cols = [others] if len(kept_cols) < len(cols) else []
    tail = [total] if total in table.columns else []
    # The "Others" row and column come in empty (hidden) with the reindex.
    out = table.reindex(index=[*kept_rows, *folded_rows, total],
                        columns=[*kept_cols, *folded_cols, *tail])
    in_body = (out.index != total)[:, None]  # zeros read as hidden; totals stay as they are
    out = out.mask(out.eq(0) & in_body)
    out.index.name = table.index.name
    out.columns.name = table.columns.name
    return out.astype("Int64")


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as shown (``published``): hidden counts as the word for hidden (``to_html``
    ignores ``na_rep`` for nullable integers, and would print ``<NA>``)."""
    shown = published(table)
    return shown.astype(object).where(shown.notna(), _(HIDDEN))


def report_csvs(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """File name → CSV text per table as shown, hidden counts written as the word for hidden."""
    return {f"{name}.csv": readable(table).to_csv() for name, table in tables.items()}


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
