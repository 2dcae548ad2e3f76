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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linprog

MIN_CONTRIBUTORS = 5
DOMINANCE = 0.5  # no shown count where one contributor gives more than half of it

Key = Any  # any hashable: a tuple of choices, a (column, code) pair
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


def bounds(publication: Publication, hidden: set[Key], only: set[Key] | None = None
           ) -> dict[Key, tuple[float, float]]:
    """For each hidden cell (of ``only``, if given), the least and greatest whole value
    consistent with everything shown."""
    shown = {k: c.value for k, c in publication.cells.items() if k not in hidden}
    rows: list[tuple[dict[Key, float], float, bool]] = []  # (hidden part, bound, equality)
    for relations, equality in ((publication.equal, True), (publication.at_most, False)):
        for relation in relations:
            part = {k: a for k, a in relation.items() if k in hidden and a}
            if part:
                rows.append((part, -sum(a * shown[k] for k, a in relation.items()
                                        if k not in hidden), equality))
    result: dict[Key, tuple[float, float]] = {}
    for group, group_rows in _components(hidden, rows):
        index = {k: i for i, k in enumerate(group)}
        a_eq: list[np.ndarray] = []
        a_ub: list[np.ndarray] = []
        b_eq: list[float] = []
        b_ub: list[float] = []
        for part, bound, equality in group_rows:
            line = np.zeros(len(group))
            for k, a in part.items():
                line[index[k]] = a
            (a_eq if equality else a_ub).append(line)
            (b_eq if equality else b_ub).append(bound)
        for k in group if only is None else [k for k in group if k in only]:
            result[k] = (_extreme(index[k], 1, a_eq, b_eq, a_ub, b_ub, len(group)),
                         _extreme(index[k], -1, a_eq, b_eq, a_ub, b_ub, len(group)))
    return result


def _extreme(i: int, sign: int, a_eq: list[np.ndarray], b_eq: list[float],
             a_ub: list[np.ndarray], b_ub: list[float], n: int) -> float:
    if not a_eq and not a_ub:
        return 0.0 if sign > 0 else math.inf
    objective = np.zeros(n)
    objective[i] = sign
    found = linprog(objective, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                    A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None,
                    bounds=(0, None), method="highs")
    if found.status != 0:
        # Real counts satisfy every relation, so the problem is feasible and bounded below
        # by zero: only a maximum can fail, and then it is unbounded ("infeasible or
        # unbounded" from presolve means the same here).
        return 0.0 if sign > 0 else math.inf
    value = sign * found.fun
    # Counts are whole numbers: the range shrinks to the whole numbers inside it.
    return float(math.ceil(value - 1e-6) if sign > 0 else math.floor(value + 1e-6))


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


def protect(publication: Publication) -> set[Key]:
    """The cells to hide: primary suppression, then secondary until nothing can be solved."""
    hidden = _protect(publication)
    # A hidden zero that the rest pins to zero tells nothing about anyone: show it as 0.
    zeros = {k for k in hidden if publication.cells[k].value == 0}
    if zeros:
        known = bounds(publication, hidden, zeros)
        hidden -= {k for k in zeros if k in known and known[k][1] < 0.5}
    return hidden


def _protect(publication: Publication) -> set[Key]:
    hidden = {k for k, c in publication.cells.items() if c.risky()}
    check = set(hidden)
    while True:
        exposed = [k for k, (low, high) in bounds(publication, hidden, check).items()
                   if not protected(low, high)]
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
