"""The pictures a facilitator sees and prints: the same circle draws the same picture, labels
are whole and inside the image, the chart's legend covers no bar, dates read as in the
circle's language, and every picture is also said in words."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import matplotlib.image
import pytest
from matplotlib.colors import to_rgb

from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.model import Circle, Language, Progress
from circlekit.render import charts
from circlekit.render.charts import (
    PROGRESS_COLOURS,
    bars_alt,
    bars_figure,
    progress_alt,
    progress_png,
)
from circlekit.render.maps import (
    harm_graph,
    harm_map_alt,
    harm_map_png,
    pod_graph,
    pod_map_alt,
    pod_map_png,
)

DRAW = """
import hashlib, sys
from circlekit.model import Circle
from circlekit.render.maps import harm_map_png, pod_map_png
circle = Circle.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
print(hashlib.sha256(harm_map_png(circle) + pod_map_png(circle)).hexdigest())
"""


def crowded() -> Circle:
    """A circle with long names, many pod entries and two harms that share people."""
    circle = practice_circle(SCENARIOS[0].key)
    data = circle.model_dump(mode="json")
    extra = dict(data["participants"][1], id="0000000001",
                 alias="Community member from the night outreach team with a long alias")
    data["participants"].append(extra)
    harm = dict(data["harms"][0], id="0000000002", caused_by=[extra["id"]], harm_types=[])
    data["harms"].append(harm)
    for i in range(5):
        data["pods"].append(dict(data["pods"][0], id=f"000000001{i}", party=extra["id"],
                                 name=f"An organisation with a rather long name, number {i}"))
    return Circle.model_validate(data)


def test_the_same_circle_draws_byte_identical_maps_in_every_process(tmp_path: Path) -> None:
    """A reload is a new kernel with a new hash seed: the maps must not depend on it."""
    saved = tmp_path / "circle.json"
    saved.write_text(crowded().model_dump_json(), encoding="utf-8")
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        run = subprocess.run([sys.executable, "-c", DRAW, str(saved)], capture_output=True,
                             text=True, check=True, env=env)
        digests.add(run.stdout.strip())
    assert len(digests) == 1, "the map layout changed between kernels"
    circle = Circle.model_validate_json(saved.read_text(encoding="utf-8"))
    assert harm_map_png(circle) == harm_map_png(circle)


@pytest.mark.parametrize("draw", [harm_map_png, pod_map_png])
def test_map_labels_stay_inside_the_image(draw: object) -> None:
    """Nothing is drawn on the image's outermost pixels: a clipped label would be."""
    image = matplotlib.image.imread(io.BytesIO(draw(crowded())))  # type: ignore[operator]
    border = [image[0], image[-1], image[:, 0], image[:, -1]]
    assert all((edge[:, :3] > 0.98).all() for edge in border)


def test_map_labels_are_whole_and_keep_every_kind_of_harm() -> None:
    """Labels are wrapped between words, never cut: every name and kind is there in full."""
    circle = crowded()
    shown = {" ".join(d["label"].split()) for g in (harm_graph(circle), pod_graph(circle))
             for _n, d in g.nodes(data=True)}
    kinds = [", ".join(t.label for t in h.harm_types) or "kind not chosen"
             for h in circle.harms]
    whole = {f"Harm {i}: {k}" for i, k in enumerate(kinds, 1)}
    whole |= {c.label for h in circle.harms for c in h.conditions}
    whole |= {circle.alias(p) for h in circle.harms for p in h.caused_by}
    whole |= {circle.alias(a.participant) for h in circle.harms for a in h.affected}
    whole |= {e.name for e in circle.pods} | {circle.alias(e.party) for e in circle.pods}
    assert shown == {" ".join(w.split()) for w in whole}


def test_chart_legend_sits_outside_the_bars_and_done_can_be_seen() -> None:
    import matplotlib.pyplot as plt

    names = [p.label for p in Progress]
    fig = bars_figure({"30 Mar 2026": {"Done": 4, "In progress": 1}}, title="t", xlabel="x",
                      legend="Progress", series=names,
                      colours=[PROGRESS_COLOURS[p.value] for p in Progress])
    fig.canvas.draw()
    plot = fig.axes[0].get_window_extent()
    legend = fig.legends[0].get_window_extent()
    assert not plot.overlaps(legend), "the legend covers the bars"
    # The legend names what is drawn, each in its own colour: no key to a status no item has.
    keys = fig.legends[0]
    assert [t.get_text() for t in keys.get_texts()] == ["In progress", "Done"]
    assert [to_rgb(h.get_facecolor()) for h in keys.legend_handles] == [
        to_rgb(PROGRESS_COLOURS["some"]), to_rgb(PROGRESS_COLOURS["done"])]
    plt.close(fig)

    def contrast(a: str, b: str) -> float:
        def lum(c: str) -> float:
            return sum(w * (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
                       for w, v in zip((0.2126, 0.7152, 0.0722), to_rgb(c), strict=True))
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    # Done, mostly done and setback against the white page: at least 3:1 (WCAG non-text).
    for key in ("done", "mostly", "setback"):
        assert contrast(PROGRESS_COLOURS[key], "#ffffff") >= 3, key
    assert len(set(PROGRESS_COLOURS.values())) == len(Progress)


def test_chart_dates_read_as_in_the_circle_language(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, list[str]] = {}

    def capture(bars: dict, **kw: object) -> bytes:
        seen[str(kw["title"])] = list(bars)
        return b""

    monkeypatch.setattr(charts, "stacked_bars", capture)
    circle = practice_circle(SCENARIOS[0].key)
    held = circle.checkins[0].held_on
    circle.language = Language("es")
    progress_png(circle)
    assert held == date(2026, 3, 30)
    assert seen == {"Avance en cada seguimiento": ["30 mar 2026"]}
    circle.language = Language("en")
    seen.clear()
    progress_png(circle)
    assert held.isoformat() not in [d for dates in seen.values() for d in dates]


def test_every_picture_is_said_in_words_without_private_details() -> None:
    circle = practice_circle(SCENARIOS[0].key)
    harm = harm_map_alt(circle)
    assert harm.startswith("Harm map: 1 harm; 1 person who caused harm, 2 people affected.")
    for t in circle.harms[0].harm_types + circle.harms[0].conditions:
        assert t.label in harm
    pods = pod_map_alt(circle)
    assert "Support pods of 2 people" in pods and "In their pod (can be relied on): 2" in pods
    progress = progress_alt(circle)
    assert "1 check-in" in progress and "Done: 1" in progress
    private = [circle.harms[0].description, circle.harms[0].when,
               *[c.notes for c in circle.checkins], *[e.notes for e in circle.pods]]
    for alt in (harm, pods, progress):
        assert not [p for p in private if p and p in alt]
        assert not [p.alias for p in circle.participants if p.alias in alt]
    empty = Circle(title="New")
    assert harm_map_alt(empty) and pod_map_alt(empty) and progress_alt(empty)


def test_a_bar_chart_in_words_counts_only() -> None:
    """Largest first, as sorted bars read from the top; parts only with several series."""
    bars = {"Flyers": {"Europe": 1}, "Shelter": {"Europe": 2, "Global": 1}}
    assert bars_alt(bars, title="Strategies") == (
        "Strategies: Shelter: 3 (Europe 2, Global 1); Flyers: 1 (Europe 1).")
    assert bars_alt({"B": {"Score": 0}, "A": {"Score": 50}}, title="Scores", sort=False) == (
        "Scores: B: 0; A: 50.")
    assert bars_alt({}, title="Strategies") == "Strategies: Nothing to show yet."
