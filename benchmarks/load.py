"""Ten facilitators at once: concurrent browser sessions working through steps.

Each session (its own Chromium context and circle) opens its circle's workspace, switches to
three steps in turn and makes three autosaved edits in each. Prints errors, what was lost,
page-open and save round-trip percentiles (autosave debounce 0, so the figure is the save
itself) against one session alone in the same run, and the peak memory of the server with
all its kernels. Targets: 0 errors, nothing lost, page open p95 <= 8 s, save p95 <= 500 ms.

    python benchmarks/load.py [--sessions 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from playwright.async_api import Page, async_playwright  # noqa: E402

from circlekit.content.practice import practice_circle  # noqa: E402
from circlekit.store import open_store  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer, start_voila, stop_voila  # noqa: E402

STEPS = ["setup", "needs", "agreement"]
EDITS = 3
BOXES = ".ck-step-{key} .ck-form input[type=text], .ck-step-{key} .ck-form textarea"
# A save not shown as saved within this is counted as an error. Ten kernels share two cores
# while each also builds its other steps in the background: the figures report how long
# saves take; this only tells a slow save from a lost one.
SAVE_LIMIT_MS = 120_000


@dataclass
class Figures:
    opens: list[float] = field(default_factory=list)  # ms
    saves: list[float] = field(default_factory=list)  # ms
    errors: list[str] = field(default_factory=list)
    edits: int = 0
    last: dict[str, list[str]] = field(default_factory=dict)  # circle -> its last edits
    lost: list[str] = field(default_factory=list)  # last edits not in the store afterwards
    bare: list[float] = field(default_factory=list)  # as many bare pages opened at once, ms


async def version(page: Page) -> int:
    """The version the header says is saved (-1 while it is not)."""
    status = page.locator(".ck-save-status")
    if await status.get_attribute("data-state") != "saved":
        return -1
    return int(await status.get_attribute("data-version") or -1)


async def session(browser: object, server: VoilaServer, cid: str, n: int, out: Figures
                  ) -> None:
    context = await browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page = await context.new_page()
    page.set_default_timeout(120_000)
    try:
        await work(page, server.page_url("circle.ipynb", circle=cid), cid, n, out)
    finally:
        await context.close()


async def work(page: Page, url: str, cid: str, n: int, out: Figures) -> None:
    """One facilitator's session on the workspace at ``url`` (also run through the hub)."""
    try:
        started = time.perf_counter()
        await page.goto(url)
        await page.locator(".ck-save-status").get_by_text("✓").wait_for()
        await page.locator(BOXES.format(key=STEPS[0])).first.wait_for()
        out.opens.append((time.perf_counter() - started) * 1000)
        for notebook in STEPS:
            await page.locator(f".ck-stepper a[data-step='{notebook}']").click()
            box = page.locator(BOXES.format(key=notebook)).first
            await box.wait_for()
            for i in range(EDITS):
                before = await version(page)
                started = time.perf_counter()
                marker = f"session {n} {notebook} edit {i}"
                await box.fill(marker)
                await page.wait_for_function(
                    "v => { const s = document.querySelector('.ck-save-status');"
                    " return s && s.dataset.state === 'saved' && +s.dataset.version > v; }",
                    # Polled on a timer: animation frames can stall in a page the browser
                    # does not paint for a while, and the save would go unseen.
                    arg=before, timeout=SAVE_LIMIT_MS, polling=200)
                out.saves.append((time.perf_counter() - started) * 1000)
                out.edits += 1
            out.last.setdefault(cid, []).append(marker)
            alerts = await page.get_by_role("alert").all_inner_texts()
            if any(a.strip() for a in alerts):
                out.errors.append(f"session {n} {notebook}: {alerts}")
    except Exception as exc:  # noqa: BLE001 - every failure is counted, not raised
        out.errors.append(f"session {n}: {type(exc).__name__}: {str(exc)[:200]}")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except (OSError, AttributeError):
            continue
        todo += [int(c) for c in children]
    return total


class PeakMemory(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.peak = max(self.peak, rss_mb(self.pid))


async def run_sessions(server: VoilaServer, circles: list[str]) -> Figures:
    out = Figures()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, server, cid, n, out)
                               for n, cid in enumerate(circles)))
        await browser.close()
    return out


def in_own_thread(work: Coroutine[object, object, Figures]) -> Figures:
    """Run ``work`` on a fresh event loop (a caller may already have one, as pytest does)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


async def open_bare(browser: object, server: VoilaServer, out: Figures) -> None:
    context = await browser.new_context()  # type: ignore[attr-defined]
    page = await context.new_page()
    page.set_default_timeout(120_000)
    started = time.perf_counter()
    try:
        await page.goto(server.page_url("_bare.ipynb"))
        await page.locator("text=Bare").wait_for()
        out.opens.append((time.perf_counter() - started) * 1000)
    except Exception as exc:  # noqa: BLE001 - counted, not raised
        out.errors.append(f"bare page: {type(exc).__name__}")
    finally:
        await context.close()


async def run_bare(server: VoilaServer, sessions: int) -> Figures:
    """The floor: as many bare one-widget pages opened at once, in the same browser."""
    out = Figures()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(open_bare(browser, server, out) for _ in range(sessions)))
        await browser.close()
    return out


def run_load(sessions: int, folder: Path) -> tuple[Figures, Figures, float, float]:
    """(one session alone, all sessions at once, idle server MB, peak MB under load)."""
    from app import BARE

    pages = folder / "notebooks"
    shutil.copytree(ROOT / "notebooks", pages)
    (pages / "_bare.ipynb").write_text(json.dumps(BARE))
    data = folder / "data"
    with open_store(data) as store:
        circles = [store.create(practice_circle("drop-in-volunteer")).circle.id
                   for _ in range(sessions + 1)]
    server = start_voila(data, folder / "voila.log", notebooks=pages,
                         CIRCLEKIT_AUTOSAVE_DELAY="0")
    try:
        idle = rss_mb(server.process.pid)
        alone = in_own_thread(run_sessions(server, circles[:1]))
        watch = PeakMemory(server.process.pid)
        watch.start()
        loaded = in_own_thread(run_sessions(server, circles[1:]))
        watch.done.set()
        watch.join()
        loaded.bare = in_own_thread(run_bare(server, sessions)).opens
    finally:
        stop_voila(server)
    with open_store(data) as store:
        for figures in (alone, loaded):
            for cid, markers in figures.last.items():
                stored = store.open(cid).circle.model_dump_json()
                figures.lost += [m for m in markers if m not in stored]
    return alone, loaded, idle, watch.peak


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    alone, loaded, idle, peak = run_load(args.sessions, Path(tempfile.mkdtemp(prefix="load-")))
    print(f"{args.sessions} concurrent sessions, {len(STEPS)} steps x {EDITS} edits each, "
          f"on {len(__import__('os').sched_getaffinity(0))} cores")
    print(f"  errors: {len(loaded.errors)} (one session alone: {len(alone.errors)})")
    for e in loaded.errors[:5]:
        print(f"    {e}")
    if loaded.saves and alone.saves:
        for name, a, b in (("save round trip", alone.saves, loaded.saves),
                           ("page open", alone.opens, loaded.opens)):
            print(f"  {name}: p50 {pct(b, 50):.0f} ms, p95 {pct(b, 95):.0f} ms "
                  f"(alone p50 {pct(a, 50):.0f} ms; p95 ratio {pct(b, 95) / pct(a, 95):.1f}x)")
        if loaded.bare:
            floor = pct(loaded.bare, 95)
            print(f"  the floor: {args.sessions} bare one-widget pages opened at once, p95 "
                  f"{floor:.0f} ms; workspace page open p95 is "
                  f"{pct(loaded.opens, 95) / floor:.2f}x that "
                  "(targets: open p95 <= 8 s, save p95 <= 500 ms)")
    print(f"  edits saved: {loaded.edits} of {args.sessions * len(STEPS) * EDITS}; "
          f"lost: {len(loaded.lost)}")
    print(f"  memory: server idle {idle:.0f} MB, peak with kernels {peak:.0f} MB")
    return 1 if loaded.errors or loaded.lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
