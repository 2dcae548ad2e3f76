"""Take-home documents (HTML with print styles, PDF, DOCX) built from the step declarations.

``build`` turns a circle into a neutral ``Document`` (sections of labelled entries, pictures,
and what was left out); ``html``, ``pdf`` and ``docx`` only lay that out. No second list of
fields exists: every entry comes from a step's declared fields.
"""

from .build import DOCUMENTS, build_document
from .document import Document
from .render import FORMATS, render
from .worksheet import build_worksheet

__all__ = ["DOCUMENTS", "FORMATS", "Document", "build_document", "build_worksheet", "render"]
