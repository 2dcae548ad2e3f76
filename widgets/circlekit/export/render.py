"""Lay a ``Document`` out as HTML (print styles), PDF (WeasyPrint) or DOCX (python-docx).

Every text in a document may have been typed by someone, so HTML is built only through the
escaping helpers, and WeasyPrint is given no way to fetch anything but inline images.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from importlib.resources import files

from ..errors import CircleKitError
from ..i18n import _, language
from ..render.html import Safe, join, png_size, tag
from .document import Document, Section

# (file extension, MIME type) per format.
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("html", "text/html"),
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def _css() -> str:
    return files("circlekit.export").joinpath("print.css").read_text(encoding="utf-8")


def _runs(text: str) -> Safe | str:
    """An answer as WeasyPrint can lay it out quickly. It breaks a word with no break
    opportunity one character at a time, and lays a block out in time that grows with the
    square of its length (a pasted link of 5,000 characters took minutes): so a zero-width
    space after every 30 characters without a space, and a long answer in blocks of about RUN
    characters, cut after a space where there is one."""
    text = LONG_RUN.sub(lambda m: m.group(0) + ZERO_WIDTH_SPACE, text)
    if len(text) <= RUN:
        return text
    parts, start = [], 0
    while start < len(text):
        end = min(start + RUN, len(text))
        if end < len(text):
            space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = space + 1 if space > start else end
        parts.append(tag("span", text[start:end], class_="doc-run"))
        start = end
    return join(parts)


RUN = 400
LONG_RUN = re.compile(r"\S{30}(?=\S)")
ZERO_WIDTH_SPACE = "\u200b"


def _section_html(section: Section, runs: bool = False) -> Safe:
    parts: list[object] = [tag("h2", section.title)]
    if section.intro:
        parts.append(tag("p", section.intro, class_="doc-intro"))
    if section.picture:
        data = base64.b64encode(section.picture.png).decode("ascii")
        parts.append(tag("img", "", src="data:image/png;base64," + data,  # i18n: URL
                         alt=section.picture.alt))
    for block in section.blocks:
        entries = join(join([tag("dt", e.label), tag("dd", _runs(e.value) if runs else e.value)])
                       for e in block.entries)
        parts.append(tag("div", join([tag("h3", block.title), tag("dl", entries)]),
                         class_="doc-block"))
    if not section.blocks and section.empty:
        parts.append(tag("p", section.empty, class_="doc-empty"))
    return tag("section", join(parts))


def _left_out_html(doc: Document) -> Safe:
    if not doc.left_out:
        return tag("p", _("Nothing private was left out of this copy."), class_="doc-left-out")
    return tag("div", join([
        tag("p", tag("strong", _("Left out of this copy, because the people they belong to "
                                 "have not chosen to share them:"))),
        tag("ul", join(tag("li", line) for line in doc.left_out)),
    ]), class_="doc-left-out")


def to_html(doc: Document, *, runs: bool = False) -> str:
    """``doc`` as a page; ``runs``: answers laid out for WeasyPrint (see ``_runs``)."""
    with language(doc.language):
        body = join([
            tag("h1", doc.title),
            tag("p", doc.subtitle, class_="doc-subtitle"),
            join(tag("p", n, class_="doc-note") for n in doc.notes),
            join(_section_html(s, runs) for s in doc.sections),
            "" if doc.worksheet else _left_out_html(doc),
            tag("footer", join(tag("p", line) for line in doc.footer), class_="doc-footer")
            if doc.footer else "",
        ])
        head = join([Safe('<meta charset="utf-8">'), tag("title", doc.title),
                     Safe(f"<style>{_css()}</style>")])
    kind = ' class="doc-worksheet"' if doc.worksheet else ""
    return (f'<!doctype html><html lang="{doc.language}"><head>{head}</head>'
            f"<body{kind}>{body}</body></html>")


def to_pdf(doc: Document) -> bytes:
    # Imported on demand: WeasyPrint takes a second to load. Inline images only, so a
    # document can never reach the network.
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError:  # Pango is missing: say what to install instead of a traceback
        raise CircleKitError(_(
            "PDF documents need the Pango libraries on this computer (run 'make app' as an "
            "administrator once, or install libpango). The HTML and Word documents work "
            "without them.")) from None

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=to_html(doc, runs=True), url_fetcher=fetcher).write_pdf()


def to_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.shared import Cm

    out = Docx()
    core = out.core_properties
    core.title, core.language, core.author, core.comments = doc.title, doc.language, "", ""
    with language(doc.language):
        out.add_heading(doc.title, level=0)
        out.add_paragraph(doc.subtitle)
        for note in doc.notes:
            out.add_paragraph(note, style="Intense Quote")
        for section in doc.sections:
            out.add_heading(section.title, level=1)
            if section.intro:
                out.add_paragraph().add_run(section.intro).italic = True
            if section.picture:
                # As wide as the text, or as tall as fits a page for a tall map.
                width, height = png_size(section.picture.png) or (1, 0)
                size = {"width": Cm(16)} if height * 16 <= width * 22 else {"height": Cm(22)}
                out.add_picture(io.BytesIO(section.picture.png), **size)
                out.add_paragraph(section.picture.alt, style="Caption")
            if not section.blocks and section.empty:
                out.add_paragraph(section.empty)
            for block in section.blocks:
                out.add_heading(block.title, level=2)
                if block.entries:
                    table = out.add_table(rows=0, cols=2)
                    table.style = "Table Grid"  # i18n: a Word style name
                    for entry in block.entries:
                        cells = table.add_row().cells
                        cells[0].text, cells[1].text = entry.label, entry.value
                        if cells[0].paragraphs[0].runs:
                            cells[0].paragraphs[0].runs[0].bold = True
                        if doc.worksheet:  # room to write by hand
                            cells[1].add_paragraph("\n\n")
        for line in doc.footer:
            out.add_paragraph().add_run(line).bold = True
        if not doc.worksheet:  # a blank form: nothing was left out of it
            out.add_heading(_("What was left out"), level=1)
            if doc.left_out:
                out.add_paragraph(_("Left out of this copy, because the people they belong "
                                    "to have not chosen to share them:"))
                for line in doc.left_out:
                    out.add_paragraph(line, style="List Bullet")
            else:
                out.add_paragraph(_("Nothing private was left out of this copy."))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "html": lambda d: to_html(d).encode("utf-8"),
    "pdf": to_pdf,
    "docx": to_docx,
}


def render(doc: Document, fmt: str) -> bytes:
    return RENDERERS[fmt](doc)
