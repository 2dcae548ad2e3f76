"""Languages: every user-facing string goes through ``_`` (gettext catalogs kept with Babel).

Source strings are English and double as message ids. The declarations (field labels, help
texts, choice labels, steps) stay English in the model, so the JSON Schema and the stored data
never change with the language; they are translated where they are shown.

One page (one kernel) shows one circle, so the active language is a module setting rather
than a context variable: ipywidgets callbacks do not run in the context a cell set.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from importlib.resources import files

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "circlekit"
LANGUAGES = ("en", "es", "ru", "uk", "fr")
SOURCE = "en"

_active = SOURCE


def N_(message: str) -> str:
    """Mark a string for translation where it is declared; translate it where it is shown."""
    return message


def catalog_path(language: str) -> str:
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language`` (English needs none: ids are the English text).

    The ``.po`` file is compiled in memory, so the repository holds only text catalogs and
    there is no build step to forget.
    """
    if language == SOURCE:
        return _gettext.NullTranslations()
    source = files(__name__).joinpath(catalog_path(language))
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def supported(language: str | None) -> str:
    """``language`` if there is a catalog for it, else English."""
    return language if language in LANGUAGES else SOURCE


def set_language(language: str | None) -> str:
    """Make ``language`` the one this page speaks; returns the language actually chosen."""
    global _active
    _active = supported(language)
    return _active


def current() -> str:
    return _active


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Speak ``code`` inside the block (documents in a circle's language), then restore."""
    before = _active
    try:
        yield set_language(code)
    finally:
        set_language(before)


def _(message: str) -> str:
    """``message`` in the active language (the English text if there is no translation)."""
    if not message:
        return message
    return translations(_active).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_active).ngettext(singular, plural, n)


def format_date(value: date | None) -> str:
    """A date as people write it in the active language (``12 mars 2026``)."""
    return "" if value is None else _format_date(value, format="medium", locale=_active)


def format_datetime(value: datetime) -> str:
    return _format_datetime(value, format="short", locale=_active)


def format_number(value: float) -> str:
    return format_decimal(value, locale=_active)


def language_name(code: str) -> str:
    """A language's name as a sentence in the active language says it: "español" in Spanish,
    "Spanish" in English (a chooser shows each language's own name instead)."""
    return str(Locale.parse(_active).languages.get(code, code))


__all__ = ["LANGUAGES", "N_", "_", "current", "format_date", "format_datetime",
           "format_number", "language", "language_name", "ngettext", "set_language",
           "supported", "translations"]
