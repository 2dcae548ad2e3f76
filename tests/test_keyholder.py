"""Unlocking in the browser (behind JupyterHub): the key holder and the passphrase box."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from circlekit.model import Circle
from circlekit.server.keyholder import KeyHolder
from circlekit.store import KEY_VAR, SQLiteStore, open_store
from circlekit.store import keys as keyholder
from circlekit.store.crypto import WrongPassphrase
from circlekit.views.unlock import UnlockGate

PASSPHRASE = "several words nobody guesses"


@pytest.fixture
def holder(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[KeyHolder, list]]:
    """A key holder as the server runs it, in this process (its environment is the server's)."""
    # Both absent before, so both are absent again after (monkeypatch restores the first
    # state it saw): a socket named here must not reach the servers later tests start.
    monkeypatch.delenv(KEY_VAR, raising=False)
    monkeypatch.delenv(keyholder.SOCKET_VAR, raising=False)
    stopped: list[str | None] = []
    running = KeyHolder(stopped.append)
    yield running, stopped
    running.close()


@pytest.fixture
def locked(data_dir: Path) -> Path:
    data_dir.mkdir(mode=0o700, exist_ok=True)
    with SQLiteStore(data_dir) as store:
        store.create(Circle(title="Locked circle"))
        store.set_passphrase(PASSPHRASE)
    return data_dir


def test_the_socket_is_the_accounts_alone(holder: tuple[KeyHolder, list]) -> None:
    running, _stopped = holder
    assert keyholder.in_browser()
    assert (running.folder.stat().st_mode & 0o777) == 0o700
    assert (running.path.stat().st_mode & 0o777) == 0o600


def test_unlock_keeps_the_key_for_later_pages_and_lock_forgets_it(
        holder: tuple[KeyHolder, list], locked: Path) -> None:
    _running, stopped = holder
    with pytest.raises(WrongPassphrase):
        keyholder.unlock(locked, "not it at all")
    assert KEY_VAR not in os.environ
    keyholder.unlock(locked, PASSPHRASE)
    # A later page's kernel inherits the server's environment: it opens the folder.
    with open_store(locked) as store:
        assert [c.title for c in store.list()] == ["Locked circle"]
    keyholder.lock_again()
    assert KEY_VAR not in os.environ
    assert stopped == [None]  # outside a kernel, no page of its own to keep


def test_the_holder_ignores_anything_but_a_key(holder: tuple[KeyHolder, list]
                                               ) -> None:
    import socket

    running, _stopped = holder
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(str(running.path))
        conn.sendall(b'{"set": "not hex; rm -rf"}\n')
        assert conn.recv(16) == b""
    assert KEY_VAR not in os.environ


def test_the_gate_asks_unlocks_and_locks_again(
        holder: tuple[KeyHolder, list], locked: Path) -> None:
    closed: list[bool] = []

    def make() -> tuple[widgets.Widget, object]:
        store = open_store(locked)
        return widgets.HTML(store.list()[0].title), lambda: closed.append(True)

    gate = UnlockGate(locked, make)
    assert "Your circles are locked" in str(gate.widget.children[0].children[1].value)
    gate.passphrase.value = "wrong words entirely"
    gate.unlock_button.click()
    assert "does not open" in str(gate.message.value)
    assert gate.passphrase.value == ""  # never left in the box
    gate.passphrase.value = PASSPHRASE
    gate.unlock_button.click()
    assert gate.widget.children[1].value == "Locked circle"
    gate.lock_button.click()
    assert closed == [True]
    assert KEY_VAR not in os.environ
    assert "Locked." in str(gate.message.value)


def test_a_first_passphrase_from_the_browser(holder: tuple[KeyHolder, list],
                                             data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, exist_ok=True)
    with SQLiteStore(data_dir) as store:
        store.create(Circle(title="Open circle"))
    gate = UnlockGate(data_dir, lambda: (widgets.HTML("page"), lambda: None))
    gate.new.value, gate.again.value = "short", "short"
    gate.protect_button.click()
    assert "at least" in str(gate.message.value)
    assert not keyholder.is_locked(data_dir)
    gate.new.value, gate.again.value = PASSPHRASE, "not the same"
    gate.protect_button.click()
    assert "differ" in str(gate.message.value)
    gate.new.value, gate.again.value = PASSPHRASE, PASSPHRASE
    gate.protect_button.click()
    assert keyholder.is_locked(data_dir) and keyholder.has_key()
    assert "Lock now" in [getattr(w, "description", "") for w in
                          gate.widget.children[0].children[1].children]
