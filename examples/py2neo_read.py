"""Read calcigraph from Neo4j with py2neo — for code that already depends on it.

    pip install 'calcigraph[py2neo]'
    python examples/py2neo_read.py [--uri bolt://127.0.0.1:7687] [--user neo4j] [--password ...]
                                   [--agent etidronate] [--out DIR]

py2neo is end-of-life (its last release, 2021.2.4, predates Neo4j 5); new code should use the official `neo4j`
driver, as calcigraph itself does. It still reads a Neo4j 5.26 server, with these limits (see docs/analytics.md):

* use `bolt://` or `neo4j://` (`bolt+s://` / `neo4j+s://` for TLS; untested here): py2neo speaks Bolt up to 4.3, which
  Neo4j 5.26 still accepts. `http://` does NOT work: py2neo probes the `/db/data/` endpoint Neo4j 5 removed.
* schema helpers (`graph.schema.get_indexes`, `get_uniqueness_constraints`) call `db.indexes`, removed in 5.0;
  use Cypher `SHOW INDEXES` / `SHOW CONSTRAINTS` instead.
* py2neo reads NEO4J_URI by itself and fails on a `neo4j://` value there ("Unknown protocol 'neo4j'"), even
  when given an explicit URI; `connect` below hides the variable from it.
* every node and relationship also shows the loader's `generation` property: bookkeeping, not knowledge.

Connection settings: the options, else NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE. It prints the
agents with their classes and the evidence on the agent's AFFECTS relationships, and writes both as CSV.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py2neo import Graph

DEFAULT_OUT = Path(__file__).resolve().parent.parent / ".cache" / "analytics"
EVIDENCE_COLUMNS = ("evidence_pubs", "evidence_levels", "evidence_species", "evidence_verified", "evidence_findings")


def connect(uri: str, user: str, password: str, database: str | None = None) -> Graph:
    """A py2neo Graph on the calcigraph database. `name=None` means the server's default database.

    py2neo reads NEO4J_URI itself, when it is imported, and cannot parse a `neo4j://` URI there: every Graph()
    then fails with "ValueError: Unknown protocol 'neo4j'", even one given an explicit URI. The URI was already
    read into `uri`, so it is hidden from py2neo before the (deferred) import.
    """
    os.environ.pop("NEO4J_URI", None)
    from py2neo import Graph

    return Graph(uri, auth=(user, password), name=database)


def agents_with_classes(graph: Graph) -> list[tuple[str, str, str]]:
    """(agent id, agent name, class id) for every MEMBER_OF relationship: one round trip via the matcher API."""
    rows = [(r.start_node["id"], r.start_node["name"], r.end_node["id"])
            for r in graph.relationships.match(r_type="MEMBER_OF")]
    return sorted(rows)


def affects_evidence(graph: Graph, agent_id: str) -> list[dict[str, object]]:
    """One row per evidence item on the agent's AFFECTS relationships. Evidence sits on the relationship as
    parallel lists (item i of each list is one cited finding), because Neo4j properties cannot hold maps."""
    agent = graph.nodes.match("Agent", id=agent_id).first()
    if agent is None:
        raise LookupError(f"no Agent with id {agent_id!r} in {graph.service.uri}")
    rows: list[dict[str, object]] = []
    for rel in sorted(graph.relationships.match((agent, None), r_type="AFFECTS"), key=lambda r: r["key"]):
        for i, pub in enumerate(rel["evidence_pubs"]):
            rows.append({
                "agent": agent_id, "direction": rel["direction"], "on": rel.end_node["id"],
                "tissue": rel.get("tissue") or "", "publication": pub, "level": rel["evidence_levels"][i],
                "species": rel["evidence_species"][i], "verified": rel["evidence_verified"][i],
                "finding": rel["evidence_findings"][i],
            })
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
                   help="bolt:// or neo4j:// (py2neo cannot use Neo4j 5's HTTP API)")
    p.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"))
    p.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"),
                   help="default: NEO4J_PASSWORD (`calcigraph neo4j status` prints the local server's)")
    p.add_argument("--database", default=os.environ.get("NEO4J_DATABASE") or None)
    p.add_argument("--agent", default="etidronate", help="agent whose AFFECTS evidence is read")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the CSVs")
    args = p.parse_args()
    if args.uri.startswith(("http://", "https://")):
        sys.exit("py2neo cannot use Neo4j 5's HTTP API; pass the Bolt URI (bolt://host:7687) instead")
    if not args.password:
        sys.exit("no password: pass --password or set NEO4J_PASSWORD")

    graph = connect(args.uri, args.user, args.password, args.database)
    print(f"py2neo connected to {graph.service.product} at {args.uri}")
    members = agents_with_classes(graph)
    print(f"{len(members)} agents with their classes, e.g.:")
    for agent_id, agent_name, class_id in members[:5]:
        print(f"  {agent_id:28} {class_id:24} {agent_name}")
    evidence = affects_evidence(graph, args.agent)
    print(f"{len(evidence)} evidence items on {args.agent}'s AFFECTS relationships, e.g.:")
    for row in evidence[:3]:
        print(f"  {row['direction']} {row['on']}: {row['publication']} ({row['level']}) {str(row['finding'])[:70]}")

    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "py2neo_agents.csv", ["agent", "name", "agent_class"], members)
    write(args.out / f"py2neo_affects_{args.agent}.csv", list(evidence[0]) if evidence else ["agent"],
          [list(r.values()) for r in evidence])


def write(path: Path, header: list[str], rows: list) -> None:
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
