"""Every tunable of the app in one traitlets object, read the same way by every part of it.

Each setting ``name`` comes from, in order: a value given in code or on the command line
(``circle-notebooks app --port=9000``), the environment variable ``CIRCLEKIT_<NAME>``
(``CIRCLEKIT_PORT=9000``), or the default here. The laptop launcher hands the server's part
to Voila on its command line (``voila_options``), so the app behaves the same whatever folder
it starts in (a ``voila.json`` there cannot turn tracebacks back on); an organisation's
JupyterHub loads the same part into each facilitator's server (``configure``, called from
``deploy/jupyterhub/jupyter_server_config.py``), and the hub its own (``hub_*``, from
``jupyterhub_config.py``). The pages' kernels read the rest (autosave, retries, where the data
and case studies are) from the environment the server hands them.

This module imports nothing else of circlekit: the server, the command line and the pages'
kernels all read it. ``docs()`` lists every setting; the README shows that list.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any

from traitlets import Bool, Float, Int, TraitType, Unicode
from traitlets.config import Config, Configurable

PREFIX = "CIRCLEKIT_"
DATA_VAR = PREFIX + "DATA_DIR"
TOKEN_VAR = PREFIX + "TOKEN"
CASESTUDIES_VAR = PREFIX + "CASESTUDIES_DIR"
TEMPLATE = "circle"  # the app's Voila template (Voila's own, with nothing from a CDN)


def env_name(setting: str) -> str:
    return PREFIX + setting.upper()


class Settings(Configurable):
    """What ``make app``, ``make hub`` and the pages' kernels need to know, documented once.

    Settings tagged ``cli`` are also options of ``circle-notebooks app``; the token is not,
    since command lines are visible to everyone on the computer.
    """

    # Where the app listens and who may open it.
    host = Unicode("127.0.0.1", config=True,
                   help="Address to listen on; anything but this computer needs a token."
                   ).tag(cli=True)
    port = Int(8866, config=True, help="Port to listen on.").tag(cli=True)
    token = Unicode("", config=True,
                    help="Access token, at least 16 characters; needed to listen on a network.")
    # What it serves.
    data_dir = Unicode("", config=True,
                       help="Folder the circles are kept in; empty: the user's data folder."
                       ).tag(cli=True)
    notebooks = Unicode("", config=True,
                        help="Folder of the app's pages; empty: the ones that come with it."
                        ).tag(cli=True)
    casestudies_dir = Unicode("", config=True,
                              help="Folder of case studies; empty: the collection's own.")
    # How many pages, and for how long (a closed tab's kernel holds circle text in memory).
    max_kernels = Int(12, config=True,
                      help="Pages (kernels) open at once; past it, a plain page says so.")
    idle_timeout = Int(120, config=True, help="Seconds before an idle page's kernel stops.")
    cull_interval = Int(30, config=True, help="Seconds between checks for idle kernels.")
    execute_timeout = Int(120, config=True, help="Seconds a page may take to run.")
    iopub_timeout = Int(60, config=True, help="Seconds to wait for a page's output.")
    # Never on for facilitators: a traceback would show circle content on screen.
    show_tracebacks = Bool(False, config=True,
                           help="Show tracebacks in pages (never in real use).")
    # In each page's kernel.
    autosave_delay = Float(0.6, config=True,
                           help="Seconds of quiet after typing before a save (0: at once).")
    save_retry = Float(5.0, config=True,
                       help="Seconds before a save the disk refused is tried again (0: never).")
    # Backups of the whole data folder (to the folder chosen on the start page).
    backup_hours = Float(24.0, config=True,
                         help="Hours between backups while there are changes; the start page "
                         "turns red when the last backup is older (0: no automatic backups).")
    backup_idle_minutes = Float(10.0, config=True,
                                help="Minutes without a save, after changes, before the app "
                                "makes a backup of its own accord.")
    backup_keep_recent = Int(3, config=True,
                             help="The newest backups kept whatever their day.")
    backup_keep_daily = Int(7, config=True,
                            help="Days whose newest backup is kept.")
    backup_keep_weekly = Int(4, config=True,
                             help="Weeks whose newest backup is kept.")
    # An organisation's JupyterHub on one machine (deploy/jupyterhub/jupyterhub_config.py).
    hub_url = Unicode("http://127.0.0.1:8000", config=True,
                      help="Where the hub listens; put TLS in front before opening it to a "
                      "network.")
    hub_hosts = Unicode("", config=True,
                        help="Further names the hub answers to, comma-separated (e.g. the "
                        "name of the TLS proxy in front); any other Host header gets 403.")
    hub_state = Unicode("/var/lib/circle-notebooks-hub", config=True,
                        help="The hub's own files (database, cookie secret), root only.")
    hub_admin = Unicode("", config=True,
                        help="The hub account that approves sign-ups and starts or stops "
                        "servers, without entering them.")
    mem_limit = Unicode("2G", config=True,
                        help="Memory per process of a facilitator's server, e.g. 2G.")
    idle_hours = Float(1.0, config=True,
                       help="Hours without use before the hub stops a facilitator's server.")

    def __init__(self, environ: Mapping[str, str] | None = None, **values: Any) -> None:
        """``environ``: where the variables are read (default: this process's environment).

        Raises ``ValueError`` naming the variable if one holds a value of the wrong kind.
        """
        environ = os.environ if environ is None else environ
        for name, trait in self.class_traits(config=True).items():
            raw = environ.get(env_name(name), "").strip()
            if name not in values and raw:
                values[name] = _parse(trait, env_name(name), raw)
        super().__init__(**values)

    @classmethod
    def given(cls, **values: Any) -> Settings:
        """Settings with the values given (``None`` meaning "not given": keep the default)."""
        return cls(None, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """The settings tagged ``cli`` as options of ``parser`` (absent: ``None``)."""
        for name, trait in cls.class_traits(cli=True).items():
            kind = int if isinstance(trait, Int) else str
            parser.add_argument("--" + name.replace("_", "-"), dest=name, type=kind,
                                help=f"{trait.help} Default: {_shown(trait)}, or "
                                     f"${env_name(name)}.")

    @classmethod
    def docs(cls) -> list[tuple[str, str, str]]:
        """(variable, default, help) of every setting, in the order declared."""
        return [(env_name(name), _shown(trait), trait.help)
                for name, trait in cls.class_traits(config=True).items()]

    def server_config(self) -> dict[str, dict[str, Any]]:
        """The Jupyter server's and Voila's part, by configurable class."""
        return {
            "VoilaConfiguration": {"show_tracebacks": self.show_tracebacks,
                                   "strip_sources": True, "theme": "light",
                                   "template": TEMPLATE},
            "VoilaExecutor": {"timeout": self.execute_timeout,
                              "iopub_timeout": self.iopub_timeout},
            "MappingKernelManager": {"cull_idle_timeout": self.idle_timeout,
                                     "cull_interval": self.cull_interval,
                                     "cull_connected": False},
            # Unix sockets in the server's own folder: no other account can reach a kernel.
            "KernelManager": {"transport": "ipc"},
            # Jupyter's notebook-trust database would note, outside the data folder, each
            # time a page ran: the pages are the app's own, so nothing needs remembering.
            "NotebookNotary": {"db_file": ":memory:"},
            # Named short, so that a long temporary or home folder still fits a socket path.
            "AsyncMappingKernelManager": {
                "kernel_manager_class": "circlekit.server.kernel_manager.ShortSocketKernelManager"},
        }

    def voila_options(self) -> list[str]:
        """The server's part as command-line options (they beat any config file)."""
        return [f"--{section}.{key}={value}"
                for section, values in self.server_config().items()
                for key, value in values.items()] + [
            f"--CircleVoila.max_kernels={self.max_kernels}"]

    def configure(self, config: Config) -> None:
        """Load the server's part into a Jupyter server's ``config`` (JupyterHub's servers)."""
        for section, values in self.server_config().items():
            for key, value in values.items():
                config[section][key] = value


def _parse(trait: TraitType[Any, Any], variable: str, raw: str) -> Any:
    try:
        return trait.from_string(raw)
    except (ValueError, TypeError):
        raise ValueError(f"${variable} is {raw!r}, which is not a valid value: "
                         f"{trait.help}") from None


def _shown(trait: TraitType[Any, Any]) -> str:
    value = trait.default_value
    return str(value) if value != "" else "none"
