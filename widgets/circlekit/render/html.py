"""The one way user text reaches HTML.

ipywidgets' ``HTML`` widget sets raw innerHTML, where ``<img onerror=…>`` runs. Everything a
person typed goes through ``esc``; markup this package builds itself is wrapped in ``Safe`` so
the two can never be confused.
"""

from __future__ import annotations

import base64
import html
import struct
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from ..i18n import _


class Safe(str):
    """Markup built by this package from escaped parts: passed through ``esc`` untouched."""


def esc(value: object) -> Safe:
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


def tag(name: str, content: object = "", **attrs: object) -> Safe:
    """``<name attr="…">content</name>`` with every attribute value and the content escaped."""
    rendered = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items() if v is not None
    )
    return Safe(f"<{name}{rendered}>{esc(content)}</{name}>")


def join(parts: Iterable[object]) -> Safe:
    return Safe("".join(esc(p) for p in parts))


def link_href(page: str, **query: str) -> str:
    """The address of another page of the app, query values URL-encoded."""
    qs = "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
    return f"{page}?{qs}" if qs else page


def link(label: object, page: str, **query: str) -> Safe:
    """A link to another page of the app; the address is escaped like any attribute."""
    return tag("a", label, href=link_href(page, **query))


def download_link(label: str, filename: str, content: str | bytes, mime: str) -> Safe:
    """A link that saves ``content`` as a file, built in the page: nothing is uploaded."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    data = base64.b64encode(raw).decode("ascii")
    kind = f"{mime};charset=utf-8" if mime.startswith(("text/", "application/json")) else mime
    return tag("a", label, href=f"data:{kind};base64,{data}", download=filename,
               class_="ck-download")


def png_size(png: bytes) -> tuple[int, int] | None:
    """Width and height in pixels, from the PNG header (IHDR, right after the signature)."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 24:
        return None
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def png_img(png: bytes, alt: str) -> Safe:
    """A picture built in the page (nothing fetched), with its text alternative. Its size is
    given, so the page keeps the picture's room while it loads instead of jumping."""
    data = base64.b64encode(png).decode("ascii")
    width, height = png_size(png) or (None, None)
    return tag("img", "", src=f"data:image/png;base64,{data}", alt=alt,  # i18n: URL
               width=width, height=height, class_="ck-chart",
               style="max-width:100%;height:auto")


def table_row(cells: Sequence[object]) -> Safe:
    return tag("tr", join(tag("td", cell) for cell in cells))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, caption: str = "",
          empty: str = "") -> Safe:
    """An accessible table; every cell escaped unless it is ``Safe``. A row may also be a
    ``table_row`` made earlier (kept by callers that redraw large tables often)."""
    body = [row if isinstance(row, Safe) else table_row(row) for row in rows]
    if not body:
        return tag("p", empty or _("Nothing here yet."), class_="ck-empty")
    head = tag("tr", join(tag("th", h, scope="col") for h in headers))
    parts = [tag("caption", caption)] if caption else []
    parts += [tag("thead", head), tag("tbody", join(body))]
    # A table wider than a phone scrolls in this frame: a keyboard must be able to reach it
    # to scroll it, and a screen reader names the region it enters.
    return tag("div", tag("table", join(parts), class_="ck-table"), class_="ck-table-wrap",
               tabindex="0", role="region", aria_label=caption or ", ".join(headers))
