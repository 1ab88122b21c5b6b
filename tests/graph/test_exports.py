"""Exports are the graph itself in other formats: each one reads back to the same nodes and relationships."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from api.cli import app
from graph import schema as s
from graph.biolink import CATEGORY, PREDICATE
from graph.exports import ExportFormat, export
from graph.kb import Records
from graph.memory_store import build_graph
from tests.conftest import Neo4jGraph
from tests.loaders.test_neo4j_loader import dump


def test_json_reads_back_as_the_embedded_graph(shipped_records: Records, tmp_path: Path) -> None:
    (path,) = export(shipped_records, ExportFormat.JSON, tmp_path)
    g = nx.node_link_graph(json.loads(path.read_text()), edges="edges", name="node_id", key="rel_key")
    expected = build_graph(shipped_records)
    assert dict(g.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(g.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_graphml_holds_every_node_and_relationship_with_lists_as_json(shipped_records: Records,
                                                                      tmp_path: Path) -> None:
    (path,) = export(shipped_records, ExportFormat.GRAPHML, tmp_path)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == len(shipped_records.nodes)
    assert g.number_of_edges() == len(shipped_records.edges)
    assert json.loads(g.nodes["indomethacin"]["synonyms"]) == build_graph(shipped_records).nodes["indomethacin"][
        "synonyms"]


def test_kgx_uses_biolink_categories_and_predicates_for_everything(shipped_records: Records, tmp_path: Path) -> None:
    assert set(CATEGORY) == set(s.NodeKind) and set(PREDICATE) == set(s.RelKind)
    nodes_path, edges_path = export(shipped_records, ExportFormat.KGX, tmp_path)
    nodes = list(csv.DictReader(nodes_path.open(), delimiter="\t"))
    edges = list(csv.DictReader(edges_path.open(), delimiter="\t"))
    assert len(nodes) == len(shipped_records.nodes) and len(edges) == len(shipped_records.edges)
    ids = {n["id"] for n in nodes}
    assert all(n["category"].startswith("biolink:") for n in nodes)
    assert all(e["predicate"].startswith("biolink:") and e["subject"] in ids and e["object"] in ids for e in edges)
    assert "calcigraph:indomethacin" in ids and "PMID:39853559" in ids
    cited = [e for e in edges if e["calcigraph_type"] == "AFFECTS"]
    assert all(e["publications"] for e in cited)


def test_the_cypher_script_recreates_the_loaded_graph(shipped_records: Records, neo4j_graph: Neo4jGraph,
                                                      tmp_path: Path) -> None:
    neo4j_graph.ensure_shipped()
    expected = dump(neo4j_graph.driver)
    (path,) = export(shipped_records, ExportFormat.CYPHER, tmp_path)
    neo4j_graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    neo4j_graph.current = None
    with neo4j_graph.driver.session() as session, session.begin_transaction() as tx:
        for line in path.read_text().splitlines():
            if line and not line.startswith("//"):
                tx.run(line).consume()
        tx.commit()
    assert dump(neo4j_graph.driver) == expected


def test_the_export_command_writes_files_and_refuses_unknown_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["export", "--format", "kgx", "--out", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "calcigraph_edges.tsv").exists()
    bad = runner.invoke(app, ["export", "--format", "rdf", "--out", str(tmp_path)])
    assert bad.exit_code == 2 and "not one of: graphml, json, kgx, cypher" in bad.output
