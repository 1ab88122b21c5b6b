"""GraphQL API benchmark (issue: GraphQL API).

For the flagship query and a nested list query: p50/p99 latency, requests/s and errors over HTTP with 1, 8 and 32
concurrent clients, on both backends, each for --seconds (default 30). In the same run, the flagship answered
without GraphQL — raw Cypher through the driver (Neo4j) and a direct store call (embedded) — so GraphQL's overhead
is reported as a ratio. Targets: embedded flagship p50 <= 5 ms; Neo4j flagship p50 <= 1.5x raw Cypher;
>= 300 req/s for the flagship on the embedded store; zero errors with 32 clients.

The server runs in its own process (uvicorn, one worker); this process is the load generator. Both share the
machine's cores, which the figures include. The embedded store is measured twice: as served (answers cached per
query text and variables, since its graph cannot change) and with `--response-cache 0`, so every request executes.

Run: .venv/bin/python -m bench.api_bench [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx

from bench.common import bench_neo4j, median_ms, table, timed
from bench.http_client import HttpError, KeepAliveClient
from graph import cypher_files
from graph import questions as qs
from graph.kb import Records
from graph.memory_store import MemoryStore
from graph.neo4j_server import free_port
from graph.paths import PROJECT_ROOT, data_dir
from loaders.neo4j_loader import load
from loaders.validate import load_knowledge_base

FLAGSHIP = """{ inhibitorsWithoutHarm { agent { id name } safety
  inhibitions { key bestLevel evidence { pub level verified } }
  safetyClaims { key direction evidence { pub verified } } } }"""
"""Default arguments; each answer with the citations behind its inhibition and bone-safety claims."""
NESTED = """{ agents(limit: 50) { totalCount items { id name
  memberOf { target { name } }
  hasMechanism { target { name } evidence { publication { ... on Publication { title year } } } } } } }"""
QUERIES = {"flagship": FLAGSHIP, "nested list": NESTED}
CONCURRENCY = (1, 8, 32)


@contextmanager
def api_server(env: dict[str, str], neo4j: bool, *extra: str) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), *extra]
    cmd += ["--neo4j"] if neo4j else ["--embedded"]
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the API did not become ready")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def drive(url: str, query: str, clients: int, seconds: float) -> tuple[list[float], int]:
    """Closed-loop load: `clients` connections, each sending the next request as soon as its answer is read.

    A request is an error when the status is not 200, the connection fails, or the body has a top-level GraphQL
    `errors` key (an unescaped `"errors":` can only be a key in JSON; no field of this API is named so).
    """
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    parsed = urlsplit(url)
    payload = {"query": query}

    async def worker() -> None:
        nonlocal errors
        client = KeepAliveClient(parsed.hostname or "127.0.0.1", parsed.port or 80)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    status, body = await client.post_json("/graphql", payload)
                    if status != 200 or b'"errors":' in body:
                        errors += 1
                except HttpError:
                    errors += 1
                latencies.append(time.perf_counter() - started)
        finally:
            await client.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors


def measure(url: str, seconds: float, backend: str) -> list[list[object]]:
    rows = []
    for name, query in QUERIES.items():
        for clients in CONCURRENCY:
            lat, errors = asyncio.run(drive(url, query, clients, seconds))
            lat.sort()
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
            rows.append([backend, name, clients, f"{statistics.median(lat) * 1000:.1f} ms", f"{p99 * 1000:.1f} ms",
                         f"{len(lat) / seconds:.0f}", errors])
            print(f"[bench] {rows[-1]}", flush=True)
    return rows


def embedded_cells(seconds: float, p50: dict[str, float]) -> list[list[object]]:
    rows: list[list[object]] = []
    for label, extra in (("embedded", ()), ("embedded, no cache", ("--response-cache", "0"))):
        with api_server({}, False, *extra) as url:
            rows += measure(url, seconds, label)
            p50[label] = statistics.median(asyncio.run(drive(url, FLAGSHIP, 1, 5))[0]) * 1000
    return rows


def neo4j_cells(seconds: float, records: Records, p50: dict[str, float]) -> list[list[object]]:
    """HTTP cells on a fresh local Neo4j, and the same question as raw Cypher through the driver (two ways)."""
    with bench_neo4j(heap="1g", pagecache="512m") as (driver, cfg):
        load(driver, records)
        cypher = cypher_files.text("questions/inhibitors_without_harm.cypher").rstrip(";")
        params = {"process": qs.DEFAULT_PROCESS, "spare": list(qs.DEFAULT_SPARE), "min_rank": 0, "min_verified": 1,
                  "disease": None, "phase": None, "tissue": None, "success": list(qs.SUCCESS_OUTCOMES)}

        def auto_commit() -> list[object]:  # the fastest plain driver call: one round trip, like Neo4jStore's
            with driver.session() as session:
                return list(session.run(cypher, params))

        p50["raw"] = median_ms(timed(auto_commit, repeat=200, warmup=10))
        p50["raw managed"] = median_ms(timed(lambda: driver.execute_query(cypher, params), repeat=200, warmup=10))
        env = {"NEO4J_URI": cfg.uri, "NEO4J_USER": cfg.user, "NEO4J_PASSWORD": cfg.password}
        with api_server(env, neo4j=True) as url:
            rows = measure(url, seconds, "neo4j")
            p50["neo4j"] = statistics.median(asyncio.run(drive(url, FLAGSHIP, 1, 5))[0]) * 1000
    return rows


def overhead_rows(p50: dict[str, float]) -> list[list[str]]:
    rows = []
    for label, base, over in (("embedded, response cache (direct store call)", "direct", "embedded"),
                              ("embedded, no cache (direct store call)", "direct", "embedded, no cache"),
                              ("neo4j (raw Cypher, auto-commit session.run)", "raw", "neo4j"),
                              ("neo4j (raw Cypher, driver.execute_query)", "raw managed", "neo4j")):
        if over in p50:
            rows.append([label, f"{p50[base]:.2f} ms", f"{p50[over]:.2f} ms", f"{p50[over] / p50[base]:.2f}x"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each load cell (default 30)")
    parser.add_argument("--backend", choices=["all", "embedded", "neo4j"], default="all",
                        help="measure one backend only (quick checks; docs/benchmarks.md records `all`)")
    args = parser.parse_args()
    records = load_knowledge_base(data_dir()).records()
    mem = MemoryStore.from_records(records)
    p50 = {"direct": median_ms(timed(lambda: qs.inhibitors_without_harm(mem, qs.InhibitorsWithoutHarm()),
                                     repeat=200))}
    rows: list[list[object]] = []
    if args.backend in ("all", "embedded"):
        rows += embedded_cells(args.seconds, p50)
    if args.backend in ("all", "neo4j"):
        rows += neo4j_cells(args.seconds, records, p50)
    print("\n## HTTP load\n")
    print(table(["backend", "query", "clients", "p50", "p99", "req/s", "errors"], rows))
    print("\n## GraphQL overhead on the flagship (1 client, same run)\n")
    print(table(["backend", "without GraphQL", "over GraphQL (p50)", "ratio"], overhead_rows(p50)))


if __name__ == "__main__":
    main()
