"""The data folder is the owner's alone: made owner-only at start, refused (with a plain
sentence) if it is a link, holds one, or belongs to another user account."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from circlekit.store import UnsafeFolder, data_dir, open_store
from conftest import ROOT


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_an_open_folder_is_made_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_store(folder) as store:
        store.set_setting("language", "en")
    (folder / "circlekit.log").write_text("")
    folder.chmod(0o755)
    for f in folder.iterdir():
        f.chmod(0o644)
    assert data_dir(folder) == folder.resolve()
    assert mode(folder) == 0o700
    assert {f.name: mode(f) for f in folder.iterdir()} == {
        f.name: 0o600 for f in folder.iterdir()}


def test_a_new_folder_is_owner_only(tmp_path: Path) -> None:
    assert mode(data_dir(tmp_path / "new" / "data")) == 0o700


def test_a_linked_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(UnsafeFolder, match="is a link to another place"):
        data_dir(tmp_path / "link")


def test_a_link_inside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "circles.sqlite3").symlink_to(tmp_path / "elsewhere.sqlite3")
    with pytest.raises(UnsafeFolder, match=r"holds a link, circles\.sqlite3"):
        data_dir(folder)


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder away needs root")
def test_a_folder_of_another_account_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    with pytest.raises(UnsafeFolder, match="belongs to another user account"):
        data_dir(folder)
    os.chown(folder, 0, 0)
    (folder / "circles.sqlite3").touch()
    os.chown(folder / "circles.sqlite3", 65534, 65534)
    with pytest.raises(UnsafeFolder, match="belongs to another user account"):
        data_dir(folder)


@pytest.mark.parametrize("command", [["app", "--port=1"], ["status"]])
def test_the_commands_refuse_a_linked_folder_plainly(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    env = {**os.environ, "CIRCLEKIT_DATA_DIR": str(tmp_path / "link")}
    done = subprocess.run([sys.executable, "-m", "circlekit", *command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "is a link to another place" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def damaged(folder: Path, how: str) -> bytes:
    """A data file that is not a database at all, or one with a damaged page inside."""
    from circlekit.model.synthetic import synthetic_circle
    from circlekit.store import open_store

    path = folder / "circles.sqlite3"
    if how == "not a database":
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_bytes(b"this is not a database " * 400)
        path.chmod(0o600)
    else:
        with open_store(folder) as store:
            for i in range(30):
                store.create(synthetic_circle(40, seed=i))
        import sqlite3

        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = db.execute("PRAGMA page_size").fetchone()[0]
            root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'circles'"
                              ).fetchone()[0]
        db.close()
        raw = bytearray(path.read_bytes())
        raw[(root - 1) * size:root * size] = b"\x07" * size  # the list of circles' page
        path.write_bytes(bytes(raw))
    return path.read_bytes()


@pytest.mark.parametrize("how", ["not a database", "a damaged page"])
def test_a_damaged_data_file_gets_a_sentence_naming_it_and_what_to_do(
        data_dir: Path, how: str) -> None:
    from circlekit.pages import start_page

    before = damaged(data_dir, how)
    shown = " ".join(str(getattr(w, "value", "")) for w in walk(start_page(str(data_dir))))
    assert "circles.sqlite3" in shown, shown
    assert "Nothing in it was changed" in shown or "changed nothing" in shown
    assert "Traceback" not in shown
    assert (data_dir / "circles.sqlite3").read_bytes() == before
    commands = [["circlekit", "status"]]
    if how == "not a database":  # a damaged page is found by the pages that read it
        commands.append(["circlekit", "app", "--port", "1"])
    for argv in commands:
        done = subprocess.run([sys.executable, "-m", *argv], capture_output=True, text=True,
                              env={**os.environ, "CIRCLEKIT_DATA_DIR": str(data_dir)},
                              timeout=60, cwd=ROOT)
        said = done.stdout + done.stderr
        if how == "not a database":
            assert "circles.sqlite3" in said and "what to do" not in said, said
        assert "Traceback" not in said, said


def walk(widget: object) -> list[object]:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += walk(child)
    return out
