"""Load the knowledge base into Neo4j: constraints first, then one all-or-nothing transaction.

Why one transaction: a load that fails midway (invalid rows, a stopped server) must leave the previous graph
exactly as it was. Inside it, rows go in batches through `UNWIND $rows … MERGE` statements from
`cypher/load/`, every node and relationship is stamped with this load's generation, and whatever the previous
generation had that this one did not write is pruned — so removing a claim from data/ removes its relationship,
and loading twice changes nothing.

Two measured shortcuts (bench/load_and_scale.py): node statements return element ids, so relationship rows find
their endpoints by a direct record lookup instead of two index seeks; and on an empty graph (first load, --wipe)
the `_fresh` statements CREATE instead of MERGE and the prune is skipped — there is nothing older to find.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph import cypher_files
from graph.kb import EdgeRecord, NodeRecord, Records

BATCH_SIZE = 10_000
"""Rows per UNWIND statement: measured best on this machine (bench/load_and_scale.py; docs/benchmarks.md)."""
TIMEOUT_S = 1800.0
"""The load transaction's own timeout: a 10^6-relationship load outlasts the server's 60 s default."""
Progress = Callable[[str, int, int], None]
"""progress(phase, done, total): called as work advances (the CLI draws progress bars from it)."""


class LoadError(RuntimeError):
    """The load did not happen; the graph is as it was before. The message says why and what to do."""


@dataclass
class LoadSummary:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    schema_seconds: float = 0.0


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


def ensure_schema(driver: Driver, database: str | None = None) -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent: IF NOT EXISTS)."""
    for stmt in cypher_files.statements("schema.cypher"):
        driver.execute_query(stmt, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def load(
    driver: Driver,
    records: Records,
    *,
    database: str | None = None,
    wipe: bool = False,
    progress: Progress = _noop,
    batch_size: int = BATCH_SIZE,
    timeout: float = TIMEOUT_S,
) -> LoadSummary:
    started = time.perf_counter()
    _check_unique(records)
    try:
        ensure_schema(driver, database)
        schema_seconds = time.perf_counter() - started
        generation = uuid.uuid4().hex
        with driver.session(database=database) as session:
            session.execute_write(unit_of_work(timeout=timeout)(_write_all), records, generation, wipe, progress,
                                  batch_size)
        summary = counts(driver, database)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise LoadError(
            f"Lost the connection to Neo4j during the load ({exc.__class__.__name__}); nothing was committed, the "
            "previous graph is unchanged. Check the server (`calcigraph neo4j status`) and run the load again."
        ) from exc
    except Neo4jError as exc:
        raise LoadError(
            f"Neo4j refused the load ({exc.code}): {exc.message}. Nothing was committed; the previous graph is "
            "unchanged."
        ) from exc
    summary.seconds = time.perf_counter() - started
    summary.schema_seconds = schema_seconds
    return summary


def _write_all(tx: ManagedTransaction, records: Records, generation: str, wipe: bool, progress: Progress,
               batch_size: int) -> None:
    if wipe:
        tx.run(cypher_files.named("load/wipe.cypher")["all"]).consume()
    # On an empty graph nothing can be found or pruned: CREATE instead of MERGE, and skip the prune.
    fresh = tx.run(cypher_files.named("load/counts.cypher")["entities"]).single(strict=True)["entities"] == 0
    suffix = "_fresh" if fresh else ""
    node_stmts = cypher_files.named(f"load/nodes{suffix}.cypher")
    edge_stmts = cypher_files.named(f"load/edges{suffix}.cypher")
    nodes_by_kind: dict[str, list[NodeRecord]] = defaultdict(list)
    for node in records.nodes:
        nodes_by_kind[node.kind.value].append(node)
    edges_by_kind: dict[str, list[EdgeRecord]] = defaultdict(list)
    for edge in records.edges:
        edges_by_kind[edge.kind.value].append(edge)

    element_ids: dict[str, str] = {}  # node id -> Neo4j element id, for the relationship statements
    done, total = 0, len(records.nodes)
    progress("nodes", 0, total)
    for kind, nodes in nodes_by_kind.items():
        rows = [{"id": n.id, "props": n.props} for n in nodes]
        for batch in _batches(rows, batch_size):
            for written in tx.run(node_stmts[kind], rows=batch, generation=generation):
                element_ids[written["id"]] = written["element_id"]
            done += len(batch)
            progress("nodes", done, total)
    done, total = 0, len(records.edges)
    progress("relationships", 0, total)
    for kind, edges in edges_by_kind.items():
        rows = [{"source": element_ids[e.source], "target": element_ids[e.target], "key": e.key, "props": e.props}
                for e in edges]
        for batch in _batches(rows, batch_size):
            tx.run(edge_stmts[kind], rows=batch, generation=generation).consume()
            done += len(batch)
            progress("relationships", done, total)
    progress("prune", 0, 2)
    if not fresh:
        prune = cypher_files.named("load/prune.cypher")
        tx.run(prune["relationships"], generation=generation).consume()
        progress("prune", 1, 2)
        tx.run(prune["nodes"], generation=generation).consume()
    progress("prune", 2, 2)


def _check_unique(records: Records) -> None:
    """A fresh load CREATEs, so a repeated id or relationship key would be written twice; refuse before writing.
    (Validated knowledge bases never repeat them; this guards callers that build Records themselves.)"""
    ids, keys = [n.id for n in records.nodes], [e.key for e in records.edges]
    for what, values in (("node id", ids), ("relationship key", keys)):
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise LoadError(f"The records repeat the {what} {value!r}; nothing was loaded. Each must be unique.")
            seen.add(value)
    known = set(ids)
    for edge in records.edges:
        for end in (edge.source, edge.target):
            if end not in known:
                raise LoadError(f"Relationship {edge.key!r} points to {end!r}, which is not among the nodes; "
                                "nothing was loaded. Run `calcigraph validate` to see where it comes from.")


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def counts(driver: Driver, database: str | None = None) -> LoadSummary:
    stmts = cypher_files.named("load/counts.cypher")
    nodes, _, _ = driver.execute_query(stmts["nodes"], database_=database)
    rels, _, _ = driver.execute_query(stmts["relationships"], database_=database)
    return LoadSummary(
        nodes={r["label"]: r["count"] for r in nodes},
        relationships={r["type"]: r["count"] for r in rels},
    )
