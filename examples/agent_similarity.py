"""Which agents act alike: Jaccard similarity over shared mechanisms and targets, and communities of agents.

    python examples/agent_similarity.py [--out DIR] [--source embedded|neo4j] [--seed 7]

Writes agent_similarity.csv (every pair sharing a mechanism or target), agent_communities.csv (every agent with
its community) and agent_similarity.png/.svg (the similarity network coloured by community).
"""

from __future__ import annotations

import _common
import matplotlib.pyplot as plt
import networkx as nx

from graph.analytics import agent_classes, agent_communities, agent_similarity, name, similarity_graph


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=7, help="Louvain seed (same seed, same communities)")
    args = p.parse_args()
    g = _common.load_graph(args)
    pairs = agent_similarity(g)
    communities = agent_communities(g, pairs, seed=args.seed)
    header = ["agent_a", "name_a", "agent_b", "name_b", "jaccard", "shared"]
    _common.write_csv(args.out / "agent_similarity.csv", header,
                      ([p.a, name(g, p.a), p.b, name(g, p.b), f"{p.jaccard:.4f}", ";".join(p.shared)]
                       for p in pairs))
    _common.write_csv(args.out / "agent_communities.csv",
                      ["community", "size", "central_agent", "agent", "name", "classes"],
                      ([c.index, len(c.agents), c.central, a, name(g, a), ";".join(agent_classes(g, a))]
                       for c in communities for a in c.agents))
    draw(g, pairs, communities, args)


def draw(g, pairs, communities, args) -> None:
    h = similarity_graph(g, pairs)
    h.remove_nodes_from([n for n in list(h) if h.degree(n) == 0])  # singletons say nothing in a network picture
    index = {a: c.index for c in communities for a in c.agents}
    palette = plt.get_cmap("tab20")
    pos = nx.spring_layout(h, weight="weight", seed=args.seed, k=0.9)
    fig, ax = plt.subplots(figsize=(11, 8.5))
    nx.draw_networkx_edges(h, pos, ax=ax, width=[0.5 + 2.5 * h[u][v]["weight"] for u, v in h.edges()],
                           edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(h, pos, ax=ax, node_size=160, node_color=[palette(index[n] % 20) for n in h])
    texts = [ax.text(*pos[n], _common.wrapped(name(g, n), 20, 2), fontsize=7, ha="center", va="center",
                     linespacing=0.95) for n in sorted(h)]
    groups = [c for c in communities if len(c.agents) > 1]
    alone = len(communities) - len(groups)
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8, color=palette(c.index % 20))
               for c in groups]
    labels = [f"{_common.short(name(g, c.central), 30)}" + (f" + {len(c.agents) - 1}" if len(c.agents) > 1 else "")
              for c in groups]
    ax.legend(handles, labels, title="community (its most central agent\n+ how many others)", loc="upper left",
              bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8, title_fontsize=8)
    ax.set_title(f"Agents linked by shared mechanisms or targets (edge width = Jaccard), coloured by community:\n"
                 f"{len(groups)} communities of 2+ agents; {alone} agents share nothing with another (not drawn)")
    ax.axis("off")
    fig.tight_layout()
    _common.separate_labels(ax, texts, avoid=[pos[n] for n in sorted(h)])
    print(f"label overlaps: {len(_common.overlapping_labels(fig, texts))}")
    _common.save_figure(fig, args.out, "agent_similarity")


if __name__ == "__main__":
    main()
