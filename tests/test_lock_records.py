"""The lock seals the organisation's records too, and a passphrase change stopped at any point
(a kill, a crash) leaves every circle and record readable with exactly one passphrase."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from circlekit.model.assessment import SelfAssessment
from circlekit.model.incident import Incident
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import Locked, SQLiteStore, folder_recipe, open_store
from circlekit.store.crypto import WrongPassphrase
from circlekit.store.database import LEGACY_RECORDS
from circlekit.store.records import RecordStore

OLD, NEW = "purple otters at noon", "seven quiet herons"
AREA, DETAILS, ORG = "Riverside Q7", "Taken at the bus stop X9", "Org Zebra K4"
ROOT = Path(__file__).resolve().parent.parent


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("*.sqlite3*")))


def key(folder: Path, passphrase: str) -> bytes:
    recipe = folder_recipe(folder)
    assert recipe is not None
    return recipe.derive(passphrase)


def fill(folder: Path, circles: int = 3, incidents: int = 12) -> None:
    with open_store(folder) as store:
        for i in range(circles):
            store.create(synthetic_circle(8, seed=i))
    records = RecordStore(folder)
    records.create("self-assessment", SelfAssessment(organisation=ORG), ORG)
    records.add_incidents([Incident(month="2026-03", area=f"{AREA}{i}", who="police",
                                    what=["physical"], details=f"{DETAILS}{i}")
                           for i in range(incidents)])
    records.close()


def readable_with(folder: Path, passphrase: str | None) -> bool:
    """Whether every circle and record opens with ``passphrase`` (None: not locked)."""
    try:
        k = None if passphrase is None else key(folder, passphrase)
        store, records = SQLiteStore(folder, key=k), RecordStore(folder, key=k)
    except (WrongPassphrase, Locked, AssertionError):
        return False
    with store:
        for summary in store.list():
            for info in store.history(summary.id):
                store.open_version(summary.id, info.version)
    assert [t for _, t, _, _ in records.list("self-assessment")] == [ORG]
    frame = records.incident_frame()
    assert sorted(frame["area"]) == sorted(f"{AREA}{i}" for i in range(len(frame)))
    records.close()
    return True


def test_locking_seals_the_records(data_dir: Path) -> None:
    fill(data_dir)
    with open_store(data_dir) as store:
        store.set_passphrase(OLD)
    raw = on_disk(data_dir)
    for secret in (AREA, DETAILS, ORG):
        assert secret.encode() not in raw
    with pytest.raises(Locked):
        RecordStore(data_dir)
    assert readable_with(data_dir, OLD)


def test_an_older_folder_s_records_file_is_moved_in_and_sealed(data_dir: Path) -> None:
    """Folders made before one database held everything kept records in their own file."""
    fill(data_dir)
    with sqlite3.connect(data_dir / "circles.sqlite3") as db:
        db.execute(f"ATTACH DATABASE '{data_dir / LEGACY_RECORDS}' AS old")
        for table in ("documents", "document_versions", "incidents"):
            db.execute(f"CREATE TABLE old.{table} AS SELECT * FROM main.{table}")
            db.execute(f"DELETE FROM main.{table}")
    db.close()
    with open_store(data_dir) as store:  # moved in on first open, still readable
        store.set_passphrase(OLD)
    assert not (data_dir / LEGACY_RECORDS).exists()
    assert all(s.encode() not in on_disk(data_dir) for s in (AREA, DETAILS, ORG))
    assert readable_with(data_dir, OLD)


# A passphrase change in its own process, killed (SIGKILL: no clean-up runs) at its n-th
# value sealed or opened, or as it compacts the file.
CHANGE = textwrap.dedent("""
    import os, signal, sys
    from circlekit.store import SQLiteStore, folder_recipe
    from circlekit.store import crypto, database
    folder, old, new = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None
    kill_at = int(sys.argv[4])
    calls = 0
    def counted(real):
        def call(self, data, context):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(self, data, context)
        return call
    crypto.Sealer.seal = counted(crypto.Sealer.seal)
    crypto.Sealer.open = counted(crypto.Sealer.open)
    if kill_at < 0:
        database.SealedDatabase._compact = lambda self: os.kill(os.getpid(), signal.SIGKILL)
    recipe = folder_recipe(folder)
    key = recipe.derive(old) if old else None
    SQLiteStore(folder, key=key).set_passphrase(new)
    print("finished")
""")


@pytest.mark.parametrize(("old", "new"), [(None, OLD), (OLD, NEW), (OLD, None)],
                         ids=["lock", "change", "unlock"])
def test_a_killed_passphrase_change_leaves_one_passphrase(data_dir: Path, old: str | None,
                                                          new: str | None) -> None:
    fill(data_dir)
    if old:
        with open_store(data_dir) as store:
            store.set_passphrase(old)
    seen: set[str | None] = set()
    # 3 circles: 3 titles, 6 version values; 2 record values; 24 incident values.
    for kill_at in (1, 2, 9, 20, 30, -1):
        done = subprocess.run([sys.executable, "-c", CHANGE, str(data_dir), old or "",
                               new or "", str(kill_at)], capture_output=True, text=True,
                              timeout=120, cwd=ROOT)
        assert "finished" not in done.stdout, kill_at  # it really was stopped
        assert done.returncode < 0, done.stderr
        opens = [p for p in (old, new) if readable_with(data_dir, p)]
        assert len(opens) == 1, (kill_at, opens)
        seen.add(opens[0])
        current = opens[0]
        if current != old:  # the change went through before the kill: undo it for the next
            with SQLiteStore(data_dir, key=key(data_dir, new) if new else None) as store:
                store.set_passphrase(old)
    # A kill before the commit keeps the old passphrase; one while compacting, the new.
    assert seen == {old, new}
