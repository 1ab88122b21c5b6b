"""Loader and question benchmarks (issue: loaders and graph stores).

1. The curated load into Neo4j once constraints exist (target < 3 s), against a row-by-row baseline: the same
   records with one MERGE statement per row in one transaction, measured in the same run.
2. Synthetic growth to 10^4, 10^5 and 10^6 relationships: Neo4j load throughput (target >= 50,000 rel/s with
   batched UNWIND) and question 1 / question 4 latency on both stores, as ratios to the curated-size latency.
3. The server-side ceiling: 10^5 relationships created by Neo4j alone (UNWIND range, no client), bare and with a
   synthetic relationship's properties — what any client-driven load on this machine can at best approach.

Run: .venv/bin/python -m bench.load_and_scale [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import time

from neo4j import Driver

from bench.common import bench_neo4j, median_ms, table, timed
from bench.synthetic import grow
from graph import questions as qs
from graph.kb import Records
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.paths import data_dir
from loaders.neo4j_loader import ensure_schema, load
from loaders.validate import load_knowledge_base

Q1 = qs.InhibitorsWithoutHarm()
CEILING_RELS = 100_000


def row_by_row(driver: Driver, records: Records) -> float:
    """Baseline: one parameterized MERGE per node and per relationship (no UNWIND batching), one transaction."""
    started = time.perf_counter()
    with driver.session() as session, session.begin_transaction() as tx:
        for n in records.nodes:
            tx.run(f"MERGE (n:Entity {{id: $id}}) SET n = $props, n:{n.kind.value}", id=n.id, props=n.props).consume()
        for e in records.edges:
            tx.run(f"MATCH (a:Entity {{id: $a}}), (b:Entity {{id: $b}}) "
                   f"MERGE (a)-[r:{e.kind.value} {{key: $key}}]->(b) SET r = $props",
                   a=e.source, b=e.target, key=e.key, props=e.props).consume()
        tx.commit()
    return time.perf_counter() - started


def wipe(driver: Driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def server_side_ceiling(driver: Driver, rels: int, props: dict[str, object] | None) -> float:
    """Relationships/s when Neo4j alone does the work: `rels` relationships between nodes found by id, built by
    `UNWIND range(…)` on the server (no client, no rows on the wire), one transaction, committed. With `props`,
    each relationship gets the same property map as a synthetic relationship. Where 50,000 rel/s sits."""
    wipe(driver)
    nodes = max(rels // 10, 2)
    driver.execute_query("UNWIND range(0, $n - 1) AS i CREATE (:Entity {id: 'c' + i})", n=nodes)
    stmt = ("UNWIND range(0, $rels - 1) AS i MATCH (a:Entity {id: 'c' + (i % $n)}) "
            "MATCH (b:Entity {id: 'c' + ((i * 7 + 1) % $n)}) CREATE (a)-[r:AFFECTS]->(b) SET r = $props")
    started = time.perf_counter()
    with driver.session() as session, session.begin_transaction() as tx:
        tx.run(stmt, rels=rels, n=nodes, props=props or {}).consume()
        tx.commit()
    seconds = time.perf_counter() - started
    wipe(driver)
    return rels / seconds


def questions(store: object, agent: str) -> tuple[float, float]:
    q4 = qs.MechanismPaths(agent=agent, to="ectopic-calcification", max_hops=4)
    q1_ms = median_ms(timed(lambda: qs.inhibitors_without_harm(store, Q1), repeat=5))  # type: ignore[arg-type]
    q4_ms = median_ms(timed(lambda: qs.mechanism_paths(store, q4), repeat=5))  # type: ignore[arg-type]
    return q1_ms, q4_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--heap", default="12g", help="Neo4j heap: one 10^6-relationship transaction needs ~6 GB "
                        "of transaction memory (70%% of the heap by default)")
    args = parser.parse_args()
    shipped = load_knowledge_base(data_dir()).records()
    with bench_neo4j(heap=args.heap, pagecache="2g") as (driver, _cfg):
        ensure_schema(driver)
        load(driver, shipped)  # warm-up; constraints and indexes exist from here on
        batched = [load(driver, shipped).seconds for _ in range(5)]
        wipe(driver)
        baseline = row_by_row(driver, shipped)
        batched_median = sorted(batched)[2]
        print("\n## Curated load (constraints already in place)\n")
        print(table(["records", "batched UNWIND load (median of 5)", "row-by-row baseline", "speed-up"],
                    [[f"{len(shipped.nodes)} nodes, {len(shipped.edges)} rels", f"{batched_median:.2f} s",
                      f"{baseline:.2f} s", f"{baseline / batched_median:.1f}x"]]))

        load(driver, shipped, wipe=True)
        base_neo = Neo4jStore(driver, timeout=600)
        base_mem = MemoryStore.from_records(shipped)
        ref = {"neo4j": questions(base_neo, "menaquinone-7"), "embedded": questions(base_mem, "menaquinone-7")}
        rows = [["curated", len(shipped.edges), "-", "-", "-",
                 f"{ref['neo4j'][0]:.1f} ms", f"{ref['embedded'][0]:.2f} ms",
                 f"{ref['neo4j'][1]:.1f} ms", f"{ref['embedded'][1]:.2f} ms"]]
        for size in args.sizes:
            records = grow(shipped, size)
            wipe(driver)
            summary = load(driver, records)
            rate = len(records.edges) / summary.seconds
            print(f"[bench] {size}: {len(records.edges)} rels loaded in {summary.seconds:.1f} s ({rate:,.0f} rel/s)",
                  flush=True)
            # the same records again over the loaded graph: MERGE by key, then prune (what a data change costs)
            reload = f"{len(records.edges) / load(driver, records).seconds:,.0f}" if size <= 100_000 else "-"
            neo = questions(Neo4jStore(driver, timeout=600), "syn-agent-0")
            mem = questions(MemoryStore.from_records(records), "syn-agent-0")
            rows.append([f"{size:,}", f"{len(records.edges):,}", f"{summary.seconds:.1f} s", f"{rate:,.0f}", reload,
                         f"{neo[0]:.1f} ms ({neo[0] / ref['neo4j'][0]:.1f}x)",
                         f"{mem[0]:.2f} ms ({mem[0] / ref['embedded'][0]:.1f}x)",
                         f"{neo[1]:.1f} ms ({neo[1] / ref['neo4j'][1]:.1f}x)",
                         f"{mem[1]:.2f} ms ({mem[1] / ref['embedded'][1]:.1f}x)"])
            print(f"[bench] {rows[-1]}", flush=True)
        example = grow(shipped, 10_000).edges[-1].props
        bare = [server_side_ceiling(driver, CEILING_RELS, None) for _ in range(3)]
        full = [server_side_ceiling(driver, CEILING_RELS, example) for _ in range(3)]
        print("\n## Server-side ceiling (no client; best of 3)\n")
        print(table(["relationships", "without properties", "with a synthetic relationship's properties"],
                    [[f"{CEILING_RELS:,}", f"{max(bare):,.0f} rel/s", f"{max(full):,.0f} rel/s"]]))
        print("\n## Synthetic scale (ratios: latency relative to the curated graph, same run)\n")
        print(table(["target rels", "loaded rels", "Neo4j load", "rel/s (empty graph)", "rel/s (reload)", "Q1 Neo4j",
                     "Q1 embedded", "Q4 Neo4j", "Q4 embedded"], rows))


if __name__ == "__main__":
    main()
