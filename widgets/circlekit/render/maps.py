"""Drawings of a circle: the harm map and the pod map (networkx layouts, matplotlib PNGs).

Labels are aliases and controlled-vocabulary labels only, never free text, so a picture can
be shown or printed without revealing what someone said.
"""

from __future__ import annotations

import io
import textwrap
import warnings

import matplotlib

from ..i18n import _

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx

from ..model import Circle, Directness, PodRelation

# Names are drawn as typed: "$" must not start mathtext (which also fails on bad input).
matplotlib.rcParams["text.parse_math"] = False

KIND_STYLE = {
    "person": ("o", "#cfe3f3"),
    "harm": ("s", "#f6c8b8"),
    "condition": ("D", "#f3e2a9"),
    "org": ("h", "#d5e8d4"),
}
RELATION_COLOUR = {
    PodRelation.POD: "#2e7d32",
    PodRelation.MOVABLE: "#1565c0",
    PodRelation.BARRIER: "#c62828",
    PodRelation.RESOURCE: "#6a1b9a",
}


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, 13)[:4]) or label


def _png(graph: nx.DiGraph, title: str, empty: str, legend: list[tuple[str, str, str]]
         ) -> bytes:
    fig, ax = plt.subplots(figsize=(7, 5.2), dpi=100)
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, empty, ha="center", va="center", fontsize=11)
    else:
        # Columns read left to right: causes and conditions → harms → who was affected.
        pos = nx.multipartite_layout(graph, subset_key="layer", align="vertical")
        ax.margins(0.18)
        for kind, (shape, colour) in KIND_STYLE.items():
            nodes = [n for n, d in graph.nodes(data=True) if d["kind"] == kind]
            nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_shape=shape,
                                   node_color=colour, node_size=2300, edgecolors="#333",
                                   ax=ax)
        for style in ("solid", "dashed"):
            edges = [(u, v) for u, v, d in graph.edges(data=True) if d["style"] == style]
            colours = [graph.edges[e]["colour"] for e in edges]
            nx.draw_networkx_edges(graph, pos, edgelist=edges, style=style, edge_color=colours,
                                   arrows=True, arrowsize=14, node_size=2300, ax=ax)
        nx.draw_networkx_labels(graph, pos, {n: d["label"] for n, d in graph.nodes(data=True)},
                                font_size=7, ax=ax)
        handles = [plt.Line2D([], [], color=c, linestyle=ls, label=label)  # type: ignore[arg-type]
                   for label, c, ls in legend]
        if handles:
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                      ncol=2, fontsize=8, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    with warnings.catch_warnings():
        # A missing glyph's warning would quote the typed character into the server's log.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def harm_graph(circle: Circle) -> nx.DiGraph:
    g = nx.DiGraph()
    for i, harm in enumerate(circle.harms, 1):
        hid = f"harm:{harm.id}"
        kinds = ", ".join(t.label for t in harm.harm_types[:2]) or _("kind not chosen")
        label = _("Harm {number}: {kinds}").format(number=i, kinds=kinds)
        g.add_node(hid, kind="harm", label=_wrap(label), layer=1)
        for pid in harm.caused_by:
            if pid not in g:
                g.add_node(pid, kind="person", label=_wrap(circle.alias(pid)), layer=0)
            g.add_edge(pid, hid, style="solid", colour="#b71c1c")
        for affected in harm.affected:
            pid = affected.participant
            if pid not in g:
                g.add_node(pid, kind="person", label=_wrap(circle.alias(pid)), layer=2)
            style = "solid" if affected.directness is Directness.DIRECT else "dashed"
            g.add_edge(hid, pid, style=style, colour="#37474f")
        for condition in harm.conditions:
            cid = f"condition:{condition.value}"
            g.add_node(cid, kind="condition", label=_wrap(condition.label), layer=0)
            g.add_edge(cid, hid, style="dashed", colour="#8d6e00")
    return g


def harm_map_png(circle: Circle) -> bytes:
    return _png(harm_graph(circle), _("Harm map"), _("The map appears as harms are added."), [
        (_("caused the harm"), "#b71c1c", "solid"),
        (_("directly affected"), "#37474f", "solid"),
        (_("indirectly affected"), "#37474f", "dashed"),
        (_("structural condition"), "#8d6e00", "dashed"),
    ])


def pod_graph(circle: Circle) -> nx.DiGraph:
    g = nx.DiGraph()
    for entry in circle.pods:
        g.add_node(entry.party, kind="person", label=_wrap(circle.alias(entry.party)),
                   layer=0)
        node = f"pod:{entry.id}"
        g.add_node(node, kind="org" if entry.kind.value == "organisation" else "person",
                   label=_wrap(entry.name), layer=1)
        g.add_edge(entry.party, node, style="dashed" if entry.relation is PodRelation.MOVABLE
                   else "solid", colour=RELATION_COLOUR[entry.relation])
    return g


def pod_map_png(circle: Circle) -> bytes:
    return _png(pod_graph(circle), _("Support pods"),
                _("The map appears as pod entries are added."),
                [(r.label, c, "dashed" if r is PodRelation.MOVABLE else "solid")
                 for r, c in RELATION_COLOUR.items()])
