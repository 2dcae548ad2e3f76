"""The three-way merge of two copies of a circle (``circlekit.model.merge``)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from circlekit.model import Circle
from circlekit.model.merge import MISSING, merge, settle
from circlekit.model.synthetic import synthetic_circle


def doc(circle: Circle) -> dict[str, Any]:
    return circle.model_dump(mode="json")


BASE = doc(synthetic_circle(12, seed=3))


def base_doc() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def test_changes_to_different_fields_and_rows_are_both_applied() -> None:
    base = base_doc()
    ours, theirs = base_doc(), base_doc()
    ours["group_agreements"] = ["we meet on Tuesdays"]
    theirs["needs"][0]["own_words"] = "a ride to the clinic"
    theirs["needs"].append({**theirs["needs"][1], "id": "f" * 10, "own_words": "new need"})
    ours["harms"] = ours["harms"][1:]  # one row deleted on our side only
    merged, conflicts = merge(base, ours, theirs)
    assert conflicts == []
    assert merged["group_agreements"] == ["we meet on Tuesdays"]
    assert merged["needs"][0]["own_words"] == "a ride to the clinic"
    assert merged["needs"][-1]["own_words"] == "new need"
    assert [h["id"] for h in merged["harms"]] == [h["id"] for h in base["harms"][1:]]
    Circle.model_validate(merged)


def test_one_field_changed_on_both_sides_is_one_conflict_settled_by_a_choice() -> None:
    base = base_doc()
    ours, theirs = base_doc(), base_doc()
    row = base["needs"][0]["id"]
    ours["needs"][0]["own_words"] = "ours"
    theirs["needs"][0]["own_words"] = "theirs"
    theirs["title"] = "a new name"
    merged, conflicts = merge(base, ours, theirs)
    assert [(c.key, c.ours, c.theirs) for c in conflicts] == [
        (f"needs/#{row}/own_words", "ours", "theirs")]
    assert merged["needs"][0]["own_words"] == "ours" and merged["title"] == "a new name"
    assert settle(merged, conflicts, {conflicts[0].key})["needs"][0]["own_words"] == "theirs"
    assert settle(merged, conflicts, set())["needs"][0]["own_words"] == "ours"


def test_a_row_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    base = base_doc()
    ours, theirs = base_doc(), base_doc()
    gone = ours["needs"].pop(0)
    theirs["needs"][0]["own_words"] = "still needed"
    merged, conflicts = merge(base, ours, theirs)
    (conflict,) = conflicts
    assert conflict.ours is MISSING and conflict.theirs["own_words"] == "still needed"
    assert gone["id"] not in {n["id"] for n in merged["needs"]}
    back = settle(merged, conflicts, {conflict.key})
    assert {n["id"]: n["own_words"] for n in back["needs"]}[gone["id"]] == "still needed"
    Circle.model_validate(back)


def test_the_debrief_is_never_taken_from_the_other_copy() -> None:
    base = base_doc()
    ours, theirs = base_doc(), base_doc()
    theirs["debrief"] = {**theirs["debrief"], "how_i_am": "their private reflection"}
    merged, conflicts = merge(base, ours, theirs)
    assert merged["debrief"] == ours["debrief"] and conflicts == []


texts = st.text(max_size=8)


@settings(max_examples=200, deadline=None)
@given(b=texts, o=texts, t=texts)
def test_the_merge_is_what_each_side_changed(b: str, o: str, t: str) -> None:
    merged, conflicts = merge({"a": b, "k": b}, {"a": o, "k": b}, {"a": b, "k": t})
    assert merged == {"a": o, "k": t} and conflicts == []
    merged, conflicts = merge({"a": b}, {"a": o}, {"a": t})
    assert bool(conflicts) == (o != b and t != b and o != t)
    assert merged == {"a": o if conflicts or o != b else t}
