"""What a web page elsewhere can make a browser send to the app: a foreign Host (DNS
rebinding), a foreign Origin, a page opened from another site, a flood of pages; and forged
state-changing requests, refused by the XSRF check. Also the rule for serving on a network."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from httpkit import kernel_ids, login_cookie, open_kernel, request, websocket_status

from circlekit.server import guard
from conftest import ROOT, VoilaServer, start_voila, stop_voila

START = "00_start.ipynb"


# --- the checks themselves -----------------------------------------------------------------

@pytest.mark.parametrize(("host", "served", "ok"), [
    ("127.0.0.1:8866", "127.0.0.1", True),
    ("localhost:8866", "127.0.0.1", True),
    ("[::1]:8866", "127.0.0.1", True),
    ("LOCALHOST.:8866", "127.0.0.1", True),
    ("evil.example:8866", "127.0.0.1", False),
    ("127.0.0.1.evil.example", "127.0.0.1", False),
    ("localhost.evil.example:8866", "127.0.0.1", False),
    ("", "127.0.0.1", False),
    ("192.168.1.5:8866", "192.168.1.5", True),
    ("192.168.1.6:8866", "192.168.1.5", False),
    ("192.168.1.6:8866", "0.0.0.0", True),
    ("evil.example:8866", "0.0.0.0", False),
])
def test_allowed_hosts(host: str, served: str, ok: bool) -> None:
    assert guard.allowed_host(host, served) is ok


def test_origins_and_fetch_sites() -> None:
    assert not guard.foreign_origin(None, "127.0.0.1:8866")
    assert not guard.foreign_origin("http://127.0.0.1:8866", "127.0.0.1:8866")
    assert guard.foreign_origin("http://127.0.0.1:9999", "127.0.0.1:8866")
    assert guard.foreign_origin("null", "127.0.0.1:8866")
    assert guard.foreign_origin("http://evil.example", "127.0.0.1:8866")
    for site, other in [("cross-site", True), ("same-site", True), ("same-origin", False),
                        ("none", False), ("", False)]:
        assert guard.other_site({"Sec-Fetch-Site": site} if site else {}) is other


@pytest.mark.parametrize(("host", "token", "refused"), [
    ("127.0.0.1", None, False), ("localhost", None, False), ("::1", None, False),
    ("0.0.0.0", None, True), ("192.168.1.5", "", True), ("192.168.1.5", " ", True),
    ("192.168.1.5", " " * 40, True), ("192.168.1.5", "short-token", True),
    ("192.168.1.5", "a" + " " * 14 + "b", True),
    ("192.168.1.5", "x" * 16, False),
])
def test_network_rule(host: str, token: str | None, refused: bool) -> None:
    assert (guard.network_refusal(host, token) is not None) is refused


def test_serve_refuses_the_network_without_a_real_token(tmp_path: Path) -> None:
    for token in ["", " ", "abc"]:
        env = {**os.environ, "CIRCLEKIT_DATA_DIR": str(tmp_path), "CIRCLEKIT_TOKEN": token}
        done = subprocess.run([sys.executable, "-m", "circlekit", "app", "--host=0.0.0.0",
                               "--port=1"], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode != 0
        assert "without a token" in done.stderr and "Traceback" not in done.stderr


# --- the running server ----------------------------------------------------------------------


@pytest.fixture
def capped(tmp_path: Path) -> Iterator[VoilaServer]:
    running = start_voila(tmp_path / "data", tmp_path / "voila.log",
                          CIRCLEKIT_MAX_KERNELS="2")
    yield running
    stop_voila(running)


@pytest.mark.browser
def test_a_foreign_host_gets_nothing(capped: VoilaServer) -> None:
    """DNS rebinding: a name of another site that points at 127.0.0.1."""
    kernel = open_kernel(capped)
    port = urlsplit(capped.url).port
    evil = f"evil.example:{port}"
    for path in [f"/voila/render/{START}", "/", f"/api/kernels/{kernel}",
                 "/voila/static/voila.js"]:
        assert request(capped, path, Host=evil)[0] == 403, path
    assert request(capped, f"/voila/api/shutdown/{kernel}", "POST", Host=evil)[0] == 403
    assert websocket_status(capped, kernel, Host=evil, Origin=f"http://{evil}") == 403
    assert websocket_status(capped, kernel, Origin=capped.url) == 101
    assert kernel in kernel_ids(capped)


@pytest.mark.browser
def test_a_websocket_from_another_origin_is_refused(capped: VoilaServer) -> None:
    kernel = open_kernel(capped)
    other = f"http://127.0.0.1:{urlsplit(capped.url).port + 1}"
    for origin in ["http://evil.example", other, "null"]:
        assert websocket_status(capped, kernel, Origin=origin) == 403, origin


@pytest.mark.browser
def test_a_page_opened_from_another_site_starts_no_kernel(capped: VoilaServer) -> None:
    before = kernel_ids(capped)
    for site in ["cross-site", "same-site"]:
        status, body = request(capped, f"/voila/render/{START}?circle=x", Sec_Fetch_Site=site,
                               Sec_Fetch_Mode="navigate", Sec_Fetch_Dest="document")
        assert status == 403 and "opened from another website" in body
        assert f'href="/voila/render/{START}"' in body  # a person may open it on purpose
        status, _ = request(capped, f"/api/kernels/{next(iter(before), 'x' * 36)}",
                            Sec_Fetch_Site=site, Sec_Fetch_Mode="cors")
        assert status == 403
    time.sleep(1)
    assert kernel_ids(capped) == before


@pytest.mark.browser
def test_too_many_pages_get_a_plain_page(capped: VoilaServer) -> None:
    open_kernel(capped)
    open_kernel(capped)
    status, body = request(capped, f"/voila/render/{START}?lang=es")
    assert status == 503
    assert "Too many open pages" in body or "<html lang=\"es\"" in body
    assert "Traceback" not in body
    assert len(kernel_ids(capped)) == 2


@pytest.mark.browser
def test_forged_state_changes_are_refused(capped: VoilaServer) -> None:
    """XSRF is on: a form or fetch from another local origin cannot shut a kernel down."""
    kernel = open_kernel(capped)
    other = f"http://127.0.0.1:{urlsplit(capped.url).port + 1}"
    path = f"/voila/api/shutdown/{kernel}"
    assert request(capped, path, "POST", Origin=other, Sec_Fetch_Site="same-site")[0] == 403
    assert request(capped, path, "POST", Origin=other)[0] == 403
    # A cross-site form POST from a browser that sends no Origin, with the login cookie (were
    # it not SameSite=Strict): the XSRF field is missing.
    assert request(capped, path, "POST", signed=False, Cookie=login_cookie(capped),
                   Content_Type="application/x-www-form-urlencoded")[0] == 403
    assert kernel in kernel_ids(capped)


VISITS = 6


@pytest.mark.browser
@pytest.mark.parametrize("leave", ["beforeunload", "pagehide only"])
def test_closed_pages_stop_their_kernels(server: VoilaServer, browser: object,
                                         leave: str) -> None:
    """Six visits (open the start page, close the tab): the kernels stop, also where the
    browser sends no "beforeunload" (Safari on phones). A kernel left behind shows from the
    first visit; six of each way is enough to see one."""
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        for _ in range(VISITS):
            tab = context.new_page()
            tab.goto(server.page_url(START))
            tab.get_by_label("Circle name").wait_for()
            tab.close(run_before_unload=leave == "beforeunload")
        started = time.monotonic()
        while kernel_ids(server) and time.monotonic() - started < 30:
            time.sleep(0.25)
        left = len(kernel_ids(server))
        print(f"\n{VISITS} visits ({leave}): {left} kernels alive "
              f"{time.monotonic() - started:.1f} s after the last tab closed")
        assert left == 0
    finally:
        context.close()


@pytest.mark.browser
def test_the_token_is_not_on_any_command_line(tmp_path: Path) -> None:
    token = "t0ken-" + base64.urlsafe_b64encode(os.urandom(18)).decode()
    server = start_voila(tmp_path / "data", tmp_path / "voila.log", launcher=True,
                         CIRCLEKIT_TOKEN=token)
    try:
        assert "kernelId" not in request(server, f"/voila/render/{START}", signed=False)[1]
        assert "kernelId" in request(server, f"/voila/render/{START}")[1]
        pids = [server.process.pid, *map(int, subprocess.run(
            ["pgrep", "-P", str(server.process.pid)], capture_output=True,
            text=True).stdout.split())]
        for pid in pids:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            assert token.encode() not in cmdline, pid
        ps = subprocess.run(["ps", "-eww", "-o", "args="], capture_output=True, text=True)
        assert token not in ps.stdout
        # Nor do the pages' kernels get it, in a variable or in the page's query.
        for pid in pids[1:]:
            assert token.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
    finally:
        stop_voila(server)


@pytest.mark.browser
def test_with_a_token_the_login_form_still_works(tmp_path: Path, page: object) -> None:
    """The XSRF check is on for the login form too: it carries its own XSRF field."""
    token = "t0ken-" + base64.urlsafe_b64encode(os.urandom(18)).decode()
    server = start_voila(tmp_path / "data", tmp_path / "voila.log", launcher=True,
                         CIRCLEKIT_TOKEN=token)
    try:
        page.goto(server.page_url(START, signed=False))  # type: ignore[attr-defined]
        page.locator("#password_input").fill(token)  # type: ignore[attr-defined]
        page.locator("#password_input").press("Enter")  # type: ignore[attr-defined]
        page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]
    finally:
        stop_voila(server)


# Chromium's own defence (local-network access checks) turned off, as in browsers without it.
NO_LOCAL_NETWORK_CHECKS = (
    "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
    "PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults")


@pytest.mark.browser
def test_a_rebinding_page_in_a_browser_reads_and_changes_nothing(capped: VoilaServer,
                                                                  browser: object) -> None:
    """The whole attack in a real browser: a page of another site whose name then points at
    127.0.0.1 talks to the app as its own origin (same name and port)."""
    from circlekit.content.practice import practice_circle
    from circlekit.store import open_store
    from conftest import CHROMIUM, CHROMIUM_ARGS

    with open_store(capped.data_dir) as store:
        circle = practice_circle("shared-flat")
        store.create(circle)
    kernel = open_kernel(capped)
    port = urlsplit(capped.url).port
    origin = f"http://rebind.example:{port}"
    args = [*CHROMIUM_ARGS, NO_LOCAL_NETWORK_CHECKS,
            "--host-resolver-rules=MAP rebind.example 127.0.0.1"]
    # A Chromium of its own (other flags), from the Playwright the suite already runs.
    chromium = browser.browser_type  # type: ignore[attr-defined]
    other = chromium.launch(executable_path=CHROMIUM, args=args)
    try:
        page = other.new_page()
        # The attacker's page, as its server sent it before the name was re-pointed.
        page.route(f"{origin}/attack", lambda route: route.fulfill(
            body="<html><body>a page of another site</body></html>",
            content_type="text/html"))
        page.goto(f"{origin}/attack")
        page.unroute(f"{origin}/attack")
        read = page.evaluate("""async () => {
            const out = [];
            for (const path of ["/voila/render/00_start.ipynb", "/api/kernels", "/"]) {
                const r = await fetch(path);
                out.push([r.status, await r.text()]);
            }
            return out;
        }""")
        opened = page.evaluate("""(kernel) => new Promise((done) => {
            const ws = new WebSocket(`ws://${location.host}/api/kernels/${kernel}/channels`);
            ws.onopen = () => done("open");
            ws.onerror = () => done("refused");
        })""", kernel)
        stopped = page.evaluate("""(kernel) => fetch(`/voila/api/shutdown/${kernel}`,
            {method: "POST"}).then((r) => r.status)""", kernel)
    finally:
        other.close()
    # Each request reached the app (Chromium let it through) and the app refused it.
    assert [status for status, _ in read] == [403, 403, 403]
    assert "This address is not one of the app" in read[0][1]
    assert all(circle.title not in body and "Lena" not in body for _, body in read)
    assert opened == "refused"
    assert stopped == 403
    assert kernel in kernel_ids(capped)


@pytest.mark.parametrize(("host", "served", "extra", "refused"), [
    ("127.0.0.1:8000", "127.0.0.1", (), False),
    ("circles.example.org", "127.0.0.1", ("circles.example.org",), False),
    ("evil.example", "127.0.0.1", ("circles.example.org",), True),
    ("10.1.2.3:8888", "0.0.0.0", ("circles.example.org",), False),  # the hub's own check
    ("evil.example:8888", "0.0.0.0", ("circles.example.org",), True),
])
def test_the_hub_answers_only_to_its_names(host: str, served: str, extra: tuple[str, ...],
                                           refused: bool) -> None:
    import tornado.web
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    from circlekit.server.hosts import hub_hosts, refuse_other_hosts
    from circlekit.settings import Settings

    class Page(tornado.web.RequestHandler):
        def get(self) -> None:
            self.write("the hub")

    app = tornado.web.Application([("/hub/login", Page)])
    refuse_other_hosts(app, served, extra)
    request = HTTPServerRequest("GET", "/hub/login", headers=HTTPHeaders({"Host": host}))
    handler = app.find_handler(request).handler_class
    assert (handler is tornado.web.ErrorHandler) is refused
    assert hub_hosts(Settings({"CIRCLEKIT_HUB_URL": "https://hub.example.org:443",
                               "CIRCLEKIT_HUB_HOSTS": "a.example, b.example ,"})) == (
        "hub.example.org", ("a.example", "b.example"))
