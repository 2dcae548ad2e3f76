"""Research frames: counts of controlled vocabulary only, small counts suppressed."""

from __future__ import annotations

import pandas as pd

from circlekit.analysis import research
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import SQLiteStore

MARKERS = ("Filler", "River", "Ash", "Synthetic")


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
