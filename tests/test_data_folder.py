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


@pytest.mark.parametrize("module", ["circlekit.serve", "circlekit.lock"])
def test_the_commands_refuse_a_linked_folder_plainly(tmp_path: Path, module: str) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    env = {**os.environ, "CIRCLEKIT_DATA_DIR": str(tmp_path / "link")}
    args = ["--port=1"] if module == "circlekit.serve" else ["status"]
    done = subprocess.run([sys.executable, "-m", module, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "is a link to another place" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
