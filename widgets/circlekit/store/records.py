"""Organisational records beside the circles: versioned self-assessments and the incident
log, in the data folder's database (see ``database``) with the same guarantees (WAL, one
transaction per save, refused stale saves, sealed by the folder's lock, delete leaves no
trace).
"""

from __future__ import annotations

import builtins
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

from ..errors import InvalidCircle, NotFound, StaleSave
from ..i18n import _
from ..model import explain
from ..model.incident import Incident
from ..model.release import Release
from .database import SealedDatabase, key_for
from .paths import data_dir

M = TypeVar("M", bound=BaseModel)


class RecordStore(SealedDatabase):
    """Self-assessments and incidents, in the data folder's database beside the circles; a
    locked folder seals their titles, documents, areas and details as it seals circles."""

    def __init__(self, folder: str | os.PathLike[str] | None = None,
                 key: bytes | None = None) -> None:
        super().__init__(data_dir(folder), key)

    def _tx(self, *statements: tuple[str, tuple[object, ...]]) -> None:
        with self._write() as db:
            self._same_key(db)
            for sql, args in statements:
                db.execute(sql, args)

    # --- versioned documents --------------------------------------------------------------

    def list(self, kind: str) -> list[tuple[str, str, datetime, int]]:
        with self._lock:
            rows = self._db.execute("SELECT id, title, updated, version FROM documents "
                                    "WHERE kind = ? ORDER BY updated DESC", (kind,)).fetchall()
        return [(r[0], self._get(r[1], f"record:{kind}:{r[0]}:title"),
                 datetime.fromisoformat(r[2]), r[3]) for r in rows]

    def create(self, kind: str, doc: BaseModel, title: str) -> int:
        now = datetime.now(UTC).isoformat()
        doc_id = doc.id  # type: ignore[attr-defined]
        self._tx(("INSERT INTO documents VALUES (?, ?, ?, ?, 1)",
                  (kind, doc_id, self._put(title, f"record:{kind}:{doc_id}:title"), now)),
                 ("INSERT INTO document_versions VALUES (?, ?, 1, ?, ?)",
                  (kind, doc_id, now,
                   self._put(doc.model_dump_json(), f"record:{kind}:{doc_id}:1"))))
        return 1

    def open(self, kind: str, doc_id: str, model: type[M]) -> tuple[M, int]:
        with self._lock:
            row = self._db.execute(
                "SELECT v.doc, v.version FROM documents d JOIN document_versions v ON "
                "v.kind = d.kind AND v.id = d.id AND v.version = d.version "
                "WHERE d.kind = ? AND d.id = ?", (kind, doc_id)).fetchone()
        if row is None:
            raise NotFound(_("This record was not found. It may have been deleted."))
        doc = self._get(row[0], f"record:{kind}:{doc_id}:{row[1]}")
        return model.model_validate_json(doc), row[1]

    def save(self, kind: str, doc: BaseModel, title: str, based_on: int, *,
             sitting: timedelta | None = None) -> int:
        """Save ``doc`` as the next version, at once. With ``sitting``, a save within that
        time of the newest version's replaces it instead of adding one, so the history
        keeps one version per sitting rather than one per keystroke or answer. The version
        number still moves on, so a stale save from another window is still refused."""
        doc_id = doc.id  # type: ignore[attr-defined]
        with self._write() as db:
            self._same_key(db)
            row = db.execute("SELECT d.version, v.saved_at FROM documents d JOIN "
                             "document_versions v ON v.kind = d.kind AND v.id = d.id AND "
                             "v.version = d.version WHERE d.kind = ? AND d.id = ?",
                             (kind, doc_id)).fetchone()
            if row is None:
                raise NotFound(_("This record was not found. It may have been deleted."))
            if row[0] != based_on:
                raise StaleSave(based_on, row[0])
            now = datetime.now(UTC)
            version = based_on + 1
            sealed = self._put(doc.model_dump_json(), f"record:{kind}:{doc_id}:{version}")
            if sitting is not None and now - datetime.fromisoformat(row[1]) <= sitting:
                # Sealed again under the new version's context, which names the row.
                db.execute("UPDATE document_versions SET version = ?, saved_at = ?, doc = ? "
                           "WHERE kind = ? AND id = ? AND version = ?",
                           (version, now.isoformat(), sealed, kind, doc_id, based_on))
            else:
                db.execute("INSERT INTO document_versions VALUES (?, ?, ?, ?, ?)",
                           (kind, doc_id, version, now.isoformat(), sealed))
            db.execute("UPDATE documents SET title = ?, updated = ?, version = ? "
                       "WHERE kind = ? AND id = ?",
                       (self._put(title, f"record:{kind}:{doc_id}:title"), now.isoformat(),
                        version, kind, doc_id))
        return version

    def history(self, kind: str, doc_id: str,
                model: type[M]) -> builtins.list[tuple[int, datetime, M]]:
        with self._lock:
            rows = self._db.execute("SELECT version, saved_at, doc FROM document_versions "
                                    "WHERE kind = ? AND id = ? ORDER BY version",
                                    (kind, doc_id)).fetchall()
        return [(r[0], datetime.fromisoformat(r[1]),
                 model.model_validate_json(self._get(r[2], f"record:{kind}:{doc_id}:{r[0]}")))
                for r in rows]

    def delete(self, kind: str, doc_id: str) -> None:
        self._tx(("DELETE FROM document_versions WHERE kind = ? AND id = ?", (kind, doc_id)),
                 ("DELETE FROM documents WHERE kind = ? AND id = ?", (kind, doc_id)))
        self._compact()

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
        """Append incidents, each at the next position of the log. Positions are never
        reused, even after a delete: a published report names the last position it counted
        (``analysis.ledger``), so a later entry must never look as if it had been counted."""
        with self._write() as db:
            self._same_key(db)
            found = db.execute("SELECT value FROM meta WHERE key = 'incident_position'"
                               ).fetchone()
            last = max(int(found[0]) if found else 0, db.execute(
                "SELECT coalesce(max(rowid), 0) FROM incidents").fetchone()[0])
            rows = [(last + n, i.id, i.month, self._put(i.area, f"incident:{i.id}:area"),
                     i.who.value, ",".join(w.value for w in i.what),
                     ",".join(c.value for c in i.consequences),
                     ",".join(s.value for s in i.support),
                     self._put(i.details, f"incident:{i.id}:details"))
                    for n, i in enumerate(incidents, 1)]
            db.executemany("INSERT INTO incidents (rowid, id, month, area, who, what, "
                           "consequences, support, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           rows)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('incident_position', ?)",
                       (str(last + len(rows)),))

    def incident_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM incidents").fetchone()[0])

    def incident_frame(self) -> pd.DataFrame:
        """Every incident as categories (no details column), ready for ``report_tables``,
        indexed by its position in the log (which reports counted it: ``analysis.ledger``)."""
        columns = ["month", "area", "who", "what", "consequences", "support"]
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, id, month, area, who, what, consequences, support "
                "FROM incidents ORDER BY rowid").fetchall()
        return pd.DataFrame([(r[2], self._get(r[3], f"incident:{r[1]}:area"), *r[4:])
                             for r in rows], columns=columns,
                            index=pd.Index([r[0] for r in rows], name="position"))

    def incident_position(self) -> int:
        """The position of the last incident ever added (0 for an empty log)."""
        with self._lock:
            found = self._db.execute("SELECT value FROM meta WHERE key = 'incident_position'"
                                     ).fetchone()
            top = self._db.execute("SELECT coalesce(max(rowid), 0) FROM incidents").fetchone()
        return max(int(found[0]) if found else 0, int(top[0]))

    def delete_incident(self, incident_id: str) -> None:
        self._tx(("DELETE FROM incidents WHERE id = ?", (incident_id,)))
        self._compact()


class Ledger:
    """What the organisation published (``model.release``): each release is a record that
    is written once and never changed, so a reader's copy and the ledger always agree."""

    KIND = "release"

    def __init__(self, records: RecordStore) -> None:
        self.records = records

    def add(self, release: Release) -> None:
        scope = " ".join(filter(None, (release.start, release.end, release.area)))
        self.records.create(self.KIND, release, f"{release.kind} {scope}".strip())

    def releases(self, kind: str | None = None) -> builtins.list[Release]:
        """Every release, oldest first (of ``kind`` only, if given)."""
        found = [self.records.open(self.KIND, doc_id, Release)[0]
                 for doc_id, *_rest in self.records.list(self.KIND)]
        return sorted((r for r in found if kind is None or r.kind == kind),
                      key=lambda r: r.published_at)


def open_records(folder: str | Path | None = None) -> RecordStore:
    """The records in ``folder``, opened with the key the app's launcher handed the pages (or
    a script's ``$CIRCLEKIT_PASSPHRASE``)."""
    return RecordStore(folder, key_for(data_dir(folder)))
