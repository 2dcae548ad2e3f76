"""Where circles are kept on this computer."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "CIRCLEKIT_DATA_DIR"
APP_NAME = "circle-notebooks"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override``, else ``$CIRCLEKIT_DATA_DIR``, else the user's data folder.

    Created (owner-only) if it does not exist.
    """
    chosen = override or os.environ.get(ENV_VAR) or platformdirs.user_data_dir(APP_NAME, False)
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
