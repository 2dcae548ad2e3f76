"""Pieces every page shares: the stylesheet, headings, messages, and safe callbacks."""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import ipywidgets as widgets

from ..errors import CircleKitError
from ..i18n import N_, _
from ..render.html import Safe, esc, join, link, tag
from .shared import HTML

log = logging.getLogger("circlekit")

START_PAGE = "00_start.ipynb"  # where every page leads back to

UNEXPECTED = N_(
    "Something went wrong on our side and this action did not finish. What was already "
    "saved is safe. Please try again; if it keeps happening, reload the page."
)


def stylesheet() -> widgets.HTML:
    css = files("circlekit.views").joinpath("style.css").read_text(encoding="utf-8")
    return HTML(Safe(f"<style>{css}</style>"))


def heading(title: str, lead: str = "") -> widgets.HTML:
    parts = [tag("h1", title)] + ([tag("p", lead, class_="ck-lead")] if lead else [])
    return HTML(join(parts))


def section(title: str, help: str = "") -> widgets.HTML:
    parts = [tag("h2", title)] + ([tag("p", help, class_="ck-help")] if help else [])
    return HTML(join(parts))


class Message(HTML):
    """A live region for plain-sentence feedback next to the thing it is about."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("ck-message-area")

    def ok(self, text: str) -> None:
        self.value = tag("div", text, class_="ck-message ck-ok", role="status")

    def error(self, text: str) -> None:
        self.value = tag("div", text, class_="ck-message ck-error", role="alert")

    def clear(self) -> None:
        self.value = Safe("")


def log_unexpected(exc: BaseException) -> None:
    """Log where it failed, never what it said: messages can quote circle text."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames)
    log.error("unexpected %s at %s", type(exc).__name__, where)


def guarded(message: Message) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run a callback so that a facilitator sees a sentence, never a traceback."""

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except CircleKitError as exc:
                message.error(str(exc))
            except Exception as exc:  # noqa: BLE001 - the last line of defence for the page
                log_unexpected(exc)
                message.error(_(UNEXPECTED))
            return None

        return run

    return wrap


def page(*children: widgets.Widget) -> widgets.VBox:
    box = widgets.VBox([stylesheet(), *children])
    box.add_class("ck-page")
    return box


PAGE_FAILED = N_(
    "This page could not be shown because of a fault in the app. Opening it changed nothing. "
    "Reload the page; if this happens again, the file circlekit.log in the data folder says "
    "where it failed (it holds nothing from your circles): send its last lines to whoever "
    "looks after your copy of the app."
)
FILE_FAILED = N_(
    "The file {path} cannot be read ({problem}). Opening this page changed nothing. Check "
    "that the file is there and belongs to your user account, then reload the page."
)


def error_page(exc: BaseException) -> widgets.VBox:
    """What a page shows when it cannot even start: what is wrong, with which file, and what
    to do; never a promise it cannot check (an unknown fault says only what is known)."""
    if isinstance(exc, CircleKitError):
        text = str(exc)
    elif isinstance(exc, OSError) and exc.filename:
        log_unexpected(exc)
        text = _(FILE_FAILED).format(path=exc.filename,
                                     problem=exc.strerror or type(exc).__name__)
    else:
        log_unexpected(exc)
        text = _(PAGE_FAILED)
    msg = Message()
    msg.error(text)
    back = HTML(tag("p", link(_("Back to all circles"), START_PAGE)))
    return page(heading(_("This page could not open")), msg, back)


__all__ = ["Message", "error_page", "esc", "guarded", "heading", "page", "section"]


# Blanks the page before leaving, so the back button shows nothing either, and marks the tab
# so that the app's pages blank themselves if Back reloads one (see the Voila template).
QUICK_EXIT_SCRIPT = (  # i18n: script
    "window.ckLeaving=true;try{sessionStorage.setItem('ck-exited','1')}catch(e){}"
    "document.body.innerHTML='';window.location.replace('about:blank');return false;")


def quick_exit() -> Safe:
    return tag("a", _("Quick exit"), class_="ck-quick-exit", href="about:blank",
               rel="noreferrer", onclick=QUICK_EXIT_SCRIPT)
