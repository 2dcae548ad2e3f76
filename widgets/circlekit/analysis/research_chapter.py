"""What the research chapter (``notebooks/40_research.ipynb``) shows beside the frames: a
worked example of made-up circles, who is counted and who is left out, and a picture per
frame in which a hidden count stays hidden.

Every number here follows the rules of ``circlekit.analysis.research``: circles are the
contributors, and a count from fewer than ``MIN_COUNT`` circles, or dominated by one, is not shown.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Hashable, Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..i18n import _
from ..model import Circle, ConsentScope
from ..model.fields import row_id
from ..model.release import Release
from ..model.synthetic import synthetic_circle
from .disclosure import Cell, Publication, protect
from .research import MIN_COUNT, checkin_cells, checkin_frame, eligible, moved

BAR = "#1f5f8b"
HIDDEN = "#5b6770"


def worked_example(counted: int = 60) -> list[Circle]:
    """Made-up circles (filler text, invented aliases): ``counted`` that every participant
    agreed to count, a few where someone did not, and a few practice circles. Check-ins vary
    so that one count in the check-in frame comes from too few circles to be shown."""
    circles = []
    for seed in range(counted):
        circle = synthetic_circle(12, seed=seed)
        first = circle.checkins[0]
        held = 0 if seed < 3 else 2 if seed < 20 else 1  # 3 circles with none: hidden
        circle.checkins = [first.model_copy(update={"id": row_id()}) for _ in range(held)]
        circles.append(circle)
    circles += [synthetic_circle(12, seed=100 + i, research_consent=False) for i in range(7)]
    for i in range(2):
        practice = synthetic_circle(12, seed=200 + i)
        practice.practice = True
        circles.append(practice)
    return circles


def _reason(circle: Circle) -> str:
    if circle.practice:
        return "practice"
    if not circle.participants:
        return "nobody"
    if not all(ConsentScope.RESEARCH in p.consent.agreed_to for p in circle.participants):
        return "no_consent"
    return "counted"


REASONS = {
    "counted": "Counted",
    "no_consent": "Left out: someone did not agree",
    "practice": "Left out: practice circle",
    "nobody": "Left out: nobody recorded yet",
    "all": "All circles",
}


def counted_together(circles: list[Circle], earlier: Sequence[Release] = ()
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who is counted (how many circles, and how many are left out for each reason) and the
    circles by number of check-ins, protected as one publication: the check-in counts add up
    to the circles counted, and the reasons to all circles, so no table's visible cells may
    give away another's hidden one. Check-in counts that moved too little since a release
    that showed them stay hidden, as in ``research.checkin_counts``."""
    reasons = [_reason(c) for c in circles]  # "counted" is exactly research.eligible
    parts = [k for k in REASONS if k != "all"]
    cells: dict[Hashable, Cell] = {k: Cell.of([1] * reasons.count(k)) for k in parts}
    cells["all"] = Cell.of([1] * len(reasons), total=True)
    checkins = checkin_cells(eligible(circles))
    publication = Publication({**cells, **{("checkins", *k): c for k, c in checkins.items()}})
    publication.sums(parts, "all")
    publication.sums([("checkins", *k) for k in checkins], "counted")
    moved_since = moved("checkin_counts", {k: c.value for k, c in checkins.items()}, earlier)
    hidden = protect(publication, also=[("checkins", *k) for k in moved_since])
    who = pd.DataFrame(
        [{"circles": REASONS[k], "count": pd.NA if k in hidden else cells[k].value}
         for k in REASONS], columns=["circles", "count"])
    who["count"] = who["count"].astype("Int64")
    return who, checkin_frame(checkins, {k for k in checkins if ("checkins", *k) in hidden})


def who_is_counted(circles: list[Circle], earlier: Sequence[Release] = ()) -> pd.DataFrame:
    """The "who is counted" table of ``counted_together``."""
    return counted_together(circles, earlier)[0]


def _labels(frame: pd.DataFrame) -> list[str]:
    labels = [c for c in frame.columns if c.endswith("_label")]
    if not labels:
        return [str(v) for v in frame[frame.columns[0]]]
    return [textwrap.fill(" · ".join(str(row[c]) for c in labels), 40)
            for _i, row in frame.iterrows()]


def frame_png(frame: pd.DataFrame, *, title: str, value: str = "count",
              xlabel: str = "") -> bytes:
    """One bar per row of a research frame; a hidden count gets no bar, only the word
    "hidden", so a picture never suggests a size for it (not even zero)."""
    labels = _labels(frame)
    counts = list(frame[value])
    lines = sum(label.count("\n") + 1 for label in labels)
    # A Figure of its own, not pyplot: the notebook's plotting backend stays as it was.
    fig = Figure(figsize=(7, 0.3 * max(lines, 3) + 1.3), dpi=110)
    ax = fig.subplots()
    if not labels:
        ax.text(0.5, 0.5, _("Nothing to show yet."), ha="center", va="center")
        ax.set_axis_off()
    else:
        shown = [0 if pd.isna(n) else int(n) for n in counts]
        ax.barh(labels, shown, color=BAR, height=0.7)
        for y, n in enumerate(counts):
            if pd.isna(n):
                ax.text(0, y, " " + _("hidden"), va="center", color=HIDDEN, style="italic")
        ax.invert_yaxis()  # the frame's order, top to bottom
        ax.set_xlabel(xlabel or _("Count"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(out, format="png")
    return out.getvalue()


__all__ = ["MIN_COUNT", "REASONS", "counted_together", "frame_png", "who_is_counted",
           "worked_example"]


def show(frame: pd.DataFrame, circles: list[Circle], *, title: str, value: str = "count",
         xlabel: str = "") -> None:
    """Display a research frame and its picture, or, when it shows no count, why not."""
    from IPython.display import Image, Markdown, display

    from .research import why_nothing_shown

    reason = why_nothing_shown(frame, circles)
    if reason is not None:
        display(Markdown(f"**{title}**: {reason}"))
        return
    display(frame)
    display(Image(frame_png(frame, title=title, value=value, xlabel=xlabel)))
