"""Pure rendering: escaped HTML, charts, maps and report tables, with no widgets.

The neutral layer both ``views`` (live pages) and ``export`` (take-home documents) draw on;
it knows the model and the languages, never storage or ipywidgets.
"""

from .html import Safe, esc, join, table, tag

__all__ = ["Safe", "esc", "join", "table", "tag"]
