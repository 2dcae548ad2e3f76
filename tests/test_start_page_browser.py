"""The start page in the system Chromium against a real Voila server."""

from __future__ import annotations

import re

import pytest
from readers import db_bytes

from conftest import ARTIFACTS, PAGE_TIMEOUT, VoilaServer, start_voila, stop_voila

pytestmark = pytest.mark.browser


def open_start(page: object, server: VoilaServer) -> None:
    page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]


def create(page: object, title: str) -> None:
    page.get_by_label("Circle name").fill(title)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create circle").click()  # type: ignore[attr-defined]


def landed_in_workspace(page: object, title: str) -> None:
    """A new circle opens in its own workspace, named in the header."""
    page.wait_for_url(re.compile(r"/voila/render/circle\.ipynb\?circle=[0-9a-f]{32}$"))  # type: ignore[attr-defined]
    page.locator(".ck-circle-name").get_by_text(f"Circle: {title}").wait_for()  # type: ignore[attr-defined]
    page.locator(".ck-step-setup").wait_for()  # type: ignore[attr-defined]


def test_the_bare_address_opens_the_start_page(page: object, voila_server: VoilaServer
                                               ) -> None:
    page.goto(f"{voila_server.url}/?token={voila_server.token}")  # type: ignore[attr-defined]
    page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]
    assert page.url == voila_server.page_url("00_start.ipynb", signed=False)  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Circle Notebooks").is_visible()  # type: ignore[attr-defined]
    # The address printed at start is the start page's, not a list of notebook files.
    printed = voila_server.log.read_text(encoding="utf-8", errors="replace")
    assert re.search(r"running at:\s+http://127\.0\.0\.1:\d+/voila/render/00_start\.ipynb",
                     printed), printed[-600:]


def test_create_a_circle_and_find_it_after_reload(page: object, voila_server: VoilaServer
                                                  ) -> None:
    open_start(page, voila_server)
    create(page, "Spring circle")
    landed_in_workspace(page, "Spring circle")
    page.screenshot(path=ARTIFACTS / "start-created-opens-workspace.png")
    page.get_by_role("link", name="All circles").click()
    page.get_by_label("Circle name").wait_for()
    page.reload()
    open_start(page, voila_server)
    assert page.get_by_role("cell", name="Spring circle").is_visible()
    page.screenshot(path=ARTIFACTS / "start-after-reload.png", full_page=True)


def test_links_look_like_links(page: object, voila_server: VoilaServer) -> None:
    open_start(page, voila_server)
    body_color = page.evaluate("getComputedStyle(document.querySelector('.ck-lead')).color")
    for name in ["Case studies", "Organisational accountability self-assessment",
                 "Anonymous incident log", "Incident report"]:
        style = page.get_by_role("link", name=name).evaluate(
            "a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color]")
        assert style[0] == "underline" and style[1] != body_color, (name, style)


def test_circle_choosers_start_on_the_latest_circle(page: object, server: VoilaServer
                                                    ) -> None:
    from circlekit.model import Circle, Language
    from circlekit.store import open_store

    with open_store(server.data_dir) as store:
        store.create(Circle(title="Older circle"))
        store.create(Circle(title="Newer circle", language=Language("es")))
    open_start(page, server)
    chosen = {label: page.get_by_label(label, exact=True).evaluate(  # type: ignore[attr-defined]
        "s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text.replace(/\\s/g, ' ')")
        for label in ["Which circle", "Its language", "Circle to delete", "Circle"]}
    assert chosen == {"Which circle": "Newer circle", "Its language": "Español",
                      "Circle to delete": "Newer circle", "Circle": "Newer circle"}
    # The language chooser follows the circle chosen.
    page.get_by_label("Which circle").select_option(label="Older circle")  # type: ignore[attr-defined]
    language = page.get_by_label("Its language").element_handle()  # type: ignore[attr-defined]
    page.wait_for_function("s => s.selectedOptions[0].text === 'English'", arg=language)  # type: ignore[attr-defined]


def test_invalid_title_shows_a_plain_message(page: object, voila_server: VoilaServer) -> None:
    open_start(page, voila_server)
    create(page, "   ")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == (
        "Some details need fixing: Circle name: cannot be empty.")
    create(page, "x" * 250)
    page.get_by_role("alert").get_by_text("at most 200 characters").wait_for()
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error" not in body.replace("error", "")


def test_markup_in_a_title_stays_text(page: object, voila_server: VoilaServer) -> None:
    payload = '<img src=x onerror="document.title=\'pwned\'"><b id=injected>bold</b>'
    open_start(page, voila_server)
    create(page, payload)
    landed_in_workspace(page, payload)
    assert page.locator("#injected").count() == 0
    open_start(page, voila_server)
    assert page.get_by_role("cell", name=payload).is_visible()
    assert page.locator("#injected").count() == 0
    assert page.locator(".ck-page img").count() == 0
    assert page.title() != "pwned"


def test_fits_a_phone_screen(page: object, voila_server: VoilaServer) -> None:
    open_start(page, voila_server)
    create(page, "A circle with a rather long name to test wrapping on small screens")
    landed_in_workspace(page, "A circle with a rather long name to test wrapping on small "
                        "screens")
    open_start(page, voila_server)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_circle_survives_a_server_restart(browser: object, tmp_path: object) -> None:
    data, log = tmp_path / "data", tmp_path / "voila.log"  # type: ignore[operator]
    server = start_voila(data, log)
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT)
    try:
        open_start(page, server)
        create(page, "Survives restarts")
        landed_in_workspace(page, "Survives restarts")
        stop_voila(server)
        server = start_voila(data, log)
        open_start(page, server)
        assert page.get_by_role("cell", name="Survives restarts").is_visible()
    finally:
        context.close()
        stop_voila(server)


def test_open_a_practice_circle(page: object, voila_server: VoilaServer) -> None:
    open_start(page, voila_server)
    page.get_by_label("Practice scenario").select_option(label="The shared flat")
    page.get_by_text("Fictional training scenario").wait_for()
    page.get_by_role("button", name="Open a practice copy").click()
    # The copy opens at once in its workspace, as a new circle does; the list has it too.
    page.wait_for_url(re.compile(r"/circle\.ipynb\?circle="))
    page.locator(".ck-circle-name", has_text="The shared flat").wait_for()
    open_start(page, voila_server)
    assert page.get_by_role("cell", name="The shared flat (practice)").first.is_visible()


def choose_file(page: object, path: object) -> None:
    """The upload button opens the system file chooser; answer it as a person would."""
    # The circle files' picker (the hand-over to a co-facilitator has its own).
    button = page.locator(".ck-transfer").get_by_role(  # type: ignore[attr-defined]
        "button", name="Choose file", exact=True)
    assert button.inner_text() == "Choose file"  # plain words, no "(0)"
    with page.expect_file_chooser() as chooser:  # type: ignore[attr-defined]
        button.click()
    chooser.value.set_files(str(path))
    page.get_by_text(f"Chosen: {path.name}").wait_for()  # type: ignore[attr-defined]


def test_export_with_a_passphrase_and_import_it_back(page: object, voila_server: VoilaServer,
                                                     tmp_path: object) -> None:
    open_start(page, voila_server)
    page.get_by_label("Practice scenario").select_option(label="The shared flat")
    page.get_by_role("button", name="Open a practice copy").click()
    page.wait_for_url(re.compile(r"/circle\.ipynb\?circle="))
    open_start(page, voila_server)
    page.get_by_label("Circle", exact=True).select_option(label="The shared flat (practice)")
    page.get_by_label("Protect with a passphrase").fill("river stones and moss")
    page.get_by_role("button", name="Prepare export file").click()
    page.get_by_role("status").get_by_text("It is protected").wait_for()
    with page.expect_download() as got:
        page.get_by_role("link", name="Save the export file").click()
    saved = tmp_path / "export.json"  # type: ignore[operator]
    got.value.save_as(saved)
    assert b"protected-circle" in saved.read_bytes()
    assert b"shared flat" not in saved.read_bytes()
    page.locator(".ck-transfer").get_by_text("No file chosen.").wait_for()
    choose_file(page, saved)
    page.get_by_label("Passphrase of the file").fill("river stones and mud")
    page.get_by_role("button", name="Import circle").click()
    page.get_by_role("alert").get_by_text("passphrase does not open this file").wait_for()
    choose_file(page, saved)
    page.get_by_label("Passphrase of the file").fill("river stones and moss")
    page.get_by_role("button", name="Import circle").click()
    page.get_by_role("status").get_by_text("It is now in your circles").wait_for()
    # The circle's name is private and was not shared, so the copy gets a plain name.
    assert page.get_by_role("cell", name="Imported circle").count() == 1
    assert "Traceback" not in page.locator("body").inner_text()


def test_delete_a_circle_from_the_start_page_leaves_no_trace(page: object,
                                                             server: VoilaServer) -> None:

    from circlekit.model.synthetic import synthetic_circle
    from circlekit.store import open_store

    marker = "GONE-FOR-GOOD-41c7"
    with open_store(server.data_dir) as store:
        store.create(synthetic_circle(6, title="Kept circle"))
        doomed = synthetic_circle(12, title=f"Doomed {marker}")
        doomed.harms[0].description = f"An account with {marker} inside"
        store.create(doomed)
        for n in range(3):  # earlier versions hold it too
            current = store.open(doomed.id)
            store.save(current.circle.model_copy(update={"title": f"Doomed {marker} {n}"}),
                       current.version)
    assert marker.encode() in db_bytes(server.data_dir)
    open_start(page, server)
    page.get_by_label("Circle to delete").select_option(label=f"Doomed {marker} 2")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Delete this circle").click()  # type: ignore[attr-defined]
    warning = page.get_by_role("alert").filter(has_text="cannot be undone")  # type: ignore[attr-defined]
    warning.wait_for()
    assert f"Doomed {marker} 2" in warning.inner_text()  # the confirmation names the circle
    with open_store(server.data_dir) as store:
        assert store.exists(doomed.id)  # one click deletes nothing
    page.get_by_role("button", name=f"Yes, delete “Doomed {marker} 2”").click()  # type: ignore[attr-defined]
    page.get_by_role("status").get_by_text("and all its versions were deleted").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("cell", name="Kept circle").is_visible()  # type: ignore[attr-defined]
    assert page.get_by_role("cell", name=f"Doomed {marker} 2").count() == 0  # type: ignore[attr-defined]
    assert marker.encode() not in db_bytes(server.data_dir)  # database, WAL and shm
