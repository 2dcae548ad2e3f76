"""Charts as PNG bytes (matplotlib, no display needed), for pages and documents alike.

Plain dicts in, so a page that draws does not also pay for importing pandas.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from typing import Any

import matplotlib

from ..i18n import _

matplotlib.use("Agg")  # no display; figures become PNG bytes

import matplotlib.pyplot as plt

# Names are drawn as typed: "$" must not start mathtext (which also fails on bad input).
matplotlib.rcParams["text.parse_math"] = False

PALETTE = ["#1f5f8b", "#d9822b", "#3c8d5a", "#8e4585", "#b5a22c", "#5b6770"]

# {bar label: {series label: count}}
Bars = dict[str, dict[str, int]]


def stacked_bars(bars: Bars, *, title: str, xlabel: str, legend: str = "",
                 series: list[str] | None = None, sort: bool = True) -> bytes:
    """Horizontal stacked bars: one bar per key of ``bars``, one colour per series."""
    fig, ax = plt.subplots(figsize=(7, 0.32 * max(len(bars), 3) + 1.2), dpi=110)
    if not bars:
        ax.text(0.5, 0.5, _("Nothing to show yet."), ha="center", va="center")
        ax.set_axis_off()
    else:
        names = series or sorted({s for counts in bars.values() for s in counts})
        labels = list(bars)
        if sort:
            labels.sort(key=lambda b: sum(bars[b].values()))
        left = [0] * len(labels)
        for colour, name in zip(PALETTE * 3, names, strict=False):
            widths = [bars[b].get(name, 0) for b in labels]
            ax.barh(labels, widths, left=left, color=colour, label=name, height=0.75)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        ax.legend(title=legend, frameon=False, loc="lower right")
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    out = io.BytesIO()
    with warnings.catch_warnings():
        # A missing glyph's warning would quote the typed character into the server's log.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def progress_png(circle: Any) -> bytes:
    """Progress reported on the agreement items at each check-in, newest at the top."""
    from ..model import Progress

    bars: Bars = {}
    for checkin in sorted(circle.checkins, key=lambda c: c.held_on):
        counts = Counter(p.progress.label for p in checkin.progress)
        bars[checkin.held_on.isoformat()] = dict(counts)
    return stacked_bars(dict(reversed(bars.items())), title=_("Progress at each check-in"),
                        xlabel=_("Agreement items"), legend=_("Progress"),
                        series=[p.label for p in Progress], sort=False)
