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
    _common.write_csv(args.out / "agent_communities.csv", ["community", "size", "agent", "name", "classes"],
                      ([c.index, len(c.agents), a, name(g, a), ";".join(agent_classes(g, a))]
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
    nx.draw_networkx_labels(h, pos, ax=ax, labels={n: _common.short(name(g, n), 22) for n in h}, font_size=7)
    groups = sum(1 for c in communities if len(c.agents) > 1)
    alone = len(communities) - groups
    ax.set_title(f"Agents linked by shared mechanisms or targets (edge width = Jaccard), coloured by community:\n"
                 f"{groups} communities of 2+ agents; {alone} agents share nothing with another (not drawn)")
    ax.axis("off")
    fig.tight_layout()
    _common.save_figure(fig, args.out, "agent_similarity")


if __name__ == "__main__":
    main()
