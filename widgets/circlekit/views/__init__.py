"""ipywidgets views: they render the model and bind inputs to it, nothing more."""

from ..render.html import Safe, esc, table
from .page import Message, error_page, guarded, page
from .start import StartPage

__all__ = ["Message", "Safe", "StartPage", "error_page", "esc", "guarded", "page", "table"]
