"""The catalog's messages in English, to find any a page shows untranslated."""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.messages.pofile import read_po

import circlekit.i18n

CATALOG = Path(circlekit.i18n.__file__).resolve().parent / "circlekit.pot"
TAG = re.compile(r"<style.*?</style>|<[^>]+>", re.S)
PLACEHOLDER = re.compile(r"\{[^}]*\}|%\(\w+\)s")
# Names a translation keeps as they are.
KEPT = {"Circle Notebooks"}  # the name of the collection


def english_messages() -> set[str]:
    """The fragments of catalog messages long enough that finding one on a page means a
    message was shown untranslated (its literal parts, between placeholders)."""
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    found: set[str] = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            for part in PLACEHOLDER.split(str(msgid)):
                part = " ".join(html.unescape(TAG.sub(" ", part)).split()).strip(" .,:;()")
                if len(part.split()) >= 2 and part not in KEPT:
                    found.add(part)
    return found


def left_in_english(text: str, english: set[str]) -> list[str]:
    return sorted(m for m in english if m in text)
