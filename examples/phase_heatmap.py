"""Which agents were studied in which disease phase, and with what outcome: a heat map.

    python examples/phase_heatmap.py [--out DIR] [--source embedded|neo4j]

Writes phase_matrix.csv (agents × phases, the outcome in each studied cell), phase_cells.csv (one row per
studied cell with its best evidence level and publications) and phase_heatmap.png/.svg.
"""

from __future__ import annotations

import _common
import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from graph.analytics import PhaseMatrix, agent_phase_matrix, name

OUTCOME_COLOURS: dict[str, str] = {
    "not studied": "#f2f2f2",
    "effective": "#1a9850",
    "mixed": "#fdae61",
    "ineffective": "#878787",
    "harmful": "#d73027",
}


def main() -> None:
    args = _common.parser(__doc__.splitlines()[0]).parse_args()
    g = _common.load_graph(args)
    m = agent_phase_matrix(g)
    _common.write_csv(args.out / "phase_matrix.csv", ["agent", "name", *m.phases],
                      ([a, name(g, a), *(m.outcome(a, ph) or "" for ph in m.phases)] for a in m.agents))
    _common.write_csv(args.out / "phase_cells.csv",
                      ["agent", "disease", "phase", "order", "outcome", "best_level", "publications"],
                      ([c.agent, c.disease, c.phase, c.order, c.outcome, c.best_level, ";".join(c.pubs)]
                       for c in m.cells))
    draw(g, m, args)


def draw(g, m: PhaseMatrix, args) -> None:
    codes = list(OUTCOME_COLOURS)
    grid = [[codes.index(m.outcome(a, ph) or "not studied") for ph in m.phases] for a in m.agents]
    fig, ax = plt.subplots(figsize=(0.55 * len(m.phases) + 3.5, 0.5 * len(m.agents) + 3.2))
    ax.imshow(grid, cmap=ListedColormap(list(OUTCOME_COLOURS.values())), vmin=0, vmax=len(codes) - 1,
              aspect="auto")
    for c in m.cells:
        ax.text(m.phases.index(c.phase), m.agents.index(c.agent), c.best_level.replace("_", " "), ha="center",
                va="center", fontsize=6.5, color="white" if c.outcome != "mixed" else "black")
    ax.set_xticks(range(len(m.phases)), [_common.short(name(g, ph), 26) for ph in m.phases], rotation=60,
                  ha="right", fontsize=7.5)
    ax.set_yticks(range(len(m.agents)), [_common.short(name(g, a), 30) for a in m.agents])
    diseases = [g.nodes[ph]["disease"] for ph in m.phases]
    for i in range(1, len(diseases)):
        if diseases[i] != diseases[i - 1]:
            ax.axvline(i - 0.5, color="black", linewidth=1)
    for d in dict.fromkeys(diseases):
        cols = [i for i, x in enumerate(diseases) if x == d]
        label = _common.short(name(g, d), 6 * len(cols) + 10)
        ax.text(sum(cols) / len(cols), -0.75, label, ha="center", va="bottom", fontsize=8, fontweight="bold")
    ax.tick_params(length=0)
    ax.legend([Patch(color=c) for c in OUTCOME_COLOURS.values()], list(OUTCOME_COLOURS), title="outcome",
              loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title(f"Agents × disease phases (cell text: best evidence level; graph from {args.source})", pad=22)
    fig.tight_layout()
    _common.save_figure(fig, args.out, "phase_heatmap")


if __name__ == "__main__":
    main()
