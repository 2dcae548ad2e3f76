"""Automatic backups, made by the app's server (not a page: it runs with no page open).

Once a minute the server looks at the data folder: if something changed since the last backup
and nothing has been saved for ``Settings.backup_idle_minutes`` (or the last backup is older
than ``backup_hours``), it makes one in a worker thread, to the folder chosen on the start
page (``circlekit.store.backup``). It needs the folder's key if the folder is locked: on a
laptop the launcher hands it over; behind JupyterHub the server has it once the start page was
unlocked. Without a chosen folder or a key it does nothing; the start page says what is
missing.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from ..errors import CircleKitError
from ..settings import Settings
from ..store import SQLiteStore, data_dir, folder_recipe, key_from_environment
from ..store.backup import backups, chosen_folder, has_key, last_change, make_backup

CHECK_SECONDS = 60  # how often the server looks; the settings say when a backup is due
FIRST_CHECK_SECONDS = 3
log = logging.getLogger("circlekit")


def due(changed: float, last: float | None, now: float, settings: Settings) -> bool:
    """Whether a backup is due: changes since the last one, and either quiet for a while or
    the last one older than the schedule (``changed`` and ``last`` as seconds since 1970)."""
    if not settings.backup_hours or (last is not None and changed <= last):
        return False
    quiet = now - changed >= settings.backup_idle_minutes * 60
    late = last is None or now - last >= settings.backup_hours * 3600
    return quiet or late


class BackupSchedule:
    """``check()`` makes a backup when one is due; at most one runs at a time."""

    def __init__(self, folder: Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.folder = folder
        self._running = threading.Lock()

    def check(self, now: float | None = None) -> Path | None:
        """Make a backup if one is due; return it. Never raises: the log says what failed."""
        if not self._running.acquire(blocking=False):
            return None
        try:
            return self._check(time.time() if now is None else now)
        except (CircleKitError, OSError) as exc:
            log.warning("automatic backup not made: %s", type(exc).__name__)
            return None
        finally:
            self._running.release()

    def _check(self, now: float) -> Path | None:
        folder = self.folder or data_dir()
        key = key_from_environment()
        if folder_recipe(folder) is not None and key is None:
            return None  # locked, and not unlocked yet in this server
        with SQLiteStore(folder, key=key) as store:
            target = chosen_folder(store)
            if target is None or not target.is_dir() or not has_key(store):
                return None
            found = backups(target)
            last = found[0].made.timestamp() if found else None
            if not due(last_change(folder), last, now, self.settings):
                return None
            made = make_backup(store, settings=self.settings)
        log.info("automatic backup made at %s", datetime.now(UTC).isoformat(timespec="seconds"))
        return made.path

    def start(self) -> None:
        """Check every minute on this thread's loop (the server's), each backup in a worker
        thread so that pages are never kept waiting."""
        from tornado.ioloop import IOLoop, PeriodicCallback

        def tick() -> None:
            IOLoop.current().run_in_executor(None, self.check)

        self.timer = PeriodicCallback(tick, CHECK_SECONDS * 1000)
        self.timer.start()
        # Once soon after the start too: a folder changed since its last backup (the app was
        # stopped, or the computer went down) is backed up without waiting a minute.
        IOLoop.current().call_later(FIRST_CHECK_SECONDS, tick)


__all__ = ["BackupSchedule", "due"]
