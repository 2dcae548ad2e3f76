"""Preparing an apology: guidance, and a draft that lives only in the page.

The record keeps only whether an apology was offered and accepted (``AccountabilityWork``).
Its words are prepared here and handed over: the draft box is a front-end widget with no trait
for its text, so what is typed never reaches the kernel or the data folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from ..i18n import N_, _
from ..render.html import join, tag
from .shared import HTML

HERE = Path(__file__).parent

# What a good apology names and avoids (after Mia Mingus, "The Four Parts of Accountability").
GUIDANCE = (
    N_("It names the harm plainly, without details the person harmed did not want said."),
    N_("It names the impact on them and on others, as they have told it."),
    N_("It says what will change, and how the repair agreement answers their needs."),
    N_("It avoids excuses, “if” and “but”, explaining why, blaming them, and asking for "
       "forgiveness or comfort."),
    N_("The person harmed may not want it, or not yet, and may refuse it when it comes: that "
       "is their right, not a failure."),
    N_("Even here, write no admission of a crime and no facts of a case: a printed page can "
       "be found."),
)


class ApologyDraft(anywidget.AnyWidget):
    """A text box and a print button that exist only in the browser (``apology.js``)."""

    _esm = HERE / "apology.js"

    labels = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        labels = {
            "label": _("Draft (never saved)"),
            "print": _("Print once and clear"),
            "empty": _("Nothing to print yet."),
            "printed": _("Printed, and cleared from this page."),
            "footer": _("Printed once from a draft that was never saved."),
        }
        super().__init__(labels=labels, **kwargs)


def apology_panel() -> widgets.VBox:
    """The guidance and the draft, folded under the accountability form."""
    intro = HTML(join([
        tag("h2", _("Preparing the apology")),
        tag("p", _("Only if the person harmed wants one, in the form they chose. Prepare it "
                   "with the person who caused harm and their pod. The draft below is never "
                   "saved or sent to the app: it is gone when you leave or reload this page. "
                   "The record keeps only whether it was offered and accepted.")),
        tag("p", _("A good apology:")),
        tag("ul", join(tag("li", _(point)) for point in GUIDANCE)),
    ]))
    box = widgets.VBox([intro, ApologyDraft()])
    box.add_class("ck-apology")
    return box


__all__ = ["GUIDANCE", "ApologyDraft", "apology_panel"]
