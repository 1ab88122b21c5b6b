"""Shared bench plumbing: a dedicated Neo4j sized for bulk loads, timing helpers, markdown tables."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase

from graph.neo4j_server import LocalNeo4j, free_port
from graph.settings import Neo4jSettings


@contextmanager
def bench_neo4j(heap: str = "4g", pagecache: str = "2g") -> Iterator[tuple[Driver, Neo4jSettings]]:
    """A fresh local Neo4j for benchmarks (its own instance folder, wiped before and after)."""
    server = LocalNeo4j("bench", bolt_port=free_port(), http_port=free_port(), heap=heap, pagecache=pagecache)
    server.wipe()
    status = server.start(log=lambda m: print(f"[neo4j] {m}"))
    cfg = Neo4jSettings(uri=status.bolt_uri, user="neo4j", password=status.password or "", database=None)
    driver = GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password))
    try:
        yield driver, cfg
    finally:
        driver.close()
        server.stop(log=lambda m: print(f"[neo4j] {m}"))
        server.wipe()


def timed(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> list[float]:
    """Wall seconds of `repeat` calls after `warmup` unmeasured calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
