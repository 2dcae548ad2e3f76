"""The SQLite store: versions, conflicts, deletion without trace, hostile imports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers import db_bytes

from circlekit.errors import ImportRefused, InvalidCircle, NotFound, StaleSave
from circlekit.model import SCHEMA_VERSION, Circle, Need, NeedCategory
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import (
    MAX_IMPORT_BYTES,
    SQLiteStore,
    data_dir,
    export_circle,
    import_circle,
    open_store,
)
from circlekit.store.transfer import FORMAT


def db_digest(folder: Path) -> str:
    return hashlib.sha256(db_bytes(folder)).hexdigest()


def test_data_dir_follows_the_environment(data_dir: Path) -> None:
    assert data_dir_path() == data_dir.resolve()


def data_dir_path() -> Path:
    return data_dir()


def test_round_trip(store: SQLiteStore) -> None:
    circle = synthetic_circle(30)
    store.create(circle)
    opened = store.open(circle.id)
    assert opened.version == 1
    assert opened.circle.model_dump(exclude={"updated"}) == circle.model_dump(
        exclude={"updated"})
    assert [s.id for s in store.list()] == [circle.id]


def test_save_history_and_restore(store: SQLiteStore) -> None:
    circle = store.create(Circle(title="First")).circle
    v2 = store.save(circle.model_copy(update={"title": "Second"}), based_on=1, note="renamed")
    v3 = store.save(store.open(circle.id).circle.model_copy(update={"title": "Third"}), v2)
    assert [h.version for h in store.history(circle.id)] == [1, 2, 3]
    assert store.history(circle.id)[1].note == "renamed"
    v4 = store.restore(circle.id, 1, based_on=v3)
    assert v4 == 4
    assert store.open(circle.id).circle.title == "First"
    assert store.open_version(circle.id, 3).title == "Third"  # history is never rewritten


def test_stale_save_is_refused_and_nothing_is_overwritten(store: SQLiteStore) -> None:
    circle = store.create(Circle(title="Shared")).circle
    tab_a = store.open(circle.id)
    tab_b = store.open(circle.id)
    store.save(tab_a.circle.model_copy(update={"title": "From tab A"}), tab_a.version)
    with pytest.raises(StaleSave) as info:
        store.save(tab_b.circle.model_copy(update={"title": "From tab B"}), tab_b.version)
    assert "another tab" in str(info.value) and "Nothing was overwritten" in str(info.value)
    assert store.open(circle.id).circle.title == "From tab A"
    assert len(store.history(circle.id)) == 2


def test_invalid_circle_is_not_saved(store: SQLiteStore) -> None:
    circle = store.create(synthetic_circle(6)).circle
    circle.needs.append(Need.model_construct(id="aaaaaaaaaa", holder="bbbbbbbbbb",
                                             category=NeedCategory.SAFETY, own_words="x"))
    with pytest.raises(InvalidCircle, match=r"needs\.2\.holder"):
        store.save(circle, based_on=1)
    assert store.open(circle.id).version == 1


def test_delete_leaves_no_trace_in_the_files(store: SQLiteStore, data_dir: Path) -> None:
    marker = "UNIQUE-MARKER-7f3a9c"
    kept = store.create(synthetic_circle(6, title="Kept circle")).circle
    doomed = synthetic_circle(30, title=f"Doomed {marker}")
    doomed.harms[0].description = f"Account with {marker} inside"
    store.create(doomed)
    for n in range(5):
        current = store.open(doomed.id)
        store.save(current.circle.model_copy(update={"title": f"{marker} v{n}"}),
                   current.version)
    assert marker.encode() in db_bytes(data_dir)
    store.delete(doomed.id)
    assert marker.encode() not in db_bytes(data_dir)
    with pytest.raises(NotFound):
        store.open(doomed.id)
    with pytest.raises(NotFound):
        store.history(doomed.id)
    assert store.open(kept.id).circle.title == "Kept circle"


def test_a_second_process_sees_saves(store: SQLiteStore, data_dir: Path) -> None:
    circle = store.create(Circle(title="Seen")).circle
    with open_store(data_dir) as other:
        assert other.open(circle.id).circle.title == "Seen"


def test_data_file_is_private_to_its_owner(store: SQLiteStore, data_dir: Path) -> None:
    assert (data_dir / "circles.sqlite3").stat().st_mode & 0o077 == 0


# --- export and import -----------------------------------------------------------------


def test_export_import_round_trip_redacts_by_default(store: SQLiteStore) -> None:
    circle = store.create(synthetic_circle(12)).circle
    data = export_circle(store, circle.id)
    envelope = json.loads(data)
    assert envelope["format"] == FORMAT
    assert "harms.description" in envelope["left_out"]  # which kind, never which row
    assert b"Filler account" not in data
    new_id = import_circle(store, data)
    assert new_id != circle.id  # the original is never replaced
    imported = store.open(new_id).circle
    assert len(imported.agreement) == len(circle.agreement)


def test_export_keeps_private_fields_of_people_who_chose_to_share(
        store: SQLiteStore, data_dir: Path) -> None:
    circle = synthetic_circle(6)
    for p in circle.participants:
        p.shares_private = True
    store.create(circle)
    data = export_circle(store, circle.id)
    assert "harms.description" not in json.loads(data)["left_out"]
    assert b"Filler account" in data
    with open_store(data_dir / "elsewhere") as other:
        cid = import_circle(other, data)
        assert other.open(cid).circle.harms[0].description == circle.harms[0].description


def valid_export(store: SQLiteStore) -> bytes:
    circle = store.create(synthetic_circle(6)).circle
    return export_circle(store, circle.id)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d[: len(d) // 2], "damaged or incomplete"),
        (lambda d: b"", "empty"),
        (lambda d: b"\x89PNG\r\n\x1a\n\x00\x00" + d, "not text"),
        (lambda d: b'{"hello": "world"}', "not a Circle Notebooks circle file"),
        (lambda d: b"[1, 2, 3]", "not a Circle Notebooks circle file"),
        (lambda d: d.replace(f'"format_version": {SCHEMA_VERSION}'.encode(),
                             b'"format_version": 99'),
         "format version 99"),
        (lambda d: b"[" * 100_000 + b"]" * 100_000, "structure is far deeper"),
        (lambda d: b" " * (MAX_IMPORT_BYTES + 1), "too large"),
        (lambda d: d.replace(b'"harmed"', b'"queen"', 1),
         "Roles (participants.0.roles.0): is not one of the offered choices"),
        (lambda d: json.dumps({"format": FORMAT, "format_version": 1, "circle": "x"}).encode(),
         "cannot accept"),
    ],
    ids=["truncated", "empty", "binary", "foreign", "foreign-list", "wrong-version", "deep",
         "oversized", "bad-role", "wrong-type"],
)
def test_bad_import_files_get_a_plain_error_and_change_nothing(
        store: SQLiteStore, data_dir: Path, mutate: object, expected: str) -> None:
    good = valid_export(store)
    before = db_digest(data_dir)
    with pytest.raises(ImportRefused) as info:
        import_circle(store, mutate(good))  # type: ignore[operator]
    assert expected in str(info.value)
    assert "Nothing was imported" in str(info.value) or "nothing was imported" in str(info.value)
    assert db_digest(data_dir) == before


def test_missing_import_file_is_a_plain_error(store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="could not be read"):
        import_circle(store, tmp_path / "nope.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2000))
def test_random_bytes_only_ever_raise_import_refused(
        store: SQLiteStore, data_dir: Path, raw: bytes) -> None:
    before = db_digest(data_dir)
    with pytest.raises(ImportRefused):
        import_circle(store, raw)
    assert db_digest(data_dir) == before


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(circle=json_values, version=st.sampled_from([1, 1, 1, 0, 2, "1", None]))
def test_random_json_only_ever_raises_import_refused(
        store: SQLiteStore, data_dir: Path, circle: object, version: object) -> None:
    before = db_digest(data_dir)
    doc = {"format": FORMAT, "format_version": version, "circle": circle}
    with pytest.raises(ImportRefused):
        import_circle(store, json.dumps(doc).encode())
    assert db_digest(data_dir) == before


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_real_exports_never_raise_anything_else(
        store: SQLiteStore, data_dir: Path, data: st.DataObject) -> None:
    """A real export with one value replaced: either imported whole or refused plainly."""
    good = json.loads(valid_export(store))
    before_ids = {s.id for s in store.list()}
    section = data.draw(st.sampled_from([k for k in ("participants", "harms", "needs",
                                                       "agreement") if good["circle"][k]]))
    rows = good["circle"][section]
    row = data.draw(st.sampled_from(rows))
    key = data.draw(st.sampled_from(sorted(row)))
    row[key] = data.draw(json_values)
    try:
        new_id = import_circle(store, json.dumps(good).encode())
    except ImportRefused:
        assert {s.id for s in store.list()} == before_ids
    else:
        assert new_id not in before_ids
        store.open(new_id)
