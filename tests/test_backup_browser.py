"""Backups on the start page, in the system Chromium against a real Voila server."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTIFACTS, VoilaServer

pytestmark = pytest.mark.browser

PASS = "words only we know"


def test_a_facilitator_backs_up_and_brings_back_a_circle_deleted_by_mistake(
        page: object, server: VoilaServer, tmp_path: Path) -> None:
    from circlekit.model import Circle
    from circlekit.store import open_store

    with open_store(server.data_dir) as store:
        kept = store.create(Circle(title="Autumn circle")).circle.id
        lost = store.create(Circle(title="Winter <img src=x onerror=alert(1)>")).circle.id
    folder = tmp_path / "usb stick"
    folder.mkdir()
    page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    state = page.locator(".ck-error", has_text="No backup folder is chosen yet")  # type: ignore[attr-defined]
    state.wait_for()
    page.get_by_label("Backup folder").fill(str(folder))  # type: ignore[attr-defined]
    page.get_by_label("Backup passphrase").fill(PASS)  # type: ignore[attr-defined]
    page.get_by_label("Type it again").fill(PASS)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Back up now").click()  # type: ignore[attr-defined]
    page.get_by_text("Backup made: backup-").wait_for()  # type: ignore[attr-defined]
    assert page.locator(".ck-ok", has_text="Last backup:").is_visible()  # type: ignore[attr-defined]
    (made,) = folder.iterdir()
    assert b"Autumn" not in made.read_bytes()

    with open_store(server.data_dir) as store:
        store.delete(lost)
    page.reload()  # type: ignore[attr-defined]
    page.locator(".ck-ok", has_text="Last backup:").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Its passphrase").fill("not the passphrase")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Look inside").click()  # type: ignore[attr-defined]
    page.get_by_role("alert").get_by_text("does not open this backup").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Its passphrase").fill(PASS)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Look inside").click()  # type: ignore[attr-defined]
    table = page.get_by_role("table", name="2 circles in this backup")  # type: ignore[attr-defined]
    table.wait_for()
    assert page.get_by_role("alert").count() == 0  # type: ignore[attr-defined]
    assert "comes back only if you choose it" in table.inner_text()
    assert page.locator("img[src=x]").count() == 0  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    page.screenshot(path=ARTIFACTS / "backup-restore-390.png", full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.get_by_label("Restore", exact=True).select_option(  # type: ignore[attr-defined]
        label="Winter <img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Restore chosen circles").click()  # type: ignore[attr-defined]
    page.get_by_text("1 circle was restored.").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("cell", name="Winter <img src=x onerror=alert(1)>").first.wait_for()  # type: ignore[attr-defined]
    page.screenshot(path=ARTIFACTS / "backup-restored-1280.png", full_page=True)  # type: ignore[attr-defined]
    with open_store(server.data_dir) as store:
        assert store.exists(lost) and store.exists(kept)

