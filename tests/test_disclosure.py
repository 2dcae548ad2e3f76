"""Disclosure audit: nothing hidden can be worked out from what is published with it.

The audit does not trust ``circlekit.analysis.disclosure``: it reads only the published tables,
writes down every relation a reader could use (totals, the same count in two tables, that an
incident has one to eight kinds of "what" and at most six consequences), and asks a linear
programme for the least and greatest value of each hidden cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from circlekit.analysis import research
from circlekit.analysis.disclosure import Cell, Publication, bounds, protect, protected
from circlekit.i18n import _
from circlekit.model.synthetic import synthetic_circle
from circlekit.model.vocab import HarmType
from circlekit.org.incidents import (
    Consequence,
    Incident,
    What,
    Who,
    incident_frame,
    labels,
    report_tables,
)

STATS: dict[str, object] = {"logs": 0, "hidden": 0, "narrowest": (0.0, math.inf),
                            "circle_sets": 0, "circle_cells_hidden": 0}
TOTAL = _("Total")


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    yield
    print(f"\naudited {STATS['logs']} logs, {STATS['hidden']} hidden cells, narrowest range "
          f"{STATS['narrowest']}; {STATS['circle_sets']} circle sets, "
          f"{STATS['circle_cells_hidden']} research cells hidden")


class Audit:
    """Hidden cells as LP variables; shown ones as constants."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, str], int] = {}
        self.eq: list[tuple[dict[int, float], float]] = []
        self.ub: list[tuple[dict[int, float], float]] = []

    def term(self, tables: dict[str, pd.DataFrame], name: str, row: str, col: str
             ) -> tuple[dict[int, float], float]:
        value = tables[name].loc[row, col]
        if pd.isna(value):
            i = self.index.setdefault((name, row, col), len(self.index))
            return {i: 1.0}, 0.0
        return {}, float(value)

    def relate(self, terms: list[tuple[float, tuple[dict[int, float], float]]],
               equal: bool) -> None:
        """sum(coefficient * term) == 0 (or <= 0)."""
        line: dict[int, float] = {}
        constant = 0.0
        for a, (variables, value) in terms:
            constant += a * value
            for i, b in variables.items():
                line[i] = line.get(i, 0.0) + a * b
        if any(line.values()):
            (self.eq if equal else self.ub).append((line, -constant))
        else:  # nothing hidden: what is shown must agree with itself
            assert (abs(constant) < 1e-9) if equal else constant <= 1e-9

    def range(self, i: int) -> tuple[float, float]:
        n = len(self.index)

        def matrix(rows: list[tuple[dict[int, float], float]]
                   ) -> tuple[np.ndarray | None, list[float] | None]:
            if not rows:
                return None, None
            a = np.zeros((len(rows), n))
            for r, (line, _b) in enumerate(rows):
                for j, v in line.items():
                    a[r, j] = v
            return a, [b for _l, b in rows]

        a_eq, b_eq = matrix(self.eq)
        a_ub, b_ub = matrix(self.ub)
        out = []
        for sign in (1, -1):
            c = np.zeros(n)
            c[i] = sign
            res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None),
                          method="highs")
            # The truth satisfies every relation, so "infeasible or unbounded" means unbounded.
            assert res.status in (0, 2, 3) and (sign < 0 or res.status == 0), res.message
            out.append(math.inf if res.status else sign * res.fun)
        high = out[1] if math.isinf(out[1]) else math.floor(out[1] + 1e-6)
        return float(math.ceil(out[0] - 1e-6)), float(high)


def audit_report(tables: dict[str, pd.DataFrame]) -> dict[tuple[str, str, str], tuple]:
    """Every hidden cell of a report and the whole values it could take."""
    who, what = _("By who did it"), _("By what happened")
    cons, month, cross = _("By consequence"), _("By month"), _("What happened, by who did it")
    audit = Audit()

    def t(name: str, row: str, col: str = "Incidents") -> tuple[dict[int, float], float]:
        return audit.term(tables, name, row, col)

    # A report of fewer than 5 incidents lists no rows at all, only hidden totals: then no
    # table says it adds up to them.
    listed = len(tables[who]) > 1
    for name in (who, what, cons, month):  # one-way tables add up to their total
        rows = [r for r in tables[name].index if r != TOTAL]
        if listed:
            audit.relate([(1, t(name, r)) for r in rows] + [(-1, t(name, TOTAL))], True)
    table = tables[cross]
    for r in table.index if listed else ():  # the crosstab adds up both ways
        audit.relate([(1, audit.term(tables, cross, r, c)) for c in table.columns if c != TOTAL]
                     + [(-1, audit.term(tables, cross, r, TOTAL))], True)
    for c in table.columns if listed else ():
        audit.relate([(1, audit.term(tables, cross, r, c)) for r in table.index if r != TOTAL]
                     + [(-1, audit.term(tables, cross, TOTAL, c))], True)
    for r in table.index:  # the crosstab's row totals are the counts by what happened
        audit.relate([(1, audit.term(tables, cross, r, TOTAL)), (-1, t(what, r))], True)
    n = t(who, TOTAL)
    audit.relate([(1, n), (-1, t(month, TOTAL))], True)  # both count every incident
    for c in (c for c in table.columns if c != TOTAL):
        mentions = audit.term(tables, cross, TOTAL, c)
        audit.relate([(1, t(who, c)), (-1, mentions)], False)  # one "what" at least …
        audit.relate([(1, mentions), (-len(What), t(who, c))], False)  # … and eight at most
        for r in (r for r in table.index if r != TOTAL):
            audit.relate([(1, audit.term(tables, cross, r, c)), (-1, t(who, c))], False)
    audit.relate([(1, n), (-1, t(what, TOTAL))], False)
    audit.relate([(1, t(what, TOTAL)), (-len(What), n)], False)
    audit.relate([(1, t(cons, TOTAL)), (-len(Consequence), n)], False)
    for name in (what, cons):
        for r in (r for r in tables[name].index if r != TOTAL):
            audit.relate([(1, t(name, r)), (-1, n)], False)
    return {key: audit.range(i) for key, i in audit.index.items()}


def truth(incidents: list[Incident]) -> dict[str, pd.DataFrame]:
    """The same tables with nothing hidden, counted the plain way."""
    named = labels()
    rows = []
    for i in incidents:
        for x in {w.value for w in i.what}:
            rows.append((named["what"][x], named["who"][i.who.value]))
    cross = pd.crosstab(*zip(*rows, strict=True), margins=True, margins_name=TOTAL)

    def one_way(values: list[str]) -> pd.DataFrame:
        counts = pd.Series(values).value_counts()
        counts[TOTAL] = counts.sum()
        return counts.to_frame("Incidents")

    return {
        _("By who did it"): one_way([named["who"][i.who.value] for i in incidents]),
        _("By what happened"): one_way([named["what"][x] for i in incidents
                                        for x in {w.value for w in i.what}]),
        _("By consequence"): one_way([named["consequences"][x] for i in incidents
                                      for x in {c.value for c in i.consequences}]),
        _("What happened, by who did it"): cross,
        _("By month"): one_way([i.month for i in incidents]),
    }


incidents = st.builds(
    lambda month, who, what, consequences: Incident(
        month=f"2026-{month:02d}", area="North", who=who, what=what, consequences=consequences),
    st.integers(1, 6),
    st.sampled_from([Who.POLICE, Who.POLICE, Who.POLICE, Who.CLIENT, Who.PARTNER, Who.SERVICE,
                     Who.OTHER]),
    st.lists(st.sampled_from([What.PHYSICAL, What.VERBAL, What.VERBAL, What.DETENTION,
                              What.SEXUAL, What.CONFISCATION, What.OTHER]),
             min_size=1, max_size=3),
    st.lists(st.sampled_from(list(Consequence)), max_size=2),
)


# Each example solves a linear programme per hidden cell: 150 examples take about a minute
# on two cores, and a loaded machine gets twice the suite's usual limit.
@pytest.mark.timeout(600)
@settings(max_examples=150, deadline=None)
@given(st.lists(incidents, min_size=1, max_size=90))
def test_no_hidden_count_in_a_report_can_be_worked_out(log: list[Incident]) -> None:
    tables = report_tables(incident_frame(log))
    real = truth(log)
    for name, table in tables.items():
        shown = table.stack(future_stack=True).dropna()
        for (row, col), value in shown.items():
            assert value == real[name].loc[row, col], (name, row, col)  # right where shown
            if name in (_("By who did it"), _("By month"), _("What happened, by who did it")) \
                    and not (row == TOTAL or col == TOTAL):
                assert value == 0 or value >= 5, (name, row, col, value)
    ranges = audit_report(tables)
    for (name, row, col), (low, high) in ranges.items():
        assert low <= real[name].loc[row, col] <= high, (name, row, col)
        assert high > low and not (low >= 1 and high <= 4), (name, row, col, low, high)
        assert protected(low, high), (name, row, col, low, high)  # and reaching 5
        if high - low < STATS["narrowest"][1] - STATS["narrowest"][0]:  # type: ignore[index]
            STATS["narrowest"] = (low, high)
    STATS["logs"] += 1  # type: ignore[operator]
    STATS["hidden"] += len(ranges)  # type: ignore[operator]


def test_a_log_of_49_with_rare_kinds_hides_counts_consistently() -> None:
    import random

    rng = random.Random(49)
    log = [Incident(month=f"2026-0{rng.randint(1, 6)}", area="North",
                    who=rng.choice([Who.POLICE, Who.POLICE, Who.CLIENT, Who.PARTNER]),
                    what=[rng.choice([What.PHYSICAL, What.VERBAL, What.DETENTION])])
           for _ in range(46)]
    log += [Incident(month="2026-02", area="North", who=Who.SERVICE, what=[What.SEXUAL])
            for _ in range(3)]
    tables = report_tables(incident_frame(log))
    by_who, by_what = tables[_("By who did it")], tables[_("By what happened")]
    assert pd.isna(by_who.loc["Staff of a service", "Incidents"])
    assert pd.isna(by_what.loc["Sexual violence", "Incidents"])
    cross = tables[_("What happened, by who did it")]
    # The crosstab's row total is the very count hidden in "By what happened".
    assert pd.isna(cross.loc["Sexual violence", TOTAL])
    assert all(protected(*r) for r in audit_report(tables).values())


def test_the_old_subtraction_no_longer_works() -> None:
    """A row total hidden in the crosstab is hidden in "By what happened" too."""
    log = [Incident(month="2026-01", area="North", who=Who.POLICE, what=[What.PHYSICAL])
           for _ in range(20)]
    log += [Incident(month="2026-01", area="North", who=Who.CLIENT, what=[What.PHYSICAL])
            for _ in range(2)]
    log += [Incident(month="2026-01", area="North", who=Who.CLIENT, what=[What.VERBAL])
            for _ in range(9)]
    tables = report_tables(incident_frame(log))
    cross = tables[_("What happened, by who did it")]
    by_what = tables[_("By what happened")]
    for row in cross.index:
        assert pd.isna(cross.loc[row, TOTAL]) == pd.isna(by_what.loc[row, "Incidents"])
    assert all(protected(*r) for r in audit_report(tables).values())


# --- the module on its own -----------------------------------------------------------------

def test_primary_rules_threshold_and_dominance() -> None:
    assert Cell.of([1, 1, 1, 1]).risky()  # four contributors
    assert not Cell.of([1, 1, 1, 1, 1]).risky()
    assert Cell.of([6, 1, 1, 1, 1]).risky()  # one gives 6 of 10
    assert not Cell.of([5, 2, 1, 1, 1]).risky()  # 5 of 10 is not more than half
    assert not Cell.of([]).risky()  # a zero reveals nobody


def test_a_lone_hidden_cell_in_a_sum_takes_a_partner() -> None:
    pub = Publication({"a": Cell.of([1] * 3), "b": Cell.of([1] * 7), "c": Cell.of([1] * 9),
                       "t": Cell.of([1] * 19, total=True)})
    pub.sums(["a", "b", "c"], "t")
    hidden = protect(pub)
    assert hidden == {"a", "b"}  # the smaller other cell, not the total
    assert all(protected(*r) for r in bounds(pub, hidden).values())


def test_an_inequality_can_expose_a_cell() -> None:
    # a <= b with b shown as 2 would pin a hidden a of 2 to 0..2 … and 1..2 once a >= 1.
    pub = Publication({"a": Cell.of([1, 1]), "b": Cell.of([1] * 6), "t": Cell.of([1] * 8)})
    pub.sums(["a", "b"], "t")
    pub.no_more("b", "t")
    hidden = protect(pub)
    assert {"a", "b"} <= hidden or "t" in hidden
    assert all(protected(*r) for r in bounds(pub, hidden).values())


# --- research frames ---------------------------------------------------------------------

POOL = [synthetic_circle(items, seed=seed) for seed, items in
        enumerate([4, 6, 8, 10, 12, 16, 20, 24] * 5)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(range(len(POOL))), unique=True, max_size=len(POOL)))
def test_research_frames_show_only_counts_from_five_circles_none_dominant(
        chosen: list[int]) -> None:
    circles = [POOL[i] for i in chosen]
    frame = research.harms_by_type(circles).set_index("harm_type")["count"]
    per = pd.DataFrame([(c.id, t.value) for c in circles for h in c.harms
                        for t in h.harm_types], columns=["circle", "harm_type"])
    for harm_type, count in frame.items():
        by_circle = per.loc[per["harm_type"] == harm_type, "circle"].value_counts()
        if pd.isna(count):
            STATS["circle_cells_hidden"] += 1  # type: ignore[operator]
            assert len(by_circle) < 5 or by_circle.max() > by_circle.sum() / 2
        else:
            assert count == by_circle.sum()
            assert len(by_circle) >= 5 and by_circle.max() <= count / 2
    for name in ("needs_by_category", "items_by_kind"):
        shown = getattr(research, name)(circles)["count"].dropna()
        assert (shown >= 5).all()
    STATS["circle_sets"] += 1  # type: ignore[operator]


def test_one_circle_alone_shows_no_count_however_many_rows() -> None:
    circle = synthetic_circle(40, seed=3)
    harm = next(iter(HarmType))
    circle = circle.model_copy(update={"harms": [  # the same harm type, many rows
        h.model_copy(update={"harm_types": [harm]}) for h in circle.harms] * 3})
    assert len(circle.harms) >= 6
    for frame in (research.harms_by_type([circle]), research.needs_by_category([circle]),
                  research.items_by_kind([circle]), research.checkin_counts([circle])):
        assert frame.iloc[:, -1].isna().all(), frame


def test_one_circle_cannot_dominate_a_count() -> None:
    big = synthetic_circle(12, seed=1)
    harm = next(iter(HarmType))
    big = big.model_copy(update={"harms": [
        big.harms[0].model_copy(update={"harm_types": [harm]})] * 6})
    others = []
    for seed in range(4):
        c = synthetic_circle(12, seed=10 + seed)
        c.harms = [c.harms[0].model_copy(update={"harm_types": [harm]})]
        others.append(c)
    frame = research.harms_by_type([big, *others]).set_index("harm_type")["count"]
    assert pd.isna(frame[harm.value])  # 5 circles, but one gave 6 of 10
