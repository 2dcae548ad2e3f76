"""Storage behind one interface (``Store``); SQLite in the data folder by default."""

from __future__ import annotations

import os

from .base import CircleSummary, Opened, Store, VersionInfo
from .paths import ENV_VAR, data_dir
from .sqlite import SQLiteStore
from .transfer import MAX_IMPORT_BYTES, export_circle, import_circle


def open_store(folder: str | os.PathLike[str] | None = None) -> Store:
    """The store in ``folder``, else ``$CIRCLEKIT_DATA_DIR``, else the user's data folder."""
    return SQLiteStore(data_dir(folder))


__all__ = [
    "ENV_VAR", "MAX_IMPORT_BYTES", "CircleSummary", "Opened", "SQLiteStore", "Store",
    "VersionInfo", "data_dir", "export_circle", "import_circle", "open_store",
]
