"""The server's half of the key holder, behind JupyterHub (see ``circlekit.store.keys``).

Runs in the facilitator's own Jupyter server (``circlekit.server.hub``): it keeps the key in
the server's environment, which the pages' kernels started after it inherit, and learns it
from the start page's kernel over a Unix socket in a folder only this account can open.
"""

from __future__ import annotations

import atexit
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

from ..store import KEY_VAR
from ..store.keys import SOCKET_VAR

_MAX_MESSAGE = 4096
log = logging.getLogger("circlekit")


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
        self.closed = False
        # A server stopped by a signal may never unload its extensions: the folder goes anyway.
        atexit.register(self.close)

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
        if self.closed:
            return
        self.closed = True
        atexit.unregister(self.close)
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


__all__ = ["KeyHolder"]
