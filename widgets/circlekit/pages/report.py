"""One circle's step as a static report: escaped HTML tables, no widgets.

What the step notebooks show with ``report=True`` (papermill, a review, a printout). A report
is a copy of the circle for one reader (``circlekit.model.privacy.copy_for``): without a
reader it holds only what everyone chose to share, a safety plan only in its holder's own
report, and the facilitator's debrief in none.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import NotFound
from ..i18n import _
from ..model import Circle
from ..model import step as find_step
from ..model.privacy import copy_for
from ..render.html import Safe, join, tag
from ..render.report import step_table

PRIVATE_TO_FACILITATOR = ("debrief",)


def _reader_id(circle: Circle, reader: str | None) -> str | None:
    if reader is None:
        return None
    who = next((p.id for p in circle.participants if reader in (p.id, p.alias)), None)
    if who is None:
        raise NotFound(_("Nobody in this circle is called “{name}”.").format(name=reader))
    return who


def report_html(circle: Circle, step_key: str, reader: str | None = None) -> Safe:
    """The rows of step ``step_key`` as ``reader`` (an alias or id; None: anyone) may see
    them."""
    step = find_step(step_key)
    heading = tag("h2", _(step.title))
    if step.key in PRIVATE_TO_FACILITATOR:
        return join([heading, tag("p", _("The facilitator's debrief is for the facilitator "
                                         "alone: it is never in a report."), class_="ck-help")])
    who = _reader_id(circle, reader)
    made = copy_for(circle, who)
    alias = next((p.alias for p in circle.participants if p.id == who), "")
    for_whom = (_("As {name} may see it.").format(name=alias) if who else
                _("Only what everyone in the circle chose to share."))
    parts: list[object] = [heading, tag("p", for_whom, class_="ck-help"),
                           step_table(made.circle, step)]
    if made.left_out or made.hidden_needs:
        parts.append(tag("p", _("Private details are left out where the people they belong "
                                "to have not chosen to share them."), class_="ck-help"))
    if step.key == "safety_plan":
        parts.append(tag("p", _("A safety plan is shown only in its holder's own report."),
                         class_="ck-help"))
    return join(parts)


def step_report(step_key: str, circle_id: str | None = None, folder: str | None = None,
                reader: str | None = None) -> object:
    """``report_html`` of a stored circle, for a notebook; errors become a plain sentence."""
    from IPython.display import HTML

    # The same entry as the app's pages: data folder, log, language, no traceback.
    from . import _build, chosen_circle

    def make(path: Path) -> object:
        return HTML(report_html(chosen_circle(path, circle_id), step_key, reader))

    return _build(make, folder)  # type: ignore[arg-type]
