"""Starting the app's Voilà server: its command line and its environment.

Nothing here asks anything or prints: the command line (``circlekit.cli.app``) decides, then
hands this module the settings and the key; ``exec_server`` becomes the server.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..content.resources import notebooks
from ..settings import DATA_VAR, TOKEN_VAR, Settings
from ..store import KEY_VAR
from .kernels import kernel_environment
from .running import mark_serving

# The app's Voila template (settings.TEMPLATE) is found here, on Jupyter's data path.
TEMPLATES_ROOT = Path(__file__).resolve().parent.parent / "jupyter"


def voila_environment(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the app's template on Jupyter's data path, where Voila looks for it."""
    paths = [str(TEMPLATES_ROOT), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {**env, "JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}


def notebooks_folder(settings: Settings) -> str:
    """The pages to serve: the settings' folder, else the ones that come with the app."""
    return settings.notebooks or str(notebooks())


def server_command(notebooks: str, host: str, port: str | int,
                   settings: Settings | None = None) -> list[str]:
    """The app's Voila server (``circlekit.server.voila``) with its template and settings."""
    return [sys.executable, "-m", "circlekit.server.voila", notebooks, "--no-browser",
            f"--Voila.ip={host}", f"--port={port}",
            *(settings or Settings()).voila_options()]


def server_environment(settings: Settings, folder: Path, key: bytes | None,
                       environ: dict[str, str]) -> dict[str, str]:
    """The server's environment, which its pages' kernels inherit, for ``folder``."""
    env = voila_environment(environ)
    env[DATA_VAR] = str(folder)  # the pages' kernels open the same folder
    env.update(kernel_environment(folder))
    if key is not None:
        env[KEY_VAR] = key.hex()
    # The token goes through the environment, which only this user can read; `ps` shows
    # every command line to everyone. The server takes it out before any kernel starts.
    env.pop(TOKEN_VAR, None)
    if settings.token:
        env[TOKEN_VAR] = settings.token
    return env


def exec_server(settings: Settings, folder: Path, key: bytes | None,
                environ: dict[str, str]) -> None:
    """Replace this process with the server for ``folder`` (``key``: the folder's, if locked)."""
    env = server_environment(settings, folder, key, environ)
    command = server_command(notebooks_folder(settings), settings.host, settings.port, settings)
    mark_serving(folder)
    os.execve(sys.executable, command, env)  # noqa: S606
