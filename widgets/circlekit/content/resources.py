"""The collection's files that live outside the package's code: case studies and pages.

A wheel carries them as package data (``circlekit/data/``, copied in at build time by
``widgets/setup.py``), found with ``importlib.resources`` wherever the package is installed.
An editable checkout has no copy: there they are read from the repository's own top-level
``casestudies/`` and ``notebooks/`` folders, so an edit shows at once.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]


def _folder(name: str) -> Traversable:
    packaged = files("circlekit").joinpath("data", name)
    return packaged if packaged.is_dir() else CHECKOUT / name


def casestudies() -> Traversable:
    """The case-study library (Markdown files with YAML front matter)."""
    return _folder("casestudies")


def notebooks() -> Path:
    """The app's pages (Voila serves them from a folder on disk)."""
    return Path(str(_folder("notebooks")))
