"""Asking for a passphrase at the terminal (or, for scripts, from the environment)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..store import PASS_VAR, SQLiteStore, folder_recipe
from ..store.crypto import WrongPassphrase

TRIES = 3


def ask(prompt: str, *, confirm: bool = False) -> str:
    """The passphrase from ``$CIRCLEKIT_PASSPHRASE`` if set, else typed in without echo."""
    given = os.environ.get(PASS_VAR)
    if given is not None:
        return given
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise SystemExit("The two passphrases differ; nothing was changed.")
    return first


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
