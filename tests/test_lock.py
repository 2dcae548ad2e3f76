"""Passphrase protection: locked data folders and protected export files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.errors import ImportRefused
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import (
    KEY_VAR,
    Locked,
    SQLiteStore,
    export_circle,
    folder_recipe,
    import_circle,
    open_store,
)
from circlekit.store.crypto import BadPassphrase, WrongPassphrase
from circlekit.store.transfer import SEALED_FORMAT

PASS = "purple otters at noon"
ROOT = Path(__file__).resolve().parent.parent


def texts(circle: object) -> set[str]:
    """Every free-text value in a circle that is long enough to search the files for."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) >= 12 and " " in value:
            found.add(value)

    walk(circle.model_dump(mode="json"))  # type: ignore[attr-defined]
    return found


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("circles.sqlite3*")))


def key_for(folder: Path, passphrase: str = PASS) -> bytes:
    recipe = folder_recipe(folder)
    assert recipe is not None
    return recipe.derive(passphrase)


@pytest.fixture
def locked(data_dir: Path) -> tuple[Path, list[object]]:
    circles = [practice_circle(sc.key) for sc in SCENARIOS] + [synthetic_circle(20)]
    with open_store(data_dir) as store:
        for c in circles:
            store.create(c)
            store.save(store.open(c.id).circle, 1, note="second version")
        store.set_passphrase(PASS)
    return data_dir, circles


def test_locking_leaves_no_circle_text_in_the_files(locked: tuple[Path, list[object]]) -> None:
    folder, circles = locked
    raw = on_disk(folder)
    secrets = set().union(*(texts(c) for c in circles))
    assert len(secrets) > 40
    leaked = [s for s in secrets if s.encode() in raw]
    assert leaked == []


def test_a_locked_folder_needs_the_right_passphrase(locked: tuple[Path, list[object]]
                                                    ) -> None:
    folder, circles = locked
    with pytest.raises(Locked, match="locked with a passphrase"):
        open_store(folder)
    with pytest.raises(WrongPassphrase, match="does not open this data folder"):
        SQLiteStore(folder, key=key_for(folder, "purple otters at midnight"))
    with SQLiteStore(folder, key=key_for(folder)) as store:
        assert store.locked
        assert {s.title for s in store.list()} == {c.title for c in circles}
        first = circles[0]
        assert store.open(first.id).circle.harms == first.harms
        assert [h.note for h in store.history(first.id)] == ["created", "second version"]
        renamed = store.open(first.id).circle.model_copy(update={"title": "Renamed circle X"})
        store.save(renamed, 2)
    assert b"Renamed circle X" not in on_disk(folder)


def test_pages_open_a_locked_folder_with_the_key_from_the_environment(
        locked: tuple[Path, list[object]], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, circles = locked
    monkeypatch.setenv(KEY_VAR, key_for(folder).hex())
    with open_store(folder) as store:
        assert len(store.list()) == len(circles)


def test_changing_and_removing_the_passphrase(locked: tuple[Path, list[object]]) -> None:
    folder, circles = locked
    with SQLiteStore(folder, key=key_for(folder)) as store:
        with pytest.raises(BadPassphrase, match="at least 8"):
            store.set_passphrase("short")
        assert store.list()  # a refused change leaves the store as it was
        store.set_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        SQLiteStore(folder, key=key_for(folder))
    with SQLiteStore(folder, key=key_for(folder, "a brand new passphrase")) as store:
        store.set_passphrase(None)
    assert folder_recipe(folder) is None
    with open_store(folder) as store:
        assert store.open(circles[0].id).circle.title == circles[0].title
    assert circles[0].title.encode() in on_disk(folder)


def test_protected_export_round_trip_and_refusals(store: SQLiteStore) -> None:
    circle = practice_circle(SCENARIOS[0].key)
    store.create(circle)
    data = export_circle(store, circle.id, passphrase=PASS)
    envelope = json.loads(data)
    assert envelope["format"] == SEALED_FORMAT
    assert [t for t in texts(circle) if t.encode() in data] == []
    with pytest.raises(BadPassphrase):
        export_circle(store, circle.id, passphrase="1234")
    before = on_disk(Path(store.path).parent)
    with pytest.raises(ImportRefused, match="protected with a passphrase"):
        import_circle(store, data)
    with pytest.raises(ImportRefused, match="passphrase does not open this file"):
        import_circle(store, data, passphrase="purple otters at dusk")
    tampered = dict(envelope, sealed=envelope["sealed"][:-8] + "AAAAAAA=")
    with pytest.raises(ImportRefused, match=r"passphrase does not open|damaged"):
        import_circle(store, json.dumps(tampered).encode(), passphrase=PASS)
    assert on_disk(Path(store.path).parent) == before
    new_id = import_circle(store, data, passphrase=PASS)
    imported = store.open(new_id).circle
    assert [(h.id, h.harm_types) for h in imported.harms] == [
        (h.id, h.harm_types) for h in circle.harms]


def test_hostile_key_settings_are_refused_before_any_work(store: SQLiteStore) -> None:
    circle = practice_circle(SCENARIOS[0].key)
    store.create(circle)
    envelope = json.loads(export_circle(store, circle.id, passphrase=PASS))
    for kdf in [dict(envelope["kdf"], n=2**30), dict(envelope["kdf"], r=1024),
                dict(envelope["kdf"], p=64), dict(envelope["kdf"], salt="!!"),
                dict(envelope["kdf"], name="none"), "scrypt", None]:
        started = time.monotonic()
        with pytest.raises(ImportRefused, match="damaged"):
            import_circle(store, json.dumps(dict(envelope, kdf=kdf)).encode(), PASS)
        assert time.monotonic() - started < 2


def run_cli(*args: str, folder: Path, passphrase: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CIRCLEKIT_DATA_DIR": str(folder), "CIRCLEKIT_PASSPHRASE": passphrase}
    return subprocess.run([sys.executable, "-m", "circlekit", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_the_lock_command(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        store.create(practice_circle(SCENARIOS[1].key))
    done = run_cli("lock", folder=data_dir, passphrase=PASS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no way to recover a lost passphrase" in done.stdout
    assert "is locked" in run_cli("status", folder=data_dir,
                                  passphrase="").stdout
    wrong = run_cli("unlock", folder=data_dir, passphrase="not the one!")
    assert wrong.returncode != 0
    assert "does not open this data folder" in wrong.stderr
    assert "Traceback" not in wrong.stdout + wrong.stderr
    done = run_cli("unlock", folder=data_dir, passphrase=PASS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert folder_recipe(data_dir) is None


def test_the_app_will_not_start_on_a_wrong_passphrase(locked: tuple[Path, list[object]]
                                                      ) -> None:
    folder, _ = locked
    done = run_cli("app", "--port", "1", folder=folder, passphrase="wrong words!")
    assert done.returncode != 0
    assert "stays locked" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_app_serves_a_locked_folder_only_with_its_passphrase(
        locked: tuple[Path, list[object]], page: object, tmp_path: Path) -> None:
    from conftest import start_voila, stop_voila

    folder, circles = locked
    log = tmp_path / "voila.log"
    server = start_voila(folder, log, launcher=True, CIRCLEKIT_PASSPHRASE=PASS)
    try:
        page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
        listing = page.locator("table")  # type: ignore[attr-defined]
        listing.first.wait_for()
        for c in circles:
            assert c.title in listing.first.inner_text()
        # The passphrase is in no environment of the server or its kernels (the key is).
        processes = [server.process.pid, *children(server.process.pid)]
        assert len(processes) >= 2
        for pid in processes:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            assert PASS.encode() not in environ and b"CIRCLEKIT_PASSPHRASE" not in environ
    finally:
        stop_voila(server)
    assert PASS not in log.read_text()
    # Started without the launcher, the pages have no key: they say so, and show nothing.
    server = start_voila(folder, log)
    try:
        page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
        alert = page.get_by_role("alert")  # type: ignore[attr-defined]
        alert.wait_for()
        assert "locked with a passphrase" in alert.inner_text()
        assert circles[0].title not in page.content()  # type: ignore[attr-defined]
    finally:
        stop_voila(server)


def children(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        todo += kids
    return found


@pytest.mark.browser
def test_the_lock_command_warns_while_the_app_serves_the_folder(data_dir: Path,
                                                                 tmp_path: Path) -> None:
    from conftest import start_voila, stop_voila

    with open_store(data_dir) as store:
        store.create(practice_circle(SCENARIOS[1].key))
    server = start_voila(data_dir, tmp_path / "voila.log", launcher=True)
    try:
        done = run_cli("lock", folder=data_dir, passphrase=PASS)
    finally:
        stop_voila(server)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The app is serving this data folder now" in done.stdout
    done = run_cli("unlock", folder=data_dir, passphrase=PASS)
    assert done.returncode == 0 and "serving" not in done.stdout
