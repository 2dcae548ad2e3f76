"""SQLite storage: one file in the data folder, WAL, one transaction per save.

A data folder can be locked with a passphrase: circle names, notes and documents are then
sealed with AES-GCM (see ``crypto``), each bound to its circle and version so that rows
cannot be swapped. Dates, counts and status codes stay readable so the list can be sorted.
"""

from __future__ import annotations

import builtins
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidCircle, KeyChanged, NotFound, StaleSave, StoreUnavailable
from ..i18n import N_, _
from ..model import Circle, explain
from .base import CircleSummary, Opened, Store, VersionInfo
from .crypto import KeyRecipe, Sealer, WrongPassphrase, check_new_passphrase
from .failures import plain_write_errors
from .transaction import transaction

DB_NAME = "circles.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS circles (
    id        TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    language  TEXT NOT NULL,
    status    TEXT NOT NULL,
    practice  INTEGER NOT NULL,
    updated   TEXT NOT NULL,
    version   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS circles_updated ON circles (updated DESC);
CREATE TABLE IF NOT EXISTS versions (
    circle_id TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    saved_at  TEXT NOT NULL,
    items     INTEGER NOT NULL,
    note      TEXT NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (circle_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_CHECK = b"circle-notebooks: the passphrase is right"


class Locked(StoreUnavailable):
    pass


LOCKED = N_(
    "This data folder is locked with a passphrase. Start the app with 'make app' and "
    "enter the passphrase when it asks."
)
KEY_CHANGED = N_(
    "Nothing was saved: the data folder was locked, unlocked or given a new passphrase while "
    "this page was open. Copy what you typed, then reload the page; if the folder is locked "
    "now, start the app again with 'make app' and its passphrase first."
)


def _now() -> datetime:
    return datetime.now(UTC)


class SQLiteStore(Store):
    """The default store. The current document is simply the newest row in ``versions``."""

    def __init__(self, folder: str | os.PathLike[str], key: bytes | None = None) -> None:
        """Open the store in ``folder``; a locked one needs ``key`` (see ``unlock_key``)."""
        self.path = Path(folder) / DB_NAME
        if not self.path.exists():
            # Owner-only from the first byte: circle text is among the most private there is.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None,
                                       check_same_thread=False, timeout=10)
            self._db.executescript(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                "PRAGMA secure_delete=ON;"
            )
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(
                _("The circle data file {path} cannot be opened ({problem}). It may be damaged "
                  "or in use by another program.").format(path=self.path, problem=exc)
            ) from None
        self._sealer: Sealer | None = None
        # The lock as this store found it: every write checks it is still the same.
        self._lock_state = self._lock_row()
        recipe = self.recipe()
        if recipe is not None:
            if key is None:
                self._db.close()
                raise Locked(_(LOCKED))
            self._sealer = self._checked_sealer(key)

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
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
        return None if row is None else KeyRecipe.from_json(json.loads(row[0])["kdf"])

    @property
    def locked(self) -> bool:
        return self._sealer is not None

    def _checked_sealer(self, key: bytes) -> Sealer:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
        sealer = Sealer(key)
        try:
            sealer.open(bytes.fromhex(json.loads(row[0])["check"]), b"check")
        except WrongPassphrase:
            self._db.close()
            raise WrongPassphrase(
                _("That passphrase does not open this data folder. Check it and try again "
                "(letters, spaces and capitals must match exactly).")
            ) from None
        return sealer

    def _put(self, text: str, context: str) -> str | bytes:
        if self._sealer is None:
            return text
        return self._sealer.seal(text.encode("utf-8"), context.encode("utf-8"))

    def _get(self, value: str | bytes, context: str) -> str:
        if isinstance(value, str):
            return value
        if self._sealer is None:
            raise Locked(_(LOCKED))
        return self._sealer.open(value, context.encode("utf-8")).decode("utf-8")

    def set_passphrase(self, passphrase: str | None) -> None:
        """Lock with ``passphrase`` (or change it), or unlock for good with None.

        Every row is rewritten in one transaction; then the file is compacted so that no
        page of the old form is left behind.
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
            titles = db.execute("SELECT id, title FROM circles").fetchall()
            docs = db.execute("SELECT circle_id, version, note, doc FROM versions").fetchall()
            old, self._sealer = self._sealer, new
            try:
                for cid, title in titles:
                    plain = self._get_with(old, title, f"{cid}:title")
                    db.execute("UPDATE circles SET title = ? WHERE id = ?",
                               (self._put(plain, f"{cid}:title"), cid))
                for cid, version, note, doc in docs:
                    ctx = f"{cid}:{version}"
                    db.execute(
                        "UPDATE versions SET note = ?, doc = ? WHERE circle_id = ? AND "
                        "version = ?",
                        (self._put(self._get_with(old, note, ctx + ":note"), ctx + ":note"),
                         self._put(self._get_with(old, doc, ctx), ctx), cid, version))
                db.execute("DELETE FROM meta WHERE key = 'lock'")
                if meta is not None:
                    db.execute("INSERT INTO meta VALUES ('lock', ?)", (meta,))
            except BaseException:
                self._sealer = old
                raise
        self._lock_state = meta
        self._compact()

    @staticmethod
    def _get_with(sealer: Sealer | None, value: str | bytes, context: str) -> str:
        if isinstance(value, str):
            return value
        if sealer is None:  # sealed by a page that missed an earlier unlock
            raise WrongPassphrase(_(
                "Some versions in this data folder are sealed with a passphrase it no longer "
                "has, so nothing was changed. Stop the app, start it again, and try once more."))
        return sealer.open(value, context.encode("utf-8")).decode("utf-8")

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

    @staticmethod
    def _checked(circle: Circle) -> str:
        """Serialise and re-validate: rows appended in place skip pydantic's checks."""
        doc = circle.model_dump_json()
        try:
            Circle.model_validate_json(doc)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Circle)) from None
        return doc

    def list(self, *, include_practice: bool = True) -> list[CircleSummary]:
        sql = "SELECT id, title, language, status, practice, updated, version FROM circles"
        if not include_practice:
            sql += " WHERE practice = 0"
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY updated DESC").fetchall()
        return [CircleSummary(r[0], self._get(r[1], f"{r[0]}:title"), r[2], r[3], bool(r[4]),
                              datetime.fromisoformat(r[5]), r[6]) for r in rows]

    def exists(self, circle_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM circles WHERE id = ?", (circle_id,)).fetchone()
        return row is not None

    @plain_write_errors
    def create(self, circle: Circle, note: str = "created") -> Opened:
        doc = self._checked(circle)
        now = _now().isoformat()
        with self._write() as db:
            self._same_key(db)
            if db.execute("SELECT 1 FROM circles WHERE id = ?", (circle.id,)).fetchone():
                raise InvalidCircle([_("A circle with id {id} already exists.").format(
                    id=circle.id)])
            db.execute(
                "INSERT INTO circles VALUES (?, ?, ?, ?, ?, ?, 1)",
                (circle.id, self._put(circle.title, f"{circle.id}:title"),
                 circle.language.value, circle.status.value, int(circle.practice), now),
            )
            ctx = f"{circle.id}:1"
            db.execute("INSERT INTO versions VALUES (?, 1, ?, ?, ?, ?)",
                       (circle.id, now, circle.item_count(), self._put(note, ctx + ":note"),
                        self._put(doc, ctx)))
        return Opened(circle, 1)

    def open(self, circle_id: str) -> Opened:
        with self._lock:
            row = self._db.execute(
                "SELECT v.version, v.doc FROM circles c JOIN versions v "
                "ON v.circle_id = c.id AND v.version = c.version WHERE c.id = ?",
                (circle_id,),
            ).fetchone()
        if row is None:
            raise NotFound(_("This circle was not found. It may have been deleted."))
        return Opened(self._load(self._get(row[1], f"{circle_id}:{row[0]}")), row[0])

    def open_version(self, circle_id: str, version: int) -> Circle:
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM versions WHERE circle_id = ? AND version = ?",
                (circle_id, version),
            ).fetchone()
        if row is None:
            raise NotFound(_("Version {version} of this circle was not found.").format(
                version=version))
        return self._load(self._get(row[0], f"{circle_id}:{version}"))

    @staticmethod
    def _load(doc: str) -> Circle:
        try:
            return Circle.model_validate_json(doc)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Circle)) from None

    @plain_write_errors
    def save(self, circle: Circle, based_on: int, note: str = "") -> int:
        circle = circle.model_copy(update={"updated": _now().replace(microsecond=0)})
        doc = self._checked(circle)
        now = _now().isoformat()
        with self._write() as db:
            self._same_key(db)
            row = db.execute("SELECT version FROM circles WHERE id = ?", (circle.id,)).fetchone()
            if row is None:
                raise NotFound(_("This circle was not found. It may have been deleted."))
            if row[0] != based_on:
                raise StaleSave(based_on, row[0])
            version = based_on + 1
            ctx = f"{circle.id}:{version}"
            db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                       (circle.id, version, now, circle.item_count(),
                        self._put(note, ctx + ":note"), self._put(doc, ctx)))
            db.execute(
                "UPDATE circles SET title = ?, language = ?, status = ?, practice = ?, "
                "updated = ?, version = ? WHERE id = ?",
                (self._put(circle.title, f"{circle.id}:title"), circle.language.value,
                 circle.status.value, int(circle.practice), now, version, circle.id),
            )
        return version

    def history(self, circle_id: str) -> builtins.list[VersionInfo]:
        with self._lock:
            rows = self._db.execute(
                "SELECT version, saved_at, items, note FROM versions WHERE circle_id = ? "
                "ORDER BY version", (circle_id,),
            ).fetchall()
        if not rows:
            raise NotFound(_("This circle was not found. It may have been deleted."))
        return [VersionInfo(r[0], datetime.fromisoformat(r[1]), r[2],
                            self._get(r[3], f"{circle_id}:{r[0]}:note")) for r in rows]

    def delete(self, circle_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM versions WHERE circle_id = ?", (circle_id,))
            found = db.execute("DELETE FROM circles WHERE id = ?", (circle_id,)).rowcount
        if not found:
            raise NotFound(_("This circle was not found. It may have been deleted already."))
        self._compact()

    def rewrite_history(self, circle_id: str,
                        change: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
        changed = 0
        with self._write() as db:
            self._same_key(db)  # never rewrite old versions with a key the folder lost
            rows = db.execute("SELECT version, doc FROM versions WHERE circle_id = ?",
                              (circle_id,)).fetchall()
            if not rows:
                raise NotFound(_("This circle was not found. It may have been deleted."))
            for version, stored in rows:
                ctx = f"{circle_id}:{version}"
                plain = self._get(stored, ctx)
                circle = self._load(json.dumps(change(json.loads(plain))))
                new = self._checked(circle)
                if new != plain:
                    db.execute("UPDATE versions SET doc = ?, items = ? WHERE circle_id = ? AND "
                               "version = ?", (self._put(new, ctx), circle.item_count(),
                                               circle_id, version))
                    changed += 1
        self._compact()  # the old pages, in the file and in the write-ahead log, go too
        return changed

    # Settings live beside the lock recipe; the names are fixed, so they never hold circle text.
    SETTINGS = frozenset({"language"})

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?",
                               (f"setting:{key}",)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        if key not in self.SETTINGS:
            raise KeyError(key)
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (f"setting:{key}", value))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def folder_recipe(folder: str | os.PathLike[str]) -> KeyRecipe | None:
    """The key recipe of the store in ``folder`` if it is locked, without needing the key."""
    path = Path(folder) / DB_NAME
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
    except sqlite3.OperationalError:
        return None  # an older file without the meta table is not locked
    finally:
        db.close()
    return None if row is None else KeyRecipe.from_json(json.loads(row[0])["kdf"])


__all__ = ["LOCKED", "Locked", "SQLiteStore", "folder_recipe"]
