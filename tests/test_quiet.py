"""A quiet terminal: normal events of a served app are logged at debug level, real problems
still print (the browser side is in test_faults_browser: a walk with reloads and restarts
leaves no warning and no traceback)."""

from __future__ import annotations

import logging

import pytest

from circlekit.server.quiet import quieten


def printed(caplog: pytest.LogCaptureFixture, *logged: tuple[int, str, object]) -> list[str]:
    log = logging.getLogger("circlekit-quiet-test")
    log.setLevel(logging.INFO)
    quieten(log)
    quieten(log)  # once is enough
    assert len(log.filters) == 1
    with caplog.at_level(logging.INFO, logger=log.name):
        for level, message, arg in logged:
            log.log(level, message, arg)
    return [r.getMessage() for r in caplog.records if r.name == log.name]


def test_normal_events_are_not_printed_as_warnings(caplog: pytest.LogCaptureFixture) -> None:
    said = printed(caplog,
                   (logging.WARNING, "Notebook %s is not trusted", "circle.ipynb"),
                   (logging.WARNING, "wrote error: %r", "Kernel does not exist: 1-2-3-4-5"),
                   (logging.WARNING, "wrote error: %r", "Permission denied"),
                   (logging.ERROR, "Notebook %s is not trusted", "odd.ipynb"))
    assert said == ["wrote error: 'Permission denied'", "Notebook odd.ipynb is not trusted"]


def test_known_faults_underneath_print_one_line_or_nothing(
        caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("tornado.application")
    quieten(logging.getLogger("circlekit-quiet-test"))

    def uncaught(message: str, exc: BaseException) -> None:
        try:
            raise exc
        except BaseException:
            log.error(message, exc_info=True)

    def template_missing() -> None:
        try:
            raise AttributeError("'NoneType' object has no attribute 'kernel_ws_protocol'")
        except AttributeError:
            raise LookupError("500.html") from None

    with caplog.at_level(logging.INFO, logger=log.name):
        uncaught("Uncaught exception GET /api/kernels/1/channels",
                 AttributeError("'NoneType' object has no attribute 'kernel_ws_protocol'"))
        try:
            template_missing()
        except LookupError as exc:
            exc.__context__ = AttributeError("'NoneType' has no attribute 'kernel_ws_protocol'")
            uncaught("Uncaught exception in write_error", exc)
        uncaught("Uncaught exception in ZMQStream callback",
                 RuntimeError("zmq gc socket requested during shutdown"))
        uncaught("Uncaught exception GET /elsewhere", KeyError("a real fault"))
    said = [(r.levelname, r.getMessage(), bool(r.exc_info)) for r in caplog.records
            if r.name == log.name and r.levelno >= logging.INFO]
    assert said[0][0] == "WARNING" and "reload it" in said[0][1] and not said[0][2]
    assert said[1:] == [("ERROR", "Uncaught exception GET /elsewhere", True)]
