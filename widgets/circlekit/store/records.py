"""Organisational records beside the circles: versioned self-assessments and the incident
log, in their own SQLite file in the same data folder, with the same guarantees (WAL, one
transaction per save, refused stale saves, delete leaves no trace).
"""

from __future__ import annotations

import builtins
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

from ..errors import InvalidCircle, NotFound, StaleSave
from ..i18n import _
from ..model import explain
from ..org.incidents import Incident
from .paths import data_dir
from .transaction import transaction

DB_NAME = "records.sqlite3"
M = TypeVar("M", bound=BaseModel)

_SCHEMA = """
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


class RecordStore:
    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.path = data_dir(folder) / DB_NAME
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=10)
        self._db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                               "PRAGMA secure_delete=ON;" + _SCHEMA)

    def _tx(self, *statements: tuple[str, tuple[object, ...]]) -> None:
        with transaction(self._db, self._lock) as db:
            for sql, args in statements:
                db.execute(sql, args)

    # --- versioned documents --------------------------------------------------------------

    def list(self, kind: str) -> list[tuple[str, str, datetime, int]]:
        with self._lock:
            rows = self._db.execute("SELECT id, title, updated, version FROM documents "
                                    "WHERE kind = ? ORDER BY updated DESC", (kind,)).fetchall()
        return [(r[0], r[1], datetime.fromisoformat(r[2]), r[3]) for r in rows]

    def create(self, kind: str, doc: BaseModel, title: str) -> int:
        now = datetime.now(UTC).isoformat()
        self._tx(("INSERT INTO documents VALUES (?, ?, ?, ?, 1)",
                  (kind, doc.id, title, now)),  # type: ignore[attr-defined]
                 ("INSERT INTO document_versions VALUES (?, ?, 1, ?, ?)",
                  (kind, doc.id, now, doc.model_dump_json())))  # type: ignore[attr-defined]
        return 1

    def open(self, kind: str, doc_id: str, model: type[M]) -> tuple[M, int]:
        with self._lock:
            row = self._db.execute(
                "SELECT v.doc, v.version FROM documents d JOIN document_versions v ON "
                "v.kind = d.kind AND v.id = d.id AND v.version = d.version "
                "WHERE d.kind = ? AND d.id = ?", (kind, doc_id)).fetchone()
        if row is None:
            raise NotFound(_("This record was not found. It may have been deleted."))
        return model.model_validate_json(row[0]), row[1]

    def save(self, kind: str, doc: BaseModel, title: str, based_on: int) -> int:
        doc_id = doc.id  # type: ignore[attr-defined]
        with transaction(self._db, self._lock) as db:
            row = db.execute("SELECT version FROM documents WHERE kind = ? AND id = ?",
                             (kind, doc_id)).fetchone()
            if row is None:
                raise NotFound(_("This record was not found. It may have been deleted."))
            if row[0] != based_on:
                raise StaleSave(based_on, row[0])
            now = datetime.now(UTC).isoformat()
            db.execute("INSERT INTO document_versions VALUES (?, ?, ?, ?, ?)",
                       (kind, doc_id, based_on + 1, now, doc.model_dump_json()))
            db.execute("UPDATE documents SET title = ?, updated = ?, version = ? "
                       "WHERE kind = ? AND id = ?", (title, now, based_on + 1, kind, doc_id))
        return based_on + 1

    def history(self, kind: str, doc_id: str,
                model: type[M]) -> builtins.list[tuple[int, datetime, M]]:
        with self._lock:
            rows = self._db.execute("SELECT version, saved_at, doc FROM document_versions "
                                    "WHERE kind = ? AND id = ? ORDER BY version",
                                    (kind, doc_id)).fetchall()
        return [(r[0], datetime.fromisoformat(r[1]), model.model_validate_json(r[2]))
                for r in rows]

    def delete(self, kind: str, doc_id: str) -> None:
        self._tx(("DELETE FROM document_versions WHERE kind = ? AND id = ?", (kind, doc_id)),
                 ("DELETE FROM documents WHERE kind = ? AND id = ?", (kind, doc_id)))
        self._compact()

    def _compact(self) -> None:
        with self._lock:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- the incident log -----------------------------------------------------------------

    def add_incident(self, data: dict[str, object] | Incident) -> Incident:
        """Validate and append one incident; a plain-sentence error if it is not valid."""
        try:
            incident = data if isinstance(data, Incident) else Incident.model_validate(data)
        except ValidationError as exc:
            raise InvalidCircle(explain(exc, Incident, paths=False)) from None
        self.add_incidents([incident])
        return incident

    def add_incidents(self, incidents: builtins.list[Incident]) -> None:
        rows = [(i.id, i.month, i.area, i.who.value, ",".join(w.value for w in i.what),
                 ",".join(c.value for c in i.consequences),
                 ",".join(s.value for s in i.support), i.details) for i in incidents]
        with transaction(self._db, self._lock) as db:
            db.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def incident_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM incidents").fetchone()[0])

    def incident_frame(self) -> pd.DataFrame:
        """Every incident as categories (no details column), ready for ``report_tables``."""
        with self._lock:
            return pd.read_sql_query(
                "SELECT month, area, who, what, consequences, support FROM incidents",
                self._db)

    def delete_incident(self, incident_id: str) -> None:
        self._tx(("DELETE FROM incidents WHERE id = ?", (incident_id,)))
        self._compact()

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_records(folder: str | Path | None = None) -> RecordStore:
    return RecordStore(folder)
