"""What an organisation has published, and the audit of a new report against all of it.

Two reports that are each safe can be unsafe together: January–March, then January–April,
and the difference is April alone; the whole city, then the city without its north. So
every report is published through the ledger (``Release``): what it showed, its scope
(period and area) and the last position of the log it counted, never the incidents
behind it. A new report is then checked as one system with every earlier release.

The incidents are split by which releases counted them (their *signature*: the periods and
areas that held them, and whether they were in the log yet). Every relation a report has
between its counts (totals are sums, a count by kind is at most the number of incidents)
holds within each signature too, and each published count is the sum of its signatures.
Linear programming (``disclosure.unprotected``) then finds, for each count a reader must
not learn, the range consistent with everything published: every small hidden count of
every release (fewer than ``MIN_CONTRIBUTORS`` incidents, or one that dominates; a count
hidden only to protect others may be learnt), and every small count of a kind within a
signature (April alone, the north alone).
Where one is pinned, or bounded below ``MIN_CONTRIBUTORS`` while it is small, the new
report hides its own count of that kind too, and the search runs again. Old releases never
change: a reader keeps what they already have.

Why exact counts with a ledger rather than perturbation: national statistics offices add a
small random noise to every cell, keyed to the people behind it (cell-key perturbation, as
in the ABS TableBuilder and the ONS census tables), so that differencing yields only noise.
That needs many tables and many users to be worth its loss of exactness, and it makes a
small organisation's few numbers wrong where readers check them against their own (a drop-
in knows it recorded 12 incidents in March). With a few reports a year, a ledger and
suppression keep every shown count exact and every hidden one safe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..model.release import Release, Scope
from .disclosure import (
    Cell,
    Key,
    Publication,
    TooLong,
    bounds,
    protect,
    unprotected,
    within,
)

NEW = "new"  # the release under audit, in signatures
# How long one report's audit may take before the report is shown with nothing in it: the
# joint system grows with every overlapping release, and a page must not wait for minutes.
AUDIT_SECONDS = 20.0


def scope_of(release: Release) -> Scope:
    return Scope(release.start, release.end, release.area)


def signatures(log: pd.DataFrame, releases: Iterable[Release], new: Scope
               ) -> pd.Series:
    """For each incident of ``log`` (indexed by log position), the releases that counted
    it, and NEW if the new report's scope holds it; incidents in none are dropped."""
    names = [r.id for r in releases] + [NEW]
    # Months as numbers and areas as codes, once: comparing text per report is slow.
    months = pd.to_numeric(log["month"].str.replace("-", "", regex=False)).to_numpy()
    areas = pd.Categorical(log["area"])
    position = log.index.to_numpy()

    def holds(scope: Scope, upto: float = np.inf) -> np.ndarray:
        keep = position <= upto
        if scope.start:
            keep &= months >= int(scope.start.replace("-", ""))
        if scope.end:
            keep &= months <= int(scope.end.replace("-", ""))
        if scope.area:
            code = areas.categories.get_indexer(pd.Index([scope.area]))[0]
            keep &= areas.codes == code if code >= 0 else False
        return keep

    counted = np.column_stack(
        [holds(scope_of(r), r.log_position) for r in releases] + [holds(new)]
    ) if len(log) else np.zeros((0, len(names)), dtype=bool)
    # One label per distinct row of the matrix, found on the rows packed into bytes.
    packed = np.ascontiguousarray(np.packbits(counted, axis=1))
    width = packed.shape[1]
    keys = packed.view(np.dtype((np.void, width))).ravel() if width else np.zeros(
        len(log), dtype=np.uint8)
    unique, which = np.unique(keys, return_inverse=True)
    kinds = np.unpackbits(np.frombuffer(unique.tobytes(), dtype=np.uint8).reshape(
        len(unique), width), axis=1)[:, :len(names)].astype(bool) if width else np.zeros(
        (len(unique), 0), dtype=bool)
    labels = np.array(["".join(f"{n}|" for n, on in zip(names, row, strict=True) if on)
                       for row in kinds], dtype=object)
    joined = pd.Series(labels[which.reshape(-1)] if len(log) else [], index=log.index,
                       dtype=object)
    return joined[joined != ""]


Build = Callable[[pd.DataFrame], Publication]
# The report's publication of each group of rows (a label per row), every code in each.
BuildMany = Callable[[pd.DataFrame, pd.Series], dict[Any, Publication]]


@dataclass
class Joint:
    """The new report and every release, as one publication over signatures."""

    publication: Publication
    signatures: list[str]
    secret: set[Key]  # what a reader must not learn
    hidden: set[Key]  # every count a release hid (a reader does not see it)
    consistent: bool  # the log still adds up to every published count


def linked(log: pd.DataFrame, releases: list[Release], new: Scope) -> list[Release]:
    """The releases that share incidents with the new report, directly or through one
    another. The others form a system of their own: nothing the new report shows can
    change what a reader learns from them, so they need not be solved again."""
    reach = {NEW}
    groups = [set(sig.split("|")) - {""} for sig in signatures(log, releases, new).unique()]
    grown = True
    while grown:
        grown = False
        for group in groups:
            if group & reach and not group <= reach:
                reach |= group
                grown = True
    return [r for r in releases if r.id in reach]


def joint(log: pd.DataFrame, releases: list[Release], new: Scope, shown: dict[Key, int],
          hidden: set[Key], build_many: BuildMany) -> Joint:
    sigs = signatures(log, releases, new)
    pub = Publication()
    names: list[str] = []
    for sig, part in sorted(build_many(log.loc[sigs.index], sigs).items()):
        names.append(str(sig))
        for key, cell in part.cells.items():
            pub.cells[(sig, key)] = cell
        for relation in part.equal:
            pub.equal.append({(sig, k): a for k, a in relation.items()})
        for relation in part.at_most:
            pub.at_most.append({(sig, k): a for k, a in relation.items()})
    # Each published count is the sum of its signatures' counts.
    consistent = True
    secret: set[Key] = set()
    concealed: set[Key] = set()
    published = [(r.id, r.values(), r.hidden_keys()) for r in releases]
    published.append((NEW, shown, hidden))
    for name, values, hid in published:
        for key in set(values) | hid:
            parts = [(sig, key) for sig in names if name in sig.split("|")
                     and (sig, key) in pub.cells]
            total = sum(pub.cells[p].value for p in parts)
            if key in values and values[key] != total:
                consistent = False  # an incident counted then was deleted since
            cell = Cell(values.get(key, total), sum(pub.cells[p].contributors for p in parts),
                        max((pub.cells[p].largest for p in parts), default=0), True)
            pub.cells[(name, key)] = cell
            pub.sums(parts, (name, key))
            # A hidden count a reader must not learn: one that is small or dominated. One
            # hidden only to protect others may be learnt (they are checked themselves).
            if key in hid:
                concealed.add((name, key))
                if cell.risky():
                    secret.add((name, key))
    # Each small count of a kind within a signature: what subtracting one report from
    # another would leave (April alone, the north alone).
    secret |= {k for k, c in pub.cells.items() if len(k) == 2 and k[0] in names
               and c.risky()}
    return Joint(pub, names, secret, concealed, consistent)


def exposed(j: Joint, hidden: set[Key], only: set[Key] | None = None) -> set[Key]:
    """The secrets a reader could work out with ``hidden`` hidden (pinned to one value, or
    bounded below ``MIN_CONTRIBUTORS`` while small)."""
    # A signature's counts are never published: they are what a reader solves for.
    unknown = ({k for k in j.publication.cells if k[0] in j.signatures} | j.secret | j.hidden
               | hidden)
    found = unprotected(j.publication, unknown, only or j.secret)
    # A hidden count that is zero and known to be zero tells nothing about anyone.
    zeros = {k for k in found if j.publication.cells[k].value == 0}
    if zeros:
        known = bounds(j.publication, unknown, zeros)
        found -= {k for k in zeros if known[k][1] < 0.5}
    return found


def audit(log: pd.DataFrame, releases: list[Release], new: Scope, shown: dict[Key, int],
          hidden: set[Key], build_many: BuildMany) -> set[Key] | None:
    """The secrets that the new report, shown as planned, would newly give away (what the
    earlier releases already gave away together is theirs, and cannot be taken back);
    None where the log no longer adds up to what was published, so no check is possible."""
    return audit_joint(joint(log, releases, new, shown, hidden, build_many), shown, hidden)


def hiding(j: Joint, hidden: set[Key]) -> Joint:
    """``j``, built with every count of the new report hidden, with only ``hidden`` hidden:
    the system is the same whichever counts a round shows, so it is built once."""
    showing = {k for k in j.publication.cells if k[0] == NEW and k[1] not in hidden}
    return Joint(j.publication, j.signatures, j.secret - showing, j.hidden - showing,
                 j.consistent)


def audit_joint(j: Joint, shown: dict[Key, int], hidden: set[Key]) -> set[Key] | None:
    """``audit`` of a joint system already built."""
    if not j.consistent:
        return None
    new_cells = {(NEW, k) for k in set(shown) | hidden}
    found = exposed(j, new_cells - {(NEW, k) for k in shown})
    if found:
        found -= exposed(j, new_cells, found)  # given away before this report
    return found


def protect_with_ledger(log: pd.DataFrame, releases: list[Release], new: Scope,
                        build: Build, build_many: BuildMany, rounds: int = 20,
                        seconds: float | None = None) -> tuple[set[Key], str]:
    """The cells the new report hides, so that with every release it stays safe; and why
    it hides more than its own rules would ("" when it does not): "ledger" where earlier
    releases asked for more, "unchecked" where the log changed under them, "too-long"
    where the audit took more than ``seconds`` (default ``AUDIT_SECONDS``; then nothing is
    shown)."""
    pub = build(log[new.holds(log)])
    try:
        with within(AUDIT_SECONDS if seconds is None else seconds):
            return _protect_with_ledger(pub, log, releases, new, build_many, rounds)
    except TooLong:
        return set(pub.cells), "too-long"


def _protect_with_ledger(pub: Publication, log: pd.DataFrame, releases: list[Release],
                         new: Scope, build_many: BuildMany, rounds: int
                         ) -> tuple[set[Key], str]:
    hidden = protect(pub)
    releases = linked(log, releases, new)
    if not releases:
        return hidden, ""
    # The joint system with every count of the new report hidden; each round shows some.
    every = joint(log, releases, new, {}, set(pub.cells), build_many)
    forced: set[Key] = set()
    for _round in range(rounds):
        shown = {k: c.value for k, c in pub.cells.items() if k not in hidden}
        found = audit_joint(hiding(every, hidden), shown, hidden)
        if found is None:
            return set(pub.cells), "unchecked"
        if not found:
            return hidden, "ledger" if forced else ""
        # Hide the new report's counts of the kinds given away; failing that, every count
        # of the same table.
        more = {key for _where, key in found if key in shown}
        if not more:
            families = {key[0] for _where, key in found}
            more = {key for key in shown if key[0] in families}
        if not more:
            break
        forced |= more
        hidden = protect(pub, forced)
    return set(pub.cells), "ledger"  # nothing safe found: publish nothing rather than guess


__all__ = ["AUDIT_SECONDS", "NEW", "Joint", "Release", "Scope", "audit", "audit_joint",
           "hiding", "joint", "linked", "protect_with_ledger", "signatures"]
