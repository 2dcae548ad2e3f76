"""An organisation's server: a real JupyterHub on this machine, two facilitators in Chromium.

Each logs in through the hub, creates a circle, and cannot open the other's, by address or
through the API; a locked data folder is unlocked in the browser and locked again. The hub
and the servers run from a copy installed by `make hub-install`, each server as its
facilitator's own system account (so the test needs root, as the hub itself does).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from httpkit import ipc_sockets
from hubkit import (
    Hub,
    account,
    as_account,
    install,
    kernels,
    login_form,
    remove_account,
    start_hub,
    stop_hub,
    why_not,
)

# The first test installs the hub (when its copy is out of date) and starts it.
pytestmark = [pytest.mark.browser, pytest.mark.hub, pytest.mark.timeout(1200)]

ANA, BEA = "ck-hub-a", "ck-hub-b"  # test accounts, not people
PASSPHRASE = "four words only bea knows"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
LOCK_FOLDER = (
    "from circlekit.store import SQLiteStore, data_dir\n"
    "s = SQLiteStore(data_dir()); s.set_passphrase({p!r}); s.close()\n"
)


@pytest.fixture(scope="module")
def installed() -> None:
    """The app, hub and proxy installed from this checkout, as an organisation would."""
    reason = why_not()
    if reason:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    install()


@pytest.fixture(scope="module")
def hub(installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    for name in (ANA, BEA):
        account(name)
    done = as_account(BEA, LOCK_FOLDER.format(p=PASSPHRASE))
    assert done.returncode == 0, done.stderr[-2000:]
    state = tmp_path_factory.mktemp("hub")
    running = start_hub(state, [ANA, BEA])
    yield running
    stop_hub(running)
    for name in (ANA, BEA):
        remove_account(name)


def logged_in(browser: object, hub: Hub, user: str) -> object:
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(90_000)
    login_form(page, hub, user)
    page.wait_for_url(f"**/user/{user}/voila/render/00_start.ipynb*")
    return page


def create_circle(page: object, title: str) -> str:
    """Create a circle on the start page; its id."""
    page.get_by_label("Circle name").fill(title)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create circle").click()  # type: ignore[attr-defined]
    # A new circle opens in its workspace, on the facilitator's own server.
    page.wait_for_url("**/voila/render/circle.ipynb?circle=*")  # type: ignore[attr-defined]
    page.locator(".ck-circle-name", has_text=title).wait_for()  # type: ignore[attr-defined]
    return parse_qs(urlsplit(page.url).query)["circle"][0]  # type: ignore[attr-defined]


def test_each_facilitator_sees_only_their_own_circles(hub: Hub, browser: object) -> None:
    ana = logged_in(browser, hub, ANA)
    ana.get_by_role("button", name="Create circle").wait_for()
    cid = create_circle(ana, "Ana's spring circle")
    ana.goto(hub.page_url(ANA, "circle.ipynb", circle=cid))
    ana.get_by_text("Ana's spring circle").first.wait_for()

    bea = logged_in(browser, hub, BEA)
    bea.get_by_text("Your circles are locked").wait_for()
    # A name another site pointed at the hub (DNS rebinding) reaches neither the hub's pages
    # nor a facilitator's server; the hub's own name does.
    for path in ("/hub/login", f"/hub/authorize/{BEA}", f"/user/{ANA}/voila/render/00_start.ipynb",
                 f"/user/{ANA}/api/kernels"):
        assert status_for_host(hub.url + path, "rebind.example") == 403, path
    assert status_for_host(hub.url + "/hub/login", urlsplit(hub.url).netloc) == 200
    # By address: the hub refuses Bea in Ana's server.
    response = bea.goto(hub.page_url(ANA, "circle.ipynb", circle=cid))
    assert response.status in (403, 404)
    assert "Ana's spring circle" not in bea.content()
    # Through the API, with Bea's login: not Ana's files, kernels or account.
    for path in (f"/user/{ANA}/api/contents", f"/user/{ANA}/api/kernels",
                 f"/user/{ANA}/voila/render/00_start.ipynb", f"/hub/api/users/{ANA}"):
        answer = bea.context.request.get(hub.url + path, max_redirects=0)
        assert answer.status in (302, 403, 404), (path, answer.status)
        assert "spring circle" not in answer.text()
    # Her own server offers the pages and their kernels' channels, not a general way to read
    # files or run code.
    for path in (f"/user/{BEA}/api/contents", f"/user/{BEA}/api/kernels",
                 f"/user/{BEA}/api/sessions"):
        answer = bea.context.request.get(hub.url + path, max_redirects=0)
        assert answer.status == 403, (path, answer.status)
    # Nor by asking her own server for Ana's circle: it is not in her data folder.
    bea_home = Path(os.path.expanduser(f"~{BEA}"))
    assert bea_home.is_dir()
    # And Bea's account cannot read Ana's data folder at all.
    peek = as_account(BEA, f"import os; os.listdir(os.path.expanduser('~{ANA}/.local/share/"
                           "circle-notebooks'))")
    assert peek.returncode != 0 and "PermissionError" in peek.stderr
    # Ana's open page has a kernel; its channels are Unix sockets in a folder of Ana's that
    # Bea's account cannot open (no TCP port any account could join).
    sockets = kernel_sockets(ANA)
    assert sockets, "Ana's page runs no kernel on Unix sockets"
    probe = ("import socket\n"
             f"for path in {sockets!r}:\n"
             "    s = socket.socket(socket.AF_UNIX)\n"
             "    try:\n        s.connect(path); print('reached', path)\n"
             "    except OSError as exc: print(type(exc).__name__)\n")
    reach = as_account(BEA, probe)
    assert "reached" not in reach.stdout and "PermissionError" in reach.stdout, reach
    bea.context.close()
    ana.context.close()
    # Pages left stop their kernels at once (Voila's page-leave request passes the hub).
    deadline = time.monotonic() + 20
    while kernels(ANA) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernels(ANA) == 0


def test_a_locked_folder_is_unlocked_in_the_browser(hub: Hub, browser: object) -> None:
    bea = logged_in(browser, hub, BEA)
    # Everything the kernel sends back to the page: the passphrase must never be in it.
    received: list[str] = []
    bea.on("websocket", lambda ws: ws.on(
        "framereceived", lambda frame: received.append(str(frame))))
    bea.get_by_text("Your circles are locked").wait_for()
    box = bea.get_by_label("Passphrase")
    box.fill("not the passphrase")
    bea.get_by_role("button", name="Unlock").click()
    bea.get_by_role("alert").get_by_text("does not open this data folder").wait_for()
    box.fill(PASSPHRASE)
    bea.get_by_role("button", name="Unlock").click()
    bea.get_by_role("button", name="Create circle").wait_for()
    assert received and not any(PASSPHRASE in frame for frame in received)
    cid = create_circle(bea, "Bea's circle")
    # Another page (its own kernel) opens the circle: the key reached it, not just this page.
    other = bea.context.new_page()
    other.goto(hub.page_url(BEA, "circle.ipynb", circle=cid))
    other.get_by_text("Bea's circle").first.wait_for()
    # Ana's circle id from the other test is unknown here; any other id is simply not found.
    stranger = bea.context.new_page()
    stranger.goto(hub.page_url(BEA, "circle.ipynb", circle="0" * 32))
    stranger.get_by_role("heading", name="This page could not open").wait_for()
    stranger.close()
    # One click on the start page locks again: the key is gone from the server, and the page
    # asks again.
    bea.goto(hub.page_url(BEA, "00_start.ipynb"))
    bea.get_by_role("button", name="Lock now").click()
    bea.get_by_text("Your circles are locked").wait_for()
    other.goto(hub.page_url(BEA, "circle.ipynb", circle=cid))
    other.get_by_text("Your circles are locked. Unlock them on the start page").wait_for()
    assert "Bea's circle" not in other.content()
    # On disk the folder stays locked: no key anywhere the hub's owner could pick up.
    stored = as_account(BEA, "from circlekit.store import folder_recipe, data_dir\n"
                             "print(folder_recipe(data_dir()) is not None)")
    assert stored.stdout.strip() == "True"
    bea.context.close()


ADMIN, CARA = "ck-hub-admin", "ck-hub-c"  # test accounts, not people
LONG_PASSWORD = "a facilitator's long password"


def sign_up(browser: object, hub: Hub, user: str) -> str:
    page = browser.new_context().new_page()  # type: ignore[attr-defined]
    page.goto(f"{hub.url}/hub/signup")
    page.fill("#username_input", user)
    page.fill("#password_input", LONG_PASSWORD)
    page.fill("#password_confirmation_input", LONG_PASSWORD)
    page.click("#signup_submit")
    said = page.locator(".alert").inner_text()
    page.context.close()
    return said


def test_the_organisations_admin_approves_but_cannot_enter(
        installed: None, browser: object, tmp_path: Path) -> None:
    """The deployed login as is: NativeAuthenticator, the admin approving each sign-up."""
    for name in (ADMIN, CARA):
        remove_account(name)
    own = start_hub(tmp_path / "hub", [], shared_password=False, CIRCLEKIT_HUB_ADMIN=ADMIN)
    try:
        # The admin's own sign-up needs no approval (the message is the same for both).
        assert "sent to the admin" in sign_up(browser, own, ADMIN)
        assert "sent to the admin" in sign_up(browser, own, CARA)
        cara = browser.new_context().new_page()  # type: ignore[attr-defined]
        cara.set_default_timeout(90_000)
        login_form(cara, own, CARA, LONG_PASSWORD)
        cara.wait_for_load_state()
        assert "/user/" not in cara.url  # not approved yet

        admin = browser.new_context().new_page()  # type: ignore[attr-defined]
        admin.set_default_timeout(90_000)
        login_form(admin, own, ADMIN, LONG_PASSWORD)
        admin.wait_for_url("**/user/**")
        # A page of another site sending the admin to the approval address changes nothing:
        # the approval is a POST with the hub's XSRF token, and the hub's cookies are Strict.
        admin.goto(f"{own.url}/hub/authorize/{CARA}")
        admin.wait_for_load_state()
        login_form(cara, own, CARA, LONG_PASSWORD)
        cara.wait_for_load_state()
        assert "/user/" not in cara.url  # still not approved
        hub_cookies = [c for c in admin.context.cookies() if c["name"].startswith("jupyterhub")]
        assert hub_cookies and all(c["sameSite"] == "Strict" for c in hub_cookies), hub_cookies
        # The admin's own click on the approval page does.
        admin.goto(f"{own.url}/hub/authorize")
        admin.locator(f"tr#{CARA}").get_by_role("button", name="Authorize").click()
        admin.wait_for_load_state()

        login_form(cara, own, CARA, LONG_PASSWORD)
        cara.get_by_text("Protect your circles with a passphrase").wait_for()
        # The hub made Cara a system account of her own, without a login shell.
        assert as_account(CARA, "import os; print(os.getuid())").returncode == 0

        # The admin can stop her server, but not enter it or mint a token to do so.
        entered = admin.goto(own.page_url(CARA, "00_start.ipynb"))
        assert entered.status == 403
        for method, path in (("post", f"/hub/api/users/{CARA}/tokens"),
                             ("get", f"/user/{CARA}/api/contents")):
            answer = getattr(admin.context.request, method)(
                own.url + path, max_redirects=0,
                headers={"X-XSRFToken": xsrf(admin)})
            assert answer.status in (302, 403, 404), (path, answer.status)
        admin.context.close()
        cara.context.close()
    finally:
        stop_hub(own)
        for name in (ADMIN, CARA):
            remove_account(name)


def status_for_host(url: str, host: str) -> int:
    """The status a request for ``url`` gets with the ``Host`` header ``host``."""
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # the first answer is the one that counts

    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.build_opener(Stay).open(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def kernel_sockets(user: str) -> list[str]:
    """The Unix sockets of the page kernels account ``user`` runs (from their connection files)."""
    import re
    import subprocess

    ps = subprocess.run(["ps", "-ww", "-u", user, "-o", "args="], capture_output=True,
                        text=True).stdout
    return [str(socket) for path in re.findall(r"-f (\S+kernel-[0-9a-f-]+\.json)", ps)
            for socket in ipc_sockets(Path(path))]


def xsrf(page: object) -> str:
    cookies = page.context.cookies()  # type: ignore[attr-defined]
    return next((c["value"] for c in cookies if c["name"] == "_xsrf"), "")
