"""Research frames: counts of controlled vocabulary only, small counts suppressed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circlekit.analysis import research
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import SQLiteStore

MARKERS = ("Filler", "River", "Ash", "Synthetic")
POOL = [synthetic_circle(items, seed=seed) for seed, items in enumerate([4, 8, 12, 16] * 10)]


def stocked(store: SQLiteStore, n: int, **kwargs: object) -> None:
    for i in range(n):
        store.create(synthetic_circle(12, seed=i, **kwargs))  # type: ignore[arg-type]


def test_frames_carry_no_free_text_or_aliases(store: SQLiteStore) -> None:
    stocked(store, 8)
    frames = research.frames(store)
    assert set(frames) == {"harms_by_type", "needs_by_category", "items_by_kind",
                           "checkin_counts"}
    for name, frame in frames.items():
        text = frame.to_csv()
        for marker in MARKERS:
            assert marker not in text, (name, marker)
        assert not any("id" == c or c.endswith("_id") for c in frame.columns)


def test_counts_below_five_are_suppressed(store: SQLiteStore) -> None:
    stocked(store, 8)
    harms = research.frames(store)["harms_by_type"]
    assert harms["count"].isna().any()  # some harm types appear fewer than five times
    shown = harms["count"].dropna()
    assert (shown >= research.MIN_COUNT).all()
    checkins = research.frames(store)["checkin_counts"]
    assert checkins.loc[checkins["checkins"] == 1, "circles"].item() == 8


def test_counts_are_right_where_shown(store: SQLiteStore) -> None:
    stocked(store, 6)
    circles = research.eligible(store.circles())
    per_circle = pd.DataFrame([(c.id, t.value) for c in circles for h in c.harms
                               for t in h.harm_types], columns=["circle", "harm_type"])
    harms = research.frames(store)["harms_by_type"].set_index("harm_type")["count"]
    for harm_type, rows in per_circle.groupby("harm_type"):
        by_circle = rows["circle"].value_counts()
        safe = len(by_circle) >= 5 and by_circle.max() <= len(rows) / 2
        assert harms[harm_type] == len(rows) if safe else pd.isna(harms[harm_type])


def test_practice_circles_and_circles_without_research_consent_are_left_out(
        store: SQLiteStore) -> None:
    stocked(store, 6, research_consent=False)
    for i in range(6):
        practice = synthetic_circle(12, seed=i)
        practice.practice = True
        store.create(practice)
    frames = research.frames(store)
    assert all(len(f) == 0 for f in frames.values())


# --- research frames published over time, through the ledger ------------------------------

def one_harm_circles(n: int, seed: int = 0) -> list:
    """``n`` circles, each naming one harm of the same kind (every other count is small)."""
    from circlekit.model.vocab import HarmType

    harm = next(iter(HarmType))
    made = []
    for i in range(n):
        c = synthetic_circle(12, seed=seed + i)
        c.harms = [c.harms[0].model_copy(update={"harm_types": [harm]})]
        made.append(c)
    return made


def shown_harm(frame: pd.DataFrame) -> object:
    from circlekit.model.vocab import HarmType

    return frame.set_index("harm_type")["count"][next(iter(HarmType)).value]


def test_a_count_that_grew_by_one_since_it_was_published_is_hidden() -> None:
    """Published from 6 circles, then from 7: showing 7 would say what the seventh holds."""
    six = one_harm_circles(6)
    first = {"harms_by_type": research.harms_by_type(six)}
    assert shown_harm(first["harms_by_type"]) == 6
    ledger = [research.release_of(first, "Research team")]
    seven = [*six, *one_harm_circles(1, seed=50)]
    assert shown_harm(research.harms_by_type(seven)) == 7  # alone, it would be shown
    assert pd.isna(shown_harm(research.harms_by_type(seven, ledger)))
    # five more circles: the difference is itself a safe count, so it shows again
    eleven = [*six, *one_harm_circles(5, seed=60)]
    assert shown_harm(research.harms_by_type(eleven, ledger)) == 11
    # unchanged since it was published: shown as it was
    assert shown_harm(research.harms_by_type(six, ledger)) == 6


def test_a_research_release_keeps_counts_and_nothing_of_any_circle(store: SQLiteStore) -> None:
    stocked(store, 8)
    release = research.release_of(research.frames(store), "Research team")
    assert release.kind == research.KIND and release.shown and release.hidden
    text = release.model_dump_json()
    for marker in MARKERS:
        assert marker not in text
    assert all(key[0] in research.frames(store) for key, _n in release.shown)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 39), unique=True, max_size=40), min_size=2,
                max_size=6))
def test_no_two_published_research_counts_differ_by_a_small_count(
        sets: list[list[int]]) -> None:
    """Publish the frames of 2–6 arbitrary sets of circles in turn, through the ledger:
    every count shown twice is equal or differs by at least 5 (a count missing from a
    release was none)."""
    ledger: list = []
    for chosen in sets:
        published = {"harms_by_type": research.harms_by_type([POOL[i] for i in chosen],
                                                             ledger)}
        ledger.append(research.release_of(published, "Research team"))
    seen: dict = {}
    for release in ledger:
        values = release.values()
        for key in set(values) | set(seen):
            if key in release.hidden_keys():
                continue
            now = values.get(key, 0)
            for before in seen.get(key, [0]):
                assert now == before or abs(now - before) >= research.MIN_COUNT, key
        for key in set(values) | set(seen):
            if key not in release.hidden_keys():
                seen.setdefault(key, [0]).append(values.get(key, 0))


def test_a_locked_folder_is_counted_with_the_passphrase_given_to_a_script(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from circlekit.store import KEY_VAR, PASS_VAR, Locked, open_store

    with SQLiteStore(tmp_path) as store:
        stocked(store, 8)
        store.set_passphrase("the team's passphrase")
    monkeypatch.delenv(KEY_VAR, raising=False)
    monkeypatch.delenv(PASS_VAR, raising=False)
    with pytest.raises(Locked, match="set CIRCLEKIT_PASSPHRASE"):
        open_store(tmp_path)
    monkeypatch.setenv(PASS_VAR, "the team's passphrase")
    with open_store(tmp_path) as store:
        assert research.frames(store)["harms_by_type"]["count"].notna().any()
    from circlekit.store.records import Ledger, open_records

    assert Ledger(open_records(tmp_path)).releases(research.KIND) == []  # the ledger opens too
