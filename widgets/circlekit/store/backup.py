"""Sealed backups of the whole data folder, to a folder the facilitator chose once.

A backup is a consistent snapshot of the data folder's one SQLite file (SQLite's online
backup, so a save in progress is either wholly in it or not at all), compressed, and sealed
with AES-GCM as one piece. Its key comes from a passphrase: a locked folder's own (the
folder's key, so the app needs nothing more), or, for a folder that is not locked, a backup
passphrase of its own, set once, whose derived key the folder keeps beside its circles
(which anyone who can read that folder can read anyway). Each backup file carries how its key
is derived, so it opens with the passphrase of its time on any computer.

A file is written under a temporary name, flushed to the disk and only then renamed: a backup
stopped part-way (a crash, a pulled stick) is never taken for a finished one. File names hold
only the time, never a circle's title. Rotation keeps the newest backup of each of the last
days and weeks, and the last few made (``Settings.backup_keep_*``), so a backup made just
before a mistake is not replaced by one made just after it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import CircleKitError
from ..i18n import _, format_datetime
from ..settings import Settings
from .crypto import KeyRecipe, check_new_passphrase
from .database import DB_NAME
from .sqlite import SQLiteStore

MAGIC = b"circle-notebooks backup 1\n"
SUFFIX = ".cnbackup"
NAME = re.compile(r"^backup-(\d{8}T\d{6})Z(?:-(\d+))?\.cnbackup$")
PARTIAL = ".partial"
# What the data folder remembers (in its meta table; never circle text).
FOLDER_KEY = "backup:folder"
OWN_KEY = "backup:key"  # an unlocked folder's backup key and how it was derived
_CHECK = b"circle-notebooks backup: the passphrase is right"
_NONCE = 12
FLUSH_BYTES = 1024 * 1024


class BackupRefused(CircleKitError):
    """A backup that cannot be made or opened; nothing was changed."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_key(root: bytes) -> bytes:
    """The key a backup is sealed with, from the key its passphrase derives (never the same
    key as the folder's rows, so one cannot be used in place of the other)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"circle-notebooks backup").derive(root)


def key_check(key: bytes) -> str:
    """Tells a wrong passphrase from a damaged file, and says nothing about the key."""
    return hmac.new(key, _CHECK, hashlib.sha256).hexdigest()[:32]


# --- where and with what key ----------------------------------------------------------------

def chosen_folder(store: SQLiteStore) -> Path | None:
    value = store.meta(FOLDER_KEY)
    return Path(value) if value else None


def choose_folder(store: SQLiteStore, folder: str | os.PathLike[str]) -> Path:
    """Remember ``folder`` as where backups go; it must exist, be writable and lie outside the
    data folder (a backup in the same place is lost with it)."""
    path = Path(folder).expanduser()
    if not str(folder).strip() or not path.is_absolute():
        raise BackupRefused(_("Give the whole path of the backup folder, for example "
                              "/media/usb/circle-backups."))
    if not path.is_dir():
        raise BackupRefused(_("The folder {path} cannot be found. Plug in the drive it is on, "
                              "or create the folder first.").format(path=path))
    resolved, data = path.resolve(), store.folder.resolve()
    if resolved == data or data in resolved.parents:
        raise BackupRefused(_("Choose a folder outside the data folder ({path}): a backup "
                              "kept there is lost with it.").format(path=data))
    if not os.access(path, os.W_OK):
        raise BackupRefused(_("This computer's account cannot write in {path}. Choose another "
                              "folder.").format(path=path))
    store.set_meta(FOLDER_KEY, str(resolved))
    return resolved


def has_key(store: SQLiteStore) -> bool:
    """Whether backups can be sealed without asking: the folder is locked, or has a backup
    passphrase of its own."""
    return store.locked or store.meta(OWN_KEY) is not None


def set_backup_passphrase(store: SQLiteStore, passphrase: str) -> None:
    """Give a folder that is not locked a backup passphrase of its own (or a new one)."""
    if store.locked:
        raise BackupRefused(_("This data folder is locked: its backups are sealed with its own "
                              "passphrase."))
    check_new_passphrase(passphrase)
    recipe = KeyRecipe.new()
    store.set_meta(OWN_KEY, json.dumps({"kdf": recipe.to_json(),
                                        "root": recipe.derive(passphrase).hex()}))


def _root(store: SQLiteStore) -> tuple[KeyRecipe, bytes]:
    """How the backup's passphrase becomes its key, and that key."""
    if store.locked:
        recipe, key = store.recipe(), store.folder_key
        assert recipe is not None and key is not None
        return recipe, key
    own = store.meta(OWN_KEY)
    if own is None:
        raise BackupRefused(_("Choose a backup passphrase first: nothing in a backup can be "
                              "read without it."))
    data = json.loads(own)
    return KeyRecipe.from_json(data["kdf"]), bytes.fromhex(data["root"])


# --- making one -----------------------------------------------------------------------------

def snapshot(folder: Path) -> bytes:
    """The data folder's database as one consistent image (writers are not held up: in WAL
    mode the online backup reads the last committed state)."""
    source = sqlite3.connect(f"file:{folder / DB_NAME}?mode=ro", uri=True, timeout=10)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        return plain_image(copy.serialize())
    finally:
        source.close()
        copy.close()


def plain_image(image: bytes) -> bytes:
    """``image`` marked as a rollback-journal database (bytes 18 and 19 of the header say
    WAL for the data folder's file); a WAL image cannot be opened from memory."""
    if image[18:20] == b"\x02\x02":
        return image[:18] + b"\x01\x01" + image[20:]
    return image


def seal_backup(image: bytes, recipe: KeyRecipe, root: bytes, made: datetime, *,
                compress: bool = True) -> bytes:
    """The backup file's bytes: its header (how the key is derived, when it was made, its
    size), bound to the sealed image. A locked folder's rows are sealed already and do not
    compress, so its image is not compressed (``compress``)."""
    key = backup_key(root)
    body = zlib.compress(image, 1) if compress else image
    nonce = os.urandom(_NONCE)
    sealed_len = _NONCE + len(body) + 16
    header = json.dumps({"kdf": recipe.to_json(), "made": made.isoformat(),
                         "check": key_check(key), "size": sealed_len,
                         "zlib": compress}).encode("ascii") + b"\n"
    return MAGIC + header + nonce + AESGCM(key).encrypt(nonce, body, MAGIC + header)


def write_atomically(folder: Path, name: str, data: bytes) -> Path:
    """``data`` as ``folder/name``: written under a temporary name, flushed, then renamed."""
    final = folder / name
    partial = folder / f".{name}.{secrets.token_hex(4)}{PARTIAL}"
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        view = memoryview(data)
        while view:
            # In slices, each flushed before the next, with as long a pause after it as the
            # flush took: one flush of a whole big file holds up the disk, and with it every
            # save a page makes meanwhile.
            slice_ = view[:FLUSH_BYTES]
            while slice_:
                slice_ = slice_[os.write(fd, slice_):]
            view = view[FLUSH_BYTES:]
            started = time.perf_counter()
            os.fsync(fd)
            if view:
                time.sleep(time.perf_counter() - started)
    except BaseException:
        os.close(fd)
        partial.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(partial, final)
    _sync_folder(folder)
    return final


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some file systems (FAT on a stick) cannot open a folder; the rename stands
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_backup(store: SQLiteStore, to: Path | None = None,
                settings: Settings | None = None) -> BackupFile:
    """Back up ``store``'s whole data folder to ``to`` (default: the chosen folder), then
    rotate. Raises ``BackupRefused`` with a plain sentence if it cannot."""
    folder = to or chosen_folder(store)
    if folder is None:
        raise BackupRefused(_("Choose a backup folder first."))
    if not folder.is_dir():
        raise BackupRefused(_("The backup folder {path} cannot be found. Plug in the drive "
                              "it is on, or choose another folder.").format(path=folder))
    recipe, root = _root(store)
    made = datetime.now(UTC).replace(microsecond=0)
    data = seal_backup(snapshot(store.folder), recipe, root, made, compress=not store.locked)
    try:
        written = write_atomically(folder, _free_name(folder, made), data)
    except OSError as exc:
        raise BackupRefused(_("The backup could not be written to {path} ({reason}). Check "
                              "that the drive is plugged in and has room.").format(
                                  path=folder, reason=exc.strerror or type(exc).__name__)
                            ) from None
    rotate(folder, settings or Settings())
    return BackupFile(written, made)


def _free_name(folder: Path, made: datetime) -> str:
    stem = "backup-" + made.strftime("%Y%m%dT%H%M%S") + "Z"
    name, n = stem + SUFFIX, 1
    while (folder / name).exists():
        n += 1
        name = f"{stem}-{n}{SUFFIX}"
    return name


# --- the folder's backups -------------------------------------------------------------------

def backups(folder: Path) -> list[BackupFile]:
    """The finished backups in ``folder``, newest first (partial files are never listed)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = NAME.match(path.name)
        if match and path.is_file():
            made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
            found.append((made, int(match.group(2) or 1), path))
    return [BackupFile(path, made) for made, _n, path in sorted(found, reverse=True)]


def horizon(settings: Settings) -> timedelta:
    """How old a backup may get: past it, rotation deletes it whatever else is kept, so a
    circle deleted here is gone from every backup by then (``kept_until``)."""
    return timedelta(days=max(settings.backup_keep_daily, 7 * settings.backup_keep_weekly))


def to_keep(found: list[BackupFile], daily: int, weekly: int, recent: int = 0,
            now: datetime | None = None) -> list[BackupFile]:
    """The ``recent`` newest backups, and the newest of each of the last ``daily`` days and
    ``weekly`` weeks that have one (``found`` newest first), none older than the horizon."""
    limit = (now or datetime.now(UTC)) - timedelta(days=max(daily, 7 * weekly))
    found = [b for b in found if b.made >= limit]
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    keep = list(found[:recent])
    for backup in found:
        day = backup.made.date()
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        new_day = day not in days and len(days) < daily
        new_week = week not in weeks and len(weeks) < weekly
        if new_day:
            days.add(day)
        if new_week:
            weeks.add(week)
        if (new_day or new_week) and backup not in keep:
            keep.append(backup)
    return keep


def rotate(folder: Path, settings: Settings | None = None) -> list[Path]:
    """Delete the backups rotation has passed, and temporary files left by a backup that was
    stopped (older than an hour, so never one being written now); return what went."""
    settings = settings or Settings()
    found = backups(folder)
    keep = {b.path for b in to_keep(found, settings.backup_keep_daily,
                                    settings.backup_keep_weekly, settings.backup_keep_recent)}
    gone = [b.path for b in found if b.path not in keep]
    hour_ago = time.time() - 3600
    for path in folder.glob(f".backup-*{PARTIAL}"):
        try:
            if path.stat().st_mtime < hour_ago:
                gone.append(path)
        except OSError:
            continue
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def last_change(folder: Path) -> float:
    """When the data folder's database was last written (its file or its write-ahead log)."""
    times = []
    for suffix in ("", "-wal"):
        try:
            times.append((folder / f"{DB_NAME}{suffix}").stat().st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


def status(store: SQLiteStore, settings: Settings | None = None,
           now: datetime | None = None) -> tuple[bool, str]:
    """(fine, sentence) about this folder's backups: not fine when none is chosen, the folder
    is missing, or the last backup is older than the schedule."""
    folder = chosen_folder(store)
    if folder is None:
        return False, _("No backup folder is chosen yet: if this computer is lost or breaks, "
                        "every circle on it is gone. Choose a folder on a USB stick or an "
                        "encrypted drive below.")
    if not folder.is_dir():
        return False, _("The backup folder {path} cannot be found. Plug in the drive it is on, "
                        "or choose another folder.").format(path=folder)
    found = backups(folder)
    if not found:
        return False, _("No backup has been made in {path} yet.").format(path=folder)
    last = found[0].made
    age = (now or datetime.now(UTC)) - last
    said = _("Last backup: {when}, in {path}.").format(when=format_datetime(last), path=folder)
    hours = (settings or Settings()).backup_hours
    # Late only with changes still to back up: an unused folder's last backup is still whole.
    if hours and age > timedelta(hours=hours) and last_change(store.folder) > last.timestamp():
        return False, said + " " + _("That is older than it should be: make one now.")
    return True, said


def kept_until(deleted_on: date, settings: Settings | None = None) -> date:
    """The day by which no backup made before ``deleted_on`` is left (rotation runs at each
    backup and each time the start page opens)."""
    return deleted_on + horizon(settings or Settings())


__all__ = ["BackupFile", "BackupRefused", "backup_key", "backups", "choose_folder",
           "chosen_folder", "has_key", "horizon", "kept_until", "last_change", "make_backup",
           "rotate", "seal_backup", "set_backup_passphrase", "snapshot", "status", "to_keep",
           "write_atomically"]
