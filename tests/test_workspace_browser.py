"""The circle workspace in Chromium: one page per circle, steps switched in place.

What a facilitator relies on in a hard meeting: what they type is kept even when they move
on at once, the page never says "saved" when it is not, reference lists follow the circle,
the address follows the step, and every control can be reached and named.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from pagekit import (
    choose_whoever,
    go,
    kernels_of,
    open_workspace,
    shown,
    step_link,
    wait_saved,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from circlekit.content.practice import practice_circle
from circlekit.model import ALL_STEPS, Circle
from circlekit.store import open_store
from conftest import ARTIFACTS, NOTEBOOKS, PAGE_TIMEOUT, VoilaServer, close_tabs, stop_voila

pytestmark = pytest.mark.browser
BOXES = ".ck-step-view:visible .ck-form input[type=text], .ck-step-view:visible .ck-form textarea"
# The steps with a text box to type in (closing has only choices and a date).
TYPED = [s for s in ALL_STEPS if any(f.kind in ("text", "longtext") for f in s.fields())]


@pytest.mark.debounce
def test_text_typed_just_before_switching_step_is_kept(server: VoilaServer, tab: object
                                                       ) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    v = open_workspace(tab, server, cid)
    typed: dict[str, str] = {}
    for n, step in enumerate(TYPED):
        go(tab, step.key)
        marker = f"typed then switched {step.key}"
        choose_whoever(tab, f".ck-step-{step.key} .ck-form")  # a new entry names someone
        tab.locator(BOXES).first.fill(marker)  # type: ignore[attr-defined]
        tab.wait_for_timeout(100)  # type: ignore[attr-defined]
        go(tab, TYPED[(n + 1) % len(TYPED)].key)
        go(tab, step.key)
        assert marker in shown(tab), f"{step.key}: gone after switching away and back"
        typed[step.key] = marker
    v = wait_saved(tab, v)
    tab.reload()  # type: ignore[attr-defined]
    open_workspace(tab, server, cid, wait=False)
    for step in TYPED:
        go(tab, step.key)
        assert typed[step.key] in shown(tab), f"{step.key}: gone after a reload"
    with open_store(server.data_dir) as store:
        stored = store.open(cid).circle.model_dump_json()
    assert all(m in stored for m in typed.values())
    assert len(kernels_of(server)) == 1  # every step in one kernel


def test_a_lost_server_shows_not_saved_and_never_saved(server: VoilaServer, tab: object
                                                       ) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="Server goes away")).circle.id
    open_workspace(tab, server, cid)
    tab.evaluate("""() => {  // the moment the header first says the connection is lost
        const status = document.querySelector('.ck-save-status');
        new MutationObserver(() => {
            if (status.dataset.state === 'lost' && !window.ckLostAt) window.ckLostAt = Date.now();
        }).observe(status, {attributes: true});
    }""")  # type: ignore[attr-defined]
    stop_voila(server)
    stopped_at = tab.evaluate("() => Date.now()")  # type: ignore[attr-defined]
    tab.get_by_label("Alias", exact=True).fill("Typed while the server was gone")  # type: ignore[attr-defined]
    status = tab.locator(".ck-header .ck-save-status")  # type: ignore[attr-defined]
    seen = []
    for _ in range(50):
        seen.append(status.inner_text())
        if "lost" in seen[-1]:
            break
        tab.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert "Not saved" in seen[-1] and "Copy what you typed, then reload" in seen[-1], seen[-1]
    assert not any(s.startswith("✓") for s in seen), "showed saved after the server stopped"
    # Within a second of the app stopping (the README says "at once").
    assert tab.evaluate("() => window.ckLostAt") - stopped_at <= 1000  # type: ignore[attr-defined]
    assert tab.locator(".ck-not-saved").get_attribute("role") is None  # type: ignore[attr-defined]
    assert status.get_attribute("role") == "alert"
    tab.screenshot(path=ARTIFACTS / "workspace-not-saved.png")  # type: ignore[attr-defined]


def test_an_entry_that_cannot_be_stored_keeps_the_header_at_not_saved(
        server: VoilaServer, tab: object) -> None:
    """An incomplete entry, then a paste over a field's limit: each keeps the header at "Not
    saved" (with a way back to it, from any step) until it is resolved."""
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="Waiting entries")).circle.id
    open_workspace(tab, server, cid)
    status = tab.locator(".ck-header .ck-save-status")  # type: ignore[attr-defined]
    tab.get_by_role("checkbox", name="Person harmed", exact=True).check()  # type: ignore[attr-defined]
    status.locator(".ck-waiting").wait_for()
    assert status.inner_text().startswith("Not saved. 1 entry is not stored yet. "
                                          "Circle setup: fill in “Alias”.")
    go(tab, "needs")  # moving on keeps the warning, and "Show it" leads back
    assert "Not saved" in status.inner_text()
    status.get_by_role("link", name="Show it").click()
    tab.locator(".ck-step-setup").get_by_text("Fill in “Alias” and this entry is saved.").wait_for()  # type: ignore[attr-defined]
    alias = tab.get_by_label("Alias", exact=True)  # type: ignore[attr-defined]
    alias.fill("Mira")
    status.get_by_text("✓").wait_for()
    alias.fill("M" * 300)  # a paste over the limit: the field says so, and so does the header
    status.locator(".ck-waiting").wait_for()
    assert "see the message next to the field" in status.inner_text()
    tab.screenshot(path=ARTIFACTS / "workspace-entry-waiting.png")  # type: ignore[attr-defined]
    alias.fill("Mira R.")
    status.get_by_text("✓").wait_for()
    with open_store(server.data_dir) as store:
        assert [p.alias for p in store.open(cid).circle.participants] == ["Mira R."]


def test_a_new_participant_is_offered_everywhere_at_once(server: VoilaServer, tab: object
                                                         ) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="References")).circle.id
    v = open_workspace(tab, server, cid)
    tab.get_by_label("Alias", exact=True).fill("Mira")  # type: ignore[attr-defined]
    v = wait_saved(tab, v)
    tab.get_by_role("checkbox", name="Person harmed", exact=True).check()  # type: ignore[attr-defined]
    v = wait_saved(tab, v)

    def offered(label: str) -> list[str]:
        options = tab.get_by_label(label, exact=True).locator("option")  # type: ignore[attr-defined]
        return [options.nth(i).inner_text() for i in range(options.count())]

    go(tab, "harm_map")
    assert tab.get_by_label("How Mira was affected").count() == 1  # type: ignore[attr-defined]
    go(tab, "setup")  # a second person, while the other steps are already built
    tab.get_by_role("button", name="Add a participant").click()  # type: ignore[attr-defined]
    tab.get_by_label("Alias", exact=True).fill("Ash")  # type: ignore[attr-defined]
    v = wait_saved(tab, v)
    go(tab, "harm_map")
    assert tab.get_by_label("How Ash was affected").count() == 1  # type: ignore[attr-defined]
    go(tab, "pods")
    assert {"Mira", "Ash"} <= set(offered("Whose pod"))
    go(tab, "needs")
    assert offered("Whose need")[:3] == ["Choose…", "Mira", "Ash"]  # the person harmed first
    go(tab, "agreement")
    assert {"Mira", "Ash"} <= set(offered("Who is responsible"))
    assert tab.get_by_role("checkbox", name="Ash signs this item").count() == 1  # type: ignore[attr-defined]
    go(tab, "safety_plan")
    assert offered("Whose plan")[:3] == ["Choose…", "Mira", "Ash"]


def test_the_address_follows_the_step(server: VoilaServer, tab: object) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    open_workspace(tab, server, cid, step="needs")
    assert tab.locator(".ck-step-needs").is_visible()  # type: ignore[attr-defined]
    assert step_link(tab, "needs").get_attribute("aria-current") == "step"
    go(tab, "pods")
    tab.wait_for_url(re.compile("step=pods"))  # type: ignore[attr-defined]
    tab.go_back()  # type: ignore[attr-defined]
    tab.locator(".ck-step-needs").wait_for()  # type: ignore[attr-defined]
    assert "step=needs" in tab.url  # type: ignore[attr-defined]
    tab.go_forward()  # type: ignore[attr-defined]
    tab.locator(".ck-step-pods").wait_for()  # type: ignore[attr-defined]
    tab.get_by_role("button", name=re.compile("^Next: Needs")).click()  # type: ignore[attr-defined]
    tab.locator(".ck-step-needs").wait_for()  # type: ignore[attr-defined]
    # The step's content and the header's step arrive as two messages: the address may
    # follow a moment after the content is drawn.
    tab.wait_for_url(re.compile("step=needs"))  # type: ignore[attr-defined]
    tab.reload()  # type: ignore[attr-defined]
    tab.locator(".ck-step-needs").wait_for()  # type: ignore[attr-defined]


def test_the_header_stays_in_view_and_fits_a_phone(server: VoilaServer, browser: object
                                                   ) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    phone = context.new_page()
    try:
        open_workspace(phone, server, cid, step="needs")
        phone.locator(".ck-step-needs .ck-prevnext, .ck-prevnext").last.scroll_into_view_if_needed()
        phone.wait_for_timeout(200)
        box = phone.locator(".ck-header").bounding_box()
        assert box is not None and box["y"] < 20, box  # still at the top after scrolling
        assert phone.get_by_role("link", name="Quick exit").is_visible()
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        phone.screenshot(path=ARTIFACTS / "workspace-phone-scrolled.png")
        # The stepper is reachable by Tab, and a step opens with Enter.
        step_link(phone, "pods").focus()
        phone.keyboard.press("Enter")
        phone.locator(".ck-step-pods").wait_for()
    finally:
        context.close()


@pytest.mark.debounce
def test_edits_pending_when_the_page_is_closed_are_saved(server: VoilaServer,
                                                         browser: object) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="Closed at once")).circle.id
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    open_workspace(page, server, cid)
    page.get_by_label("Group agreements").fill("Closed before the autosave")
    # The kernel has the edit once it says "pending" (inside the autosave's delay); on a busy
    # computer that can take longer than the delay, and then the edit is simply saved.
    try:
        page.wait_for_function("() => document.querySelector('.ck-save-status')"
                               ".dataset.state === 'pending'", timeout=5000)
    except PlaywrightTimeout:
        pass  # already saved: nothing was pending any more

    page.close(run_before_unload=True)
    with contextlib.suppress(PlaywrightError):  # the page going first may close it already
        context.close()
    for _ in range(200):
        with open_store(server.data_dir) as store:
            if store.open(cid).circle.group_agreements == ["Closed before the autosave"]:
                break
        time.sleep(0.1)
    else:
        raise AssertionError("the pending edit was not saved when the page closed")


@pytest.mark.parametrize("where", ["start", *[s.key for s in ALL_STEPS]])
def test_no_serious_accessibility_violations(where: str, voila_server: VoilaServer,
                                             page: object) -> None:
    from axe_playwright_python.sync_playwright import Axe

    if where == "start":
        page.goto(voila_server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
        page.get_by_role("button", name="Create circle").wait_for()  # type: ignore[attr-defined]
    else:
        with open_store(voila_server.data_dir) as store:
            cid = store.create(practice_circle("drop-in-volunteer")).circle.id
        open_workspace(page, voila_server, cid, step=where)
    results = Axe().run(page, context={"include": [".ck-page"]})
    bad = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    every = [(v["id"], v["impact"]) for v in results.response["violations"]]
    print(f"\naxe-core on {where}: {len(every)} violations {every}, "
          f"{len(bad)} serious or critical")
    assert not bad, bad


def test_nothing_is_fetched_from_outside_this_computer(voila_server: VoilaServer,
                                                       page: object) -> None:
    """Every page of the app and every step of the workspace, with every request and WebSocket
    recorded: none goes anywhere but the app (Voila's stock template links a CDN; the app's
    does not). Requests elsewhere are also blocked, so a failure leaks nothing."""
    outside: list[str] = []
    own = (voila_server.url, "data:", "blob:", "about:")

    def record(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(own):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", record)  # type: ignore[attr-defined]
    page.on("websocket", lambda ws: None if ws.url.startswith(  # type: ignore[attr-defined]
        voila_server.url.replace("http", "ws", 1)) else outside.append(ws.url))
    page.on("request", lambda r: None if r.url.startswith(own)  # type: ignore[attr-defined]
            else outside.append(r.url))
    with open_store(voila_server.data_dir) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    walked = 0
    for notebook in sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")):
        page.goto(voila_server.page_url(notebook, circle=cid))  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => !document.querySelector('#loading') || "
            "getComputedStyle(document.querySelector('#rendered_cells')).display !== 'none'",
            timeout=120_000)
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        walked += 1
    open_workspace(page, voila_server, cid)
    for step in ALL_STEPS:
        go(page, step.key)
        walked += 1
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    # Voila's own pages too: the list of files and a page that is not there.
    for path in ("/voila/tree", "/voila/render/no-such-page.ipynb", "/no-such-page"):
        page.goto(voila_server.url + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        walked += 1
    print(f"\n{walked} pages and steps walked; requests elsewhere: {outside}")
    assert walked >= len(ALL_STEPS) + 17
    assert outside == []


def test_restore_an_earlier_version_from_the_history(server: VoilaServer, tab: object) -> None:
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="Restore me")).circle.id
    v = open_workspace(tab, server, cid)
    agreements = tab.get_by_label("Group agreements")  # type: ignore[attr-defined]
    agreements.fill("What is said here stays here")
    v = wait_saved(tab, v)
    agreements.fill("Changed my mind")
    v = wait_saved(tab, v)
    tab.get_by_role("button", name="Show earlier versions").click()  # type: ignore[attr-defined]
    tab.get_by_label("Version to restore").select_option(index=0)  # type: ignore[attr-defined]
    tab.locator(".ck-history").get_by_text("Circle details changed.").wait_for()  # type: ignore[attr-defined]
    tab.get_by_role("button", name="Restore this version").click()  # type: ignore[attr-defined]
    tab.get_by_role("button", name=f"Yes, restore version {v - 1}").click()  # type: ignore[attr-defined]
    tab.wait_for_function("() => document.querySelector('.ck-header') === null "  # type: ignore[attr-defined]
                          "|| performance.getEntriesByType('navigation')[0].type === 'reload'")
    open_workspace(tab, server, cid, wait=False)
    assert tab.get_by_label("Group agreements").input_value() == (  # type: ignore[attr-defined]
        "What is said here stays here")
    with open_store(server.data_dir) as store:
        assert store.open(cid).circle.group_agreements == ["What is said here stays here"]
        assert len(store.history(cid)) == v + 1  # restored as a new version; nothing deleted


def test_strike_a_needs_words_from_every_version(server: VoilaServer, tab: object) -> None:
    """What someone asks to have removed is gone from the files, not only from the page."""
    from circlekit.model import Need, NeedCategory, Participant, Role

    secret = "Zanzibar-quince words to strike"
    with open_store(server.data_dir) as store:
        mira = Participant(alias="Mira", roles=[Role.HARMED])
        circle = store.create(Circle(title="Strike me", participants=[mira], needs=[Need(
            holder=mira.id, category=NeedCategory.SAFETY, own_words=secret)])).circle
        circle.needs[0].own_words = secret + ", said again"
        store.save(circle, 1)
    open_workspace(tab, server, circle.id, "needs")
    view = tab.locator(".ck-step-needs")  # type: ignore[attr-defined]
    view.get_by_role("button", name="Strike from the record…").click()
    chooser = view.get_by_label("What to strike")
    chooser.locator("option").first.wait_for(state="attached")
    labels = [o.replace("\xa0", " ") for o in chooser.locator("option").all_text_contents()]
    assert any(secret[:20] in o for o in labels), labels  # the choice names what goes
    chooser.select_option(index=next(i for i, o in enumerate(labels)
                                     if o.startswith("In their own words")))
    view.get_by_role("button", name="Strike it").click()
    view.get_by_text("from the circle and from all 2 versions").wait_for()
    view.get_by_role("button", name="Yes, strike it from every version").click()
    tab.wait_for_function("() => document.querySelector('.ck-header') === null "  # type: ignore[attr-defined]
                          "|| performance.getEntriesByType('navigation')[0].type === 'reload'")
    open_workspace(tab, server, circle.id, "needs", wait=False)
    assert "Zanzibar" not in tab.locator(".ck-step-needs").inner_text()  # type: ignore[attr-defined]
    with open_store(server.data_dir) as store:
        assert all("Zanzibar" not in store.open_version(circle.id, v.version).model_dump_json()
                   for v in store.history(circle.id))
    for f in server.data_dir.glob("circles.sqlite3*"):  # the database, its WAL and shm
        assert b"Zanzibar" not in f.read_bytes(), f.name


def test_a_strike_stays_struck_when_another_tab_of_the_circle_saves(
        server: VoilaServer, tab: object) -> None:
    """A page opened before a strike cannot write the struck words back: its next save names
    a version the strike has replaced, so it is refused and the page says to reload."""
    from circlekit.model import Need, NeedCategory, Participant, Role

    secret = "Quokka-lantern words to strike"
    with open_store(server.data_dir) as store:
        mira = Participant(alias="Mira", roles=[Role.HARMED])
        circle = store.create(Circle(title="Two tabs", participants=[mira], needs=[Need(
            holder=mira.id, category=NeedCategory.SAFETY, own_words=secret)])).circle
    other = tab.context.new_page()  # type: ignore[attr-defined]
    open_workspace(other, server, circle.id, "setup")  # opened before the strike
    open_workspace(tab, server, circle.id, "needs")
    view = tab.locator(".ck-step-needs")  # type: ignore[attr-defined]
    view.get_by_role("button", name="Strike from the record…").click()
    chooser = view.get_by_label("What to strike")
    chooser.locator("option").first.wait_for(state="attached")
    labels = [o.replace("\xa0", " ") for o in chooser.locator("option").all_text_contents()]
    chooser.select_option(index=next(i for i, o in enumerate(labels)
                                     if o.startswith("In their own words")))
    view.get_by_role("button", name="Strike it").click()
    view.get_by_role("button", name="Yes, strike it from every version").click()
    tab.wait_for_function("() => document.querySelector('.ck-header') === null "  # type: ignore[attr-defined]
                          "|| performance.getEntriesByType('navigation')[0].type === 'reload'")
    # The other tab still holds the words in its memory; an ordinary edit there is refused.
    other.get_by_label("Group agreements").fill("We take breaks")
    other.locator(".ck-save-status").get_by_text("changed in another tab").wait_for()
    with open_store(server.data_dir) as store:
        assert all("Quokka" not in store.open_version(circle.id, v.version).model_dump_json()
                   for v in store.history(circle.id))
    for f in server.data_dir.glob("circles.sqlite3*"):  # the database, its WAL and shm
        assert b"Quokka" not in f.read_bytes(), f.name
    other.close()


def test_the_longest_answer_is_prepared_without_the_connection_seeming_lost(
        server: VoilaServer, tab: object) -> None:
    """Six needs of 50,000 characters with no space (pasted links, at a field's limit): the
    documents take seconds to lay out, and the header never says the connection to the app
    was lost meanwhile (the kernel still answers the page while they are made)."""
    from pagekit import take_home

    from circlekit.model import Need, NeedCategory, Participant, Role

    mira = Participant(alias="Mira", roles=[Role.HARMED])
    with open_store(server.data_dir) as store:
        cid = store.create(Circle(title="Long", participants=[mira], needs=[Need(
            holder=mira.id, category=NeedCategory.SAFETY, own_words=letter * 50_000)
            for letter in "uvwxyz"])).circle.id
    open_workspace(tab, server, cid, "needs")
    tab.evaluate("""() => {  // note any moment the header calls the connection lost
        const status = document.querySelector('.ck-save-status');
        window.ckSeemedLost = false;
        new MutationObserver(() => {
            if (status.getAttribute('data-state') === 'lost') window.ckSeemedLost = true;
        }).observe(status, {attributes: true, childList: true, subtree: true});
    }""")  # type: ignore[attr-defined]
    made = take_home(tab, "Mira")
    assert made["pdf"].startswith(b"%PDF") and len(made) == 3
    tab.wait_for_timeout(2000)  # type: ignore[attr-defined]
    assert tab.evaluate("() => window.ckSeemedLost") is False  # type: ignore[attr-defined]


# Labels the page draws cut short (scrolled or ending in "…"): text a person cannot read.
CUT_LABELS = """() => [...document.querySelectorAll(
    '.ck-page .widget-label, .ck-page .widget-label-basic, .ck-page .widget-label-basic span')]
  .filter(el => el.offsetParent !== null && el.textContent.trim())
  .filter(el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
  .map(el => el.textContent)"""


@pytest.mark.parametrize("width", [390, 1100])
def test_long_labels_wrap_instead_of_being_cut(width: int, voila_server: VoilaServer,
                                               browser: object) -> None:
    with open_store(voila_server.data_dir) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT)
    try:
        open_workspace(tab, voila_server, cid, step="agreement")
        needs = tab.locator(".ck-step-agreement .widget-checkbox")
        need = needs.filter(has_text="I need to know he won't be there when I come in.")
        need.wait_for()
        assert tab.evaluate(CUT_LABELS) == []
        box = need.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        tab.locator(".ck-step-agreement .ck-form").screenshot(
            path=ARTIFACTS / f"labels-agreement-{width}.png")
        go(tab, "follow_up")
        item = tab.locator(".ck-step-follow_up .widget-label").filter(
            has_text="Jay steps back from volunteering for six months.")
        item.first.wait_for()
        assert item.count() >= 2  # its progress and its setbacks, both named in full
        assert tab.evaluate(CUT_LABELS) == []
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        tab.locator(".ck-step-follow_up .ck-form").first.screenshot(
            path=ARTIFACTS / f"labels-follow-up-{width}.png")
    finally:
        close_tabs(context)


def test_the_safety_plan_page_shows_only_the_app_in_the_circles_language(
        voila_server: VoilaServer, page: object) -> None:
    """The notebook's teaching text (English, with sources) is for JupyterLab and the book."""
    from circlekit.model import Language

    circle = practice_circle("drop-in-volunteer")
    circle.language = Language("es")
    with open_store(voila_server.data_dir) as store:
        cid = store.create(circle).circle.id
    page.goto(voila_server.page_url("07_safety_plan.ipynb", circle=cid))  # type: ignore[attr-defined]
    page.locator(".ck-step-safety_plan").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Plan de seguridad", exact=True).is_visible()  # type: ignore[attr-defined]
    assert page.locator(".jp-RenderedMarkdown").count() == 0  # type: ignore[attr-defined]
    text = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "Where the shape comes from" not in text and "Safety plan" not in text
    # The page starts with the app's header; Quick exit sits in it and covers nothing.
    header = page.locator(".ck-header").bounding_box()  # type: ignore[attr-defined]
    assert header is not None and header["y"] < 60, header
    exit_box = page.get_by_role("link", name="Salida rápida").bounding_box()  # type: ignore[attr-defined]
    for other in page.locator(".ck-all-circles, .ck-circle-name, h1, h2").all():  # type: ignore[attr-defined]
        box = other.bounding_box()
        if box is None or not other.is_visible():
            continue
        apart = (box["x"] >= exit_box["x"] + exit_box["width"]
                 or exit_box["x"] >= box["x"] + box["width"]
                 or box["y"] >= exit_box["y"] + exit_box["height"]
                 or exit_box["y"] >= box["y"] + box["height"])
        assert apart, (other.inner_text(), box, exit_box)
