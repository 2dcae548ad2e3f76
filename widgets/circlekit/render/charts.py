"""Charts as PNG bytes (matplotlib, no display needed), for pages and documents alike.

Plain dicts in, so a page that draws does not also pay for importing pandas.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from typing import Any

import matplotlib

from ..i18n import _, format_date, language, ngettext

matplotlib.use("Agg")  # no display; figures become PNG bytes

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

# Names are drawn as typed: "$" must not start mathtext (which also fails on bad input).
matplotlib.rcParams["text.parse_math"] = False

# Okabe and Ito's colour-blind-safe palette, darkest first (the first colours are used most).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
           "#000000"]
# Progress reads from grey (nothing yet) through light and dark blue to green (done); a
# setback is vermilion. Every pair stays apart in the common kinds of colour blindness, and
# each segment also carries its count and a white edge, so colour is never the only cue.
PROGRESS_COLOURS = {"none": "#999999", "some": "#56B4E9", "mostly": "#0072B2",
                    "done": "#009E73", "setback": "#D55E00"}

# {bar label: {series label: count}}
Bars = dict[str, dict[str, int]]


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    lum = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
              for w, c in zip((0.2126, 0.7152, 0.0722), to_rgb(colour), strict=True))
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def stacked_bars(bars: Bars, *, title: str, xlabel: str, legend: str = "",
                 series: list[str] | None = None, sort: bool = True,
                 colours: list[str] | None = None, xmax: int | None = None) -> bytes:
    """Horizontal stacked bars: one bar per key of ``bars``, one colour per series."""
    with warnings.catch_warnings():
        # A missing glyph's warning would quote the typed character into the server's log.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig = bars_figure(bars, title=title, xlabel=xlabel, legend=legend, series=series,
                          sort=sort, colours=colours, xmax=xmax)
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def bars_alt(bars: Bars, *, title: str, sort: bool = True) -> str:
    """What ``stacked_bars`` shows, in words and counts only: each bar's total, and its
    parts when there is more than one series; sorted bars are read largest first, as the
    picture shows them from the top."""
    if not bars:
        return _("{title}: {counts}").format(title=title, counts=_("Nothing to show yet."))
    series = {s for counts in bars.values() for s in counts}
    parts = []
    labels = sorted(bars, key=lambda b: -sum(bars[b].values())) if sort else list(bars)
    for label in labels:
        counts = bars[label]
        total = str(sum(counts.values()))
        if len(series) > 1:
            total += " (" + ", ".join(f"{s} {n}" for s, n in counts.items() if n) + ")"
        parts.append(f"{label}: {total}")
    return _("{title}: {counts}").format(title=title, counts="; ".join(parts) + ".")


def bars_figure(bars: Bars, *, title: str, xlabel: str, legend: str = "",
                series: list[str] | None = None, sort: bool = True,
                colours: list[str] | None = None, xmax: int | None = None) -> Figure:
    """The figure ``stacked_bars`` saves. The legend sits below the plot, never over a bar,
    and each segment shows its count."""
    fig, ax = plt.subplots(figsize=(7, 0.34 * max(len(bars), 3) + 1.6), dpi=110,
                           layout="constrained")
    if not bars:
        ax.text(0.5, 0.5, _("Nothing to show yet."), ha="center", va="center")
        ax.set_axis_off()
    else:
        names = series or sorted({s for counts in bars.values() for s in counts})
        labels = list(bars)
        if sort:
            labels.sort(key=lambda b: sum(bars[b].values()))
        left = [0] * len(labels)
        # Each series keeps its own colour, but the legend names only what is drawn: a
        # status no item has would be a key to nothing.
        drawn_series = [(colour, name) for colour, name in zip(
            (colours or PALETTE) * 3, names, strict=False)
            if any(bars[b].get(name, 0) for b in labels)]
        for colour, name in drawn_series:
            widths = [bars[b].get(name, 0) for b in labels]
            drawn = ax.barh(labels, widths, left=left, color=colour, label=name, height=0.75,
                            edgecolor="white", linewidth=1)
            ax.bar_label(drawn, labels=[str(w) if w else "" for w in widths],
                         label_type="center", color=_ink(colour), fontsize=9)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        if xmax is not None:  # a score "of 100" is drawn against the whole 100
            ax.set_xlim(0, xmax)
        fig.legend(title=legend, frameon=False, loc="outside lower center",
                   ncol=max(1, min(len(drawn_series), 3)))
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11)
    return fig


def progress_png(circle: Any) -> bytes:
    """Progress reported on the agreement items at each check-in, newest at the top, dated
    as people write dates in the circle's language."""
    from ..model import Progress

    with language(circle.language):
        bars: Bars = {}
        for checkin in sorted(circle.checkins, key=lambda c: c.held_on):
            counts = Counter(p.progress.label for p in checkin.progress)
            bars[format_date(checkin.held_on)] = dict(counts)
        return stacked_bars(dict(reversed(bars.items())), title=_("Progress at each check-in"),
                            xlabel=_("Agreement items"), legend=_("Progress"),
                            series=[p.label for p in Progress], sort=False,
                            colours=[PROGRESS_COLOURS[p.value] for p in Progress])


def progress_alt(circle: Any) -> str:
    """What the progress chart shows, in words: how many check-ins, and at the latest, how
    many items stood where."""
    from ..model import Progress

    with language(circle.language):
        if not circle.checkins:
            return _("Progress at each check-in: no check-ins yet.")
        latest = max(circle.checkins, key=lambda c: c.held_on)
        counts = Counter(p.progress for p in latest.progress)
        return _("Progress at {checkins}. At the latest, on {date}: {counts}.").format(
            checkins=ngettext("{n} check-in", "{n} check-ins", len(circle.checkins)).format(
                n=len(circle.checkins)),
            date=format_date(latest.held_on),
            counts="; ".join(f"{p.label}: {counts[p]}" for p in Progress if counts[p])
            or _("no item discussed"))
