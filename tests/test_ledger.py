"""Reports published over time stay safe together: each new report is audited with every
report already in the ledger, by the same linear programming an attacker would use, and by
subtracting every pair of published counts."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circlekit.analysis.disclosure import MIN_CONTRIBUTORS
from circlekit.analysis.ledger import NEW, Scope, exposed, joint, scope_of
from circlekit.model.release import Release
from circlekit.org.incidents import report_publications
from circlekit.org.publishing import plan, release_of

WHO = ["police", "partner", "client", "staff"]
WHAT = ["violence", "theft", "threat", "outing"]
COLUMNS = ["month", "area", "who", "what", "consequences", "support"]


def log_of(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([(*r, "", "") for r in rows], columns=COLUMNS,
                        index=pd.Index(range(1, len(rows) + 1), name="position"))


def busy_quarter(seed: int = 1) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    return [(month, rng.choice(["north", "south"]), rng.choice(WHO), rng.choice(WHAT))
            for month in ("2026-01", "2026-02", "2026-03") for _ in range(20)]


def publish(log: pd.DataFrame, ledger: list[Release], scope: Scope) -> Release:
    release = release_of(plan(log, ledger, scope), int(log.index.max()), "tester")
    ledger.append(release)
    return release


def nothing_can_be_worked_out(log: pd.DataFrame, ledger: list[Release]) -> list[object]:
    """The attacker: every release solved together (a count of each kind within each set of
    incidents the reports tell apart, and every hidden count), then every pair of shown
    counts of one kind subtracted. Returns what gives an incident away."""
    nothing = Scope(start="9999-12")  # no new report: only what is published
    j = joint(log, ledger, nothing, {}, set(), report_publications)
    found: list[object] = sorted(exposed(j, set()), key=repr)
    counted = {r.id: set(log.index[scope_of(r).holds(log) & (log.index <= r.log_position)])
               for r in ledger}
    for a, b in itertools.permutations(ledger, 2):
        if not counted[b.id] <= counted[a.id]:
            continue  # only a report inside another leaves a remainder to read
        for key, value in a.values().items():
            other = b.values().get(key)
            if other is not None and 0 < abs(value - other) < MIN_CONTRIBUTORS:
                found.append((a.id, b.id, key, value - other))
    return found


def test_a_wider_period_with_one_more_incident_gives_nothing_away() -> None:
    rows = busy_quarter()
    ledger: list[Release] = []
    publish(log_of(rows), ledger, Scope("2026-01", "2026-03"))
    log = log_of([*rows, ("2026-04", "north", "staff", "outing")])
    planned = plan(log, ledger, Scope("2026-01", "2026-04"))
    assert planned.reason == "ledger" and "wider period or area" in planned.why()
    # The report alone, as its own rules would show it, would give April away.
    alone = plan(log, [], Scope("2026-01", "2026-04"))
    naive = release_of(alone, int(log.index.max()), "tester")
    assert nothing_can_be_worked_out(log, [*ledger, naive])
    publish(log, ledger, Scope("2026-01", "2026-04"))
    assert nothing_can_be_worked_out(log, ledger) == []
    # The grand total is hidden now: 60 then 61 would say one incident came in April.
    assert ["incidents"] in ledger[1].hidden


def test_an_area_inside_a_published_whole_gives_nothing_away() -> None:
    rows = [*busy_quarter(2), ("2026-02", "east", "staff", "outing")]
    log = log_of(rows)
    ledger: list[Release] = []
    publish(log, ledger, Scope("2026-01", "2026-03"))
    publish(log, ledger, Scope("2026-01", "2026-03", "north"))
    publish(log, ledger, Scope("2026-01", "2026-03", "south"))
    assert nothing_can_be_worked_out(log, ledger) == []


def test_a_corrected_report_after_a_late_entry_gives_nothing_away() -> None:
    rows = busy_quarter(3)
    ledger: list[Release] = []
    publish(log_of(rows), ledger, Scope("2026-01", "2026-03"))
    log = log_of([*rows, ("2026-02", "south", "client", "theft")])  # entered late
    publish(log, ledger, Scope("2026-01", "2026-03"))
    assert nothing_can_be_worked_out(log, ledger) == []
    assert ledger[1].values() != ledger[0].values()  # it is a corrected report


def test_a_report_after_a_counted_incident_was_deleted_shows_nothing() -> None:
    rows = busy_quarter(4)
    ledger: list[Release] = []
    publish(log_of(rows), ledger, Scope("2026-01", "2026-03"))
    log = log_of(rows).drop(index=5)
    planned = plan(log, ledger, Scope("2026-01", "2026-02"))
    assert planned.reason == "unchecked" and planned.hidden == set(planned.cells)
    assert "cannot be checked" in planned.why()


def test_an_audit_that_runs_out_of_time_shows_nothing_and_says_why(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its time, the audit never guesses: the report shows no count, and the page
    says what to choose instead."""
    import circlekit.analysis.ledger as ledger_module

    rows = busy_quarter(3)
    log = log_of([*rows, ("2026-04", "north", "police", "physical")])
    ledger: list[Release] = []
    publish(log_of(rows), ledger, Scope("2026-01", "2026-03"))
    monkeypatch.setattr(ledger_module, "AUDIT_SECONDS", 0.0)
    planned = plan(log, ledger, Scope("2026-01", "2026-04"))
    assert planned.reason == "too-long" and planned.hidden == set(planned.cells)
    assert "took too long" in planned.why() and "fewer earlier reports" in planned.why()


MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"]
scopes = st.builds(
    Scope,
    st.sampled_from([None, *MONTHS]),
    st.sampled_from([None, *MONTHS]),
    st.sampled_from([None, "north", "south"]))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 10_000), size=st.integers(20, 60),
       sequence=st.lists(scopes, min_size=2, max_size=6))
def test_any_sequence_of_overlapping_reports_stays_safe_together(
        seed: int, size: int, sequence: list[Scope]) -> None:
    rng = random.Random(seed)
    rows = [(rng.choice(MONTHS), rng.choice(["north", "south"]), rng.choice(WHO[:3]),
             rng.choice(WHAT[:3])) for _ in range(size)]
    log = log_of(rows)
    ledger: list[Release] = []
    for n, scope in enumerate(sequence):
        # Entries keep coming: each report sees the log as it was when it was published.
        publish(log.iloc[:max(1, size * (n + 1) // len(sequence))], ledger, scope)
    assert nothing_can_be_worked_out(log, ledger) == []


def test_the_new_report_is_the_one_that_hides_more() -> None:
    """Old releases never change: the audit only ever hides cells of the new report."""
    rows = busy_quarter(5)
    ledger: list[Release] = []
    first = publish(log_of(rows), ledger, Scope("2026-01", "2026-03"))
    log = log_of([*rows, ("2026-04", "south", "police", "theft")])
    before = first.model_copy(deep=True)
    publish(log, ledger, Scope("2026-01", "2026-04"))
    assert ledger[0] == before
    assert NEW not in {r.id for r in ledger}


@pytest.mark.parametrize("scope", [Scope("2026-01", "2026-01"), Scope(area="east")])
def test_a_scope_with_too_few_incidents_shows_only_hidden_totals(scope: Scope) -> None:
    log = log_of([*busy_quarter(6)[:3], ("2026-02", "east", "staff", "outing")])
    planned = plan(log, [], scope)
    assert planned.hidden == set(planned.cells)
    assert all(len(t) == 1 for t in planned.tables.values())


def test_reports_that_share_no_incident_with_the_new_one_are_not_solved_again() -> None:
    from circlekit.analysis.ledger import linked

    rows = busy_quarter(7)
    log = log_of([*rows, *(("2026-04", "north", "police", "theft"),) * 6])
    ledger: list[Release] = []
    publish(log, ledger, Scope("2026-01", "2026-01"))
    publish(log, ledger, Scope("2026-01", "2026-02"))
    publish(log, ledger, Scope("2026-03", "2026-03"))
    assert [r.id for r in linked(log, ledger, Scope("2026-04", "2026-04"))] == []
    assert [r.id for r in linked(log, ledger, Scope("2026-02", "2026-02"))] == [
        ledger[0].id, ledger[1].id]  # January reaches February through the second report
    publish(log, ledger, Scope("2026-04", "2026-04"))
    assert nothing_can_be_worked_out(log, ledger) == []


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_both_of_highs_methods_plan_the_same_reports(seed: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Big joint systems are solved by HiGHS's interior-point method, small ones by its
    simplex: both must hide exactly the same counts, so a report never depends on which."""
    import circlekit.analysis.disclosure as disclosure

    rng = random.Random(seed)
    rows = [(rng.choice(MONTHS), rng.choice(["north", "south"]), rng.choice(WHO),
             rng.choice(WHAT)) for _ in range(80)]
    log = log_of(rows)
    sequence = [Scope(*rng.choice([(None, None), (m, m), (MONTHS[0], m)]),
                      rng.choice([None, "north", "south"]))
                for m in rng.sample(MONTHS, 4)]
    planned: dict[int, list[set[object]]] = {}
    for method, threshold in (("simplex", 10**9), ("interior point", 0)):
        monkeypatch.setattr(disclosure, "INTERIOR_POINT_FROM", threshold)
        ledger: list[Release] = []
        hidden = []
        for n, scope in enumerate(sequence):
            shown = log.iloc[:len(rows) * (n + 1) // len(sequence)]
            hidden.append(plan(shown, ledger, scope).hidden)
            publish(shown, ledger, scope)
        planned[threshold] = hidden
        assert nothing_can_be_worked_out(log, ledger) == [], method
    assert planned[0] == planned[10**9]
