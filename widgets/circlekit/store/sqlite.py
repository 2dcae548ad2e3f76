"""SQLite storage: one file in the data folder, WAL, one transaction per save."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from ..errors import InvalidCircle, NotFound, StaleSave, StoreUnavailable
from ..model import Circle, explain
from .base import CircleSummary, Opened, Store, VersionInfo

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
"""


def _now() -> datetime:
    return datetime.now(UTC)


class SQLiteStore(Store):
    """The default store. The current document is simply the newest row in ``versions``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
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
                f"The circle data file {self.path} cannot be opened ({exc}). It may be "
                "damaged or in use by another program."
            ) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

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
        return [CircleSummary(r[0], r[1], r[2], r[3], bool(r[4]),
                              datetime.fromisoformat(r[5]), r[6]) for r in rows]

    def exists(self, circle_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM circles WHERE id = ?", (circle_id,)).fetchone()
        return row is not None

    def create(self, circle: Circle, note: str = "created") -> Opened:
        doc = self._checked(circle)
        now = _now().isoformat()
        with self._write() as db:
            if db.execute("SELECT 1 FROM circles WHERE id = ?", (circle.id,)).fetchone():
                raise InvalidCircle([f"A circle with id {circle.id} already exists."])
            db.execute(
                "INSERT INTO circles VALUES (?, ?, ?, ?, ?, ?, 1)",
                (circle.id, circle.title, circle.language.value, circle.status.value,
                 int(circle.practice), now),
            )
            db.execute("INSERT INTO versions VALUES (?, 1, ?, ?, ?, ?)",
                       (circle.id, now, circle.item_count(), note, doc))
        return Opened(circle, 1)

    def open(self, circle_id: str) -> Opened:
        with self._lock:
            row = self._db.execute(
                "SELECT v.version, v.doc FROM circles c JOIN versions v "
                "ON v.circle_id = c.id AND v.version = c.version WHERE c.id = ?",
                (circle_id,),
            ).fetchone()
        if row is None:
            raise NotFound("This circle was not found. It may have been deleted.")
        return Opened(self._load(row[1]), row[0])

    def open_version(self, circle_id: str, version: int) -> Circle:
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM versions WHERE circle_id = ? AND version = ?",
                (circle_id, version),
            ).fetchone()
        if row is None:
            raise NotFound(f"Version {version} of this circle was not found.")
        return self._load(row[0])

    @staticmethod
    def _load(doc: str) -> Circle:
        try:
            return Circle.model_validate_json(doc)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Circle)) from None

    def save(self, circle: Circle, based_on: int, note: str = "") -> int:
        circle = circle.model_copy(update={"updated": _now().replace(microsecond=0)})
        doc = self._checked(circle)
        now = _now().isoformat()
        with self._write() as db:
            row = db.execute("SELECT version FROM circles WHERE id = ?", (circle.id,)).fetchone()
            if row is None:
                raise NotFound("This circle was not found. It may have been deleted.")
            if row[0] != based_on:
                raise StaleSave(based_on, row[0])
            version = based_on + 1
            db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                       (circle.id, version, now, circle.item_count(), note, doc))
            db.execute(
                "UPDATE circles SET title = ?, language = ?, status = ?, practice = ?, "
                "updated = ?, version = ? WHERE id = ?",
                (circle.title, circle.language.value, circle.status.value,
                 int(circle.practice), now, version, circle.id),
            )
        return version

    def history(self, circle_id: str) -> list[VersionInfo]:
        with self._lock:
            rows = self._db.execute(
                "SELECT version, saved_at, items, note FROM versions WHERE circle_id = ? "
                "ORDER BY version", (circle_id,),
            ).fetchall()
        if not rows:
            raise NotFound("This circle was not found. It may have been deleted.")
        return [VersionInfo(r[0], datetime.fromisoformat(r[1]), r[2], r[3]) for r in rows]

    def delete(self, circle_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM versions WHERE circle_id = ?", (circle_id,))
            found = db.execute("DELETE FROM circles WHERE id = ?", (circle_id,)).rowcount
        if not found:
            raise NotFound("This circle was not found. It may have been deleted already.")
        with self._lock:
            # secure_delete zeroes freed pages; VACUUM rewrites the file without them and the
            # TRUNCATE checkpoint empties the write-ahead log, which still held the old pages.
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            self._db.close()
