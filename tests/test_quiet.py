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
