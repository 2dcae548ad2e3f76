"""Browser figures for the facilitator app, against a bare one-widget Voilà page in the same run.

Prints: time to interactive (start page, each step) as a ratio to the bare page; step-to-step
navigation; save round trip in the browser (p50/p95, with autosave's debounce set to 0 so the
figure is the save itself); render time of the needs step for a 300-need circle; kernel RSS
per open page. Targets: TTI <= 1.2x bare; save p95 <= 150 ms; 300-item step <= 1 s;
RSS <= 120 MB.
"""

from __future__ import annotations

import json
import os
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

from circlekit.model import Circle  # noqa: E402
from circlekit.model.synthetic import synthetic_circle  # noqa: E402
from circlekit.practice import practice_circle  # noqa: E402
from circlekit.store import open_store  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, start_voila, stop_voila  # noqa: E402

RUNS = 5
BARE = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {},
               "outputs": [], "source": "import ipywidgets as w\nw.Button(description='Bare')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}
STEPS = ["01_circle_setup", "02_harm_map", "03_support_pods", "04_needs",
         "05_repair_agreement", "06_follow_up"]


def median_ms(fn: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def kernels_rss_mb(voila_pid: int) -> list[float]:
    out = subprocess.run(["ps", "-o", "pid=,rss=,args=", "--ppid", str(voila_pid)],
                         capture_output=True, text=True).stdout
    return [int(line.split()[1]) / 1024 for line in out.splitlines() if "ipykernel" in line]


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="circle-bench-"))
    pages = tmp / "notebooks"
    shutil.copytree(ROOT / "notebooks", pages)
    (pages / "_bare.ipynb").write_text(json.dumps(BARE))
    data = tmp / "data"
    with open_store(data) as store:
        small = store.create(practice_circle("drop-in-volunteer")).circle.id
        big = store.create(synthetic_circle(900)).circle.id  # 300 harms, needs, items
        blank = store.create(Circle(title="Save timing")).circle.id
    import conftest

    conftest.NOTEBOOKS = pages
    server = start_voila(data, tmp / "voila.log", CIRCLEKIT_AUTOSAVE_DELAY="0")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page: Page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(60_000)

            def visit(notebook: str, ready: str, **query: str) -> None:
                page.goto(server.page_url(notebook, **query))
                page.locator(ready).first.wait_for()

            visit("_bare.ipynb", "text=Bare")  # warm the browser cache
            bare = median_ms(lambda: visit("_bare.ipynb", "text=Bare"))
            print(f"time to interactive, bare one-widget page: {bare:7.0f} ms")
            start = median_ms(lambda: visit("00_start.ipynb", "text=Create circle"))
            print(f"time to interactive, start page:           {start:7.0f} ms "
                  f"({start / bare:4.2f}x bare)")
            for nb in STEPS:
                ms = median_ms(lambda nb=nb: visit(f"{nb}.ipynb", ".ck-saved", circle=small))
                print(f"time to interactive, {nb:<22}{ms:7.0f} ms ({ms / bare:4.2f}x bare)")

            hops = []
            visit("01_circle_setup.ipynb", ".ck-saved", circle=small)
            for _ in range(len(STEPS) - 1):
                t = time.perf_counter()
                page.get_by_role("link", name="Next:").click()
                page.locator(".ck-saved").first.wait_for()
                hops.append((time.perf_counter() - t) * 1000)
            print(f"step-to-step navigation: median {statistics.median(hops):6.0f} ms, "
                  f"max {max(hops):6.0f} ms")

            visit("01_circle_setup.ipynb", ".ck-saved", circle=blank)
            alias = page.get_by_label("Alias", exact=True)
            alias.fill("Start")
            page.get_by_text("(version 2)").wait_for()
            rounds = []
            for n in range(30):
                t = time.perf_counter()
                alias.fill(f"Alias {n}")
                page.get_by_text(f"(version {n + 3})").wait_for()
                rounds.append((time.perf_counter() - t) * 1000)
            q = statistics.quantiles(rounds, n=20)
            print(f"save round trip in the browser: p50 {statistics.median(rounds):5.0f} ms, "
                  f"p95 {q[18]:5.0f} ms (autosave debounce of "
                  f"{os.environ.get('CIRCLEKIT_AUTOSAVE_DELAY', '0.6')} s not included)")

            small_ms = median_ms(lambda: visit("04_needs.ipynb", ".ck-saved", circle=small), 3)
            big_ms = median_ms(lambda: visit("04_needs.ipynb", ".ck-saved", circle=big), 3)
            print(f"needs step, 3 needs: {small_ms:6.0f} ms; 300 needs: {big_ms:6.0f} ms "
                  f"(+{big_ms - small_ms:5.0f} ms render cost of 300 rows)")

            pages_open = []
            for nb in STEPS:
                tab = browser.new_page()
                tab.goto(server.page_url(f"{nb}.ipynb", circle=small))
                tab.locator(".ck-saved").first.wait_for()
                pages_open.append(tab)
            rss = kernels_rss_mb(server.process.pid)
            print(f"kernel RSS with {len(rss)} kernels: max {max(rss):5.0f} MB, "
                  f"median {statistics.median(rss):5.0f} MB")
            browser.close()
    finally:
        stop_voila(server)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
