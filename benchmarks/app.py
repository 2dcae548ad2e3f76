"""Browser and kernel figures for the circle workspace, against a bare one-widget Voilà page
measured in the same run.

Prints, each with its target:
- opening the workspace (until the first step's form is usable): <= 1.3x the bare page;
- step switch (click in the stepper until the next step's form is usable): p95 <= 150 ms and
  <= 0.15x the bare page's load; first visits and revisits both counted;
- save round trip in the browser on a 300-row step (autosave debounce 0, so the figure is
  the save itself): p95 <= 150 ms;
- save in the kernel on a circle with 300 needs (edit applied, stored, table and history
  redrawn): p95 <= 50 ms;
- kernel memory of one workspace with every step opened: <= 150 MB.
The ten-facilitator figures are printed by benchmarks/load.py.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from circlekit.content.practice import practice_circle  # noqa: E402
from circlekit.model import ALL_STEPS  # noqa: E402
from circlekit.model.synthetic import synthetic_circle  # noqa: E402
from circlekit.store import open_store  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, start_voila, stop_voila  # noqa: E402

RUNS = 7
KEYS = [s.key for s in ALL_STEPS]
BARE = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {},
               "outputs": [], "source": "import ipywidgets as w\nw.Button(description='Bare')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}
FORM = ".ck-step-{key} .ck-form :is(input, textarea, select)"
# Timed inside the page, as a person sees it: from the click (or the keystroke) to the next
# frame that shows the step's form (or the header's "saved"), without the test driver's own
# round trips in the figure.
SWITCH_JS = """async (key) => {
  const link = document.querySelector(`.ck-stepper a[data-step='${key}']`);
  const started = performance.now();
  link.click();
  await new Promise((done) => {
    const look = () => {
      const field = document.querySelector(`.ck-step-${key} .ck-form :is(input, textarea, select)`);
      if (field && field.offsetParent !== null) done(); else requestAnimationFrame(look);
    };
    look();
  });
  return performance.now() - started;
}"""
SAVE_JS = """async (text) => {
  const status = document.querySelector('.ck-header .ck-save-status');
  const before = status.innerText;
  const box = document.querySelector('.ck-step-needs textarea');
  const started = performance.now();
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((done) => {
    const look = () => {
      const now = status.innerText;
      if (now.startsWith('✓') && now !== before) done(); else requestAnimationFrame(look);
    };
    look();
  });
  return performance.now() - started;
}"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def kernels_rss_mb(voila_pid: int) -> list[float]:
    out = subprocess.run(["ps", "-o", "pid=,rss=,args=", "--ppid", str(voila_pid)],
                         capture_output=True, text=True).stdout
    return [int(line.split()[1]) / 1024 for line in out.splitlines() if "ipykernel" in line]


def kernel_save_ms(folder: Path, circle_id: str, runs: int = 40) -> list[float]:
    """Edit a need in a workspace built in this process and time until it is stored."""
    from circlekit.views.workspace import Workspace

    with open_store(folder) as store:
        workspace = Workspace(store, circle_id, "needs")
        while workspace.prepare_one():  # what the kernel does once the page is shown
            pass
        words = workspace.view.rows.controls["own_words"].field  # type: ignore[attr-defined]
        times = [timed(lambda n=n: setattr(words, "value", f"Edited in the kernel {n}"))
                 for n in range(runs)]
        assert workspace.session.state.value == "saved"
        return times


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="circle-bench-"))
    pages = tmp / "notebooks"
    shutil.copytree(ROOT / "notebooks", pages)
    (pages / "_bare.ipynb").write_text(json.dumps(BARE))
    data = tmp / "data"
    with open_store(data) as store:
        small = store.create(practice_circle("drop-in-volunteer")).circle.id
        big = store.create(synthetic_circle(900)).circle.id  # 300 harms, needs, items
        kernel_big = store.create(synthetic_circle(900)).circle.id
    server = start_voila(data, tmp / "voila.log", notebooks=pages, CIRCLEKIT_AUTOSAVE_DELAY="0")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page: Page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(60_000)

            def visit(notebook: str, ready: str, **query: str) -> None:
                page.goto(f"{server.url}/voila/render/{notebook}?"
                          + "&".join(f"{k}={v}" for k, v in query.items()))
                page.locator(ready).first.wait_for()

            page.goto(server.page_url("_bare.ipynb"))  # sign in: the secret, then the cookie
            visit("_bare.ipynb", "text=Bare")  # warm the browser cache
            bare = statistics.median(timed(lambda: visit("_bare.ipynb", "text=Bare"))
                                     for _ in range(RUNS))
            print(f"bare one-widget page, time to interactive: {bare:7.0f} ms")
            start = statistics.median(timed(lambda: visit("00_start.ipynb",
                                                          "text=Create circle"))
                                      for _ in range(RUNS))
            print(f"start page:                                {start:7.0f} ms "
                  f"({start / bare:4.2f}x bare)")
            opened = statistics.median(timed(lambda: visit(
                "circle.ipynb", FORM.format(key="setup"), circle=small)) for _ in range(RUNS))
            print(f"opening the workspace:                     {opened:7.0f} ms "
                  f"({opened / bare:4.2f}x bare; target <= 1.3x)")

            # Straight after opening, while the other steps are still being prepared.
            visit("circle.ipynb", FORM.format(key="setup"), circle=small)
            early = [page.evaluate(SWITCH_JS, key) for key in KEYS[1:4]]
            print(f"step switch at once after opening: {', '.join(f'{m:.0f}' for m in early)} ms "
                  "(steps still being prepared in the background)")

            switches: dict[str, list[float]] = {"first visit": [], "revisit": []}
            visit("circle.ipynb", FORM.format(key="setup"), circle=small)
            page.locator(".ck-header[data-prepared=yes]").wait_for()
            for lap in range(3):
                for key in [*KEYS[1:], KEYS[0]]:
                    ms = page.evaluate(SWITCH_JS, key)
                    page.wait_for_timeout(50)  # a person reads before the next click
                    first = lap == 0 and key != KEYS[0]
                    switches["first visit" if first else "revisit"].append(ms)
            every = switches["first visit"] + switches["revisit"]
            for name, values in (*switches.items(), ("all", every)):
                print(f"step switch, {name:<11} p50 {statistics.median(values):5.0f} ms, "
                      f"p95 {p95(values):5.0f} ms ({p95(values) / bare:4.2f}x bare)")
            print("  target: p95 <= 150 ms and <= 0.15x bare")
            rss = kernels_rss_mb(server.process.pid)
            print(f"kernel memory, one workspace with every step open: {max(rss):5.0f} MB "
                  f"({len(rss)} kernel; target <= 150 MB)")

            started = time.perf_counter()
            visit("circle.ipynb", FORM.format(key="needs"), circle=big, step="needs")
            page.locator(".ck-header[data-prepared=yes]").wait_for()
            print(f"300-row circle: every step prepared "
                  f"{(time.perf_counter() - started) * 1000:.0f} ms after opening")
            rounds = []
            for n in range(30):
                rounds.append(page.evaluate(SAVE_JS, f"Edited in the browser {n}"))
                page.wait_for_timeout(50)
            print(f"save round trip, 300-need step: p50 {statistics.median(rounds):5.0f} ms, "
                  f"p95 {p95(rounds):5.0f} ms (target p95 <= 150 ms)")
            browser.close()
    finally:
        stop_voila(server)
    kernel = kernel_save_ms(data, kernel_big)
    print(f"save in the kernel, 300 needs:   p50 {statistics.median(kernel):5.0f} ms, "
          f"p95 {p95(kernel):5.0f} ms (target p95 <= 50 ms)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
