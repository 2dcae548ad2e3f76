"""The data folder's key in a page's kernel, behind JupyterHub: unlocked in the browser.

On a laptop ``circle-notebooks app`` asks for the passphrase at the terminal and hands the key to
the pages through the server's environment. Behind JupyterHub nobody sits at a terminal, so
the start page asks for it instead. Each page runs in its own kernel, so the key must reach
the pages opened after it: the facilitator's own Jupyter server keeps it in memory (its
environment, which new kernels inherit) and learns it from the start page's kernel over a
Unix socket in a folder only that account can open. Locking clears it there and stops the
other pages' kernels, so that no process of that account keeps it. Nothing is written to disk.

This is the kernel's half of the socket; the server's half is
``circlekit.server.keyholder``. Both speak one line of JSON: ``{"set": key}`` or
``{"clear": kernel_id}``, answered with ``ok``.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from ..i18n import N_
from . import KEY_VAR, SQLiteStore, folder_recipe

SOCKET_VAR = "CIRCLEKIT_KEY_SOCKET"
UNLOCK_ON_START = N_("Your circles are locked. Unlock them on the start page with your "
                     "passphrase, then open this page again from there.")


def in_browser() -> bool:
    """Whether this page runs under a server that unlocks in the browser (JupyterHub)."""
    return bool(os.environ.get(SOCKET_VAR))


def is_locked(folder: Path) -> bool:
    return folder_recipe(folder) is not None


def has_key() -> bool:
    return bool(os.environ.get(KEY_VAR))


def unlock(folder: Path, passphrase: str) -> None:
    """Derive the key, check that it opens ``folder``, and keep it for this user's pages.

    Raises ``WrongPassphrase`` (a plain sentence) if it does not open the folder.
    """
    recipe = folder_recipe(folder)
    if recipe is None:
        return
    key = recipe.derive(passphrase)
    SQLiteStore(folder, key=key).close()  # raises WrongPassphrase
    os.environ[KEY_VAR] = key.hex()
    _ask({"set": key.hex()})


def protect(folder: Path, passphrase: str) -> None:
    """Lock an unlocked ``folder`` with a first passphrase, then keep its key as ``unlock``.

    Raises ``BadPassphrase`` (a plain sentence) for one too short to protect anything.
    """
    store = SQLiteStore(folder)
    try:
        store.set_passphrase(passphrase)
    finally:
        store.close()
    unlock(folder, passphrase)


def lock_again() -> None:
    """Forget the key in this kernel and the server; the server stops the other pages."""
    os.environ.pop(KEY_VAR, None)
    _ask({"clear": _own_kernel_id()})


def _own_kernel_id() -> str | None:
    try:
        from ipykernel.connect import get_connection_file
    except ImportError:
        return None
    try:
        name = Path(get_connection_file()).stem
    except RuntimeError:  # not in a kernel
        return None
    return name.removeprefix("kernel-")


def _ask(message: dict[str, object]) -> None:
    path = os.environ.get(SOCKET_VAR)
    if not path:
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(10)
        conn.connect(path)
        conn.sendall(json.dumps(message).encode("ascii") + b"\n")
        conn.recv(16)  # the server's "ok": the key is in place before the page goes on


__all__ = ["SOCKET_VAR", "UNLOCK_ON_START", "has_key", "in_browser", "is_locked", "lock_again",
           "protect", "unlock"]
