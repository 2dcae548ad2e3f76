"""An organisation's server: the same ten sessions through JupyterHub and on a direct app.

Starts a real JupyterHub on this machine (as `make hub-install` installs it; needs root), with
one system account per facilitator. Prints login to a usable start page (a first login,
which starts the facilitator's server, and a second, which finds it running), then ten
facilitators at once, each logging in and running `benchmarks/load.py`'s session on a circle
of their own (errors, page open and save p95, peak memory of all their processes), against
the same sessions on one direct app (`make app`) in the same run.

    python benchmarks/hub.py [--sessions 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import hubkit  # noqa: E402
from load import Figures, in_own_thread, pct, run_load, work  # noqa: E402
from playwright.async_api import Page, async_playwright  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PREFIX = "ck-bench-"  # throwaway accounts, removed at the end
NEW_CIRCLE = ("from circlekit.content.practice import practice_circle\n"
              "from circlekit.store import open_store\n"
              "with open_store() as s:\n"
              "    print(s.create(practice_circle('drop-in-volunteer')).circle.id)\n")


def uids_rss_mb(uids: set[int]) -> float:
    """Resident memory of every process of these accounts."""
    total = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        uid = re.search(r"^Uid:\s+(\d+)", text, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+)", text, re.M)
        if uid and rss and int(uid.group(1)) in uids:
            total += int(rss.group(1)) / 1024
    return total


class PeakMemory(threading.Thread):
    def __init__(self, uids: set[int]) -> None:
        super().__init__(daemon=True)
        self.uids, self.peak, self.done = uids, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.peak = max(self.peak, uids_rss_mb(self.uids))


async def login(page: Page, hub: hubkit.Hub, user: str) -> float:
    """Log in through the hub's form; ms until the start page answers a click."""
    started = time.perf_counter()
    await page.goto(f"{hub.url}/hub/login")
    await page.fill("#username_input", user)
    await page.fill("#password_input", hubkit.PASSWORD)
    await page.click("#login_submit")
    await page.get_by_role("button", name="Create circle").wait_for()
    return (time.perf_counter() - started) * 1000


async def hub_session(browser: object, hub: hubkit.Hub, user: str, cid: str, n: int,
                      out: Figures, logins: list[float]) -> None:
    context = await browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page = await context.new_page()
    page.set_default_timeout(120_000)
    try:
        logins.append(await login(page, hub, user))
        await work(page, hub.page_url(user, "circle.ipynb", circle=cid), cid, n, out)
    except Exception as exc:  # noqa: BLE001 - counted, not raised
        out.errors.append(f"{user}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()


async def first_logins(hub: hubkit.Hub, user: str) -> tuple[float, float]:
    """(first login, which starts the server; a second one, the server running), ms."""
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times = []
        for _ in range(2):
            context = await browser.new_context()
            page = await context.new_page()
            page.set_default_timeout(120_000)
            times.append(await login(page, hub, user))
            await context.close()
        await browser.close()
    return times[0], times[1]


async def all_at_once(hub: hubkit.Hub, circles: dict[str, str], logins: list[float]
                      ) -> Figures:
    out = Figures()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(hub_session(browser, hub, user, cid, n, out, logins)
                               for n, (user, cid) in enumerate(circles.items())))
        await browser.close()
    return out


def run_hub(sessions: int, state: Path) -> tuple[tuple[float, float], list[float], Figures,
                                                  float]:
    hubkit.install()
    users = [f"{PREFIX}{i}" for i in range(sessions + 1)]
    circles: dict[str, str] = {}
    uids: set[int] = set()
    for user in users:
        uids.add(hubkit.account(user).pw_uid)
        made = hubkit.as_account(user, NEW_CIRCLE)
        if made.returncode:
            raise RuntimeError(made.stderr[-1000:])
        circles[user] = made.stdout.strip()
    hub = hubkit.start_hub(state, users, extra=(
        "c.Spawner.environment['CIRCLEKIT_AUTOSAVE_DELAY'] = '0'\n"))
    try:
        # The extra account only measures logins, so the ten sessions all start cold.
        alone = asyncio.run(first_logins(hub, users[-1]))
        logins: list[float] = []
        watch = PeakMemory(uids)
        watch.start()
        loaded = in_own_thread(all_at_once(hub, dict(list(circles.items())[:sessions]),
                                           logins))
        watch.done.set()
        watch.join()
    finally:
        hubkit.stop_hub(hub)
        for user in users:
            hubkit.remove_account(user)
    return alone, logins, loaded, watch.peak


def line(name: str, figures: list[float]) -> str:
    if not figures:
        return f"  {name}: none"
    return f"  {name}: p50 {pct(figures, 50):.0f} ms, p95 {pct(figures, 95):.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    reason = hubkit.why_not()
    if reason:
        print(reason)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    (first, second), logins, hub, peak = run_hub(args.sessions, folder / "hub")
    _alone, direct, _idle, direct_peak = run_load(args.sessions, folder / "direct")
    cores = len(os.sched_getaffinity(0))
    print(f"Through JupyterHub, on {cores} cores")
    print(f"  login to a usable start page: first {first:.0f} ms (starts the server), "
          f"again {second:.0f} ms (server running)")
    print(f"{args.sessions} facilitators at once, each with their own server: log in, open "
          "a circle, 3 steps x 3 edits")
    print(f"  errors: {len(hub.errors)} through the hub, {len(direct.errors)} on the direct "
          "app")
    for e in (hub.errors + direct.errors)[:5]:
        print(f"    {e}")
    print(line("login to start page, all at once", logins))
    for name, attr in (("page open", "opens"), ("save round trip", "saves")):
        print(line(f"{name}, hub", getattr(hub, attr)))
        print(line(f"{name}, direct app", getattr(direct, attr)))
    print(f"  edits saved: hub {hub.edits}, direct {direct.edits}")
    print(f"  peak memory: hub (all facilitators' processes) {peak:.0f} MB, direct app "
          f"{direct_peak:.0f} MB")
    return 1 if hub.errors or direct.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
