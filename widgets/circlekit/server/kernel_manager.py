"""Each page's kernel on Unix sockets with short names.

A Unix socket's path may be at most 104 bytes on macOS (108 on Linux). Jupyter names a
kernel's sockets after its connection file (``…/kernel-<36-character id>-ipc-1``), which
leaves under 50 bytes for the folder: a long temporary folder (macOS's is about 50) or home
folder would stop every page from starting. Here a kernel's sockets are named by 8 characters
of a hash of its connection file instead, in the same folder only this account can open.
"""

from __future__ import annotations

import hashlib
import os

from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import default


class ShortSocketKernelManager(ServerKernelManager):
    """Jupyter Server's kernel manager, with short Unix socket names (``transport = ipc``)."""

    @default("ip")
    def _short_ip(self) -> str:
        if self.transport != "ipc" or not self.connection_file:
            return super()._ip_default()
        folder, name = os.path.split(self.connection_file)
        return os.path.join(folder, "k" + hashlib.blake2s(name.encode(), digest_size=4).hexdigest())


__all__ = ["ShortSocketKernelManager"]
