"""Sealed backups and verified restores, on real SQLite files and real child processes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circlekit.cli.backup import main as cli
from circlekit.model.synthetic import synthetic_circle
from circlekit.server.backups import BackupSchedule, due
from circlekit.settings import Settings
from circlekit.store import SQLiteStore
from circlekit.store.backup import (
    PARTIAL,
    BackupFile,
    BackupRefused,
    backups,
    choose_folder,
    make_backup,
    set_backup_passphrase,
    status,
    to_keep,
)
from circlekit.store.crypto import WrongPassphrase
from circlekit.store.database import DB_NAME
from circlekit.store.restore import (
    CUT_SHORT,
    DAMAGED,
    WRONG,
    OpenedBackup,
    State,
    compare,
    restore,
)

PASS = "a backup passphrase"
SECRET = "words-from-the-stairwell-417"  # text that must never be readable in a backup


def filled(folder: Path, circles: int = 4, edits: int = 3) -> SQLiteStore:
    store = SQLiteStore(folder)
    for n in range(circles):
        circle = synthetic_circle(3, seed=n).model_copy(update={"title": f"{SECRET} {n}"})
        version = store.create(circle).version
        for e in range(edits):
            circle = circle.model_copy(update={"group_agreements": [f"{SECRET} edit {e}"]})
            version = store.save(circle, version, note=f"edit {e}")
    return store


def every_version(store: SQLiteStore) -> dict[str, list[tuple[object, ...]]]:
    """Each circle's whole history, field by field, as the store gives it."""
    found = {}
    for s in store.list():
        found[s.id] = [(v.version, v.saved_at, v.items, v.note,
                        store.open_version(s.id, v.version).model_dump(mode="json"))
                       for v in store.history(s.id)]
    return found


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    data, out = tmp_path / "data", tmp_path / "backups"
    data.mkdir(mode=0o700)
    out.mkdir()
    return data, out


def test_a_restore_after_the_data_folder_is_gone_brings_back_every_circle_and_its_history(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data) as store:
        set_backup_passphrase(store, PASS)
        choose_folder(store, out)
        before = every_version(store)
        made = make_backup(store)
    shutil.rmtree(data)
    data.mkdir(mode=0o700)
    with SQLiteStore(data) as store, OpenedBackup(made.path, PASS) as opened:
        assert {h.state for h in compare(opened, store)} == {State.MISSING}
        assert len(restore(store, opened)) == 4
        assert every_version(store) == before
        assert {h.state for h in compare(opened, store)} == {State.SAME}


def test_a_locked_folders_backup_holds_nothing_readable_and_opens_with_its_passphrase(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data) as store:
        store.set_passphrase("the folder's passphrase")
        made = make_backup(store, out)
    raw = made.path.read_bytes()
    assert SECRET.encode() not in raw and b"edit 0" not in raw
    assert made.path.name.startswith("backup-") and SECRET not in made.path.name
    assert [p.name for p in out.iterdir()] == [made.path.name]  # nothing else was left
    with pytest.raises(WrongPassphrase, match="does not open this backup"):
        OpenedBackup(made.path, PASS)
    with OpenedBackup(made.path, "the folder's passphrase") as opened:
        titles = sorted(title for _id, title, *_rest in opened.circles())
    assert titles == [f"{SECRET} {n}" for n in range(4)]


def refused_and_unchanged(data: Path, path: Path, passphrase: str, message: str) -> None:
    before = (data / DB_NAME).read_bytes()
    with SQLiteStore(data) as store:
        history = every_version(store)
        with pytest.raises((BackupRefused, WrongPassphrase)) as caught:
            with OpenedBackup(path, passphrase) as opened:
                restore(store, opened)
        assert str(caught.value) == message
        assert every_version(store) == history
    assert (data / DB_NAME).read_bytes() == before


def test_flipped_truncated_and_foreign_backups_are_refused_and_change_nothing(
        folders: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = folders
    with filled(data) as store:
        set_backup_passphrase(store, PASS)
        made = make_backup(store, out)
        store.delete(store.list()[0].id)  # so a restore would have something to change
    raw = made.path.read_bytes()
    body = raw.index(b"}\n") + 2
    rng = random.Random(7)
    for spot in [body, body + 12, len(raw) - 1, *rng.sample(range(body, len(raw)), 5)]:
        flipped = bytearray(raw)
        flipped[spot] ^= 1 << rng.randrange(8)
        (tmp_path / "flipped.cnbackup").write_bytes(flipped)
        refused_and_unchanged(data, tmp_path / "flipped.cnbackup", PASS, DAMAGED)
    for keep in [len(raw) - 1, len(raw) // 2, body + 5, 40]:
        (tmp_path / "cut.cnbackup").write_bytes(raw[:keep])
        refused_and_unchanged(data, tmp_path / "cut.cnbackup", PASS, CUT_SHORT)
    other = tmp_path / "other"
    other.mkdir()
    with filled(other, circles=1) as elsewhere:
        set_backup_passphrase(elsewhere, "another passphrase entirely")
        foreign = make_backup(elsewhere, out)
    refused_and_unchanged(data, foreign.path, PASS, WRONG)


def test_a_restore_never_replaces_what_changed_here_without_being_asked(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data, circles=2) as store:
        set_backup_passphrase(store, PASS)
        older_id, changed_id = sorted(s.id for s in store.list())
        early = {i: store.open(i).version for i in (older_id, changed_id)}
        made = make_backup(store, out)
        # One circle is older here (its newer versions are only in the backup) …
        store.delete(older_id)
        with OpenedBackup(made.path, PASS) as opened:
            restore(store, opened, [older_id])
        store.rewrite_history(older_id, lambda d: d)  # a no-op keeps the same history
        # … the other changed here after the backup.
        circle = store.open(changed_id).circle.model_copy(update={"group_agreements": ["new"]})
        store.save(circle, early[changed_id], note="after the backup")
        with OpenedBackup(made.path, PASS) as opened:
            states = {h.id: h.state for h in compare(opened, store)}
            assert states == {older_id: State.SAME, changed_id: State.CHANGED}
            with pytest.raises(BackupRefused, match="was changed here since"):
                restore(store, opened)
            assert store.open(changed_id).circle.group_agreements == ["new"]
            restore(store, opened, [changed_id], replace_changed=True)
        notes = [v.note for v in store.history(changed_id)]
        assert notes[-2:] == ["after the backup", notes[-1]]
        assert notes[-1].startswith("restored from the backup of ")
        assert store.open(changed_id).circle.group_agreements == [f"{SECRET} edit 2"]


def test_rotation_keeps_the_newest_of_each_recent_day_and_week() -> None:
    now = datetime(2026, 12, 8, 12, tzinfo=UTC)
    found = [BackupFile(Path(f"b{h}"), now - timedelta(hours=h)) for h in range(0, 24 * 60, 5)]
    kept = to_keep(found, daily=7, weekly=4, recent=3, now=now)
    assert kept[:3] == found[:3]
    # 8 December 2026 is a Tuesday: the last seven days, then the newest of the two weeks
    # before (ending on Sundays 29 and 22 November); the other two weeks are among the days.
    days = {b.made.date() for b in kept}
    assert days == {date(2026, 12, d) for d in range(2, 9)} | {date(2026, 11, 29),
                                                              date(2026, 11, 22)}
    assert len(kept) == len(days) + 2  # the three newest are all of 8 December


def test_the_command_line_says_one_line_and_exits_non_zero_on_refusal(
        folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = folders
    filled(data, circles=2).close()
    words = tmp_path / "words"
    words.write_text(PASS + "\n")
    common = ["--data-dir", str(data), "--passphrase-file", str(words)]
    assert cli(["backup", *common]) == 1
    assert capsys.readouterr().err.strip().endswith("or choose one on the start page.")
    assert cli(["backup", "--to", str(out), *common]) == 0
    assert "Backup written" in capsys.readouterr().out
    (made,) = backups(out)
    shutil.rmtree(data)
    assert cli(["restore", str(made.path), *common]) == 0
    assert capsys.readouterr().out.count("Restored ") == 2
    words.write_text("not the passphrase\n")
    assert cli(["restore", str(made.path), *common]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not open this backup" in err


CHILD = """
import sys, time
from pathlib import Path
from circlekit.store import SQLiteStore
from circlekit.store.backup import make_backup
store = SQLiteStore(Path(sys.argv[1]))
print("ready", flush=True)
t = time.perf_counter()
made = make_backup(store, Path(sys.argv[2]))
print(time.perf_counter() - t, flush=True)
"""


def latest_of_each(store: SQLiteStore) -> dict[str, tuple[object, ...]]:
    return {s.id: (store.stamps(s.id), store.open(s.id).circle.model_dump_json())
            for s in store.list()}


def test_a_backup_killed_at_any_point_leaves_only_finished_backups_that_restore(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data, circles=10, edits=5) as store:
        set_backup_passphrase(store, PASS)
        # Big enough that a kill lands in the middle of reading, sealing or writing.
        for n in range(30):
            store.create(synthetic_circle(300, seed=100 + n))
        before = latest_of_each(store)
    env = {**os.environ, "CIRCLEKIT_BACKUP_KEEP_RECENT": "100"}

    def child() -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(out)],
                                stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        return proc

    took = sorted(float(child().communicate(timeout=120)[0]) for _ in range(3))[1]
    rng = random.Random(2026)
    for _ in range(20):
        proc = child()
        time.sleep(rng.uniform(0, took))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    # A backup stopped while writing leaves its temporary file (here: one cut short by hand).
    cut = out / f".{backups(out)[0].path.name}.0000{PARTIAL}"
    cut.write_bytes(backups(out)[0].path.read_bytes()[:1000])
    finished = backups(out)
    partial = [p for p in out.iterdir() if p.name.endswith(PARTIAL)]
    print(f"{len(finished) - 3} of 20 killed backups had finished, {len(partial)} were stopped "
          f"while writing; a whole backup took {took:.2f} s")
    assert 3 <= len(finished) <= 23 and cut not in {b.path for b in finished}
    assert {p.name for p in out.iterdir()} == {b.path.name for b in finished} | {
        p.name for p in partial}  # nothing else was left behind
    for made in finished:
        target = data.parent / f"restored-{made.path.stem}"
        target.mkdir(mode=0o700)
        with SQLiteStore(target) as store, OpenedBackup(made.path, PASS) as opened:
            restore(store, opened)
            assert latest_of_each(store) == before


def test_the_data_folders_own_database_is_never_copied_as_a_file(
        folders: tuple[Path, Path]) -> None:
    """A backup made while a save is half-way reads the last committed state."""
    data, out = folders
    with filled(data, circles=1) as store, SQLiteStore(data) as other:
        set_backup_passphrase(store, PASS)
        other._db.execute("BEGIN IMMEDIATE")  # a writer in the middle of its transaction
        other._db.execute("DELETE FROM versions")
        made = make_backup(store, out)
        other._db.execute("ROLLBACK")
        with OpenedBackup(made.path, PASS) as opened:
            assert sum(h.versions for h in compare(opened, store)) == 4


def test_the_server_backs_up_after_changes_and_quiet_and_not_otherwise(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    settings = Settings(backup_hours=24, backup_idle_minutes=10)
    hour, now = 3600.0, time.time()
    assert due(changed=now - 11 * 60, last=None, now=now, settings=settings)
    assert not due(changed=now - 60, last=now - 2 * hour, now=now, settings=settings)
    assert due(changed=now - 60, last=now - 25 * hour, now=now, settings=settings)
    assert not due(changed=now - 25 * hour, last=now - 24.5 * hour, now=now, settings=settings)
    assert not due(changed=now - hour, last=None, now=now,
                   settings=Settings(backup_hours=0))
    schedule = BackupSchedule(data, settings)
    with filled(data, circles=1) as store:
        assert schedule.check(now=now + hour) is None  # no folder chosen yet: nothing to do
        choose_folder(store, out)
        assert schedule.check(now=now + hour) is None  # nor without a backup passphrase
        set_backup_passphrase(store, PASS)
        time.sleep(1.1)  # backups are named by the second
        first = schedule.check(now=now + hour)  # never backed up: at once
        assert first is not None and backups(out)[0].path == first
        assert schedule.check(now=now + 2 * hour) is None  # nothing changed since
        opened = store.open(store.list()[0].id)
        store.save(opened.circle, opened.version)
        saved = time.time()
        assert schedule.check(now=saved + 60) is None  # changed a moment ago: wait for quiet
        second = schedule.check(now=saved + 11 * 60)
        assert second is not None and second != first and backups(out)[0].path == second


def test_a_circle_deleted_here_on_purpose_comes_back_only_when_chosen(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data, circles=2) as store:
        set_backup_passphrase(store, PASS)
        made = make_backup(store, out)
        gone = store.list()[0].id
        store.delete(gone)
        with OpenedBackup(made.path, PASS) as opened:
            assert {h.id: h.state for h in compare(opened, store)}[gone] is State.DELETED
            assert restore(store, opened) == []  # everything else is the same here
            assert not store.exists(gone)
            restore(store, opened, [gone])
        assert store.exists(gone) and len(store.history(gone)) == 4


@pytest.mark.server
def test_the_app_backs_up_by_itself_soon_after_it_starts(tmp_path: Path) -> None:
    """The server's own schedule (no page open): a folder never backed up gets one."""
    from circlekit.model import Circle
    from conftest import start_voila, stop_voila

    data, folder = tmp_path / "data", tmp_path / "stick"
    data.mkdir(mode=0o700)
    folder.mkdir()
    with SQLiteStore(data) as store:
        store.create(Circle(title="Kept safe"))
        set_backup_passphrase(store, PASS)
        choose_folder(store, folder)
    running = start_voila(data, tmp_path / "voila.log")
    try:
        deadline = time.monotonic() + 60
        while not backups(folder) and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        stop_voila(running)
    assert len(backups(folder)) == 1, (tmp_path / "voila.log").read_text()[-2000:]


def test_the_start_page_turns_red_only_for_a_missing_folder_or_changes_left_too_long(
        folders: tuple[Path, Path]) -> None:
    data, out = folders
    with filled(data, circles=1) as store:
        assert status(store)[0] is False  # no folder chosen yet
        set_backup_passphrase(store, PASS)
        choose_folder(store, out)
        assert status(store)[0] is False  # no backup made yet
        time.sleep(1.1)  # backups are named by the second
        make_backup(store)
        later = datetime.now(UTC) + timedelta(hours=30)
        assert status(store)[0] is True
        assert status(store, now=later)[0] is True  # old, but nothing changed since
        opened = store.open(store.list()[0].id)
        store.save(opened.circle, opened.version)
        fine, said = status(store, now=later)
        assert not fine and said.endswith("make one now.")
        out.rename(out.with_name("unplugged"))
        assert "cannot be found" in status(store)[1]
