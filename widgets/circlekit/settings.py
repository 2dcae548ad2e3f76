"""The app's settings in one place: where it listens, its token, its data, its limits.

A traitlets object, as Voila's own settings are. Each value comes from the command line
(``circle-notebooks app --port=9000``), else from an environment variable
(``CIRCLEKIT_PORT``), else the default here. ``voila_options`` hands the server's part to
Voila on its command line, so the app behaves the same whatever folder it starts in (a
``voila.json`` there cannot, for instance, turn tracebacks back on).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from traitlets import Bool, Int, Unicode, default
from traitlets.config import Configurable

from .guard import TOKEN_VAR

PREFIX = "CIRCLEKIT_"
DATA_VAR = "CIRCLEKIT_DATA_DIR"


class Settings(Configurable):
    """Everything ``make app`` and the console script used to spread over the Makefile, the
    environment and ``voila.json``."""

    host = Unicode(help="Address to listen on; anything but this computer needs a token.",
                   config=True)
    port = Int(help="Port to listen on.", config=True)
    token = Unicode(help=f"Access token (from ${TOKEN_VAR}: command lines are visible to "
                    "everyone on the computer).", config=True)
    data_dir = Unicode(help="Folder the circles are kept in; empty: the user's data folder.",
                       config=True)
    notebooks = Unicode(help="Folder of the app's pages; empty: the ones that come with it.",
                        config=True)
    max_kernels = Int(help="Pages (kernels) open at once; past it, a plain page says so.",
                      config=True)
    # How long an abandoned page keeps its kernel, and how long a page may take to run.
    idle_timeout = Int(120, help="Seconds before an idle page's kernel stops.", config=True)
    cull_interval = Int(30, help="Seconds between checks for idle kernels.", config=True)
    execute_timeout = Int(120, help="Seconds a page may take to run.", config=True)
    iopub_timeout = Int(60, help="Seconds to wait for a page's output.", config=True)
    # Never on for facilitators: a traceback would show circle content on screen.
    show_tracebacks = Bool(False, help="Show tracebacks in pages (never in real use).",
                           config=True)

    def __init__(self, environ: Mapping[str, str] | None = None, **values: Any) -> None:
        """``environ``: where the variables are read (default: this process's environment)."""
        self._environ = os.environ if environ is None else environ
        super().__init__(**values)

    def _env(self, name: str, fallback: str) -> str:
        return self._environ.get(PREFIX + name.upper(), "").strip() or fallback

    @default("host")
    def _default_host(self) -> str:
        return self._env("host", "127.0.0.1")

    @default("port")
    def _default_port(self) -> int:
        return int(self._env("port", "8866"))

    @default("token")
    def _default_token(self) -> str:
        return self._environ.get(TOKEN_VAR, "").strip()

    @default("data_dir")
    def _default_data_dir(self) -> str:
        return self._environ.get(DATA_VAR, "").strip()

    @default("notebooks")
    def _default_notebooks(self) -> str:
        return self._env("notebooks", "")

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return int(self._env("max_kernels", "12"))

    @classmethod
    def given(cls, **values: Any) -> Settings:
        """Settings with the values given (``None`` meaning "not given": keep the default)."""
        return cls(None, **{k: v for k, v in values.items() if v is not None})

    def notebooks_folder(self) -> str:
        from .resources import notebooks

        return self.notebooks or str(notebooks())

    def voila_options(self) -> list[str]:
        """The server's settings as Voila command-line options (they beat any config file)."""
        return [
            f"--VoilaConfiguration.show_tracebacks={self.show_tracebacks}",
            "--VoilaConfiguration.strip_sources=True",
            "--VoilaConfiguration.theme=light",
            f"--VoilaExecutor.timeout={self.execute_timeout}",
            f"--VoilaExecutor.iopub_timeout={self.iopub_timeout}",
            f"--MappingKernelManager.cull_idle_timeout={self.idle_timeout}",
            f"--MappingKernelManager.cull_interval={self.cull_interval}",
            "--MappingKernelManager.cull_connected=False",
            f"--CircleVoila.max_kernels={self.max_kernels}",
        ]
