"""Slow work (laying out a PDF of a long answer) runs beside the kernel's message loop.

A page's kernel handles one message at a time. Work that holds it for seconds leaves the
page's heartbeat unanswered, so the header says the connection was lost and edits typed
meanwhile wait. Run in a thread, the work leaves the loop free; its result comes back on
the loop, where widgets may be changed safely.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from . import kernel_loop

T = TypeVar("T")
# One piece of slow work at a time per page: the layout libraries are not all thread-safe,
# and a second click should wait its turn rather than compete for the same processor.
_ONE_AT_A_TIME = threading.Lock()


def beside_the_loop(work: Callable[[], T], done: Callable[[T], None],
                    failed: Callable[[Exception], None]) -> None:
    """Run ``work()`` off the kernel's loop, then ``done(result)`` or ``failed(error)`` on it.

    Outside a kernel (tests, scripts) everything runs at once, in order.
    """
    loop = kernel_loop()

    def run() -> tuple[bool, object]:
        try:
            with _ONE_AT_A_TIME:
                return True, work()
        except Exception as exc:  # noqa: BLE001 - handed to ``failed`` to be shown plainly
            return False, exc

    def deliver(outcome: tuple[bool, object]) -> None:
        ok, value = outcome
        if ok:
            done(value)  # type: ignore[arg-type]
        else:
            failed(value)  # type: ignore[arg-type]

    if loop is None:
        deliver(run())
        return
    threading.Thread(target=lambda: loop.add_callback(deliver, run()),
                     name="circlekit-slow-work", daemon=True).start()


__all__ = ["beside_the_loop"]
