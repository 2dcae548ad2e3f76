"""The project's own errors. Each carries a plain sentence fit to show a facilitator."""

from __future__ import annotations

from .i18n import _


class CircleKitError(Exception):
    """Base class: ``str(error)`` is a complete, plain-language sentence."""


class NotFound(CircleKitError):
    pass


class StaleSave(CircleKitError):
    """A save based on a version that is no longer the latest."""

    def __init__(self, based_on: int, latest: int) -> None:
        self.based_on = based_on
        self.latest = latest
        super().__init__(_(
            "This circle was changed in another tab or window while you were working (you "
            "started from version {based_on}; the latest is version {latest}). Nothing was "
            "overwritten. Reload the page to see the latest version; your unsaved change is "
            "still shown here so you can enter it again.").format(based_on=based_on,
                                                                   latest=latest))


class InvalidCircle(CircleKitError):
    """A circle (typed in or imported) that does not pass validation."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(_("Some details need fixing:") + " " + " ".join(problems))


class ImportRefused(CircleKitError):
    """An import file that cannot be read; nothing was changed."""


class StoreUnavailable(CircleKitError):
    pass


class NotWritten(StoreUnavailable):
    """The disk refused a save (read-only folder, full disk); worth trying again."""

    def __init__(self, message: str, cause: str) -> None:
        self.cause = cause  # SQLite's error name: never holds circle text, fit for the log
        super().__init__(message)


class KeyChanged(StoreUnavailable):
    """The folder was locked, unlocked or given a new passphrase since this page opened it."""
