"""Shared fixtures: temporary data folders, a real Voila server, and the system Chromium."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CIRCLEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# How long a browser test waits for what a person would see. Generous: test workers share two
# cores with the servers, kernels and browsers they start; how fast the app is for people is
# measured in benchmarks/, not here.
PAGE_TIMEOUT = 60_000
# Test servers save 0.05 s after the last change instead of 0.6 s: a test waits for every
# save, and the debounce itself is tested where it matters (``@pytest.mark.debounce``).
TEST_AUTOSAVE_DELAY = "0.05"
# Markers from what a test uses, so that `-m "not browser and not server"` is a quick loop.
BROWSER_FIXTURES = {"browser", "page", "tab"}
SERVER_FIXTURES = {"voila_server", "server"}
# Modules that need the machine to themselves (a hub with accounts of its own, ten browsers,
# a build into widgets/build/): `make test` runs them after the parallel lane.
SERIAL_MODULES = {"test_hub_browser", "test_load_browser", "test_install_browser"}


def pytest_configure(config: pytest.Config) -> None:
    # Notebook kernels started by nbval (collected from notebooks/) open a data folder of
    # their own, never the user's: kernels inherit this process's environment.
    if not os.environ.get("CIRCLEKIT_DATA_DIR"):
        import tempfile

        folder = tempfile.mkdtemp(prefix="circlekit-tests-")
        os.environ["CIRCLEKIT_DATA_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Iterator[None]:
    """Keep each test's outcome on it, for fixtures that act on a failure."""
    report = yield
    if report.when == "call":
        item.call_report = report  # type: ignore[attr-defined]
    return report


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SERVER_FIXTURES or "start_voila" in _module_source(item):
            item.add_marker(pytest.mark.server)
        if item.path.stem in SERIAL_MODULES:
            item.add_marker(pytest.mark.serial)


_SOURCES: dict[Path, str] = {}


def _module_source(item: pytest.Item) -> str:
    if item.path.suffix != ".py":
        return ""
    if item.path not in _SOURCES:
        _SOURCES[item.path] = item.path.read_text(encoding="utf-8")
    return _SOURCES[item.path]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CIRCLEKIT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    from circlekit.store import open_store

    with open_store(data_dir) as s:
        yield s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class VoilaServer:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path
    token: str = ""  # the server's secret: in a page's address once, or in a header

    def page_url(self, notebook: str, *, signed: bool = True, **query: str) -> str:
        """A page's address; ``signed``: with the secret, as the printed address carries it
        (the first visit of a browser signs it in; the server then drops it from the address)."""
        from urllib.parse import urlencode

        if signed and self.token:
            query = {**query, "token": self.token}
        qs = f"?{urlencode(query)}" if query else ""
        return f"{self.url}/voila/render/{notebook}{qs}"

    @property
    def auth(self) -> dict[str, str]:
        """The header a script sends instead of the cookie a browser gets."""
        return {"Authorization": f"token {self.token}"} if self.token else {}


def start_voila(data: Path, log: Path, port: int | None = None, *, launcher: bool = False,
                notebooks: Path | None = None, args: tuple[str, ...] = (),
                **env_extra: str) -> VoilaServer:
    """Start Voila on ``notebooks/`` and wait until it answers.

    ``launcher=True`` starts it through ``circle-notebooks app``, exactly as `make app` does
    (which asks for the passphrase of a locked data folder).
    """
    port = port or free_port()
    from circlekit.server.launch import server_command, server_environment
    from circlekit.settings import Settings

    # A laptop's server: no key, no key holder, whatever an earlier test left in this process.
    clean = {k: v for k, v in os.environ.items()
             if k not in ("CIRCLEKIT_KEY", "CIRCLEKIT_KEY_SOCKET")}
    # A secret the test knows, unless it asks for the server's own (CIRCLEKIT_TOKEN="").
    token = env_extra.pop("CIRCLEKIT_TOKEN", None)
    token = secrets.token_urlsafe(24) if token is None else token
    given = {**clean, "CIRCLEKIT_DATA_DIR": str(data),
             "CIRCLEKIT_AUTOSAVE_DELAY": TEST_AUTOSAVE_DELAY, "CIRCLEKIT_TOKEN": token,
             **env_extra}
    env = server_environment(Settings(given), data, None, given)
    out = log.open("ab")
    # The app's own server (what `make app` runs), with the same request checks.
    # The app's kernels talk over Unix sockets (circlekit.settings), so servers started side
    # by side by parallel test workers cannot race for a port either.
    cmd = [*server_command(str(notebooks or NOTEBOOKS), "127.0.0.1", port, Settings(env)),
           *args]
    if launcher:
        cmd = [sys.executable, "-m", "circlekit", "app", f"--port={port}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Voila exited with {proc.returncode}; see {log}")
        try:
            # The file list answers without starting a kernel (the bare address redirects
            # to the start page, which would start one).
            server = VoilaServer(url, data, proc, log, token or printed_token(log))
            ready = urllib.request.Request(f"{url}/voila/tree", headers=server.auth)
            with urllib.request.urlopen(ready, timeout=2) as resp:
                if resp.status == 200 and server.token:  # signed in, with the secret
                    return server
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"Voila did not answer within 90 s; see {log}")


def ipc_kernel_manager() -> type:
    """A kernel manager on Unix sockets, for papermill (which hands it to nbclient)."""
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs: object) -> None:
            # The sockets in a folder of their own (by default they land in the notebook's
            # folder, the kernel's working directory).
            self.socket_folder = tempfile.mkdtemp(prefix="circlekit-kernel-")
            super().__init__(transport="ipc", ip=os.path.join(self.socket_folder, "k"),
                             **kwargs)

        def cleanup_resources(self, restart: bool = False) -> None:
            super().cleanup_resources(restart=restart)
            if not restart:
                shutil.rmtree(self.socket_folder, ignore_errors=True)

    return IPCKernelManager


def _printed(log: Path) -> tuple[str, str] | None:
    """The last address with a secret a server printed, and that secret."""
    import re

    found = re.findall(r"(http://\S+\?token=([\w-]+))",
                       log.read_text(encoding="utf-8", errors="replace"))
    return found[-1] if found else None


def printed_address(log: Path) -> str:
    """The address a server printed for people to open (with the secret it made)."""
    printed = _printed(log)
    assert printed, f"no address with a secret in {log}"
    return printed[0]


def printed_token(log: Path) -> str:
    """The secret a server made itself, from the address it printed ("" until printed)."""
    printed = _printed(log)
    return printed[1] if printed else ""


def stop_voila(server: VoilaServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    base = tmp_path_factory.mktemp("voila")
    server = start_voila(base / "data", base / "voila.log")
    yield server
    stop_voila(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Chromium is missing at {CHROMIUM} (make test installs it with apt-get)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(PAGE_TIMEOUT)
    yield pg
    try:
        report = getattr(request.node, "call_report", None)
        if report is not None and report.failed:  # what a person saw when it failed
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    finally:
        close_tabs(context)


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[VoilaServer]:
    """A Voila server of one test's own (it may be stopped or restarted); a test marked
    ``debounce`` gets the app's own autosave delay."""
    debounce = request.node.get_closest_marker("debounce") is not None
    from circlekit.settings import Settings

    app_delay = str(Settings.class_traits()["autosave_delay"].default_value)
    extra = {"CIRCLEKIT_AUTOSAVE_DELAY": app_delay} if debounce else {}
    running = start_voila(tmp_path / "data", tmp_path / "voila.log", **extra)
    yield running
    stop_voila(running)


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """A desktop-sized tab that answers the browser's "leave this page?" with yes."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    close_tabs(context)


def close_tabs(context: object) -> None:
    """Close every tab as a person would (the page asks the server to stop its kernel), then
    the context: the shared server is not left with kernels waiting to be culled."""
    for tab in list(context.pages):  # type: ignore[attr-defined]
        tab.close()
    context.close()  # type: ignore[attr-defined]
