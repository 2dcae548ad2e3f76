"""The app as a Jupyter server extension, for each facilitator's server behind JupyterHub.

Enabled by ``deploy/jupyterhub/jupyter_server_config.py`` (never on a laptop, where
``make app`` runs ``circlekit.server.voila``). It keeps the data folder's key for this
facilitator's pages (``circlekit.server.keyholder``, the server's half of
``circlekit.store.keys``) and stops their kernels when the folder is locked again.
"""

from __future__ import annotations

from typing import Any

from .keyholder import KeyHolder


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

    holder = KeyHolder(stop_pages)
    server_app.circlekit_key_holder = holder
    server_app.log.info("circlekit: the data folder unlocks in the browser")


def _unload_jupyter_server_extension(server_app: Any) -> None:
    holder = getattr(server_app, "circlekit_key_holder", None)
    if holder is not None:
        holder.close()
