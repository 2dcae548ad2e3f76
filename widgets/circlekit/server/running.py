"""Whether the app is serving a data folder now: the launcher leaves its process id there.

``make lock``, ``unlock`` and ``change`` warn when it is: pages open during a key change
refuse to save (each save checks the folder's key) until they are reloaded.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "app.pid"


def mark_serving(folder: Path) -> None:
    """Record this process (the launcher becomes the server: same process id)."""
    path = folder / MARKER
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(str(os.getpid()))


def serving_pid(folder: Path) -> int | None:
    """The process id of the app serving ``folder``, if it is still running."""
    try:
        pid = int((folder / MARKER).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists() and b"circlekit" not in cmdline.read_bytes():
        return None  # the number was reused by another program
    return pid
