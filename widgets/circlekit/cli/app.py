"""``circle-notebooks app``: serve the facilitator app (what ``make app`` runs).

For a locked data folder it asks for the passphrase once, derives the key and hands it to
the pages through the server's environment; the passphrase itself goes nowhere.
"""

from __future__ import annotations

import argparse
import os

from ..errors import CircleKitError
from ..server.guard import network_refusal
from ..server.launch import exec_server
from ..settings import Settings
from ..store import data_dir
from .passphrase import PASS_VAR, unlock_key


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="circle-notebooks app", description=__doc__)
    Settings.add_arguments(parser)
    try:
        settings = Settings.given(**vars(parser.parse_args(argv)))
    except ValueError as exc:  # a setting's variable holds a wrong value: which, and why
        raise SystemExit(str(exc)) from None
    refusal = network_refusal(settings.host, settings.token or None)
    if refusal:
        raise SystemExit(refusal)
    try:
        folder = data_dir(settings.data_dir or None)
    except CircleKitError as exc:
        raise SystemExit(str(exc)) from None
    print(f"Circle data folder: {folder}")
    try:
        key = unlock_key(folder)
    except CircleKitError as exc:  # an unreadable data file: which one, and what to do
        raise SystemExit(str(exc)) from None
    if key is not None:
        print("The data folder is unlocked until the app stops.")
    exec_server(settings, folder, key, {k: v for k, v in os.environ.items() if k != PASS_VAR})
