"""A quiet terminal: the server says what needs its owner, not what happens every day.

A page that asks for a kernel the app has just stopped, an idle page's kernel stopped after
a while, a notebook without a trust signature (the app's notebooks carry no outputs, so there
is nothing to trust or distrust): each is a normal event of a served app. Jupyter logs them
as warnings, and a facilitator reading the terminal would think something broke. They are
logged at debug level instead; real errors still print.
"""

from __future__ import annotations

import logging

# Messages (their format strings) that name a normal event, with the words that must be in
# the values for the event to be the normal one.
NORMAL: dict[str, str] = {
    "Notebook %s is not trusted": "",
    "wrote error: %r": "Kernel does not exist",
    # A page left open, or closed without saying so, stops its kernel after a while.
    "Culling '%s' kernel '%s' (%s) with %d connections due to %s seconds of inactivity.": "",
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


__all__ = ["NORMAL", "NormalEvents", "quieten"]
