"""What every example script shares: its command line, the graph, and writing figures and CSVs.

Each script is run as `python examples/<name>.py [--out DIR] [--source embedded|neo4j]`; the graph comes from
`graph.analytics.networkx_graph`, so `--source neo4j` analyses what a loaded server holds (NEO4J_URI /
NEO4J_USER / NEO4J_PASSWORD, else the local `calcigraph neo4j start` server) and gives the same numbers.
"""

from __future__ import annotations

import argparse
import csv
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # files only, no display: works on servers and in CI
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402  (Pillow: a dependency of matplotlib)

from graph.analytics import networkx_graph  # noqa: E402
from graph.paths import cache_dir  # noqa: E402
from graph.schema import NodeKind  # noqa: E402

plt.rcParams.update({
    "svg.hashsalt": "calcigraph",  # stable element ids: the same figure gives the same SVG bytes
    "svg.fonttype": "none",  # text stays text: smaller, searchable SVGs
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})

KIND_COLOURS: dict[str, str] = {
    NodeKind.AGENT.value: "#d62728",
    NodeKind.AGENT_CLASS.value: "#ff9896",
    NodeKind.TARGET.value: "#9467bd",
    NodeKind.MECHANISM.value: "#1f77b4",
    NodeKind.PATHWAY.value: "#17becf",
    NodeKind.PROCESS.value: "#2ca02c",
    NodeKind.CELL_TYPE.value: "#bcbd22",
    NodeKind.TISSUE.value: "#8c564b",
    NodeKind.DISEASE.value: "#ff7f0e",
    NodeKind.DISEASE_PHASE.value: "#ffbb78",
    NodeKind.PUBLICATION.value: "#7f7f7f",
}
"""One colour per node kind, the same in every figure."""


def parser(description: str) -> argparse.ArgumentParser:
    """The shared options; a script adds its own before parsing."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--out", type=Path, default=cache_dir() / "analytics",
                   help="folder for the figures (PNG, SVG) and CSVs")
    p.add_argument("--source", choices=("embedded", "neo4j"), default="embedded",
                   help="build the graph from data/, or pull it from Neo4j (NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD)")
    return p


def load_graph(args: argparse.Namespace) -> nx.MultiDiGraph:
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        return networkx_graph(args.source)
    except Exception as exc:
        if args.source != "neo4j":
            raise
        sys.exit(f"cannot read the graph from Neo4j ({exc.__class__.__name__}: {exc}); check NEO4J_URI / "
                 "NEO4J_USER / NEO4J_PASSWORD, or run `calcigraph neo4j start`")


def save_figure(fig: Figure, out: Path, stem: str, dpi: int = 110) -> list[Path]:
    """Write the figure as PNG (for documents) and SVG (for editing), then close it."""
    paths = [out / f"{stem}.png", out / f"{stem}.svg"]
    for path in paths:
        fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata=_metadata(path))
    plt.close(fig)
    _palettize(paths[0])
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size // 1024 or 1} KB)")
    return paths


def _palettize(png: Path) -> None:
    """Re-save the PNG with a 256-colour palette: flat-colour charts look the same at about a third of the size,
    which keeps the figures committed under docs/figures small."""
    with Image.open(png) as img:
        small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def _metadata(path: Path) -> dict[str, Any]:
    """No creation date or software version in the files, so regenerating unchanged figures changes no bytes."""
    if path.suffix == ".svg":
        return {"Date": None, "Creator": None}
    return {"Software": None}


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    rows = list(rows)
    with path.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")
    return path


def short(text: str, width: int = 32) -> str:
    """Names for labels: long ones cut with an ellipsis so figures stay readable."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrapped(text: str, width: int = 18, lines: int = 3) -> str:
    """A full name on up to `lines` short lines (captions are wrapped, not truncated; only names longer than
    `lines` x `width` lose their tail, with an ellipsis)."""
    parts = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = short(parts[-1] + " …", width + 1)
    return "\n".join(parts)


def separate_labels(ax: Axes, texts: list[Text], avoid: Sequence[tuple[float, float]] = ()) -> None:
    """Move labels apart until none overlaps another or a node marker (adjustText; deterministic for the same
    figure), with a thin leader line from a moved label to its point."""
    from adjustText import adjust_text

    xs = [x for x, _ in avoid]
    ys = [y for _, y in avoid]
    adjust_text(texts, x=xs, y=ys, ax=ax, expand=(1.15, 1.3), ensure_inside_axes=True,
                arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.4})


def overlapping_labels(fig: Figure, texts: Sequence[Text]) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn boxes intersect (the figure tests assert there are none)."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]
