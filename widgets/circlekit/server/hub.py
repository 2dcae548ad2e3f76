"""The app as a Jupyter server extension, for each facilitator's server behind JupyterHub.

Enabled by ``deploy/jupyterhub/jupyter_server_config.py`` (never on a laptop, where
``make app`` runs ``circlekit.server.voila``). It keeps the data folder's key for this
facilitator's pages (``circlekit.server.keyholder``, the server's half of
``circlekit.store.keys``) and stops their kernels when the folder is locked again.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth import AllowAllAuthorizer
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from ..settings import Settings
from .backups import BackupSchedule
from .hosts import hub_hosts, refuse_other_hosts
from .keyholder import KeyHolder

# The Jupyter server's APIs that would give a facilitator (or whoever has their session) a
# general way to read files or run code: the pages need none of them.
CLOSED_APIS = frozenset({"contents", "kernels", "kernelspecs", "sessions", "terminals",
                         "nbconvert", "config", "events", "files"})


class PagesOnly(AllowAllAuthorizer):
    """What a facilitator's own server answers: the app's pages and their kernels' channels,
    not the kernels or contents API (``c.ServerApp.authorizer_class``, set by
    deploy/jupyterhub/jupyter_server_config.py). JupyterHub has already checked who it is.
    """

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        if isinstance(handler, KernelWebsocketHandler):  # a page talking to its own kernel
            return True
        if isinstance(handler, KernelHandler) and action == "read":
            return True  # a page reads its own kernel's model (by id) before connecting
        return resource not in CLOSED_APIS


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "circlekit.server.hub"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    def stop_pages(keep: str | None) -> None:
        # Called from the key holder's thread: the kernels belong to the server's loop.
        manager = server_app.kernel_manager

        async def stop() -> None:
            for kernel_id in list(manager.list_kernel_ids()):
                if kernel_id != keep:
                    await manager.shutdown_kernel(kernel_id, now=True)

        server_app.io_loop.add_callback(stop)

    # Requests reach this server through the hub's proxy, under the hub's names only; the
    # hub checks it is up at its IP address (on Kubernetes, the pod's), which DNS rebinding
    # cannot use, so IP literals pass.
    own, extra = hub_hosts(Settings())
    refuse_other_hosts(server_app.web_app, "0.0.0.0", (own, *extra))  # noqa: S104
    holder = KeyHolder(stop_pages)
    server_app.circlekit_key_holder = holder
    # Automatic backups, once the start page has been unlocked (if the folder is locked).
    server_app.circlekit_backups = BackupSchedule()
    server_app.circlekit_backups.start()
    server_app.log.info("circlekit: the data folder unlocks in the browser")


def _unload_jupyter_server_extension(server_app: Any) -> None:
    holder = getattr(server_app, "circlekit_key_holder", None)
    if holder is not None:
        holder.close()
