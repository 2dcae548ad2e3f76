"""Static, printable renderings of a circle and of the case library (escaped HTML and PNGs).

Used where there is no live kernel: the book's worked example and its case overview. Field
labels come from the step declarations; private fields are left out unless the people they
belong to chose to share them (``redact``), and the page says so.
"""

from __future__ import annotations

from ..i18n import _
from ..model import Circle, redact
from ..model import step as find_step
from ..model.display import as_text, clip
from ..model.steps import Step
from .html import Safe, join, png_img, table, tag


def step_table(circle: Circle, step: Step) -> Safe:
    """The rows of one step as a table, with the step's own field labels."""
    specs = [s for s in step.fields() if s.kind not in ("rows",)]
    # A step edits rows of the circle, or one record of it (closing, debrief).
    rows = getattr(circle, step.collection) if step.collection else [getattr(circle, step.key)]
    return table([s.label for s in specs],
                 [[clip(as_text(s, getattr(r, s.name), circle), 400) for s in specs]
                  for r in rows],
                 caption=f"{step.title}: {len(rows)} row(s)")


def circle_report(circle: Circle, step_key: str) -> Safe:
    """One step of a circle as static HTML."""
    shared, left_out = redact(circle)
    step = find_step(step_key)
    parts: list[object] = [step_table(shared, step)]
    if step_key == "agreement":
        from .agreement import agreement_html

        parts.append(agreement_html(shared))
    if left_out:
        parts.append(tag("p", _("Private details are left out where the people they belong "
                                "to have not chosen to share them."), class_="ck-help"))
    return join(parts)


def circle_picture(circle: Circle, step_key: str) -> Safe:
    """The drawing that belongs to a step (harm map, pod map, progress chart)."""
    from .charts import progress_alt, progress_png
    from .maps import harm_map_alt, harm_map_png, pod_map_alt, pod_map_png

    draw, alt = {"harm_map": (harm_map_png, harm_map_alt), "pods": (pod_map_png, pod_map_alt),
                 "follow_up": (progress_png, progress_alt)}[step_key]
    return png_img(draw(circle), alt(circle))


def cases_overview(cases: list) -> Safe:
    """The case library as one table with a chart of strategies by region."""
    from ..content.casestudies import KINDS, strategies_by_region
    from .charts import stacked_bars

    chart = stacked_bars(strategies_by_region(cases), title=_("Strategies by region"),
                         xlabel=_("Cases"), legend=_("Region"))
    return join([
        table([_("Case"), _("Organisation"), _("Where"), _("Kind")],
              [[c.title, c.organisation, c.where, _(KINDS[c.kind])]
               for c in cases], caption=f"{len(cases)} cases"),
        png_img(chart, _("Strategies by region")),
    ])
