"""Drawings of a circle: the harm map and the pod map (networkx graphs, matplotlib PNGs).

Labels are aliases and controlled-vocabulary labels only, never free text, so a picture can
be shown or printed without revealing what someone said.

The same circle always gives the same picture, byte for byte: nodes sit in columns in the
order the circle lists them (never in set or hash order), and the figure is sized from the
measured labels, so a label is never clipped by its shape, a neighbour or the image edge.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Hashable
from statistics import fmean

import matplotlib

from ..i18n import _, language, ngettext

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.patches import FancyArrowPatch

from ..model import Circle, Directness, PodRelation

# Names are drawn as typed: "$" must not start mathtext (which also fails on bad input).
matplotlib.rcParams["text.parse_math"] = False

# The box around a label (its shape tells the kind apart in greyscale too) and its fill.
KIND_STYLE = {
    "person": ("round,pad=0.5", "#cfe3f3"),
    "harm": ("square,pad=0.5", "#f6c8b8"),
    "condition": ("round4,pad=0.5", "#f3e2a9"),
    "org": ("sawtooth,pad=0.5", "#d5e8d4"),
}
# Okabe and Ito's colour-blind-safe colours (no red beside green), each with its own line
# style, so a relation is told apart without colour too.
RELATION_COLOUR = {
    PodRelation.POD: "#009E73",
    PodRelation.MOVABLE: "#0072B2",
    PodRelation.BARRIER: "#D55E00",
    PodRelation.RESOURCE: "#CC79A7",
}
RELATION_STYLE = {PodRelation.POD: "solid", PodRelation.MOVABLE: "dashed",
                  PodRelation.BARRIER: "dotted", PodRelation.RESOURCE: "dashdot"}
CAUSED, AFFECTED, CONDITION = "#D55E00", "#37474f", "#8d6e00"
DPI = 100
FONT_SIZE = 9
WRAP = 20  # characters per label line
COLUMN_GAP = 90  # pixels between label boxes of neighbouring columns: room for the arrows
ROW_GAP = 22  # pixels between label boxes in one column
MIN_WIDTH = 640  # pixels, so the title and the legend have room


def _wrap(label: str) -> str:
    """At most five lines, broken between words; a longer label ends in "…" after a word."""
    return "\n".join(textwrap.wrap(label, WRAP, max_lines=5, placeholder=" …")) or label


def _columns(graph: nx.DiGraph) -> list[list[Hashable]]:
    """Nodes by layer, each column in a fixed order: the circle's own order, with people and
    conditions moved next to the harms they are linked to (fewer crossing arrows)."""
    layers: dict[int, list[Hashable]] = {}
    for node, data in graph.nodes(data=True):  # insertion order: the circle's order
        layers.setdefault(data["layer"], []).append(node)
    middle = {n: i for i, n in enumerate(layers.get(1, []))}

    def centre(node: Hashable) -> float:
        linked = [middle[m] for m in nx.all_neighbors(graph, node) if m in middle]
        return fmean(linked) if linked else len(middle)

    return [sorted(nodes, key=centre) if layer != 1 else nodes  # sorted() is stable
            for layer, nodes in sorted(layers.items())]


def _save(fig: plt.Figure) -> bytes:
    out = io.BytesIO()
    # "tight" grows the image to hold the title and the legend around the drawing.
    fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.15,
                metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def _png(graph: nx.DiGraph, title: str, empty: str, legend: list[tuple[str, str, str]]
         ) -> bytes:
    with warnings.catch_warnings():
        # A missing glyph's warning would quote the typed character into the server's log.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        return _draw(graph, title, empty, legend)


def _draw(graph: nx.DiGraph, title: str, empty: str, legend: list[tuple[str, str, str]]
          ) -> bytes:
    if graph.number_of_nodes() == 0:
        fig, ax = plt.subplots(figsize=(MIN_WIDTH / DPI, 1.4), dpi=DPI)
        ax.set_axis_off()
        ax.set_title(title, loc="left", fontsize=11)
        ax.text(0.5, 0.5, empty, ha="center", va="center", fontsize=11)
        return _save(fig)

    fig = plt.figure(dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))  # axes in pixels: limits are set to the figure's size
    ax.set_axis_off()
    labels = {}
    for node, data in graph.nodes(data=True):
        box, colour = KIND_STYLE[data["kind"]]
        labels[node] = ax.text(0, 0, data["label"], ha="center", va="center",
                               fontsize=FONT_SIZE, zorder=2, clip_on=False,
                               bbox={"boxstyle": box, "fc": colour, "ec": "#333", "lw": 1})
    # Measure every label box once, then space columns and rows by the largest.
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = []
    for t in labels.values():
        t.update_bbox_position_size(renderer)
        patch = t.get_bbox_patch()
        assert patch is not None  # every label was given a box above
        boxes.append(patch.get_window_extent(renderer))
    box_w, box_h = max(b.width for b in boxes), max(b.height for b in boxes)
    columns = _columns(graph)
    step_x, step_y = box_w + COLUMN_GAP, box_h + ROW_GAP
    width = max(MIN_WIDTH, (len(columns) - 1) * step_x + box_w + 2 * ROW_GAP)
    height = (max(map(len, columns)) - 1) * step_y + box_h + 2 * ROW_GAP
    fig.set_size_inches(width / DPI, height / DPI)
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    pos = {}
    for c, nodes in enumerate(columns):
        for r, node in enumerate(nodes):
            pos[node] = (width / 2 + (c - (len(columns) - 1) / 2) * step_x,
                         height / 2 + ((len(nodes) - 1) / 2 - r) * step_y)
            labels[node].set_position(pos[node])
    for u, v, data in graph.edges(data=True):
        # Drawn after the labels (higher zorder), so each arrow is cut at the edge of the
        # label boxes where they are at this draw.
        ax.add_patch(FancyArrowPatch(
            pos[u], pos[v], patchA=labels[u].get_bbox_patch(),
            patchB=labels[v].get_bbox_patch(), arrowstyle="-|>", mutation_scale=14,
            color=data["colour"], linestyle=data["style"],
            linewidth=1.3, shrinkA=3, shrinkB=3, zorder=3, clip_on=False))
    ax.set_title(title, loc="left", fontsize=11)
    handles = [plt.Line2D([], [], color=c, linestyle=ls, label=label)  # type: ignore[arg-type]
               for label, c, ls in legend]
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                  ncol=2, fontsize=FONT_SIZE, frameon=False)
    return _save(fig)


def harm_graph(circle: Circle) -> nx.DiGraph:
    g = nx.DiGraph()
    for i, harm in enumerate(circle.harms, 1):
        hid = f"harm:{harm.id}"
        kinds = ", ".join(t.label for t in harm.harm_types) or _("kind not chosen")
        label = _("Harm {number}: {kinds}").format(number=i, kinds=kinds)
        g.add_node(hid, kind="harm", label=_wrap(label), layer=1)
        for pid in harm.caused_by:
            if pid not in g:
                g.add_node(pid, kind="person", label=_wrap(circle.alias(pid)), layer=0)
            g.add_edge(pid, hid, style="solid", colour=CAUSED)
        for affected in harm.affected:
            pid = affected.participant
            if pid not in g:
                g.add_node(pid, kind="person", label=_wrap(circle.alias(pid)), layer=2)
            style = "solid" if affected.directness is Directness.DIRECT else "dashed"
            g.add_edge(hid, pid, style=style, colour=AFFECTED)
        for condition in harm.conditions:
            cid = f"condition:{condition.value}"
            g.add_node(cid, kind="condition", label=_wrap(condition.label), layer=0)
            g.add_edge(cid, hid, style="dashed", colour=CONDITION)
    return g


def harm_map_png(circle: Circle) -> bytes:
    with language(circle.language):
        return _png(harm_graph(circle), _("Harm map"),
                    _("The map appears as harms are added."), [
                        (_("caused the harm"), CAUSED, "solid"),
                        (_("directly affected"), AFFECTED, "solid"),
                        (_("indirectly affected"), AFFECTED, "dashed"),
                        (_("structural condition"), CONDITION, "dashed"),
                    ])


def harm_map_alt(circle: Circle) -> str:
    """What the harm map shows, in words: counts and kinds, never a name or a description."""
    with language(circle.language):
        if not circle.harms:
            return _("Harm map: no harms recorded yet.")
        caused = {p for h in circle.harms for p in h.caused_by}
        affected = {a.participant for h in circle.harms for a in h.affected}
        kinds = sorted({t.label for h in circle.harms for t in h.harm_types})
        conditions = sorted({c.label for h in circle.harms for c in h.conditions})
        # Whole phrases per number: a verb or an adjective may agree with it.
        text = _("Harm map: {harms}; {caused}, {affected}.").format(
            harms=ngettext("{n} harm", "{n} harms", len(circle.harms)).format(
                n=len(circle.harms)),
            caused=ngettext("{n} person who caused harm", "{n} people who caused harm",
                            len(caused)).format(n=len(caused)),
            affected=ngettext("{n} person affected", "{n} people affected",
                              len(affected)).format(n=len(affected)))
        if kinds:
            text += " " + _("Kinds of harm: {kinds}.").format(kinds=", ".join(kinds))
        if conditions:
            text += " " + _("Structural conditions: {conditions}.").format(
                conditions=", ".join(conditions))
        return text


def pod_graph(circle: Circle) -> nx.DiGraph:
    g = nx.DiGraph()
    for entry in circle.pods:
        g.add_node(entry.party, kind="person", label=_wrap(circle.alias(entry.party)),
                   layer=0)
        node = f"pod:{entry.id}"
        g.add_node(node, kind="org" if entry.kind.value == "organisation" else "person",
                   label=_wrap(entry.name), layer=1)
        g.add_edge(entry.party, node, style=RELATION_STYLE[entry.relation],
                   colour=RELATION_COLOUR[entry.relation])
    return g


def pod_map_png(circle: Circle) -> bytes:
    with language(circle.language):
        return _png(pod_graph(circle), _("Support pods"),
                    _("The map appears as pod entries are added."),
                    [(r.label, c, RELATION_STYLE[r]) for r, c in RELATION_COLOUR.items()])


def pod_map_alt(circle: Circle) -> str:
    """What the pod map shows, in words: how many people and how many of each relation."""
    with language(circle.language):
        if not circle.pods:
            return _("Support pods: no pod entries yet.")
        parties = {e.party for e in circle.pods}
        counts = [f"{r.label}: {sum(e.relation is r for e in circle.pods)}"
                  for r in PodRelation if any(e.relation is r for e in circle.pods)]
        return ngettext("Support pods of {n} person. {counts}.",
                        "Support pods of {n} people. {counts}.", len(parties)).format(
            n=len(parties), counts="; ".join(counts))
