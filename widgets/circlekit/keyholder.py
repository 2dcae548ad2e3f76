"""The data folder's key on an organisation's server: unlocked in the browser, held in memory.

On a laptop ``circlekit.serve`` asks for the passphrase at the terminal and hands the key to
the pages through the server's environment. Behind JupyterHub nobody sits at a terminal, so
the start page asks for it instead. Each page runs in its own kernel, so the key must reach
the pages opened after it: the facilitator's own Jupyter server keeps it in memory (its
environment, which new kernels inherit) and learns it from the start page's kernel over a
Unix socket in a folder only that account can open. Locking clears it there and stops the
other pages' kernels, so that no process of that account keeps it. Nothing is written to disk.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import socketserver
import struct
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .i18n import N_
from .store import KEY_VAR, SQLiteStore, folder_recipe

SOCKET_VAR = "CIRCLEKIT_KEY_SOCKET"
_MAX_MESSAGE = 4096
UNLOCK_ON_START = N_("Your circles are locked. Unlock them on the start page with your "
                     "passphrase, then open this page again from there.")
log = logging.getLogger("circlekit")


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


class KeyHolder:
    """Runs in the facilitator's Jupyter server: keeps the key in its environment.

    ``stop_pages(keep)`` is called on locking, with the kernel id of the page that locked.
    """

    def __init__(self, stop_pages: Callable[[str | None], None]) -> None:
        self.stop_pages = stop_pages
        # mkdtemp makes the folder 0700: only this account can reach the socket in it.
        self.folder = Path(tempfile.mkdtemp(prefix="circlekit-"))
        self.path = self.folder / "key.sock"
        holder = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                holder.answer(self.connection, self.rfile.readline(_MAX_MESSAGE))

        self.server = socketserver.ThreadingUnixStreamServer(str(self.path), Handler)
        self.path.chmod(0o600)
        threading.Thread(target=self.server.serve_forever, daemon=True,
                         name="circlekit-key").start()
        os.environ[SOCKET_VAR] = str(self.path)

    def answer(self, conn: socket.socket, line: bytes) -> None:
        if not _same_account(conn):
            return
        try:
            message = json.loads(line)
            if "set" in message:
                bytes.fromhex(message["set"])  # a key, nothing else
                os.environ[KEY_VAR] = message["set"]
                log.info("data folder unlocked in the browser")
            elif "clear" in message:
                os.environ.pop(KEY_VAR, None)
                self.stop_pages(message["clear"])
                log.info("data folder locked again")
        except (ValueError, TypeError, KeyError):
            log.warning("the key holder ignored a malformed request")
            return
        conn.sendall(b"ok\n")

    def close(self) -> None:
        os.environ.pop(KEY_VAR, None)
        os.environ.pop(SOCKET_VAR, None)  # pages started after this unlock nothing
        self.server.shutdown()
        self.server.server_close()
        self.path.unlink(missing_ok=True)
        self.folder.rmdir()


def _same_account(conn: socket.socket) -> bool:
    """Whether the peer runs as this account (the folder's permissions already say so)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


__all__ = ["SOCKET_VAR", "UNLOCK_ON_START", "KeyHolder", "has_key", "in_browser", "is_locked",
           "lock_again", "protect", "unlock"]
