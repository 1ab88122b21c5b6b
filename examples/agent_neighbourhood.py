"""An agent's neighbourhood: everything within two hops of it, coloured by node kind.

    python examples/agent_neighbourhood.py --agent menaquinone-7 [--radius 2] [--out DIR] [--source embedded|neo4j]

Writes neighbourhood-<agent>.png/.svg (rings by hop distance, one colour per kind, with a legend) and
neighbourhood-<agent>.csv (every node with its kind and distance, and every relationship among them).
"""

from __future__ import annotations

import math
import sys

import _common
import matplotlib.pyplot as plt
import networkx as nx

from graph.analytics import knowledge_projection, name, neighbourhood, nodes_of
from graph.schema import NodeKind


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--agent", default="menaquinone-7", help="agent id (e.g. etidronate, indomethacin)")
    p.add_argument("--radius", type=int, default=2, help="hops from the agent")
    args = p.parse_args()
    g = _common.load_graph(args)
    agents = nodes_of(g, NodeKind.AGENT)
    if args.agent not in agents:
        close = [a for a in agents if args.agent.split("-")[0] in a] or agents[:10]
        sys.exit(f"no agent {args.agent!r}; try one of: {', '.join(close)}")
    sub = neighbourhood(g, args.agent, args.radius)
    hops = nx.single_source_shortest_path_length(knowledge_projection(sub), args.agent)
    stem = f"neighbourhood-{args.agent}"
    node_rows = [["node", n, name(g, n), sub.nodes[n]["label"], hops[n], ""]
                 for n in sorted(sub, key=lambda n: (hops[n], sub.nodes[n]["label"], n))]
    edge_rows = [["relationship", u, name(g, u), attrs["type"], v, name(g, v)]
                 for u, v, _, attrs in sorted(sub.edges(keys=True, data=True), key=lambda e: e[2])]
    _common.write_csv(args.out / f"{stem}.csv", ["row", "id_or_source", "name", "kind_or_type", "hops_or_target",
                                                 "target_name"], node_rows + edge_rows)
    draw(sub, hops, args, stem)


def rings_layout(sub: nx.MultiDiGraph, hops: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Concentric rings by hop distance. The first ring is grouped by kind; each further node sits near the
    nodes of the previous ring it is linked to (mean angle), which keeps most edges short and uncrossed."""
    und = knowledge_projection(sub)
    angle: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for d in range(max(hops.values()) + 1):
        ring = [n for n in und if hops[n] == d]
        if d <= 1:
            ring.sort(key=lambda n: (sub.nodes[n]["label"], n))
        else:
            ring.sort(key=lambda n: (_mean_angle([angle[m] for m in und[n] if hops[m] == d - 1]), n))
        for i, n in enumerate(ring):
            angle[n] = 2 * math.pi * i / max(len(ring), 1)
            pos[n] = (d * math.cos(angle[n]), d * math.sin(angle[n]))
    return pos


def _mean_angle(angles: list[float]) -> float:
    x, y = sum(map(math.cos, angles)), sum(map(math.sin, angles))
    return math.atan2(y, x) % (2 * math.pi)


EDGE_STYLES: dict[str, tuple[str, str]] = {
    # effect of the source on the target: (colour, legend label)
    "inhibits": ("#c0392b", "inhibits / antagonises"),
    "promotes": ("#27ae60", "promotes / activates"),
    "both": ("#8e44ad", "both (claims disagree)"),
    "no_effect": ("#7f8c8d", "tested, no effect"),
    "link": ("#c8c8c8", "other link (class, mechanism, part of, …)"),
}
INHIBITING = {"inhibits", "antagonist", "chelates"}
PROMOTING = {"promotes", "activates", "agonist"}


def effect(sub: nx.MultiDiGraph, u: str, v: str) -> str:
    """What the relationships from u to v say u does to v: the `direction` of effect claims, or a target
    claim's `action`; several relationships that disagree are `both`."""
    said = set()
    for attrs in sub.get_edge_data(u, v).values():
        word = attrs.get("direction") or attrs.get("action") or ""
        said.add("inhibits" if word in INHIBITING else "promotes" if word in PROMOTING
                 else "no_effect" if word == "no_effect" else "link")
    said.discard("link") if len(said) > 1 else None
    if {"inhibits", "promotes"} <= said:
        return "both"
    return sorted(said, key=list(EDGE_STYLES).index)[0]


def draw(sub: nx.MultiDiGraph, hops: dict[str, int], args, stem: str) -> None:
    pos = rings_layout(sub, hops)
    simple = nx.DiGraph(sub)  # one arrow per connected pair
    kinds = [k.value for k in NodeKind if any(sub.nodes[n]["label"] == k.value for n in sub)]
    fig, ax = plt.subplots(figsize=(12, 12))
    styles = {(u, v): effect(sub, u, v) for u, v in simple.edges()}
    for style in EDGE_STYLES:  # grey links first, so the coloured effects are drawn on top
        for own in (False, True):
            edges = [e for e, st in styles.items() if st == style and (args.agent in e) == own]
            if edges:
                nx.draw_networkx_edges(simple, pos, edgelist=edges, ax=ax, edge_color=EDGE_STYLES[style][0],
                                       width=1.6 if own else 0.7, arrowsize=9 if own else 6,
                                       alpha=0.9 if style != "link" else 0.8)
    nx.draw_networkx_nodes(sub, pos, ax=ax, node_size=[600 if n == args.agent else 170 for n in sub],
                           node_color=[_common.KIND_COLOURS[sub.nodes[n]["label"]] for n in sub])
    outer = max(hops.values())
    inner: list = []
    for n, (x, y) in pos.items():
        if hops[n] < outer or outer == 0:
            inner.append(ax.text(x, y - 0.09, _common.wrapped(name(sub, n), 22, 2), ha="center", va="top",
                                 fontsize=7, linespacing=0.95))
            continue
        # the outer ring is labelled radially, outside the circle, so neighbouring labels never overlap
        deg = math.degrees(math.atan2(y, x))
        left = 90 < deg % 360 < 270
        ax.text(x * 1.04, y * 1.04, _common.short(name(sub, n), 30), rotation=deg + 180 if left else deg,
                rotation_mode="anchor", ha="right" if left else "left", va="center", fontsize=7)
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8, color=_common.KIND_COLOURS[k]) for k in kinds]
    node_legend = ax.legend(handles, kinds, title="node kind", loc="upper right", bbox_to_anchor=(0.5, 0.0),
                            frameon=False, ncol=2)
    ax.add_artist(node_legend)
    shown = [st for st in EDGE_STYLES if st in styles.values()]
    ax.legend([plt.Line2D([], [], color=EDGE_STYLES[st][0], lw=2) for st in shown],
              [EDGE_STYLES[st][1] for st in shown], title="arrow: what the source does to the target",
              loc="upper left", bbox_to_anchor=(0.55, 0.0), frameon=False)
    ax.set_title(f"{name(sub, args.agent)}: {args.radius}-hop neighbourhood ({sub.number_of_nodes()} nodes, "
                 f"{sub.number_of_edges()} relationships; rings = hops; graph from {args.source})", pad=110)
    ax.set_aspect("equal")
    ax.set_xlim(-outer * 1.6, outer * 1.6)
    ax.set_ylim(-outer * 1.6, outer * 1.6)
    ax.axis("off")
    fig.tight_layout()
    _common.separate_labels(ax, inner, avoid=[pos[n] for n in pos if hops[n] < outer])
    print(f"label overlaps: {len(_common.overlapping_labels(fig, inner))}")
    _common.save_figure(fig, args.out, stem, dpi=100)


if __name__ == "__main__":
    main()
