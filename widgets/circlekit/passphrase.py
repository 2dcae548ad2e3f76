"""Asking for a passphrase at the terminal (or, for scripts, from the environment)."""

from __future__ import annotations

import getpass
import os

PASS_VAR = "CIRCLEKIT_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


def ask(prompt: str, *, confirm: bool = False) -> str:
    """The passphrase from ``$CIRCLEKIT_PASSPHRASE`` if set, else typed in without echo."""
    given = os.environ.get(PASS_VAR)
    if given is not None:
        return given
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise SystemExit("The two passphrases differ; nothing was changed.")
    return first
