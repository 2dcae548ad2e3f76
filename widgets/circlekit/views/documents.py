"""Readable HTML renderings of parts of a circle (escaped; shown in pages and printed)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..errors import CircleKitError
from ..i18n import _
from ..model import Circle, Role
from ..model.privacy import readers
from ..render.html import download_link, join, tag
from ..session.background import beside_the_loop
from .page import UNEXPECTED, Message, guarded, log_unexpected
from .shared import HTML

if TYPE_CHECKING:
    from ..export import Document

# What each format's link says (functions: the page's language is chosen at run time).
FORMAT_NAMES = {"html": lambda: _("Printable page (HTML)"), "pdf": lambda: _("PDF"),
                "docx": lambda: _("Word document (DOCX)")}


def signing_parties(circle: Circle) -> list[tuple[str, str]]:
    """Everyone who signs an agreement item: every participant except facilitators."""
    return [(p.alias, p.id) for p in circle.participants
            if set(p.roles) - {Role.FACILITATOR} or not p.roles]


class _Prepared(ABC):
    """A button that makes a document in every format and offers the results as links.

    The layout runs beside the kernel's loop (a long answer takes seconds as a PDF): the
    header's heartbeat is still answered meanwhile, and the button waits for the result.
    """

    links: HTML
    message: Message
    button: widgets.Button

    @abstractmethod
    def _document(self) -> Document | None:
        """The document to make now, or None (the message says why)."""

    @abstractmethod
    def _ready(self) -> str:
        """What the message says once the files are offered."""

    def _start(self) -> None:
        doc = self._document()
        if doc is None:
            return
        self.message.ok(_("Preparing the documents…"))
        self.links.value = ""
        self.button.disabled = True
        beside_the_loop(lambda: _render_all(doc), guarded(self.message)(
            lambda made: self._show(doc, *made)), self._failed)

    def prepare(self) -> dict[str, bytes]:
        """Make the documents at once and show their links (scripts and tests)."""
        doc = self._document()
        if doc is None:
            return {}
        made, missing = _render_all(doc)
        self._show(doc, made, missing)
        return made

    def _show(self, doc: Document, made: dict[str, bytes], missing: list[str]) -> None:
        from ..export import FORMATS

        self.button.disabled = False
        self.links.value = tag("ul", join(
            tag("li", download_link(FORMAT_NAMES[fmt](), f"{doc.filename}.{FORMATS[fmt][0]}",
                                    made[fmt], FORMATS[fmt][1]))
            for fmt in made))
        if missing:  # e.g. no PDF libraries: the other formats are still offered
            self.message.error(" ".join(missing))
        else:
            self.message.ok(self._ready())

    def _failed(self, exc: Exception) -> None:
        self.button.disabled = False
        if isinstance(exc, CircleKitError):
            self.message.error(str(exc))
        else:
            log_unexpected(exc)
            self.message.error(_(UNEXPECTED))


def _render_all(doc: Document) -> tuple[dict[str, bytes], list[str]]:
    from ..export import FORMATS, render

    made: dict[str, bytes] = {}
    missing: list[str] = []
    for fmt in FORMATS:
        try:
            made[fmt] = render(doc, fmt)
        except CircleKitError as exc:
            missing.append(str(exc))
    return made, missing


class DocumentsPanel(_Prepared):
    """Make a step's take-home document for one person, as HTML, PDF and Word.

    Every copy is for one named person and holds only what they may see (``copy_for``); a
    safety plan is offered only to the person it belongs to. Documents are made on request
    and offered as links built in the page, so nothing is written to disk or uploaded.
    """

    def __init__(self, circle: Callable[[], Circle], kind: str) -> None:
        from ..export import DOCUMENTS

        self.circle = circle
        self.kind = kind
        self.links = HTML()
        self.links.add_class("ck-documents")
        self.message = Message()
        self.reader = widgets.Dropdown(description=_("Who is this copy for?"),
                                       style={"description_width": "initial"})
        self.reader.add_class("ck-reader")
        self.reader.observe(lambda _c: setattr(self.links, "value", ""), names="value")
        self.button = widgets.Button(description=_("Prepare the documents"), icon="file")
        self.button.on_click(guarded(self.message)(lambda _b: self._start()))
        title = _(DOCUMENTS[kind].title)
        help_text = (_("A plan goes only to the person it belongs to. Never give one "
                       "person's safety plan to anyone else.") if kind == "safety_plan" else
                     _("A printable copy for one person, in the circle's language. It holds "
                       "their own details, and other people's private details only where "
                       "those people chose to share them; it lists what was left out."))
        self.widget = widgets.VBox([
            HTML(join([
                tag("h2", _("Take-home document: {title}").format(title=title)),
                tag("p", help_text, class_="ck-help")])),
            self.reader, self.button, self.links, self.message,
        ])
        self.refresh()

    def refresh(self) -> None:
        """Offer the people a copy can be for, as the circle has them now."""
        circle = self.circle()
        people = readers(circle)
        if self.kind == "safety_plan":
            holders = {s.holder for s in circle.safety_plan}
            people = [p for p in people if p.id in holders]
        options = [(p.alias, p.id) for p in people]
        if options != list(self.reader.options):
            keep = self.reader.value if self.reader.value in {o[1] for o in options} else None
            self.reader.options = options
            self.reader.value = keep
        self.button.disabled = not options

    def _document(self) -> Document | None:
        from ..export import build_document

        if self.reader.value is None:
            self.message.error(_("Choose who this copy is for first."))
            return None
        return build_document(self.circle(), self.kind, self.reader.value)

    def _ready(self) -> str:
        return _("The documents for {name} are ready: save them with the links "
                 "above.").format(name=self.circle().alias(self.reader.value))


class WorksheetPanel(_Prepared):
    """This step's blank paper worksheet, in the circle's language, as HTML, PDF and Word.

    Built from the step's declarations alone, so it can never hold anything of a circle.
    """

    def __init__(self, step_key: str, language: Callable[[], str]) -> None:
        self.step_key = step_key
        self.language = language
        self.links = HTML()
        self.links.add_class("ck-documents")
        self.message = Message()
        self.button = widgets.Button(description=_("Prepare the blank worksheet"), icon="file")
        self.button.on_click(guarded(self.message)(lambda _b: self._start()))
        box = widgets.VBox([
            HTML(join([tag("h2", _("Paper worksheet")), tag("p", _(
                "This step's questions on paper, with space to write, for meetings that keep "
                "nothing on a computer. It holds nothing from this circle; destroy it after "
                "the meeting."), class_="ck-help")])),
            self.button, self.links, self.message])
        box.add_class("ck-worksheet")
        self.widget = box

    def _document(self) -> Document | None:
        from ..export import build_worksheet

        return build_worksheet(self.step_key, self.language())

    def _ready(self) -> str:
        return _("The worksheet is ready: save it with the links above.")
