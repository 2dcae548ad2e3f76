"""Restoring from a sealed backup (``backup``): verified whole before anything is changed.

A backup is opened in memory: its header, its passphrase, its seal and then SQLite's own
integrity check must all pass, or it is refused with a sentence that says which (a wrong
passphrase, a file cut short, a changed byte), and nothing here changes. What it holds is
listed beside what is here now, circle by circle:

- a circle missing here comes back with its whole history, unless it was deleted here on
  purpose (then only when chosen by name);
- one whose history here is the start of the backup's gets the versions it lacks;
- one changed here since the backup was made is not touched unless asked, and then the
  backup's latest becomes a new version on top: the history here stays, nothing is deleted.

The organisation's records (self-assessments, incidents) come back where they are missing.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import ValidationError

from ..i18n import N_, _
from ..model import Circle
from .backup import MAGIC, BackupRefused, backup_key, key_check, plain_image
from .crypto import KeyRecipe, Sealer, WrongPassphrase
from .database import RECORD_TABLES, SEALED, unseal
from .sqlite import DELETED, SQLiteStore

# Bigger than any real backup: a hostile file must not make the app read gigabytes.
MAX_BACKUP_BYTES = 4 * 1024**3
NOT_A_BACKUP = N_("This file is not a Circle Notebooks backup. Nothing was changed.")
WRONG = N_("This passphrase does not open this backup: it is not the one the backup was "
           "sealed with (the data folder's passphrase at the time, or the backup passphrase). "
           "Nothing was changed.")
CUT_SHORT = N_("This backup is incomplete: the file was cut short, perhaps while it was being "
               "copied. Nothing was changed. Try an earlier backup.")
DAMAGED = N_("This backup is damaged: its contents were changed after it was made, so it "
             "cannot be trusted. Nothing was changed. Try an earlier backup.")
RESTORED_NOTE = "restored from the backup of {made}"  # i18n: history notes stay English


class State(StrEnum):
    MISSING = "missing here"
    DELETED = "deleted here"
    SAME = "the same here"
    OLDER = "older here"
    CHANGED = "changed here since"

    @property
    def label(self) -> str:
        return _({
            State.MISSING: N_("not on this computer: comes back with its history"),
            State.DELETED: N_("deleted here on purpose since this backup: comes back only if "
                              "you choose it"),
            State.SAME: N_("the same here: nothing to do"),
            State.OLDER: N_("older here: gets the versions it lacks"),
            State.CHANGED: N_("changed here since this backup: the backup's version would "
                              "become the latest (the history here is kept)"),
        }[self])


@dataclass(frozen=True)
class Held:
    """One circle in a backup, beside the same circle here (if any)."""

    id: str
    title: str
    practice: bool
    updated: datetime
    versions: int
    here_updated: datetime | None
    here_versions: int | None
    state: State


class OpenedBackup:
    """A backup's database, unsealed in memory (never written to a disk)."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        header, sealed, aad = _read(path)
        recipe = KeyRecipe.from_json(header["kdf"])
        root = recipe.derive(passphrase)
        key = backup_key(root)
        if key_check(key) != header.get("check"):
            raise WrongPassphrase(_(WRONG))
        if len(sealed) < int(str(header["size"])):
            raise BackupRefused(_(CUT_SHORT))
        try:
            body = AESGCM(key).decrypt(sealed[:12], sealed[12:], aad)
            image = zlib.decompress(body) if header.get("zlib", True) else body
        except (InvalidTag, ValueError, zlib.error):
            raise BackupRefused(_(DAMAGED)) from None
        self.made = datetime.fromisoformat(str(header["made"]))
        self.db = sqlite3.connect(":memory:")
        try:
            self.db.deserialize(plain_image(image))
            ok = self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            raise BackupRefused(_(DAMAGED))
        lock = self.db.execute("SELECT value FROM meta WHERE key = 'lock'").fetchone()
        # A locked folder's backup is sealed with the folder's own passphrase: its key opens
        # the rows too.
        self.sealer = Sealer(root) if lock else None

    def get(self, value: str | bytes, context: str) -> str:
        return unseal(self.sealer, value, context)

    def circles(self) -> list[tuple[str, str, bool, datetime, int]]:
        """(id, title, practice, updated, versions) of every circle, newest change first."""
        rows = self.db.execute(
            "SELECT c.id, c.title, c.practice, c.updated, COUNT(v.version) FROM circles c "
            "JOIN versions v ON v.circle_id = c.id GROUP BY c.id ORDER BY c.updated DESC"
        ).fetchall()
        return [(r[0], self.get(r[1], f"{r[0]}:title"), bool(r[2]),
                 datetime.fromisoformat(r[3]), r[4]) for r in rows]

    def stamps(self, circle_id: str) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT version, saved_at FROM versions WHERE circle_id = ? ORDER BY version",
            (circle_id,))]

    def versions(self, circle_id: str, after: int = 0) -> list[tuple[int, str, int, str, str]]:
        """(version, saved_at, items, note, doc) after version ``after``, unsealed."""
        rows = self.db.execute(
            "SELECT version, saved_at, items, note, doc FROM versions WHERE circle_id = ? "
            "AND version > ? ORDER BY version", (circle_id, after)).fetchall()
        ctx = f"{circle_id}:{{}}"
        return [(r[0], r[1], r[2], self.get(r[3], ctx.format(r[0]) + ":note"),
                 self.get(r[4], ctx.format(r[0]))) for r in rows]

    def latest(self, circle_id: str) -> tuple[int, str, int, str, str]:
        version = self.summary_row(circle_id)[5]
        return self.versions(circle_id, version - 1)[-1]

    def summary_row(self, circle_id: str) -> tuple[str, str, str, int, str, int]:
        """(title, language, status, practice, updated, version) of the circle, unsealed."""
        r = self.db.execute("SELECT title, language, status, practice, updated, version FROM "
                            "circles WHERE id = ?", (circle_id,)).fetchone()
        return (self.get(r[0], f"{circle_id}:title"), r[1], r[2], r[3], r[4], r[5])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> OpenedBackup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read(path: Path) -> tuple[dict[str, object], bytes, bytes]:
    try:
        with open(path, "rb") as f:
            magic = f.read(len(MAGIC))
            if magic != MAGIC:
                raise BackupRefused(_(NOT_A_BACKUP))
            line = f.readline(4096)
            size = path.stat().st_size
            if size > MAX_BACKUP_BYTES:
                raise BackupRefused(_(NOT_A_BACKUP))
            sealed = f.read()
    except OSError as exc:
        raise BackupRefused(_("The backup {path} cannot be read ({reason}).").format(
            path=path, reason=exc.strerror or type(exc).__name__)) from None
    try:
        header = json.loads(line)
        KeyRecipe.from_json(header["kdf"])
        # Read before the seal is checked, so each must at least have its kind.
        header["size"] = int(header["size"])
        datetime.fromisoformat(str(header["made"]))
    except (ValueError, KeyError, TypeError):
        raise BackupRefused(_(CUT_SHORT) if not line.endswith(b"\n") else _(DAMAGED)
                            ) from None
    return header, sealed, MAGIC + line


def compare(backup: OpenedBackup, store: SQLiteStore) -> list[Held]:
    """What the backup holds, circle by circle, beside what is here now."""
    here = {s.id: s for s in store.list()}
    held = []
    for cid, title, practice, updated, count in backup.circles():
        now = here.get(cid)
        if now is None:
            state = State.DELETED if store.meta(DELETED + cid) else State.MISSING
        else:
            ours, theirs = store.stamps(cid), backup.stamps(cid)
            if ours == theirs:
                state = State.SAME
            elif ours == theirs[:len(ours)]:
                state = State.OLDER
            else:
                state = State.CHANGED
        held.append(Held(cid, title, practice, updated, count,
                         now.updated if now else None, now.version if now else None, state))
    return held


def restore(store: SQLiteStore, backup: OpenedBackup, ids: Iterable[str] | None = None, *,
            replace_changed: bool = False) -> list[Held]:
    """Bring back the circles ``ids`` (default: all) from ``backup``; return what changed.

    Every chosen circle is checked first and all are written in one transaction, so a refusal
    or a failure changes nothing. Raises ``BackupRefused`` for a circle changed here since the
    backup unless ``replace_changed``.
    """
    held = {h.id: h for h in compare(backup, store)}
    # Unasked, a restore never brings back what was deleted here on purpose.
    chosen = ([i for i, h in held.items() if h.state is not State.DELETED] if ids is None
              else list(ids))
    unknown = [i for i in chosen if i not in held]
    if unknown:
        raise BackupRefused(_("This backup holds no circle with the id {id}. Nothing was "
                              "changed.").format(id=unknown[0]))
    changed = [held[i] for i in chosen if held[i].state is State.CHANGED]
    if changed and not replace_changed:
        raise BackupRefused(_("“{name}” was changed here since this backup was made, so it was "
                              "not replaced, and nothing was changed. Restore it on purpose to "
                              "make the backup's version the latest; the history here stays."
                              ).format(name=changed[0].title))
    todo = [held[i] for i in chosen if held[i].state is not State.SAME]
    for h in todo:  # every latest document must still load before anything is written
        _check(backup.latest(h.id)[4])
    note = RESTORED_NOTE.format(made=backup.made.strftime("%Y-%m-%d %H:%M UTC"))
    with store._write() as db:  # the store's own transaction: one for every circle
        store._same_key(db)
        for h in todo:
            _restore_one(store, db, backup, h, note)
        if ids is None:
            _restore_records(store, db, backup)
    return todo


def _check(doc: str) -> None:
    try:
        Circle.model_validate_json(doc)
    except ValidationError:
        raise BackupRefused(_(DAMAGED)) from None


def _restore_one(store: SQLiteStore, db: sqlite3.Connection, backup: OpenedBackup, h: Held,
                 note: str) -> None:
    title, language, status, practice, updated, version = backup.summary_row(h.id)
    put = store._put
    if h.state is State.CHANGED:
        # On top of the history here, as a new version: nothing here is deleted.
        latest = db.execute("SELECT version FROM circles WHERE id = ?", (h.id,)).fetchone()[0]
        _number, _saved, items, _note, doc = backup.latest(h.id)
        rows = [(latest + 1, datetime.now(UTC).isoformat(), items, note, doc)]
        version = latest + 1
    else:
        rows = backup.versions(h.id, h.here_versions or 0)
    if h.state in (State.MISSING, State.DELETED):
        db.execute("DELETE FROM meta WHERE key = ?", (DELETED + h.id,))
        db.execute("INSERT INTO circles VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (h.id, put(title, f"{h.id}:title"), language, status, practice, updated,
                    version))
    store.add_versions(db, h.id, rows)
    db.execute("UPDATE circles SET title = ?, language = ?, status = ?, practice = ?, "
               "updated = ?, version = ? WHERE id = ?",
               (put(title, f"{h.id}:title"), language, status, practice,
                rows[-1][1] if h.state is State.CHANGED else updated, version, h.id))


def _restore_records(store: SQLiteStore, db: sqlite3.Connection, backup: OpenedBackup) -> None:
    for table in RECORD_TABLES:
        names = [r[1] for r in backup.db.execute(f"PRAGMA table_info({table})")]
        if not names:
            continue
        sealed = [c for c in SEALED if c.table == table]
        marks = ", ".join("?" * len(names))
        for row in backup.db.execute(f"SELECT {', '.join(names)} FROM {table}"):  # noqa: S608
            values = dict(zip(names, row, strict=True))
            for column in sealed:
                ctx = column.context_of(tuple(values[k] for k in column.keys))
                values[column.column] = store._put(
                    backup.get(values[column.column], ctx), ctx)
            db.execute(f"INSERT OR IGNORE INTO {table} VALUES ({marks})",  # noqa: S608
                       tuple(values.values()))


__all__ = ["CUT_SHORT", "DAMAGED", "NOT_A_BACKUP", "WRONG", "Held", "OpenedBackup", "State",
           "compare", "restore"]
