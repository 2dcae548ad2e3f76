"""Disclosure control for every count that leaves the app.

A count is shown only if at least ``MIN_CONTRIBUTORS`` distinct contributors (circles, or
incidents) are behind it and no single contributor makes up more than ``DOMINANCE`` of it
(primary suppression). Then the tables published together are treated as one system of
linear relations: totals are sums of their cells, the same count appears in two tables, a
count cannot exceed another. For every hidden cell, linear programming finds the range of
values consistent with everything shown; where that range is a single value, or stops
below ``MIN_CONTRIBUTORS`` (so a reader would know the count is small), one more cell in a
relation with it is hidden, and the check runs again (secondary suppression), until no
hidden count can be worked out.

ACRO checks research outputs one table at a time and recomputes totals from the cells it
shows; it does no secondary suppression across tables published together, which is what the
incident report needs, so the rules are written here (scipy's HiGHS solver does the bounds).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

MIN_CONTRIBUTORS = 5
DOMINANCE = 0.5  # no shown count where one contributor gives more than half of it

Key = Any  # any hashable: a tuple of choices, a (column, code) pair

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


class TooLong(Exception):
    """The checks ran past the time they were given (``within``)."""


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Give every solve inside the block ``seconds`` in all; past that, the next one raises
    ``TooLong``. A solve is never cut short: an unfinished one would look unbounded, which
    here would read as safe."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


# From this many counts on, HiGHS's interior-point method (with its crossover to an exact
# vertex) solves a system about twice as fast as its simplex: a ledger's joint system of many
# reports has thousands. Below it, the simplex's quick start wins.
INTERIOR_POINT_FROM = 2000


def _linprog(objective: np.ndarray, a_eq: Matrix, b_eq: list[float], a_ub: Matrix,
             b_ub: list[float]) -> Any:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TooLong
    method = "highs-ipm" if len(objective) >= INTERIOR_POINT_FROM else "highs"
    return linprog(objective, A_ub=a_ub, b_ub=b_ub or None, A_eq=a_eq, b_eq=b_eq or None,
                   bounds=(0, None), method=method)
Relation = dict[Key, float]  # sum(coefficient * cell) == 0, or <= 0


@dataclass(frozen=True)
class Cell:
    value: int
    contributors: int
    largest: int = 0  # what the largest single contributor adds to ``value``
    total: bool = False  # a margin: hidden only when nothing else protects

    @classmethod
    def of(cls, contributions: Iterable[int], *, total: bool = False) -> Cell:
        """A cell from what each contributor adds to it (zeros are not contributors)."""
        parts = [n for n in contributions if n > 0]
        return cls(sum(parts), len(parts), max(parts, default=0), total)

    def risky(self) -> bool:
        """Too few contributors, or one that dominates: never shown."""
        if self.value == 0:
            return False
        return (self.contributors < MIN_CONTRIBUTORS
                or self.largest > DOMINANCE * self.value)


@dataclass
class Publication:
    """Cells published together and the relations anyone could use between them."""

    cells: dict[Key, Cell] = field(default_factory=dict)
    equal: list[Relation] = field(default_factory=list)
    at_most: list[Relation] = field(default_factory=list)

    def sums(self, parts: Iterable[Key], total: Key) -> None:
        """``total`` is the sum of ``parts``."""
        relation: Relation = {total: -1.0}
        for key in parts:
            relation[key] = relation.get(key, 0.0) + 1.0
        self.equal.append(relation)

    def no_more(self, small: Key, big: Key, factor: float = 1.0) -> None:
        """``small`` <= ``factor`` * ``big``."""
        if small != big:
            self.at_most.append({small: 1.0, big: -factor})


def protected(low: float, high: float) -> bool:
    """Wide enough: more than one value, and reaching MIN_CONTRIBUTORS, so that no reader can
    even tell that a hidden count is small (let alone that it is 1 to 4)."""
    return high > low and high >= MIN_CONTRIBUTORS


# A system's rows, sparse: most cells are in a few relations only.
Matrix: TypeAlias = "sparse.csr_matrix | None"
System = tuple[list[Key], Matrix, list[float], Matrix, list[float]]


def _systems(publication: Publication, hidden: set[Key]) -> list[System]:
    """The hidden cells in groups no relation joins, each with its linear system:
    (cells, equality rows, their bounds, inequality rows, their bounds)."""
    shown = {k: c.value for k, c in publication.cells.items() if k not in hidden}
    rows: list[tuple[dict[Key, float], float, bool]] = []  # (hidden part, bound, equality)
    for relations, equality in ((publication.equal, True), (publication.at_most, False)):
        for relation in relations:
            part = {k: a for k, a in relation.items() if k in hidden and a}
            if part:
                rows.append((part, -sum(a * shown[k] for k, a in relation.items()
                                        if k not in hidden), equality))
    systems: list[System] = []
    for group, group_rows in _components(hidden, rows):
        index = {k: i for i, k in enumerate(group)}
        built: dict[bool, tuple[list[float], list[int], list[int], list[float]]] = {
            True: ([], [], [], []), False: ([], [], [], [])}
        for part, bound, equality in group_rows:
            values, row_of, column_of, limits = built[equality]
            for k, a in part.items():
                values.append(a)
                row_of.append(len(limits))
                column_of.append(index[k])
            limits.append(bound)

        systems.append((group, _matrix(*built[True], len(group)), built[True][3],
                        _matrix(*built[False], len(group)), built[False][3]))
    return systems


def _matrix(values: list[float], row_of: list[int], column_of: list[int],
            limits: list[float], width: int) -> Matrix:
    if not limits:
        return None
    return sparse.csr_matrix((values, (row_of, column_of)), shape=(len(limits), width))


def bounds(publication: Publication, hidden: set[Key], only: set[Key] | None = None
           ) -> dict[Key, tuple[float, float]]:
    """For each hidden cell (of ``only``, if given), the least and greatest whole value
    consistent with everything shown."""
    result: dict[Key, tuple[float, float]] = {}
    for group, a_eq, b_eq, a_ub, b_ub in _systems(publication, hidden):
        for i, k in enumerate(group):
            if only is None or k in only:
                result[k] = (_extreme(i, 1, a_eq, b_eq, a_ub, b_ub, len(group))[0],
                             _extreme(i, -1, a_eq, b_eq, a_ub, b_ub, len(group))[0])
    return result


def unprotected(publication: Publication, hidden: set[Key], only: set[Key]) -> set[Key]:
    """The cells of ``only`` (hidden) whose range is not ``protected``: as ``bounds`` would
    find, with far fewer solves. The true counts are one consistent answer, so a cell whose
    greatest value is above its true one already has more than one value; and the answer
    found for one cell's greatest value proves every other cell it takes high enough."""
    found: set[Key] = set()
    for group, a_eq, b_eq, a_ub, b_ub in _systems(publication, hidden):
        true = np.array([publication.cells[k].value for k in group], dtype=float)
        need = np.maximum(true + 1, MIN_CONTRIBUTORS)
        open_ = {i for i, k in enumerate(group) if k in only}
        # First push all of them up at once: one answer often proves most of them.
        while len(open_) > 1:
            objective = np.zeros(len(group))
            objective[list(open_)] = -1.0
            point = _solve(objective, a_eq, b_eq, a_ub, b_ub)
            proven = set() if point is None else {
                j for j in open_ if point[j] >= need[j] - 1e-6}
            if not proven:
                break
            open_ -= proven
        while open_:
            i = min(open_)
            high, point = _extreme(i, -1, a_eq, b_eq, a_ub, b_ub, len(group))
            open_.discard(i)
            if point is None:  # no greatest value: free to be anything
                continue
            open_ -= {j for j in open_ if point[j] >= need[j] - 1e-6}
            if high >= need[i]:
                continue
            if high < MIN_CONTRIBUTORS or _extreme(i, 1, a_eq, b_eq, a_ub, b_ub,
                                                   len(group))[0] >= high:
                found.add(group[i])
    return found


def _solve(objective: np.ndarray, a_eq: Matrix, b_eq: list[float],
           a_ub: Matrix, b_ub: list[float]) -> np.ndarray | None:
    """The counts that minimise ``objective``, or None (no bound, or nothing to solve)."""
    if a_eq is None and a_ub is None:
        return None
    found = _linprog(objective, a_eq, b_eq, a_ub, b_ub)
    return found.x if found.status == 0 else None


def _extreme(i: int, sign: int, a_eq: Matrix, b_eq: list[float],
             a_ub: Matrix, b_ub: list[float], n: int
             ) -> tuple[float, np.ndarray | None]:
    """The least (sign 1) or greatest (sign -1) whole value of cell ``i``, and the counts
    that reach it (None where there is no bound)."""
    if a_eq is None and a_ub is None:
        return (0.0, None) if sign > 0 else (math.inf, None)
    objective = np.zeros(n)
    objective[i] = sign
    found = _linprog(objective, a_eq, b_eq, a_ub, b_ub)
    if found.status != 0:
        # Real counts satisfy every relation, so the problem is feasible and bounded below
        # by zero: only a maximum can fail, and then it is unbounded ("infeasible or
        # unbounded" from presolve means the same here).
        return (0.0, None) if sign > 0 else (math.inf, None)
    value = sign * found.fun
    # Counts are whole numbers: the range shrinks to the whole numbers inside it.
    return (float(math.ceil(value - 1e-6) if sign > 0 else math.floor(value + 1e-6)),
            found.x)


def _components(hidden: set[Key], rows: list[tuple[dict[Key, float], float, bool]]
                ) -> list[tuple[list[Key], list[tuple[dict[Key, float], float, bool]]]]:
    """Hidden cells split into groups no relation joins: smaller problems, same answer."""
    parent = {k: k for k in hidden}

    def root(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for part, _bound, _eq in rows:
        first, *rest = part
        for k in rest:
            parent[root(k)] = root(first)
    groups: dict[Key, list[Key]] = {}
    for k in sorted(hidden, key=repr):
        groups.setdefault(root(k), []).append(k)
    by_group: dict[Key, list[tuple[dict[Key, float], float, bool]]] = {r: [] for r in groups}
    for row in rows:
        by_group[root(next(iter(row[0])))].append(row)
    return [(groups[r], by_group[r]) for r in groups]


def protect(publication: Publication, also: Iterable[Key] = ()) -> set[Key]:
    """The cells to hide: primary suppression (and the cells in ``also``, which something
    outside this publication needs hidden), then secondary until nothing can be solved."""
    forced = set(also)
    hidden = _protect(publication, forced)
    # A hidden zero that the rest pins to zero tells nothing about anyone: show it as 0.
    zeros = {k for k in hidden - forced if publication.cells[k].value == 0}
    if zeros:
        known = bounds(publication, hidden, zeros)
        hidden -= {k for k in zeros if k in known and known[k][1] < 0.5}
    return hidden


def _protect(publication: Publication, forced: set[Key]) -> set[Key]:
    hidden = {k for k, c in publication.cells.items() if c.risky()} | forced
    check = set(hidden)
    while True:
        exposed = unprotected(publication, hidden, check)
        if not exposed:
            return hidden
        # Hiding more only widens every range, so only these need checking again.
        check = set(exposed)
        for key in sorted(exposed, key=repr):
            choice = _partner(publication, hidden, key)
            if choice is None:  # nothing left near it: hide everything rather than guess
                return set(publication.cells)
            hidden.add(choice)
            check.add(choice)


def _partner(publication: Publication, hidden: set[Key], key: Key) -> Key | None:
    """The shown cell to hide next for ``key``: in a relation with it (or, failing that,
    with the hidden cells it is linked to), preferring small non-zero counts over totals."""
    relations = publication.equal + publication.at_most
    reached, frontier = {key}, {key}
    while frontier:
        near = [relation for relation in relations if frontier & relation.keys()]
        candidates = {k for relation in near for k in relation
                      if k not in hidden and relation[k]}
        if candidates:
            cells = publication.cells
            return min(candidates, key=lambda k: (cells[k].total, cells[k].value == 0,
                                                  cells[k].value, repr(k)))
        linked = {k for relation in near for k in relation if relation[k]}
        frontier = linked - reached
        reached |= linked
    return None
