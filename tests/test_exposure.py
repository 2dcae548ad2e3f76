"""What the running app shows to anyone who can reach it: no source, no tracebacks, no data
files, no path traversal, no Jupyter contents or kernels API; and a log without circle text."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from httpkit import fetch_request, kernel_ids

from conftest import VoilaServer

pytestmark = pytest.mark.browser

PROBES = [
    "/voila/files/00_start.ipynb",
    "/voila/files/circles.sqlite3",
    "/voila/files/../widgets/circlekit/pages/__init__.py",
    "/voila/files/%2e%2e/README.md",
    "/voila/static/../../../../etc/passwd",
    "/voila/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/render/../README.md",
    "/voila/render/%2e%2e/voila.json",
    "/api/contents",
    "/api/contents/00_start.ipynb",
    "/api/kernels",
    "/api/sessions",
    "/lab",
    "/tree",
]


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.parametrize("path", PROBES)
def test_probe_finds_nothing(voila_server: VoilaServer, path: str) -> None:
    # With the secret: what someone who has it can reach, not only what strangers cannot.
    status, body = fetch(voila_server.url + path, voila_server.auth)
    assert status in (403, 404), (status, body[:200])
    assert "Traceback" not in body and "SQLite format" not in body and "root:" not in body


@pytest.mark.parametrize("notebook", ["00_start.ipynb", "01_circle_setup.ipynb",
                                      "10_case_explorer.ipynb"])
def test_rendered_pages_carry_no_source(voila_server: VoilaServer, notebook: str) -> None:
    status, body = fetch(voila_server.page_url(notebook, signed=False, circle="not-a-circle"),
                         voila_server.auth)
    assert status == 200
    assert "from circlekit" not in body and "Traceback" not in body


def test_the_log_holds_no_circle_text(page: object, voila_server: VoilaServer) -> None:
    marker = "LOG-MARKER-81c2"
    page.goto(voila_server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.get_by_label("Circle name").fill(marker + " " + "x" * 300)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create circle").click()  # type: ignore[attr-defined]
    page.get_by_role("alert").wait_for()  # type: ignore[attr-defined]
    page.goto(voila_server.page_url("01_circle_setup.ipynb", circle=marker))  # type: ignore[attr-defined]
    page.get_by_text("This page could not open").wait_for()  # type: ignore[attr-defined]
    for log in [voila_server.log, *voila_server.data_dir.glob("*.log")]:
        assert marker not in log.read_text(encoding="utf-8", errors="replace"), log.name


def test_leaving_a_page_shuts_its_kernel_down_and_other_sites_cannot(
        page: object, voila_server: VoilaServer) -> None:
    """Voilà asks to shut a page's kernel down when it is left (with the XSRF field from the
    cookie the app gives each page); the same request from elsewhere is refused."""
    import time

    before = kernel_ids(voila_server)
    page.goto(voila_server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]
    (mine,) = kernel_ids(voila_server) - before
    request = urllib.request.Request(f"{voila_server.url}/voila/api/shutdown/{mine}",
                                     method="POST", data=b"",
                                     headers={"Origin": "http://evil.example"})
    status, _ = fetch_request(request)
    assert status in (403, 404)
    assert mine in kernel_ids(voila_server)
    page.goto("about:blank")  # type: ignore[attr-defined]
    deadline = time.monotonic() + 20
    while mine in kernel_ids(voila_server) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mine not in kernel_ids(voila_server)


