"""Charts as PNG bytes (matplotlib, no display needed), for pages and documents alike."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display; figures become PNG bytes

import matplotlib.pyplot as plt
import pandas as pd

PALETTE = ["#1f5f8b", "#d9822b", "#3c8d5a", "#8e4585", "#b5a22c", "#5b6770"]


def stacked_bars(table: pd.DataFrame, *, title: str, xlabel: str, sort: bool = True) -> bytes:
    """Horizontal stacked bars: one bar per row of ``table``, one colour per column."""
    fig, ax = plt.subplots(figsize=(7, 0.32 * max(len(table), 3) + 1.2), dpi=110)
    if table.empty:
        ax.text(0.5, 0.5, "Nothing to show yet.", ha="center", va="center")
        ax.set_axis_off()
    else:
        if sort:
            table = table.loc[table.sum(axis=1).sort_values().index]
        table.plot.barh(stacked=True, ax=ax, color=PALETTE[: len(table.columns)], width=0.75)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("")
        ax.xaxis.get_major_locator().set_params(integer=True)
        legend_title = str(table.columns.name or "").capitalize()
        ax.legend(title=legend_title, frameon=False, loc="lower right")
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def progress_png(circle: object) -> bytes:
    """Progress reported on the agreement items at each check-in, as stacked bars."""
    from ..model import Progress

    rows = [{"check-in": c.held_on.isoformat(), "progress": p.progress.label}  # type: ignore[attr-defined]
            for c in circle.checkins for p in c.progress]  # type: ignore[attr-defined]
    if not rows:
        return stacked_bars(pd.DataFrame(), title="Progress at each check-in", xlabel="Items")
    frame = pd.crosstab(pd.DataFrame(rows)["check-in"], pd.DataFrame(rows)["progress"])
    order = [p.label for p in Progress if p.label in frame.columns]
    frame = frame[order].sort_index(ascending=False)
    frame.columns.name = "progress"
    return stacked_bars(frame, title="Progress at each check-in", xlabel="Items",
                        sort=False)
