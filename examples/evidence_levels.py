"""Where each agent class's support comes from: evidence items per class and evidence level.

    python examples/evidence_levels.py [--out DIR] [--source embedded|neo4j]

Writes evidence_levels.csv (one row per class, one column per level, weakest to strongest, plus the total) and
evidence_levels.png/.svg (stacked bars).
"""

from __future__ import annotations

import _common
import matplotlib.pyplot as plt

from graph.analytics import LEVEL_ORDER, evidence_levels_by_class, name


def main() -> None:
    args = _common.parser(__doc__.splitlines()[0]).parse_args()
    g = _common.load_graph(args)
    counts = evidence_levels_by_class(g)
    _common.write_csv(args.out / "evidence_levels.csv", ["agent_class", "name", *LEVEL_ORDER, "total"],
                      ([c, name(g, c), *levels.values(), sum(levels.values())] for c, levels in counts.items()))
    draw(g, counts, args)


def draw(g, counts: dict[str, dict[str, int]], args) -> None:
    classes = sorted(counts, key=lambda c: (sum(counts[c].values()), c))  # barh: the largest at the top
    labels = [_common.short(name(g, c), 36) for c in classes]
    palette = plt.get_cmap("viridis_r")
    fig, ax = plt.subplots(figsize=(10, 0.38 * len(classes) + 1.8))
    left = [0] * len(classes)
    for i, level in enumerate(LEVEL_ORDER):
        widths = [counts[c][level] for c in classes]
        ax.barh(labels, widths, left=left, color=palette((i + 0.5) / len(LEVEL_ORDER)), label=level)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlabel("evidence items on claims about the class's agents (AFFECTS, STUDIED_IN, TARGETS, HAS_MECHANISM)")
    ax.legend(title="evidence level (weakest → strongest)", loc="lower right", frameon=False, ncols=1)
    ax.set_title(f"Evidence levels per agent class (graph from {args.source})")
    fig.tight_layout()
    _common.save_figure(fig, args.out, "evidence_levels")


if __name__ == "__main__":
    main()
