"""Storage behind one interface (``Store``); SQLite in the data folder by default."""

from __future__ import annotations

import os

from ..i18n import N_, _
from .base import CircleSummary, Opened, Store, VersionInfo
from .database import KEY_VAR, PASS_VAR, Locked, folder_recipe, key_for, key_from_environment
from .paths import UnsafeFolder, data_dir
from .retention import Scheduled, apply_retention, scheduled
from .sqlite import SQLiteStore
from .transfer import MAX_IMPORT_BYTES, export_circle, import_circle

FOR_SCRIPTS = N_("For a script, papermill or JupyterLab, set CIRCLEKIT_PASSPHRASE to the "
                 "passphrase first.")


def open_store(folder: str | os.PathLike[str] | None = None) -> Store:
    """The store in ``folder``, else ``$CIRCLEKIT_DATA_DIR``, else the user's data folder.

    A locked folder is opened with the key the app's launcher derived from the passphrase
    and handed to its pages in ``$CIRCLEKIT_KEY`` (see ``circlekit.server.launch``), or, for
    a script, papermill or JupyterLab, with the passphrase in ``$CIRCLEKIT_PASSPHRASE``.
    """
    path = data_dir(folder)
    try:
        return SQLiteStore(path, key=key_for(path))
    except Locked as exc:
        raise Locked(f"{exc} {_(FOR_SCRIPTS)}") from None


__all__ = [
    "KEY_VAR",
    "MAX_IMPORT_BYTES",
    "PASS_VAR",
    "CircleSummary",
    "Locked",
    "Opened",
    "SQLiteStore",
    "Scheduled",
    "Store",
    "UnsafeFolder",
    "VersionInfo",
    "apply_retention",
    "data_dir",
    "export_circle",
    "folder_recipe",
    "import_circle",
    "key_for",
    "key_from_environment",
    "open_store",
    "scheduled",
]
