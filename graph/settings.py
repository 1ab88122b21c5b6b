"""Neo4j connection settings: environment first, else the local server calcigraph manages.

`NEO4J_URI` may be any URI the official driver accepts — `bolt://`, `neo4j://` (routing, for clusters),
`neo4j+s://` (Aura) — so moving from one machine to a cluster is configuration, not code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str | None

    def redacted(self) -> str:
        """For logs and errors: never the password."""
        return f"{self.user}@{self.uri}" + (f" (database {self.database})" if self.database else "")


def from_env() -> Neo4jSettings | None:
    """Settings from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, or None when NEO4J_URI is unset."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


def resolve(uri: str | None = None) -> Neo4jSettings | None:
    """An explicit URI, else the environment, else the local server if it is running, else None."""
    env = from_env()
    if uri:
        base = env or Neo4jSettings(uri=uri, user="neo4j", password="", database=None)
        if not base.password:
            local = _local()
            password = local.password if local else ""
            return Neo4jSettings(uri=uri, user=base.user, password=password, database=base.database)
        return Neo4jSettings(uri=uri, user=base.user, password=base.password, database=base.database)
    return env or _local()


def _local() -> Neo4jSettings | None:
    from graph.neo4j_server import LocalNeo4j

    server = LocalNeo4j()
    if server.pid() is None:
        return None
    password = server.password()
    return Neo4jSettings(uri=server.bolt_uri, user="neo4j", password=password or "", database=None)
