"""Saves the disk refuses, as plain sentences: a read-only data folder, a full disk."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ..errors import NotWritten
from ..i18n import N_, _

CANNOT_WRITE = N_("The data folder cannot be written (it may be read-only, or on a drive "
                  "that was removed). What you typed is still on this page, and saving is "
                  "tried again every few seconds.")
DISK_FULL = N_("The disk is full. Free some space: what you typed is still on this page, and "
               "saving is tried again every few seconds.")
# SQLite's primary result codes for a write the disk or the file system refused.
_FULL = {13}  # SQLITE_FULL
_UNWRITABLE = {3, 8, 10, 14}  # SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN

P = ParamSpec("P")
R = TypeVar("R")


def not_written(exc: sqlite3.Error) -> NotWritten | None:
    """The plain error for ``exc`` if the disk refused the write, else None."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    cause = getattr(exc, "sqlite_errorname", type(exc).__name__)
    if code in _FULL:
        return NotWritten(_(DISK_FULL), cause)
    if code in _UNWRITABLE:
        return NotWritten(_(CANNOT_WRITE), cause)
    return None


def _end_transaction(store: object) -> None:
    """A write refused at COMMIT may leave its transaction open: end it, or no later save
    could begin one. SQLite may have rolled it back already."""
    db = getattr(store, "_db", None)
    if isinstance(db, sqlite3.Connection) and db.in_transaction:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def plain_write_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn a refused write inside ``method`` into ``NotWritten``; nothing was written."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            # SQLite rolls a transaction back itself on a full disk; the ROLLBACK that follows
            # then fails and hides the cause, which is still its context.
            cause: BaseException | None = exc
            plain = None
            while plain is None and isinstance(cause, sqlite3.Error):
                plain, cause = not_written(cause), cause.__context__
            if plain is None:
                raise
            _end_transaction(args[0])
            raise plain from None

    return wrapper
