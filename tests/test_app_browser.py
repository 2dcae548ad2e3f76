"""A whole circle, walked in Chromium against a real Voila server, with reloads in every step.

Each step is filled in through the page as a facilitator would, the page is reloaded in the
middle of the step, and everything entered must still be shown. Screenshots of each step are
saved in tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest
from pagekit import (
    add_entry,
    choose_whoever,
    open_step,
    open_workspace,
    snap,
    step_link,
    store_circle,
    take_home,
    wait_saved,
)
from readers import db_bytes, text_of
from xss import INJECTED, filled

from conftest import PAGE_TIMEOUT, VoilaServer, close_tabs

pytestmark = pytest.mark.browser

APOLOGY = "ApologyQx7: I am sorry for what I said about you at the drop-in."


def rows_text(page: object) -> str:
    return page.locator(".ck-table").first.inner_text()  # type: ignore[attr-defined]


def new_circle(page: object, server: VoilaServer, title: str) -> str:
    page.goto(server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.get_by_label("Circle name").fill(title)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create circle").click()  # type: ignore[attr-defined]
    # A new circle opens in its workspace.
    page.wait_for_url(re.compile(r"/circle\.ipynb\?circle="))  # type: ignore[attr-defined]
    return page.url.split("circle=")[1].split("&")[0]  # type: ignore[attr-defined]


def add_participant(page: object, v: int, alias: str, role: str) -> int:
    page.get_by_role("button", name="Add a participant").click()  # type: ignore[attr-defined]
    page.get_by_label("Alias", exact=True).fill(alias)  # type: ignore[attr-defined]
    v = wait_saved(page, v)
    page.get_by_role("checkbox", name=role, exact=True).check()  # type: ignore[attr-defined]
    v = wait_saved(page, v)
    page.get_by_role("checkbox", name="Taking part in the circle").check()  # type: ignore[attr-defined]
    page.get_by_label("Date of consent").fill("2026-05-04")  # type: ignore[attr-defined]
    page.get_by_label("Date of consent").press("Tab")  # type: ignore[attr-defined]
    return wait_saved(page, v)


def test_walk_a_whole_circle_with_reloads(page: object, voila_server: VoilaServer) -> None:
    s = voila_server
    cid = new_circle(page, s, "Walked circle")

    # 1. Setup: three participants with consent, reload in the middle.
    v = open_step(page, s, "01_circle_setup.ipynb", cid)
    v = add_participant(page, v, "Mira", "Person harmed")
    v = add_participant(page, v, "Ash", "Person who caused harm")
    page.reload()
    v = open_step(page, s, "01_circle_setup.ipynb", cid)
    assert "Mira" in rows_text(page) and "Ash" in rows_text(page)
    assert "Person who caused harm" in rows_text(page)
    v = add_participant(page, v, "Rosa", "Support person")
    page.get_by_label("Group agreements").fill("What is said here stays here")
    page.get_by_label("Group agreements").press("Tab")
    v = wait_saved(page, v)
    snap(page, "step1-setup.png")

    # 2. Harm map: two harms kept as a minimal record (the default): their kinds and who was
    # affected, no account and no name of who caused them. Reload in the middle.
    v = open_step(page, s, "02_harm_map.ipynb", cid)
    assert not page.get_by_label("What happened").is_visible()
    assert not page.get_by_text("Who caused it").is_visible()
    for n, kind in enumerate(["Emotional or psychological harm", "Stigma or discrimination"]):
        if n:
            page.get_by_role("button", name="Add a harm").click()
        page.get_by_role("checkbox", name=kind, exact=True).check()
        v = wait_saved(page, v)
        page.get_by_label("How Mira was affected").select_option(label="Directly affected")
        v = wait_saved(page, v)
        if n == 0:
            page.reload()
            v = open_step(page, s, "02_harm_map.ipynb", cid)
            assert "Emotional" in rows_text(page)
            assert page.get_by_role("checkbox", name=kind, exact=True).is_checked()
    snap(page, "step2-harm-map.png")
    page.reload()
    open_step(page, s, "02_harm_map.ipynb", cid)
    assert "Stigma" in rows_text(page) and "What happened" not in rows_text(page)

    # 3. Support pods: one entry for the person harmed, reload.
    v = open_step(page, s, "03_support_pods.ipynb", cid)
    page.get_by_label("Whose pod").select_option(label="Mira")
    page.get_by_label("Relation").select_option(label="In their pod (can be relied on)")
    page.get_by_label("Person or organisation").fill("Rosa")
    v = wait_saved(page, v)
    page.reload()
    open_step(page, s, "03_support_pods.ipynb", cid)
    assert "Rosa" in rows_text(page) and "In their pod" in rows_text(page)
    snap(page, "step3-pods.png")

    # 4. Needs: three, reload in the middle.
    v = open_step(page, s, "04_needs.ipynb", cid)
    needs = [("Safety", "To not see him at the drop-in."),
             ("Acknowledgment", "For him to say what he did."),
             ("Community change", "A way to report that is not the boss.")]
    for n, (category, words) in enumerate(needs):
        if n:
            add_entry(page, page, "Add a need")
        page.get_by_label("Whose need").select_option(label="Mira")  # a new need names nobody
        page.get_by_label("Kind of need").select_option(label=category)
        page.get_by_label("In their own words").fill(words)
        v = wait_saved(page, v)
        if n == 1:
            page.reload()
            v = open_step(page, s, "04_needs.ipynb", cid)
            assert "For him to say" in rows_text(page)
    snap(page, "step4-needs.png")

    # 5. Agreement: three items linked to needs, signed off, reload in the middle.
    v = open_step(page, s, "05_repair_agreement.ipynb", cid)
    assert "Needs no action answers yet" in page.locator(".ck-preview").inner_text()
    items = [("Ash stays away from the drop-in for six months.", "Stepping back from a role",
              "Safety"),
             ("Ash reads an acknowledgment agreed with Mira.", "Acknowledgment",
              "Acknowledgment"),
             ("The drop-in writes a reporting policy.", "Policy reform", "Community change")]
    for n, (action, kind, need) in enumerate(items):
        if n:
            add_entry(page, page, "Add an agreement item")
        page.get_by_label("What will be done").fill(action)
        page.get_by_label("Kind of action").select_option(label=kind)
        page.get_by_label("Who is responsible").select_option(label="Ash")
        v = wait_saved(page, v)
        page.get_by_role("checkbox", name=re.compile(f"^{need}:")).check()
        page.get_by_role("checkbox", name="Mira signs this item").check()
        page.get_by_label("Date (Mira)").fill("2026-05-11")
        page.get_by_label("Date (Mira)").press("Tab")
        v = wait_saved(page, v)
        if n == 1:
            page.reload()
            v = open_step(page, s, "05_repair_agreement.ipynb", cid)
            assert "Ash reads an acknowledgment" in rows_text(page)
    # Each item's date, as the locale writes it, once its last edit is saved.
    signed = "Signed by: Mira (May 11, 2026)"
    page.wait_for_function(  # type: ignore[attr-defined]
        "t => document.querySelector('.ck-preview').innerText.split(t).length - 1 === 3",
        arg=signed)
    preview = page.locator(".ck-preview").inner_text()
    assert "Needs no action answers yet" not in preview
    assert preview.count(signed) == 3
    snap(page, "step5-agreement.png")

    # 6. Follow-up: a check-in with progress on the first item; reload.
    v = open_step(page, s, "06_follow_up.ipynb", cid)
    page.get_by_label("Date of check-in").fill("2026-06-01")
    page.get_by_label("Date of check-in").press("Tab")
    v = wait_saved(page, v)
    first_item = page.get_by_label(re.compile(r"^Progress on 1\. Ash stays away"))
    first_item.select_option(label="In progress")
    page.get_by_label("Does the person harmed feel safe?").select_option(label="Yes")
    v = wait_saved(page, v)
    page.reload()
    open_step(page, s, "06_follow_up.ipynb", cid)
    assert "Jun 1, 2026" in rows_text(page)  # dates as the locale writes them
    assert page.get_by_label(re.compile(r"^Progress on 1\. Ash stays away")).input_value() == (
        "In progress")
    snap(page, "step6-follow-up.png")

    # Everything, from a fresh load of each step.
    open_step(page, s, "01_circle_setup.ipynb", cid)
    assert all(alias in rows_text(page) for alias in ("Mira", "Ash", "Rosa"))
    open_step(page, s, "04_needs.ipynb", cid)
    assert all(words[:15] in rows_text(page) for _, words in needs)

    # 7. Accountability: needs and change only; the apology is drafted and printed in the
    # page, and only that it was offered is kept.
    v = open_step(page, s, "04a_accountability.ipynb", cid)
    page.get_by_label("Whose work").select_option(label="Ash")
    page.get_by_label("What they will do differently").fill("Asks before helping anyone.")
    v = wait_saved(page, v)
    assert not page.get_by_label("What they are learning").is_visible()
    page.get_by_label("Does the person harmed want an apology, and how?").select_option(
        label="Spoken, in a meeting")
    page.get_by_label("Draft (never saved)").fill(APOLOGY)
    page.get_by_role("button", name="Print once and clear").click()
    page.get_by_text("Printed, and cleared from this page.").wait_for()
    assert page.get_by_label("Draft (never saved)").input_value() == ""
    page.get_by_label("Has the apology been offered?").select_option(label="Yes")
    v = wait_saved(page, v)
    snap(page, "step7-accountability.png")

    # A safety plan for Mira, so that every document can be made.
    v = open_step(page, s, "07_safety_plan.ipynb", cid)
    page.get_by_label("Whose plan").select_option(label="Mira")
    page.get_by_label("The situation").fill("Seeing him at the drop-in.")
    v = wait_saved(page, v)

    # Every take-home document, made through the page for one person.
    for notebook, reader, shows in [
            ("02_harm_map.ipynb", "Mira", "Emotional or psychological harm"),
            ("04_needs.ipynb", "Mira", "To not see him at the drop-in."),
            ("04a_accountability.ipynb", "Ash", "Asks before helping anyone."),
            ("05_repair_agreement.ipynb", "Mira", "The drop-in writes a reporting policy."),
            ("06_follow_up.ipynb", "Mira", "In progress"),
            ("07_safety_plan.ipynb", "Mira", "Seeing him at the drop-in.")]:
        open_step(page, s, notebook, cid)
        made = take_home(page, reader)
        assert set(made) == {"html", "pdf", "docx"}, notebook
        text = text_of(made["html"], "html")
        assert shows in text and f"For {reader}" in text, notebook
        assert APOLOGY not in text
    # Nothing typed into the draft reached the data folder, in any file.
    assert APOLOGY.encode() not in db_bytes(s.data_dir)
    assert b"ApologyQx7" not in db_bytes(s.data_dir)


def test_two_tabs_conflict_is_shown_and_nothing_is_lost(browser: object,
                                                        voila_server: VoilaServer) -> None:
    from circlekit.model import Circle
    from circlekit.store import open_store

    cid = store_circle(voila_server, Circle(title="Two tabs"))
    tabs = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.set_default_timeout(PAGE_TIMEOUT)
        open_step(tab, voila_server, "01_circle_setup.ipynb", cid)
        tabs.append((context, tab))
    (_, first), (_, second) = tabs
    try:
        first.get_by_label("Alias", exact=True).fill("Saved first")
        wait_saved(first, 1)
        second.get_by_label("Alias", exact=True).fill("Typed second")
        alert = second.locator(".ck-conflict")
        alert.wait_for()
        assert "changed in another tab or window" in alert.inner_text()
        assert "Nothing was overwritten" in alert.inner_text()
        assert second.get_by_label("Alias", exact=True).input_value() == "Typed second"
        snap(second, "conflict.png")
        with open_store(voila_server.data_dir) as store:
            assert [p.alias for p in store.open(cid).circle.participants] == ["Saved first"]
        second.reload()
        open_step(second, voila_server, "01_circle_setup.ipynb", cid)
        assert "Saved first" in rows_text(second)
    finally:
        for context, _ in tabs:
            close_tabs(context)


def test_quick_exit_blanks_the_page(page: object, voila_server: VoilaServer) -> None:
    from circlekit.content.practice import practice_circle

    cid = store_circle(voila_server, practice_circle("shared-flat"))
    open_workspace(page, voila_server, cid, step="harm_map")
    step_link(page, "pods").click()  # a second entry in the tab's history
    page.locator(".ck-step-pods").wait_for()
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("about:blank")
    assert page.content().count("Lena") == 0
    page.go_back()  # Back reloads the workspace: it must blank itself before anything shows
    page.wait_for_timeout(1500)
    assert page.url == "about:blank" and page.content().count("Lena") == 0


def test_after_quick_exit_back_shows_no_page_of_the_app(page: object,
                                                        voila_server: VoilaServer) -> None:
    """Back after Quick exit reaches the start page too: its list of circles never shows
    until the app's address is opened anew."""
    from circlekit.content.practice import practice_circle

    circle = practice_circle("shared-flat")
    store_circle(voila_server, circle)
    page.goto(voila_server.page_url("00_start.ipynb"))
    page.get_by_text(circle.title).first.wait_for()
    open_workspace(page, voila_server, circle.id, step="harm_map")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("about:blank")
    page.go_back()
    page.wait_for_timeout(1500)
    assert page.url == "about:blank"
    assert circle.title not in page.content() and "Lena" not in page.content()
    page.go_forward()
    page.wait_for_timeout(1000)
    assert circle.title not in page.content()
    # Opening the app's address again is the facilitator's choice to come back.
    page.goto(voila_server.page_url("00_start.ipynb"))
    page.get_by_text(circle.title).first.wait_for()


@pytest.mark.parametrize("notebook", ["01_circle_setup.ipynb", "02_harm_map.ipynb",
                                      "03_support_pods.ipynb", "04_needs.ipynb",
                                      "05_repair_agreement.ipynb", "06_follow_up.ipynb"])
def test_step_fits_a_phone_and_keeps_typed_markup_as_text(
        page: object, voila_server: VoilaServer, notebook: str) -> None:
    """Every stored text field holds one of the 58 payloads, and one more is typed in."""
    payload = '<img src=x onerror="window.__xss=99"><b id="injected">b</b>'
    cid = store_circle(voila_server, filled(0))
    v = open_step(page, voila_server, notebook, cid)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    # A note beside a person or an item needs its choice made too (else the entry waits,
    # and the header says so): choose one wherever none is, then type the payload into
    # every text box of the form, reload and look again.
    # A new entry's "Whose goal" (and the like) starts on "Choose…" for the same reason.
    choose_whoever(page)
    boxes = page.locator(".ck-form input[type=text], .ck-form textarea")
    for i in range(boxes.count()):
        boxes.nth(i).fill(payload)
    v = wait_saved(page, v)
    page.locator(".ck-save-status").get_by_text("✓").wait_for()  # every entry stored
    for attempt in range(2):
        assert page.locator(".ck-page").locator(INJECTED).count() == 0
        assert page.evaluate("window.__xss") is None
        if attempt == 0:
            page.reload()
            open_step(page, voila_server, notebook, cid)
            assert any(boxes.nth(i).input_value() == payload for i in range(boxes.count()))
