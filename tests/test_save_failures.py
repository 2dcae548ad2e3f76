"""Saves that cannot happen say so: a read-only data folder or a full disk (shown, logged
without circle text, tried again), an unwritable log (pages still open), and a lock,
unlock or passphrase change while a circle is open (nothing written, no traceback)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from readers import html_of

from circlekit import pages as app
from circlekit.model import Circle
from circlekit.session import CircleSession, SaveState
from circlekit.store import SQLiteStore, folder_recipe, open_store
from conftest import ROOT

PASS = "purple otters at noon"
TYPED = "TYPED-MARKER-5e1d"


class Timers:
    """A scheduler that runs nothing until asked: the session's timers, by hand."""

    def __init__(self) -> None:
        self.due: list[tuple[float, Callable[[], Any]]] = []

    def __call__(self, delay: float, callback: Callable[[], Any]) -> object:
        entry = (delay, callback)
        self.due.append(entry)
        timers = self
        return type("Handle", (), {"cancel": lambda _s: timers.due.remove(entry)
                                   if entry in timers.due else None})()

    def run(self) -> None:
        due, self.due = self.due, []
        for _delay, callback in due:
            callback()


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("circlekit")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def open_session(folder: Path, key: bytes | None = None) -> tuple[SQLiteStore, CircleSession,
                                                                   Timers]:
    folder.mkdir(mode=0o700, exist_ok=True)
    store = SQLiteStore(folder, key=key)
    if not store.list():
        store.create(Circle(title="A circle"))
    timers = Timers()
    session = CircleSession(store, store.list()[0].id, delay=0.5, schedule=timers)
    return store, session, timers


def type_and_save(session: CircleSession, timers: Timers, text: str = TYPED,
                  many: int = 1) -> None:
    session.circle.group_agreements = [f"{text} {i}" for i in range(many)]
    session.changed("agreements")
    timers.run()


@pytest.mark.parametrize(("fault", "said", "cause"), [
    ("PRAGMA query_only = ON", "The data folder cannot be written", "SQLITE_READONLY"),
    ("PRAGMA max_page_count = {pages}", "The disk is full", "SQLITE_FULL"),
])
def test_a_refused_save_is_shown_logged_and_tried_again(
        data_dir: Path, log_lines: list[str], fault: str, said: str, cause: str) -> None:
    store, session, timers = open_session(data_dir)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(fault.format(pages=pages))
    type_and_save(session, timers, TYPED + " " + "x" * 150, many=40)  # more than a page
    assert session.state is SaveState.ERROR and session.dirty
    seen: list[str] = []
    session.subscribe(lambda state, message: seen.append(message))
    session._notify(session.state, "")  # what the header shows comes from the last message
    assert TYPED in session.circle.group_agreements[0]  # still on the page
    assert [d for d, _ in timers.due] == [5.0]  # tried again
    assert any(cause in line for line in log_lines)
    assert not any(TYPED in line for line in log_lines)
    timers.run()  # still refused
    assert session.state is SaveState.ERROR and len(timers.due) == 1
    store._db.execute("PRAGMA query_only = OFF")
    store._db.execute("PRAGMA max_page_count = 1073741823")
    timers.run()
    assert session.state is SaveState.SAVED
    with open_store(data_dir) as other:
        assert TYPED in other.open(session.circle.id).circle.group_agreements[0]


def test_the_message_names_the_cause(data_dir: Path) -> None:
    store, session, timers = open_session(data_dir)
    messages: list[str] = []
    session.subscribe(lambda state, message: messages.append(message))
    store._db.execute("PRAGMA query_only = ON")
    type_and_save(session, timers)
    assert messages[-1].startswith("The data folder cannot be written")
    assert "still on this page" in messages[-1]


def test_an_unwritable_log_does_not_stop_the_pages(data_dir: Path) -> None:
    logger = logging.getLogger("circlekit")
    kept = [h for h in logger.handlers if isinstance(h, logging.FileHandler)]
    for h in kept:
        logger.removeHandler(h)
    try:
        data_dir.mkdir(mode=0o700)
        (data_dir / app.LOG_NAME).mkdir()  # nothing can write a file there
        page = app.start_page(str(data_dir))
        assert "This page could not open" not in html_of(page)
    finally:
        for h in kept:
            logger.addHandler(h)


def raw(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("circles.sqlite3*")))


def lock_cli(folder: Path, action: str, passphrase: str = PASS,
             ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIRCLEKIT_DATA_DIR": str(folder), "CIRCLEKIT_PASSPHRASE": passphrase}
    return subprocess.run([sys.executable, "-m", "circlekit", action], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def key_of(folder: Path, passphrase: str = PASS) -> bytes:
    recipe = folder_recipe(folder)
    assert recipe is not None
    return recipe.derive(passphrase)


def assert_refused(session: CircleSession, timers: Timers, folder: Path) -> None:
    messages: list[str] = []
    session.subscribe(lambda state, message: messages.append(message))
    before = session.version
    type_and_save(session, timers)
    assert session.state is SaveState.ERROR
    assert "Nothing was saved" in messages[-1] and "reload the page" in messages[-1]
    assert timers.due == []  # not tried again: the page must be reloaded
    assert TYPED.encode() not in raw(folder)
    assert session.version == before


def test_locking_while_a_circle_is_open(data_dir: Path) -> None:
    store, session, timers = open_session(data_dir)
    done = lock_cli(data_dir, "lock")
    assert done.returncode == 0, done.stdout + done.stderr
    assert_refused(session, timers, data_dir)
    done = lock_cli(data_dir, "unlock")
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr
    store.close()


def test_unlocking_while_a_circle_is_open_then_locking_again(data_dir: Path) -> None:
    """Before: the page sealed its save with the old key into an unlocked folder, and the
    next `make lock` ended in an AssertionError."""
    with open_store(data_dir) as s:
        s.create(Circle(title="A circle"))
        s.set_passphrase(PASS)
    store, session, timers = open_session(data_dir, key=key_of(data_dir))
    done = lock_cli(data_dir, "unlock")
    assert done.returncode == 0, done.stdout + done.stderr
    assert_refused(session, timers, data_dir)
    done = lock_cli(data_dir, "lock")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    store.close()


def test_a_new_passphrase_while_a_circle_is_open(data_dir: Path) -> None:
    with open_store(data_dir) as s:
        s.create(Circle(title="A circle"))
        s.set_passphrase(PASS)
    store, session, timers = open_session(data_dir, key=key_of(data_dir))
    with SQLiteStore(data_dir, key=key_of(data_dir)) as other:
        other.set_passphrase("a brand new passphrase")
    assert_refused(session, timers, data_dir)
    with SQLiteStore(data_dir, key=key_of(data_dir, "a brand new passphrase")) as other:
        assert other.open(session.circle.id).version == 1
    store.close()
