"""What browser tests do as a facilitator would: open a circle's workspace or a step, wait for
its save, switch steps, read what is shown; and the kernels a test server runs."""

from __future__ import annotations

import subprocess
import time

from conftest import ARTIFACTS, PAGE_TIMEOUT, VoilaServer


def version(page: object) -> int:
    """The stored version the page says is saved (-1 while it is not saved)."""
    status = page.locator(".ck-save-status")  # type: ignore[attr-defined]
    text = status.inner_text()
    if status.get_attribute("data-state") != "saved" or not text.startswith("✓"):
        return -1
    assert "version" not in text.lower()  # no number for facilitators to decode
    return int(status.get_attribute("data-version") or -1)


def wait_saved(page: object, after: int, timeout: float = 45) -> int:
    """Wait until the page shows a save newer than version ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = version(page)
        if v > after:
            return v
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    raise AssertionError(f"no save after version {after}: "
                         + page.locator(".ck-save-status").inner_text())  # type: ignore[attr-defined]


def open_workspace(page: object, server: VoilaServer, circle: str, step: str | None = None,
                   *, wait: bool = True) -> int:
    """Open a circle's workspace (at ``step``) and wait until it shows its saved state."""
    query = {"circle": circle, **({"step": step} if step else {})}
    if wait:
        page.goto(server.page_url("circle.ipynb", **query))  # type: ignore[attr-defined]
    wait_opened(page, server)
    page.locator(".ck-step-view").first.wait_for()  # type: ignore[attr-defined]
    return version(page)


def step_link(page: object, key: str) -> object:
    return page.locator(f".ck-stepper a[data-step='{key}']")  # type: ignore[attr-defined]


def open_step(page: object, server: VoilaServer, notebook: str, circle: str) -> int:
    page.goto(server.page_url(notebook, circle=circle))  # type: ignore[attr-defined]
    wait_opened(page, server)
    return version(page)


# What the page shows when it is saved, or when its widgets never reached it.
OPENED = """() => {
  const status = document.querySelector('.ck-save-status');
  if (status && status.innerText.startsWith('✓')) return 'saved';
  if (document.body && document.body.innerText.includes('Error displaying widget')) return 'lost';
  return false;
}"""


def wait_opened(page: object, server: VoilaServer) -> None:
    """Wait until a page just opened shows its saved state; if it never does, fail with what
    the page showed, how many kernels the server held and the end of its log.

    On a loaded machine a page's first connection to its kernel can be dropped while the
    kernel starts; Voila then discards the messages that made the page's widgets, and the
    page says "Error displaying widget: model not found". A person reloads; so does this,
    once, and says so in the output (a known fault of the served app; the README says to
    reload)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in (1, 2):
        try:
            # A first load builds a kernel and every widget: on a loaded machine that can
            # take longer than one action's time limit.
            shown = page.wait_for_function(  # type: ignore[attr-defined]
                OPENED, timeout=2 * PAGE_TIMEOUT, polling=250).json_value()
        except PlaywrightTimeout:
            shown = "timeout"
        if shown == "saved":
            return
        if shown == "lost" and attempt == 1:
            print(f"\n{page.url}: the page lost its widgets; reloading once")  # type: ignore[attr-defined]
            page.reload()  # type: ignore[attr-defined]
            continue
        break
    seen = page.evaluate("document.body ? document.body.innerText : ''")  # type: ignore[attr-defined]
    log = server.log.read_text(errors="replace")[-3000:] if server.log.exists() else ""
    raise AssertionError(
        f"{page.url} never showed it was saved; "  # type: ignore[attr-defined]
        f"{len(kernels_of(server))} kernels running.\nThe page showed:\n{seen[:1500]}"
        f"\nThe server's log ended:\n{log}")


NEW_ENTRY_SHOWN = ("choose => [...document.querySelectorAll('.ck-form select')].some("
                   "s => s.selectedIndex === 0 && s.options[0].text === choose)")


def add_entry(page: object, where: object, button: str, choose: str = "Choose…") -> None:
    """Click "Add …" and wait until the form shows the new entry, which names nobody yet
    (``choose``: "Choose…" in the page's language): choosing the person the last entry
    named would otherwise change nothing."""
    where.get_by_role("button", name=button).click()  # type: ignore[attr-defined]
    page.wait_for_function(NEW_ENTRY_SHOWN, arg=choose, polling=250)  # type: ignore[attr-defined]


def choose_whoever(page: object, scope: str = ".ck-form") -> None:
    """Choose the first person in every visible chooser of a new entry that still says
    "Choose…" (and every note's person or item beside it): else the entry waits."""
    choices = page.locator(f"{scope} select")  # type: ignore[attr-defined]
    for i in range(choices.count()):
        unchosen = choices.nth(i).evaluate(
            "s => s.selectedIndex === 0 && (s.closest('.ck-ref-line') !== null"
            " || s.options[0].text === 'Choose…')")
        if choices.nth(i).is_visible() and unchosen:
            choices.nth(i).select_option(index=1)


def snap(page: object, name: str) -> None:
    """A screenshot of the whole page (Voilà scrolls inside the page, so grow the view)."""
    height = page.evaluate("document.querySelector('.ck-page').scrollHeight")  # type: ignore[attr-defined]
    size = page.viewport_size  # type: ignore[attr-defined]
    page.set_viewport_size({"width": size["width"], "height": min(height + 200, 12000)})  # type: ignore[attr-defined]
    page.screenshot(path=ARTIFACTS / name)  # type: ignore[attr-defined]
    page.set_viewport_size(size)  # type: ignore[attr-defined]


def store_circle(server: VoilaServer, circle: object) -> str:
    from circlekit.store import open_store

    with open_store(server.data_dir) as store:
        return store.create(circle).circle.id  # type: ignore[arg-type]


def go(page: object, key: str) -> None:
    """Click a step in the stepper and wait until its form is on screen."""
    step_link(page, key).click()
    page.locator(f".ck-step-{key}").wait_for()  # type: ignore[attr-defined]


def kernels_of(server: VoilaServer) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.process.pid), "-f", "ipykernel"],
                           capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def shown(page: object) -> str:
    """Everything a person could read on the page, including what is in the text boxes."""
    values = page.evaluate(  # type: ignore[attr-defined]
        "Array.from(document.querySelectorAll('.ck-page input, .ck-page textarea'))"
        ".map(e => e.value).join('\\n')")
    return page.locator(".ck-page").inner_text() + "\n" + values  # type: ignore[attr-defined]


def take_home(page: object, reader: str, *, who: str = "Who is this copy for?",
              prepare: str = "Prepare the documents") -> dict[str, bytes]:
    """The take-home documents of the step on screen, made for ``reader`` through the page:
    what each of its download links would save, by format. ``who`` and ``prepare`` are the
    page's words for the chooser and the button, in the circle's language."""
    import base64

    view = page.locator(".ck-step-view:visible")  # type: ignore[attr-defined]
    links = view.locator(".ck-documents a.ck-download")
    # Documents made earlier (for someone else) stay until the new ones replace them.
    before = links.first.get_attribute("href") if links.count() else None
    view.get_by_label(who).select_option(label=reader)
    view.get_by_role("button", name=prepare).click()
    links.nth(2).wait_for()
    deadline = time.monotonic() + 60
    while before is not None and links.first.get_attribute("href") == before:
        assert time.monotonic() < deadline, "the documents were not made again"
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    made = {}
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        name = links.nth(i).get_attribute("download")
        made[name.rsplit(".", 1)[1]] = base64.b64decode(href.split(",", 1)[1])
    return made
