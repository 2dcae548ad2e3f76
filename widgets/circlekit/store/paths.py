"""Where circles are kept on this computer, and who may read them there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from ..errors import CircleKitError
from ..i18n import _
from ..settings import Settings

APP_NAME = "circle-notebooks"


class UnsafeFolder(CircleKitError):
    """A data folder other people could read or swap: nothing is opened in it."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override``, else ``$CIRCLEKIT_DATA_DIR``, else the user's data folder.

    Created owner-only if it does not exist; otherwise made owner-only (see ``make_private``).
    """
    chosen = Path(override or Settings().data_dir
                  or platformdirs.user_data_dir(APP_NAME, False)).expanduser()
    if chosen.is_symlink():
        # A link can be pointed elsewhere by whoever owns it, after the checks below.
        raise UnsafeFolder(_(
            "The data folder {path} is a link to another place. Use the folder itself, so "
            "that nobody can point the link elsewhere.").format(path=chosen))
    path = chosen.resolve()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(path)
    return path


def make_private(folder: Path) -> None:
    """Owner-only permissions on ``folder`` (0700) and its files (0600).

    Refuses a folder, or anything in it, that belongs to another user account (they could
    read or replace it) and links inside it (they may lead anywhere).
    """
    me = os.getuid() if hasattr(os, "getuid") else None
    for entry in [folder, *folder.iterdir()]:
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeFolder(_(
                "The data folder {path} holds a link, {name}. Move it out of the folder, "
                "then start again.").format(path=folder, name=entry.name))
        if me is not None and info.st_uid != me:
            raise UnsafeFolder(_(
                "The data folder {path} (or {name} in it) belongs to another user account, "
                "who could read or change the circles. Use a folder of your own.").format(
                    path=folder, name=entry.name))
        wanted = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
        if stat.S_IMODE(info.st_mode) & 0o077:
            entry.chmod(stat.S_IMODE(info.st_mode) & wanted)
