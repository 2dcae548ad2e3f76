"""Nobody else on this computer gets in: a secret on every address, and kernels on sockets only
this account can open.

127.0.0.1 is reachable by every account and program on the computer. Without the secret a
client gets no page, no kernel and no WebSocket; the address the app prints (with the secret)
opens the app in Chromium at one click, and the browser then holds an HttpOnly, SameSite=Strict
cookie instead of the secret in its address bar. Where the tests run as root, a second account
of the computer tries too.
"""

from __future__ import annotations

import os
import pwd
import re
import stat
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpkit import ipc_sockets, open_kernel, request, websocket_status

from conftest import VoilaServer, printed_address, start_voila, stop_voila

START = "00_start.ipynb"
SYSTEM_PYTHON = Path("/usr/bin/python3")  # another account cannot use this checkout's venv
OTHER = "nobody"


@pytest.fixture
def own_secret(tmp_path: Path) -> Iterator[VoilaServer]:
    """A server that made its own secret, as `make app` does."""
    running = start_voila(tmp_path / "data", tmp_path / "voila.log", CIRCLEKIT_TOKEN="")
    yield running
    stop_voila(running)


def test_without_the_secret_a_client_gets_nothing(own_secret: VoilaServer) -> None:
    assert own_secret.token and len(own_secret.token) >= 32
    for path in (f"/voila/render/{START}", "/", f"/voila/render/{START}?token=guessed",
                 "/voila/tree", "/api/kernels"):
        status, body = request(own_secret, path, signed=False)
        assert "kernelId" not in body and "Circle name" not in body, path
        assert status in (200, 302, 403, 404), (path, status)  # 200: the login form
    kernel = open_kernel(own_secret)  # with the secret
    assert websocket_status(own_secret, kernel, Authorization="") != 101
    assert websocket_status(own_secret, kernel, Origin=own_secret.url) == 101


def test_the_printed_address_opens_the_app_and_leaves_a_strict_cookie(
        own_secret: VoilaServer, browser: object) -> None:
    address = printed_address(own_secret.log)
    assert address.startswith(own_secret.url) and START in address
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(address)
        tab.get_by_label("Circle name").wait_for()
        assert "token" not in tab.url  # out of the address bar, bookmarks and history
        (cookie,) = [c for c in context.cookies() if c["name"].startswith("username-")]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    finally:
        context.close()
    stranger = browser.new_context()  # type: ignore[attr-defined]
    try:
        tab = stranger.new_page()
        tab.goto(own_secret.page_url(START, signed=False))
        tab.locator("#password_input").wait_for()  # asked for the secret, shown nothing
        assert tab.get_by_label("Circle name").count() == 0
    finally:
        stranger.close()


def connection_file(server: VoilaServer, kernel: str) -> Path:
    ps = subprocess.run(["ps", "-ww", "-o", "args=", "--ppid", str(server.process.pid)],
                        capture_output=True, text=True).stdout
    (path,) = {p for p in re.findall(r"-f (\S+\.json)", ps) if kernel in p}
    return Path(path)


def test_kernels_listen_on_no_port_and_only_for_this_account(voila_server: VoilaServer) -> None:
    kernel = open_kernel(voila_server)
    sockets = ipc_sockets(connection_file(voila_server, kernel))
    assert all(s.is_socket() for s in sockets)
    folder = sockets[0].parent
    assert stat.S_IMODE(folder.stat().st_mode) & 0o777 == 0o700  # (Jupyter adds the sticky bit)
    assert folder.stat().st_uid == os.getuid()
    if os.geteuid() == 0 and SYSTEM_PYTHON.exists():  # and another account really cannot
        done = as_other(f"import socket; s = socket.socket(socket.AF_UNIX); "
                        f"s.connect({str(sockets[1])!r}); print('connected')")
        assert "connected" not in done.stdout
        assert "PermissionError" in done.stderr or "Permission denied" in done.stderr


def test_another_account_gets_no_page(voila_server: VoilaServer) -> None:
    if os.geteuid() != 0 or not SYSTEM_PYTHON.exists():
        pytest.skip("needs root, to run a client as another account of this computer")
    address = voila_server.page_url(START, signed=False)
    done = as_other("import urllib.request, urllib.error\n"
                    "try:\n"
                    f"    body = urllib.request.urlopen({address!r}, timeout=30).read().decode()\n"
                    "except urllib.error.HTTPError as exc:\n"
                    "    body = exc.read().decode()\n"
                    "print('kernelId' in body, 'Circle name' in body)")
    assert done.stdout.split() == ["False", "False"], done.stderr[-2000:]


def test_pages_kernels_keep_no_history_and_echo_nothing(voila_server: VoilaServer) -> None:
    kernel = open_kernel(voila_server)
    ps = subprocess.run(["pgrep", "-f", kernel], capture_output=True, text=True).stdout.split()
    environ = Path(f"/proc/{ps[0]}/environ").read_bytes().split(b"\0")
    assert b"JUPYTER_WIDGETS_ECHO=0" in environ
    ipython = voila_server.data_dir / "ipython"
    assert f"IPYTHONDIR={ipython}".encode() in environ
    # Its IPython profile is in the data folder (the lock and deleting it cover it), and it
    # ran the page without writing a history there (or anywhere: IPYTHONDIR is this one).
    assert (ipython / "profile_default" / "ipython_kernel_config.py").is_file()
    assert not list(ipython.rglob("history.sqlite"))


def as_other(code: str) -> subprocess.CompletedProcess[str]:
    user = pwd.getpwnam(OTHER)
    return subprocess.run([str(SYSTEM_PYTHON), "-c", code], user=OTHER, group=user.pw_gid,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"}, cwd="/tmp",
                          capture_output=True, text=True, timeout=60)


def test_a_wrong_secret_is_not_a_way_in(own_secret: VoilaServer) -> None:
    request_ = urllib.request.Request(own_secret.url + f"/voila/render/{START}",
                                      headers={"Authorization": "token not-the-secret"})
    try:
        with urllib.request.urlopen(request_, timeout=30) as resp:
            body = resp.read().decode()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode()
    assert "kernelId" not in body


def test_a_walkthrough_leaves_no_record_outside_the_data_folder(
        tmp_path: Path, browser: object) -> None:
    """The app's server and its pages write what they keep into the data folder only: after a
    circle is made, typed in and left, no file in the home or temporary folder the server
    had names it, holds what was typed, or logs that the app was used."""
    from pagekit import wait_saved

    from conftest import close_tabs

    home, temp = tmp_path / "home", tmp_path / "tmp"
    places = {"HOME": home, "TMPDIR": temp, "XDG_CACHE_HOME": home / ".cache",
              "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / ".local/share",
              "XDG_STATE_HOME": home / ".local/state", "MPLCONFIGDIR": home / ".matplotlib",
              "JUPYTER_RUNTIME_DIR": home / ".local/share/jupyter/runtime"}
    for folder in (home, temp):
        folder.mkdir()
    running = start_voila(tmp_path / "data", tmp_path / "voila.log",
                          **{k: str(v) for k, v in places.items()})
    title, typed = "Walnut circle 4417", "Bring the blue thermos 9921"
    try:
        context = browser.new_context()  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.goto(running.page_url(START))
        tab.get_by_label("Circle name").fill(title)
        tab.get_by_role("button", name="Create circle").click()
        tab.wait_for_url("**/voila/render/circle.ipynb?circle=*")
        circle = tab.url.rsplit("circle=", 1)[1].split("&")[0]
        tab.locator(".ck-save-status").get_by_text("✓").wait_for()
        saved = int(tab.locator(".ck-save-status").get_attribute("data-version") or -1)
        tab.get_by_label("Group agreements").fill(typed)
        wait_saved(tab, saved)
        close_tabs(context)
    finally:
        stop_voila(running)
    left = [p for folder in (home, temp) for p in folder.rglob("*") if p.is_file()]
    print(f"\nfiles outside the data folder: {sorted(str(p.relative_to(tmp_path)) for p in left)}")
    for path in left:
        held = path.read_bytes()
        for secret in (title, typed, circle):
            assert secret.encode() not in held, (path, secret)
    # Nor a database that notes when pages ran (IPython's history, Jupyter's trust database).
    kept = [p for p in left if p.suffix in (".sqlite", ".sqlite3", ".db") or "history" in p.name]
    assert kept == [], kept
    assert (running.data_dir / "circles.sqlite3").is_file()
