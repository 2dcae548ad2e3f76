"""A quiet terminal: the server says what needs its owner, not what happens every day.

A tab closed while its page was still connecting, a page that asks for a kernel the app has
just stopped, a notebook without a trust signature (the app's notebooks carry no outputs, so
there is nothing to trust or distrust): each is a normal event of a served app. Jupyter logs
them as warnings or tracebacks, and a facilitator reading the terminal would think something
broke. They are logged at debug level instead; real errors still print.
"""

from __future__ import annotations

import logging
from typing import Any

from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

# Messages (their format strings) that name a normal event, with the words that must be in
# the values for the event to be the normal one.
NORMAL: dict[str, str] = {
    "Notebook %s is not trusted": "",
    "wrote error: %r": "Kernel does not exist",
}


class NormalEvents(logging.Filter):
    """Lowers the normal events of ``NORMAL`` to debug level on the logger it filters."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self.logger = logger

    def filter(self, record: logging.LogRecord) -> bool:
        words = NORMAL.get(str(record.msg))
        if words is None or record.levelno > logging.WARNING:
            return True
        if words and words not in str(record.args):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return self.logger.isEnabledFor(logging.DEBUG)


def quieten(logger: logging.Logger) -> None:
    if not any(isinstance(f, NormalEvents) for f in logger.filters):
        logger.addFilter(NormalEvents(logger))


class KernelChannels(VoilaKernelWebsocketHandler):
    """A page's kernel channels. A tab closed while it was connecting leaves no connection
    to choose a protocol for: Jupyter then fails with a traceback; here the request simply
    ends (tornado logs a malformed request at debug level)."""

    def select_subprotocol(self, subprotocols: list[str]) -> Any:
        if self.connection is None:
            raise ValueError("the page left while its channels were opening")
        return super().select_subprotocol(subprotocols)


__all__ = ["NORMAL", "KernelChannels", "NormalEvents", "quieten"]
