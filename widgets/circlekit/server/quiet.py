"""A quiet terminal: the server says what needs its owner, not what happens every day.

A page that asks for a kernel the app has just stopped, an idle page's kernel stopped after
a while, a notebook without a trust signature (the app's notebooks carry no outputs, so there
is nothing to trust or distrust): each is a normal event of a served app. Jupyter logs them
as warnings, and a facilitator reading the terminal would think something broke. They are
logged at debug level instead; real errors still print.

Two faults of the servers underneath are known, and their tracebacks say nothing an owner can
act on: a kernel's last messages sent while it stops (pyzmq's "gc socket requested during
shutdown"), logged at debug level; and a page connecting to a kernel that is starting or
stopping (jupyter_server's ``select_subprotocol`` finds no connection), which can leave that
page without its widgets. That one prints a single line that says what to do.
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


# Known faults underneath: the words in an exception (or one it happened while handling) and
# the one line said instead of its traceback ("" for nothing above debug level).
KNOWN_FAULTS: dict[str, str] = {
    "zmq gc socket requested during shutdown": "",
    "kernel_ws_protocol": (
        "A page connected to its kernel while that kernel was starting or stopping. If a page "
        "shows only 'Error displaying widget', reload it (nothing was typed there yet)."),
}
# Tornado's loggers of uncaught exceptions in handlers and callbacks.
FAULT_LOGGERS = ("tornado.application", "tornado.general")


def _chain(exc: BaseException | None) -> list[str]:
    said: list[str] = []
    while exc is not None and len(said) < 10:
        said.append(f"{type(exc).__name__}: {exc}")
        exc = exc.__cause__ or exc.__context__
    return said


class KnownFaults(logging.Filter):
    """One line, or nothing, instead of the traceback of a fault in ``KNOWN_FAULTS``."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self.logger = logger

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info:
            return True
        chain = " | ".join(_chain(record.exc_info[1]))
        said = next((line for words, line in KNOWN_FAULTS.items() if words in chain), None)
        if said is None:
            return True
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        if not said or "write_error" in str(record.msg):  # the second report of the same
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return self.logger.isEnabledFor(logging.DEBUG)
        record.msg, record.args = said, ()
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quieten(logger: logging.Logger) -> None:
    """Quiet ``logger``'s normal events, and the known faults of tornado's loggers."""
    if not any(isinstance(f, NormalEvents) for f in logger.filters):
        logger.addFilter(NormalEvents(logger))
    for name in FAULT_LOGGERS:
        faults = logging.getLogger(name)
        if not any(isinstance(f, KnownFaults) for f in faults.filters):
            faults.addFilter(KnownFaults(faults))


__all__ = ["KNOWN_FAULTS", "NORMAL", "KnownFaults", "NormalEvents", "quieten"]
