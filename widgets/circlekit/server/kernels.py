"""What the pages' kernels inherit from the server that starts them.

A page's kernel holds circle text in memory, so nothing of it may leak to another account of
the computer (or another facilitator on a hub):

- its channels are Unix sockets beside its connection file, in a folder only this account can
  open (``transport = "ipc"`` in ``circlekit.settings``), never TCP ports any account can join;
- ipywidgets does not send typed values back out of the kernel (``JUPYTER_WIDGETS_ECHO=0``):
  a passphrase typed in the browser goes in, never out again;
- IPython keeps no history database (which would record, outside the data folder, when the
  app was used and which pages ran): its profile lives in the data folder, with history off,
  so the lock and deleting the folder cover it too.
"""

from __future__ import annotations

import os
from pathlib import Path

ECHO_VAR = "JUPYTER_WIDGETS_ECHO"
PROFILE = "ipython"  # in the data folder
KERNEL_CONFIG = (
    "# Written by circle-notebooks at each start: the app's kernels keep no history.\n"
    "c.HistoryManager.enabled = False\n"
)


def kernel_environment(folder: Path) -> dict[str, str]:
    """The variables the kernels of ``folder``'s pages need; writes their IPython profile."""
    ipython = folder / PROFILE
    profile = ipython / "profile_default"
    profile.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(ipython, 0o700)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")
    return {"IPYTHONDIR": str(ipython), ECHO_VAR: "0"}
