"""Hand-over packets between two facilitators' copies, on two real data folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from circlekit.errors import ImportRefused
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import SQLiteStore
from circlekit.store.handover import make_packet, open_packet, plan, receive

AGREED = "said aloud at the bus stop"


def shared(store: SQLiteStore, cid: str) -> dict[str, Any]:
    """The circle as both copies should hold it: all but the debrief and the save time."""
    doc = store.open(cid).circle.model_dump(mode="json")
    return {k: v for k, v in doc.items() if k not in {"debrief", "updated"}}


def hand(sender: SQLiteStore, receiver: SQLiteStore, cid: str, name: str,
         theirs_wins: set[str] | None = None) -> int:
    return receive(receiver, open_packet(make_packet(sender, cid, name, AGREED), AGREED),
                   theirs_wins)


def edit(store: SQLiteStore, cid: str, **changes: Any) -> None:
    opened = store.open(cid)
    doc = opened.circle.model_dump()
    for path, value in changes.items():
        where: Any = doc
        *steps, last = path.split("__")
        for step in steps:
            where = where[int(step)] if step.isdigit() else where[step]
        where[int(last) if last.isdigit() else last] = value
    store.save(type(opened.circle).model_validate(doc), opened.version, note="edited")


@pytest.fixture
def copies(tmp_path: Path) -> tuple[SQLiteStore, SQLiteStore, str]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = SQLiteStore(tmp_path / "a"), SQLiteStore(tmp_path / "b")
    circle = synthetic_circle(12, seed=5)
    circle.debrief.how_i_am = "tired; only for me"
    circle.participants[0].contact_preference = "Signal only, after six"
    a.create(circle)
    edit(a, circle.id, group_agreements=["we meet on Tuesdays"])
    yield a, b, circle.id
    a.close()
    b.close()


def test_a_first_packet_brings_the_whole_circle_and_its_history_but_not_the_debrief(
        copies: tuple[SQLiteStore, SQLiteStore, str]) -> None:
    a, b, cid = copies
    hand(a, b, cid, "Sam")
    assert shared(b, cid) == shared(a, cid)
    assert b.open(cid).circle.debrief.how_i_am == ""
    assert [v.note for v in b.history(cid)] == ["created (from Sam's copy)",
                                                "edited (from Sam's copy)"]
    with pytest.raises(ImportRefused, match="does not open this packet"):
        open_packet(make_packet(a, cid, "Sam", AGREED), "another passphrase")
    with pytest.raises(ImportRefused, match="not a hand-over packet"):
        open_packet(b'{"format": "circle-notebooks/circle"}', AGREED)


def test_both_edit_and_the_merge_applies_both_and_asks_about_the_one_shared_field(
        copies: tuple[SQLiteStore, SQLiteStore, str]) -> None:
    a, b, cid = copies
    hand(a, b, cid, "Sam")
    edit(a, cid, needs__0__own_words="a ride to the clinic")  # only Sam
    edit(b, cid, needs__1__who_could_meet="the drop-in")  # only Alex
    edit(a, cid, group_agreements=["we meet on Mondays"])  # both, differently
    edit(b, cid, group_agreements=["we meet on Wednesdays"])
    step = plan(b, open_packet(make_packet(a, cid, "Sam", AGREED), AGREED))
    assert step is not None
    assert [c.key for c in step.conflicts] == ["group_agreements"]
    (conflict,) = step.conflicts
    assert (conflict.ours, conflict.theirs) == (["we meet on Wednesdays"], ["we meet on Mondays"])
    hand(a, b, cid, "Sam", theirs_wins={"group_agreements"})
    merged = b.open(cid).circle
    assert merged.needs[0].own_words == "a ride to the clinic"
    assert merged.needs[1].who_could_meet == "the drop-in"
    assert merged.group_agreements == ["we meet on Mondays"]
    assert b.history(cid)[-1].note == "merged with Sam's copy"
    assert [v.note for v in b.history(cid)][2:] == ["edited", "edited",
                                                    "merged with Sam's copy"]  # all stay

    # Back to Sam: nothing to settle, since Alex's copy merged Sam's already.
    step = plan(a, open_packet(make_packet(b, cid, "Alex", AGREED), AGREED))
    assert step is not None and step.conflicts == []
    hand(b, a, cid, "Alex")
    assert shared(a, cid) == shared(b, cid)
    assert a.open(cid).circle.debrief.how_i_am == "tired; only for me"
    again = plan(a, open_packet(make_packet(b, cid, "Alex", AGREED), AGREED))
    assert again is not None and again.nothing_new  # the same packet twice adds nothing
    before = len(a.history(cid))
    hand(b, a, cid, "Alex")
    assert len(a.history(cid)) == before


def test_no_private_detail_is_lost_across_three_hand_overs(
        copies: tuple[SQLiteStore, SQLiteStore, str]) -> None:
    a, b, cid = copies
    first = shared(a, cid)
    hand(a, b, cid, "Sam")
    hand(b, a, cid, "Alex")
    hand(a, b, cid, "Sam")
    assert shared(a, cid) == shared(b, cid) == first
    private = [p for p in b.open(cid).circle.participants if p.contact_preference]
    assert private, "the synthetic circle has private contact details to carry"


def test_a_sealed_packet_with_a_wrong_shape_is_refused_as_a_sentence(tmp_path: Path) -> None:
    """Whoever knows the passphrase could still send nonsense: it is refused, not a crash."""
    import json
    import zlib

    from circlekit.store.crypto import KeyRecipe, Sealer, b64
    from circlekit.store.handover import FORMAT

    def sealed(body: object) -> bytes:
        recipe = KeyRecipe.new()
        plain = zlib.compress(json.dumps(body).encode())
        data = Sealer(recipe.derive(AGREED)).seal(plain, FORMAT.encode())
        return json.dumps({"format": FORMAT + "-sealed", "kdf": recipe.to_json(),
                           "sealed": b64(data)}).encode()

    good = {"circle_id": "a" * 32, "from": "Sam", "merged": []}
    for versions in ([], [1], [{"saved_at": "yesterday", "items": 1, "note": "", "doc": {}}],
                     [{"saved_at": "2026-12-08T00:00:00", "items": "x", "note": "", "doc": {}}],
                     [{"saved_at": "2026-12-08T00:00:00", "items": 1, "note": "", "doc": {}}]):
        with pytest.raises(ImportRefused):
            open_packet(sealed({**good, "versions": versions}), AGREED)
    with pytest.raises(ImportRefused):
        open_packet(sealed([1, 2, 3]), AGREED)
