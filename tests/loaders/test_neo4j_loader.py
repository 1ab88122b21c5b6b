"""`calcigraph load` as an operator relies on it: idempotent, updates without a wipe, all-or-nothing when the data
is invalid or when Neo4j goes away in the middle of a load."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from typer.testing import CliRunner

from api.cli import app
from graph.kb import Records
from graph.neo4j_server import LocalNeo4j, free_port
from graph.paths import data_dir
from graph.settings import Neo4jSettings
from loaders.neo4j_loader import LoadError, load
from loaders.validate import load_knowledge_base
from tests.conftest import Neo4jGraph, scratch_instance


def dump(driver: Driver) -> tuple[dict[str, Any], dict[str, Any]]:
    """Everything in the graph except the loader's bookkeeping (`generation`)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN r.key AS key, type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props")

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k != "generation"}

    return (
        {r["id"]: (sorted(r["labels"]), clean(r["props"])) for r in nodes},
        {r["key"]: (r["type"], r["a"], r["b"], clean(r["props"])) for r in rels},
    )


def copy_of_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


CORPUS = Path(__file__).parent / "corpus" / "valid.yaml"
STUDY = """    studies:
      - disease: acquired-ho
        phase: ho-inflammatory
        outcome: effective
        evidence:
          - pub: PMID:16885182
            level: rct
            finding: "Started within 24 h of surgery."
"""


def corpus_records(tmp_path: Path, *, without_study: bool = False) -> Records:
    """The small valid corpus, optionally with its one STUDIED_IN claim removed."""
    text = CORPUS.read_text()
    assert STUDY in text
    folder = tmp_path / ("changed" if without_study else "original")
    folder.mkdir()
    (folder / "kb.yaml").write_text(text.replace(STUDY, "") if without_study else text)
    return load_knowledge_base(folder).records()


def test_loading_twice_changes_nothing(neo4j_graph: Neo4jGraph, shipped_records: Records) -> None:
    neo4j_graph.load(shipped_records)
    first = dump(neo4j_graph.driver)
    load(neo4j_graph.driver, shipped_records)
    assert dump(neo4j_graph.driver) == first
    assert len(first[0]) == len(shipped_records.nodes)
    assert len(first[1]) == len(shipped_records.edges)


def test_records_with_a_repeated_key_or_a_dangling_endpoint_are_refused_before_anything_is_written(
        neo4j_graph: Neo4jGraph, tmp_path: Path) -> None:
    records = corpus_records(tmp_path)
    neo4j_graph.load(records)
    before = dump(neo4j_graph.driver)
    repeated = Records(records.nodes, [*records.edges, records.edges[0]])
    dangling = Records(records.nodes, [dataclasses.replace(records.edges[0], target="no-such-node")])
    for bad, says in ((repeated, "repeat the relationship key"), (dangling, "'no-such-node', which is not among")):
        with pytest.raises(LoadError, match=says):
            load(neo4j_graph.driver, bad)
        assert dump(neo4j_graph.driver) == before


def test_relationships_carry_their_evidence_for_browser_users(neo4j_graph: Neo4jGraph) -> None:
    neo4j_graph.ensure_shipped()
    rows, _, _ = neo4j_graph.driver.execute_query(
        "MATCH (:Agent {id: 'indomethacin'})-[r:AFFECTS {direction: 'inhibits'}]->(:Process {id: 'bone-formation'}) "
        "RETURN r.evidence_pubs AS pubs, r.evidence_levels AS levels, r.evidence_verified AS verified")
    (row,) = rows
    assert row["pubs"] and len(row["pubs"]) == len(row["levels"]) == len(row["verified"])


def test_a_changed_data_file_updates_the_graph_without_a_wipe(neo4j_graph: Neo4jGraph, tmp_path: Path) -> None:
    neo4j_graph.load(corpus_records(tmp_path))
    before = dump(neo4j_graph.driver)
    changed = corpus_records(tmp_path, without_study=True)
    neo4j_graph.load(changed, wipe=False)
    after = dump(neo4j_graph.driver)
    assert set(before[1]) - set(after[1]) == {"STUDIED_IN|ibuprofen|ho-inflammatory|effective"}
    assert set(after[1]) < set(before[1])
    neo4j_graph.load(changed, wipe=True)
    assert dump(neo4j_graph.driver) == after  # same as a fresh load of the changed data


def test_invalid_data_loads_nothing_and_says_where(neo4j_graph: Neo4jGraph, neo4j_settings: Neo4jSettings,
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_graph.ensure_shipped()
    before = dump(neo4j_graph.driver)
    broken = copy_of_data(tmp_path)
    nsaids = broken / "agents" / "nsaids.yaml"
    nsaids.write_text(nsaids.read_text().replace("direction: inhibits", "direction: inhibit", 1))
    for key, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                       ("NEO4J_PASSWORD", neo4j_settings.password)):
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, ["load", str(broken)])
    assert result.exit_code == 1
    assert "nsaids.yaml:" in result.output and "'inhibit' is not allowed" in result.output
    assert "nothing was loaded" in result.output
    assert dump(neo4j_graph.driver) == before


def test_an_unreachable_neo4j_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-password")
    result = CliRunner().invoke(app, ["load"])
    assert result.exit_code == 1
    assert "unreachable" in result.output and "calcigraph neo4j start" in result.output
    assert "secret-password" not in result.output


def test_neo4j_stopping_midway_leaves_the_previous_graph_intact(tmp_path: Path) -> None:
    server = LocalNeo4j(scratch_instance("midway"), bolt_port=free_port(), http_port=free_port(), heap="512m",
                        pagecache="128m")
    server.wipe()
    status = server.start(log=lambda _m: None)
    try:
        auth = ("neo4j", status.password or "")
        with GraphDatabase.driver(status.bolt_uri, auth=auth) as driver:
            load(driver, load_knowledge_base(data_dir()).records())
            before = dump(driver)
        changed = corpus_records(tmp_path, without_study=True)

        def crash_server_midway(phase: str, done: int, total: int) -> None:
            pid = server.pid()
            if phase == "relationships" and pid:
                os.kill(pid, signal.SIGKILL)  # a crash, not a polite shutdown
                server.stop(log=lambda _m: None)  # reaps the process and clears the pid file

        with GraphDatabase.driver(status.bolt_uri, auth=auth, max_transaction_retry_time=1.0) as driver, \
                pytest.raises(LoadError, match="nothing was committed"):
            load(driver, changed, progress=crash_server_midway, batch_size=1)
        server.start(log=lambda _m: None)
        with GraphDatabase.driver(status.bolt_uri, auth=auth) as driver:
            assert dump(driver) == before
    finally:
        server.stop(log=lambda _m: None)
        server.wipe()
