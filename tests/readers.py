"""What a reader sees: the text of a document, the HTML a widget tree shows, and every byte the
store keeps on disk."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from docx import Document as Docx
from pypdf import PdfReader


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skip = tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(data: bytes, fmt: str) -> str:
    """What a reader of the file sees, whitespace folded (PDF lines wrap anywhere)."""
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        raw = " ".join(parser.parts)
    elif fmt == "pdf":
        raw = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    else:
        doc = Docx(io.BytesIO(data))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        raw = " ".join([p.text for p in doc.paragraphs] + cells)
    return " ".join(raw.split())


def html_of(root: widgets.Widget) -> str:
    found, todo = [], [root]
    while todo:
        w = todo.pop()
        if isinstance(w, widgets.HTML):
            found.append(w.value)
        todo.extend(getattr(w, "children", ()))
    return "".join(found)


def db_bytes(folder: Path) -> bytes:
    """Every byte the store keeps on disk: the database, its write-ahead log and index."""
    return b"".join(p.read_bytes() for p in sorted(folder.glob("circles.sqlite3*")))
