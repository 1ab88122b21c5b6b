"""Write the graph to files analysts and other tools read: GraphML, node-link JSON, KGX TSV, a Cypher script.

All four start from the same records the stores are built from, so an export is the graph, not a report on it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from graph import biolink
from graph.cypher_gen import ENTITY_LABEL
from graph.kb import Records
from graph.memory_store import build_graph


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    JSON = "json"
    KGX = "kgx"
    CYPHER = "cypher"


def export(records: Records, fmt: ExportFormat, out: Path) -> list[Path]:
    """Write `records` in `fmt` under the folder `out`; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[ExportFormat, Callable[[Records, Path], list[Path]]] = {
        ExportFormat.GRAPHML: _graphml, ExportFormat.JSON: _json, ExportFormat.KGX: _kgx,
        ExportFormat.CYPHER: _cypher,
    }
    return writers[fmt](records, out)


def _graphml(records: Records, out: Path) -> list[Path]:
    """GraphML cannot hold lists: list properties become JSON strings (json.loads restores them)."""
    g = build_graph(records)
    flat = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in attrs.items()})
    for a, b, key, attrs in g.edges(keys=True, data=True):
        flat.add_edge(a, b, key=key, **{k: _scalar(v) for k, v in attrs.items() if k != "key"})
    path = out / "calcigraph.graphml"
    nx.write_graphml(flat, path)
    return [path]


def _scalar(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _json(records: Records, out: Path) -> list[Path]:
    data = nx.node_link_data(build_graph(records), edges="edges", name="node_id", key="rel_key")
    path = out / "calcigraph.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
    return [path]


KGX_NODE_COLUMNS = ["id", "category", "name", "synonym", "xref", "description", "provided_by"]
KGX_EDGE_COLUMNS = ["id", "subject", "predicate", "object", "publications", "knowledge_level", "agent_type",
                    "primary_knowledge_source", "calcigraph_type", "direction", "outcome", "action", "tissue", "dose",
                    "evidence_levels", "best_level", "evidence_verified"]


def _kgx(records: Records, out: Path) -> list[Path]:
    """KGX TSV (nodes.tsv, edges.tsv); multi-valued fields are `|`-separated as KGX expects."""
    kinds = {n.id: n.kind for n in records.nodes}
    nodes_path, edges_path = out / "calcigraph_nodes.tsv", out / "calcigraph_edges.tsv"
    with nodes_path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, KGX_NODE_COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for n in records.nodes:
            p = n.props
            w.writerow({
                "id": biolink.curie(n.id, n.kind), "category": biolink.CATEGORY[n.kind],
                "name": p.get("title") or p.get("name", ""),
                "synonym": "|".join(p.get("synonyms", []) + p.get("brand_names", [])),
                "xref": "|".join(p.get("identifiers", [])), "description": _one_line(p.get("description", "")),
                "provided_by": "infores:calcigraph",
            })
    with edges_path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, KGX_EDGE_COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for e in records.edges:
            p = e.props
            w.writerow({
                "id": f"{biolink.CURIE_PREFIX}:edge/{e.key.replace('|', '/')}",
                "subject": biolink.curie(e.source, kinds[e.source]),
                "predicate": biolink.PREDICATE[e.kind], "object": biolink.curie(e.target, kinds[e.target]),
                "publications": "|".join(biolink.publication_curie(x) for x in p.get("evidence_pubs", [])),
                "knowledge_level": "knowledge_assertion", "agent_type": "manual_agent",
                "primary_knowledge_source": "infores:calcigraph", "calcigraph_type": e.kind.value,
                **{k: p.get(k, "") for k in ("direction", "outcome", "action", "tissue", "dose", "best_level")},
                "evidence_levels": "|".join(p.get("evidence_levels", [])),
                "evidence_verified": "|".join(str(v).lower() for v in p.get("evidence_verified", [])),
            })
    return [nodes_path, edges_path]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cypher(records: Records, out: Path) -> list[Path]:
    """A self-contained script (Browser or cypher-shell) that recreates the graph with MERGE; literals only."""
    lines = ["// calcigraph graph export: paste into Neo4j Browser (enable multi-statement) or `cypher-shell -f`.",
             "// Run cypher/schema.cypher first for constraints and indexes."]
    for n in records.nodes:
        lines.append(f"MERGE (n:{ENTITY_LABEL} {{id: {_literal(n.id)}}}) SET n:{n.kind.value}, "
                     f"n += {_literal(n.props)};")
    for e in records.edges:
        lines.append(f"MATCH (a:{ENTITY_LABEL} {{id: {_literal(e.source)}}}), (b:{ENTITY_LABEL} "
                     f"{{id: {_literal(e.target)}}}) MERGE (a)-[r:{e.kind.value} {{key: {_literal(e.key)}}}]->(b) "
                     f"SET r += {_literal(e.props)};")
    path = out / "calcigraph.cypher"
    path.write_text("\n".join(lines) + "\n")
    return [path]


def _literal(value: Any) -> str:
    """A Cypher literal for a property value (strings escaped; maps keyed by backtick-quoted names)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k}`: {_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


__all__ = ["ExportFormat", "export"]
