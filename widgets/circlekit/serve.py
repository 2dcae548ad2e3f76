"""Serve the facilitator app: ``circle-notebooks app`` (what ``make app`` runs).

For a locked data folder it asks for the passphrase once, derives the key and hands it to
the pages through the server's environment; the passphrase itself goes nowhere.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import CircleKitError
from .guard import TOKEN_VAR, network_refusal
from .passphrase import PASS_VAR, ask
from .running import mark_serving
from .settings import DATA_VAR, Settings
from .store import KEY_VAR, SQLiteStore, data_dir, folder_recipe
from .store.crypto import WrongPassphrase

TRIES = 3
# The app's Voila template (Voila's own, with no stylesheet fetched from a CDN).
TEMPLATE = "circle"
TEMPLATES_ROOT = Path(__file__).with_name("jupyter")


def voila_environment(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the app's template on Jupyter's data path, where Voila looks for it."""
    paths = [str(TEMPLATES_ROOT), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {**env, "JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}


def unlock_key(folder: Path) -> bytes | None:
    """The key for ``folder`` if it is locked (asking for the passphrase), else None."""
    recipe = folder_recipe(folder)
    if recipe is None:
        return None
    for _ in range(1 if PASS_VAR in os.environ else TRIES):
        key = recipe.derive(ask("Passphrase for this data folder: "))
        try:
            SQLiteStore(folder, key=key).close()
            return key
        except WrongPassphrase as exc:
            print(exc, file=sys.stderr)
    raise SystemExit("The data folder stays locked; the app was not started.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", help="default: 127.0.0.1, or $CIRCLEKIT_HOST")
    parser.add_argument("--port", type=int, help="default: 8866, or $CIRCLEKIT_PORT")
    parser.add_argument("--notebooks", help="default: the pages that come with the app")
    parser.add_argument("--data-dir", help="default: $CIRCLEKIT_DATA_DIR, or the user's one")
    args = parser.parse_args(argv)
    settings = Settings.given(host=args.host, port=args.port, notebooks=args.notebooks,
                              data_dir=args.data_dir)
    token = settings.token
    refusal = network_refusal(settings.host, token or None)
    if refusal:
        raise SystemExit(refusal)
    try:
        folder = data_dir(settings.data_dir or None)
    except CircleKitError as exc:
        raise SystemExit(str(exc)) from None
    print(f"Circle data folder: {folder}")
    env = voila_environment({k: v for k, v in os.environ.items() if k != PASS_VAR})
    env[DATA_VAR] = str(folder)  # the pages' kernels open the same folder
    try:
        key = unlock_key(folder)
    except CircleKitError as exc:  # an unreadable data file: which one, and what to do
        raise SystemExit(str(exc)) from None
    if key is not None:
        env[KEY_VAR] = key.hex()
        print("The data folder is unlocked until the app stops.")
    # The token goes through the environment, which only this user can read; `ps` shows
    # every command line to everyone.
    env.pop(TOKEN_VAR, None)
    if token:
        env[TOKEN_VAR] = token
    command = server_command(settings.notebooks_folder(), settings.host, settings.port,
                             settings)
    mark_serving(folder)
    os.execve(sys.executable, command, env)  # noqa: S606


def server_command(notebooks: str, host: str, port: str | int,
                   settings: Settings | None = None) -> list[str]:
    """The app's Voila server (``circlekit.voila_app``) with the app's template and settings."""
    return [sys.executable, "-m", "circlekit.voila_app", notebooks, "--no-browser",
            f"--Voila.ip={host}", f"--port={port}", f"--template={TEMPLATE}",
            *(settings or Settings()).voila_options()]


if __name__ == "__main__":
    main()
