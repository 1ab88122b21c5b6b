"""Which mechanisms and pathways hold the graph together: degree and betweenness centrality.

    python examples/centrality.py [--out DIR] [--source embedded|neo4j] [--top 15]

Writes centrality.csv (every Mechanism and Pathway) and centrality.png/.svg (bar chart of the top ones).
"""

from __future__ import annotations

import _common
import matplotlib.pyplot as plt

from graph.analytics import Centrality, centrality


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=15, help="how many nodes the chart shows")
    args = p.parse_args()
    rows = centrality(_common.load_graph(args))
    _common.write_csv(args.out / "centrality.csv", ["id", "name", "kind", "degree", "betweenness"],
                      ([r.id, r.name, r.kind, f"{r.degree:.6f}", f"{r.betweenness:.6f}"] for r in rows))
    chart(rows[: args.top], args)


def chart(rows: list[Centrality], args) -> None:
    top = list(reversed(rows))  # barh draws bottom-up: the most central at the top
    labels = [_common.short(r.name, 44) for r in top]
    colours = [_common.KIND_COLOURS[r.kind] for r in top]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.32 * len(top) + 1.6), sharey=True)
    left.barh(labels, [r.betweenness for r in top], color=colours)
    left.set_xlabel("betweenness centrality")
    right.barh(labels, [r.degree for r in top], color=colours)
    right.set_xlabel("degree centrality")
    handles = [plt.Rectangle((0, 0), 1, 1, color=_common.KIND_COLOURS[k]) for k in ("Mechanism", "Pathway")]
    right.legend(handles, ["Mechanism", "Pathway"], loc="lower right", frameon=False)
    fig.suptitle(f"Most central mechanisms and pathways (top {len(top)} by betweenness; graph from {args.source})")
    fig.tight_layout()
    _common.save_figure(fig, args.out, "centrality")


if __name__ == "__main__":
    main()
