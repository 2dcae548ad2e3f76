"""The data folder's one SQLite file, shared by the circles and the organisation's records.

One file so that locking, unlocking or changing the passphrase is one transaction: stopped at
any point (a crash, a kill, a full disk), every row stays readable with exactly one
passphrase. Two files cannot promise that: SQLite commits a transaction across attached
databases in WAL mode atomically per file only. Folders made before this kept the records in
``records.sqlite3``; they are moved in, and sealed if the folder is locked, on first open.

A locked folder seals the columns in ``SEALED`` with AES-GCM (see ``crypto``), each value
bound to its row so that rows cannot be swapped. Dates, counts and codes stay readable so
lists can be sorted and counted.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import KeyChanged, StoreUnavailable
from ..i18n import N_, _
from .crypto import KeyRecipe, Sealer, WrongPassphrase, check_new_passphrase
from .transaction import transaction

DB_NAME = "circles.sqlite3"
LEGACY_RECORDS = "records.sqlite3"
# The derived key (never the passphrase) the app's launcher hands to its pages.
KEY_VAR = "CIRCLEKIT_KEY"
# A passphrase a script may give (the app takes it out before any page starts).
PASS_VAR = "CIRCLEKIT_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret

SCHEMA = """
CREATE TABLE IF NOT EXISTS circles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL,
    practice INTEGER NOT NULL, updated TEXT NOT NULL, version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS circles_updated ON circles (updated DESC);
CREATE TABLE IF NOT EXISTS versions (
    circle_id TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    version INTEGER NOT NULL, saved_at TEXT NOT NULL, items INTEGER NOT NULL,
    note TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (circle_id, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, updated TEXT NOT NULL,
    version INTEGER NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS document_versions (
    kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, saved_at TEXT NOT NULL,
    doc TEXT NOT NULL, PRIMARY KEY (kind, id, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY, month TEXT NOT NULL, area TEXT NOT NULL, who TEXT NOT NULL,
    what TEXT NOT NULL, consequences TEXT NOT NULL, support TEXT NOT NULL,
    details TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incidents_month ON incidents (month);
"""
RECORD_TABLES = ("documents", "document_versions", "incidents")


@dataclass(frozen=True)
class SealedColumn:
    """A column a passphrase seals; ``context`` (formatted with the row's keys) binds each
    sealed value to its row."""

    table: str
    keys: tuple[str, ...]
    column: str
    context: str

    def context_of(self, row: tuple[object, ...]) -> str:
        return self.context.format(**dict(zip(self.keys, row, strict=False)))


SEALED = (
    SealedColumn("circles", ("id",), "title", "{id}:title"),
    SealedColumn("versions", ("circle_id", "version"), "note", "{circle_id}:{version}:note"),
    SealedColumn("versions", ("circle_id", "version"), "doc", "{circle_id}:{version}"),
    SealedColumn("documents", ("kind", "id"), "title", "record:{kind}:{id}:title"),
    SealedColumn("document_versions", ("kind", "id", "version"), "doc",
                 "record:{kind}:{id}:{version}"),
    SealedColumn("incidents", ("id",), "area", "incident:{id}:area"),
    SealedColumn("incidents", ("id",), "details", "incident:{id}:details"),
)

_CHECK = b"circle-notebooks: the passphrase is right"
LOCKED = N_(
    "This data folder is locked with a passphrase. Start the app with 'make app' and "
    "enter the passphrase when it asks."
)
KEY_CHANGED = N_(
    "Nothing was saved: the data folder was locked, unlocked or given a new passphrase while "
    "this page was open. Copy what you typed, then reload the page; if the folder is locked "
    "now, start the app again with 'make app' and its passphrase first."
)
logger = logging.getLogger("circlekit")


class Locked(StoreUnavailable):
    pass


def seal(sealer: Sealer | None, text: str, context: str) -> str | bytes:
    """``text`` as stored: sealed bytes in a locked folder, else the text itself."""
    if sealer is None:
        return text
    return sealer.seal(text.encode("utf-8"), context.encode("utf-8"))


def unseal(sealer: Sealer | None, value: str | bytes, context: str) -> str:
    if isinstance(value, str):
        return value
    if sealer is None:
        raise Locked(_(LOCKED))
    return sealer.open(value, context.encode("utf-8")).decode("utf-8")


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create, owner-only from the first byte) the data folder's database."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    try:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                         "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;" + SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise StoreUnavailable(unreadable(path, exc)) from None
    return db


def unreadable(path: Path, exc: BaseException) -> str:
    """What is wrong with which file, and what to do (the cause goes to the log only)."""
    logger.warning("cannot open %s: %s", path.name, type(exc).__name__)
    return _("The data file {path} cannot be opened: it may be damaged, or in use by another "
             "program. Nothing in it was changed. Close other programs that use it and reload "
             "the page; if this stays, keep a copy of the data folder and restore the file "
             "from your last backup.").format(path=path)


def damaged_file(folder: Path, exc: BaseException) -> StoreUnavailable | None:
    """A plain error naming the data file if ``exc`` is SQLite finding it damaged (a bad
    page is found only when read), else None."""
    if isinstance(exc, sqlite3.DatabaseError):
        return StoreUnavailable(unreadable(folder / DB_NAME, exc))
    return None


class SealedDatabase:
    """One connection to the data folder's database, with its lock (passphrase) state.

    Every write checks, in its transaction, that the folder's lock is still the one this
    connection opened with, so nothing is ever sealed with a key the folder no longer has.
    """

    def __init__(self, folder: str | os.PathLike[str], key: bytes | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self._lock = threading.RLock()
        self._db = connect(self.path)
        self._sealer: Sealer | None = None
        self._lock_state = self._lock_row()
        if self._lock_state is not None:
            if key is None:
                self._db.close()
                raise Locked(_(LOCKED))
            self._sealer = self._checked_sealer(key)
        self._adopt_legacy_records()

    # --- the lock -------------------------------------------------------------------------

    def _lock_row(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
        return None if row is None else str(row[0])

    def _same_key(self, db: sqlite3.Connection) -> None:
        """Inside a write: refuse if the folder's lock changed since this store opened it,
        or rows would be sealed with a key the folder no longer has (or left readable)."""
        row = db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
        if (None if row is None else str(row[0])) != self._lock_state:
            raise KeyChanged(_(KEY_CHANGED))

    def recipe(self) -> KeyRecipe | None:
        """How this folder's key is derived, or None if it is not locked."""
        state = self._lock_row()
        return None if state is None else KeyRecipe.from_json(json.loads(state)["kdf"])

    @property
    def locked(self) -> bool:
        return self._sealer is not None

    @property
    def folder_key(self) -> bytes | None:
        """The key this folder's rows are sealed with (None if it is not locked)."""
        return None if self._sealer is None else self._sealer.key

    def meta(self, key: str) -> str | None:
        """A value the folder keeps about itself (never circle text)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self._write() as db:
            db.execute("DELETE FROM meta WHERE key = ?", (key,))
            if value is not None:
                db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))

    def _checked_sealer(self, key: bytes) -> Sealer:
        sealer = Sealer(key)
        try:
            sealer.open(bytes.fromhex(json.loads(str(self._lock_state))["check"]), b"check")
        except WrongPassphrase:
            self._db.close()
            raise WrongPassphrase(
                _("That passphrase does not open this data folder. Check it and try again "
                  "(letters, spaces and capitals must match exactly).")
            ) from None
        return sealer

    def _put(self, text: str, context: str) -> str | bytes:
        return seal(self._sealer, text, context)

    def _get(self, value: str | bytes, context: str) -> str:
        return unseal(self._sealer, value, context)

    def set_passphrase(self, passphrase: str | None) -> None:
        """Lock with ``passphrase`` (or change it), or unlock for good with None.

        Every sealed column of every table, circles and records, is rewritten in one
        transaction; then the file is compacted so that no page of the old form is left.
        """
        new: Sealer | None = None
        meta: str | None = None
        if passphrase is not None:
            check_new_passphrase(passphrase)
            recipe = KeyRecipe.new()
            new = Sealer(recipe.derive(passphrase))
            meta = json.dumps({"kdf": recipe.to_json(),
                               "check": new.seal(_CHECK, b"check").hex()})
        with self._write() as db:
            self._same_key(db)
            for column in SEALED:
                keys = ", ".join(column.keys)
                rows = db.execute(f"SELECT {keys}, {column.column} FROM {column.table}"  # noqa: S608 - names from SEALED
                                  ).fetchall()
                where = " AND ".join(f"{k} = ?" for k in column.keys)
                for row in rows:
                    ctx = column.context_of(row)
                    plain = _reopen(self._sealer, row[-1], ctx)
                    db.execute(f"UPDATE {column.table} SET {column.column} = ? WHERE {where}",  # noqa: S608
                               (seal(new, plain, ctx), *row[:-1]))
            db.execute("DELETE FROM meta WHERE key = 'lock'")
            if meta is not None:
                db.execute("INSERT INTO meta VALUES ('lock', ?)", (meta,))
        self._sealer, self._lock_state = new, meta
        self._compact()

    # --- writing --------------------------------------------------------------------------

    def _compact(self) -> None:
        with self._lock:
            # secure_delete zeroes freed pages; VACUUM rewrites the file without them and the
            # TRUNCATE checkpoint empties the write-ahead log, which still held the old pages.
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with transaction(self._db, self._lock) as db:
            yield db

    def _adopt_legacy_records(self) -> None:
        """Move an older folder's ``records.sqlite3`` into this file (sealing it if the
        folder is locked), in one transaction, then remove the old file."""
        legacy = self.folder / LEGACY_RECORDS
        if not legacy.exists():
            return
        try:
            with self._lock:
                self._db.execute("ATTACH DATABASE ? AS legacy", (str(legacy),))
            try:
                with self._write() as db:
                    self._same_key(db)
                    for table in RECORD_TABLES:
                        self._copy_legacy(db, table)
            finally:
                with self._lock:
                    self._db.execute("DETACH DATABASE legacy")
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(unreadable(legacy, exc)) from None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{legacy}{suffix}").unlink(missing_ok=True)
        self._compact()

    def _copy_legacy(self, db: sqlite3.Connection, table: str) -> None:
        names = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})")]
        present = {r[1] for r in db.execute(f"PRAGMA legacy.table_info({table})")}
        if not present:
            return
        sealed = [c for c in SEALED if c.table == table]
        rows = db.execute(f"SELECT {', '.join(names)} FROM legacy.{table}").fetchall()  # noqa: S608
        marks = ", ".join("?" * len(names))
        for row in rows:
            values = dict(zip(names, row, strict=True))
            for column in sealed:
                ctx = column.context_of(tuple(values[k] for k in column.keys))
                values[column.column] = self._put(str(values[column.column]), ctx)
            db.execute(f"INSERT OR IGNORE INTO {table} VALUES ({marks})",  # noqa: S608
                       tuple(values.values()))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _reopen(sealer: Sealer | None, value: str | bytes, context: str) -> str:
    if isinstance(value, str):
        return value
    if sealer is None:  # sealed by a page that missed an earlier unlock
        raise WrongPassphrase(_(
            "Some versions in this data folder are sealed with a passphrase it no longer "
            "has, so nothing was changed. Stop the app, start it again, and try once more."))
    return sealer.open(value, context.encode("utf-8")).decode("utf-8")


def folder_recipe(folder: str | os.PathLike[str]) -> KeyRecipe | None:
    """The key recipe of the folder's database if it is locked, without needing the key."""
    path = Path(folder) / DB_NAME
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
    except sqlite3.OperationalError:
        return None  # an older file without the meta table is not locked
    except sqlite3.DatabaseError as exc:
        raise StoreUnavailable(unreadable(path, exc)) from None
    finally:
        db.close()
    return None if row is None else KeyRecipe.from_json(json.loads(row[0])["kdf"])


def key_from_environment() -> bytes | None:
    key = os.environ.get(KEY_VAR)
    return bytes.fromhex(key) if key else None


def key_for(folder: str | os.PathLike[str]) -> bytes | None:
    """The key for ``folder`` from this process's environment: the one the app's launcher
    handed its pages, else (for a script, papermill or JupyterLab) one derived from the
    passphrase in ``$CIRCLEKIT_PASSPHRASE``; None if neither."""
    key = key_from_environment()
    given = os.environ.get(PASS_VAR)
    if key is None and given:
        recipe = folder_recipe(folder)
        key = recipe.derive(given) if recipe is not None else None
    return key
