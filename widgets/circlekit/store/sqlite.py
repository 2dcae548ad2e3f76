"""SQLite storage: one file in the data folder, WAL, one transaction per save.

A data folder can be locked with a passphrase (see ``database``): circle names, notes and
documents are then sealed, each bound to its circle and version.
"""

from __future__ import annotations

import builtins
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidCircle, NotFound, StaleSave
from ..i18n import _
from ..model import Circle, explain
from .base import CircleSummary, Opened, Store, VersionInfo
from .database import DB_NAME, KEY_CHANGED, LOCKED, Locked, SealedDatabase, folder_recipe
from .failures import plain_write_errors

# The note of the version a history rewrite adds (see ``rewrite_history``).
HISTORY_REWRITTEN = "struck from every version"  # i18n: history notes stay English
# The meta key that remembers a deleted circle's id (never its title) and the day.
DELETED = "deleted:"


def _now() -> datetime:
    return datetime.now(UTC)


class SQLiteStore(SealedDatabase, Store):
    """The default store. The current document is simply the newest row in ``versions``."""

    def __init__(self, folder: str | os.PathLike[str], key: bytes | None = None) -> None:
        """Open the store in ``folder``; a locked one needs ``key`` (see ``unlock_key``)."""
        super().__init__(folder, key)

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

    def versions(self, circle_id: str) -> builtins.list[tuple[int, str, int, str, str]]:
        """(version, saved_at, items, note, doc) of every version, oldest first, unsealed."""
        with self._lock:
            rows = self._db.execute(
                "SELECT version, saved_at, items, note, doc FROM versions WHERE circle_id = ? "
                "ORDER BY version", (circle_id,)).fetchall()
        return [(r[0], r[1], r[2], self._get(r[3], f"{circle_id}:{r[0]}:note"),
                 self._get(r[4], f"{circle_id}:{r[0]}")) for r in rows]

    @plain_write_errors
    def create_with_history(self, circle: Circle,
                            rows: builtins.list[tuple[str, int, str, str]]) -> int:
        """Add ``circle`` with an earlier history (saved_at, items, note, doc), as a hand-over
        brings it; the last row is ``circle`` itself. Returns its version."""
        self._checked(circle)
        with self._write() as db:
            self._same_key(db)
            if db.execute("SELECT 1 FROM circles WHERE id = ?", (circle.id,)).fetchone():
                raise InvalidCircle([_("A circle with id {id} already exists.").format(
                    id=circle.id)])
            db.execute("INSERT INTO circles VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (circle.id, self._put(circle.title, f"{circle.id}:title"),
                        circle.language.value, circle.status.value, int(circle.practice),
                        rows[-1][0], len(rows)))
            self.add_versions(db, circle.id, [(number, *row)
                                              for number, row in enumerate(rows, start=1)])
            db.execute("DELETE FROM meta WHERE key = ?", (DELETED + circle.id,))
        return len(rows)

    def add_versions(self, db: sqlite3.Connection, circle_id: str,
                     rows: Iterable[tuple[int, str, int, str, str]]) -> None:
        """Inside a write of this store: insert (version, saved_at, items, note, doc) rows as
        they were, each sealed to its place if the folder is locked (a hand-over, a restore)."""
        for number, saved_at, items, note, doc in rows:
            ctx = f"{circle_id}:{number}"
            db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                       (circle_id, number, saved_at, items, self._put(note, ctx + ":note"),
                        self._put(doc, ctx)))

    def stamps(self, circle_id: str) -> builtins.list[tuple[int, str]]:
        """(version, saved_at) of every version: what tells two copies' histories apart."""
        with self._lock:
            return [(r[0], r[1]) for r in self._db.execute(
                "SELECT version, saved_at FROM versions WHERE circle_id = ? ORDER BY version",
                (circle_id,))]

    def delete(self, circle_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM versions WHERE circle_id = ?", (circle_id,))
            found = db.execute("DELETE FROM circles WHERE id = ?", (circle_id,)).rowcount
            db.execute("DELETE FROM meta WHERE key = ?", ("merged:" + circle_id,))
            if found:  # only the id and the day, so a restore does not bring it back unasked
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           (DELETED + circle_id, _now().date().isoformat()))
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
            latest, last = max(version for version, _doc in rows), None
            for version, stored in rows:
                ctx = f"{circle_id}:{version}"
                plain = self._get(stored, ctx)
                # In today's shape first, so a change names fields as they are now, and a
                # field renamed since this version was written is struck all the same.
                current = self._load(plain).model_dump(mode="json")
                circle = self._load(json.dumps(change(current)))
                new = self._checked(circle)
                if version == latest:
                    last = (new, circle.item_count())
                if new != plain:
                    db.execute("UPDATE versions SET doc = ?, items = ? WHERE circle_id = ? AND "
                               "version = ?", (self._put(new, ctx), circle.item_count(),
                                               circle_id, version))
                    changed += 1
            if changed and last is not None:
                # The rewritten circle again, as a new version: a page of this circle opened
                # before (another tab) names the old version in its next save, which is then
                # refused as stale, so it cannot write what was struck back.
                version, (doc, items) = latest + 1, last
                ctx = f"{circle_id}:{version}"
                db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                           (circle_id, version, _now().isoformat(), items,
                            self._put(HISTORY_REWRITTEN, ctx + ":note"), self._put(doc, ctx)))
                db.execute("UPDATE circles SET version = ? WHERE id = ?", (version, circle_id))
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


__all__ = ["DB_NAME", "DELETED", "KEY_CHANGED", "LOCKED", "Locked", "SQLiteStore", "folder_recipe"]
