"""Neo4j connection settings: environment first, else the local server calcigraph manages.

`NEO4J_URI` may be any URI the official driver accepts — `bolt://`, `neo4j://` (routing, for clusters),
`neo4j+s://` (Aura) — so moving from one machine to a cluster is configuration, not code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

_USERINFO = re.compile(r"(?<=://)[^/@?#]*@")


def redact_uri(uri: str) -> str:
    """`uri` without any `user:password@` part: URIs go into messages and logs, credentials never do."""
    return _USERINFO.sub("", uri)


def redact(text: str, *secrets: str) -> str:
    """`text` with credentials in URIs, and each of `secrets`, replaced (for error messages from drivers)."""
    text = _USERINFO.sub("", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str | None

    def redacted(self) -> str:
        """For logs and errors: never the password."""
        return f"{self.user}@{redact_uri(self.uri)}" + (f" (database {self.database})" if self.database else "")


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
    """An explicit URI, else the environment, else the local server if it is running (at the ports it was started
    on), else None. The local server's password goes only to the local server's own address."""
    env = from_env()
    if uri:
        base = env or Neo4jSettings(uri=uri, user="neo4j", password="", database=None)
        if not base.password:
            local = _local()
            password = local.password if local and _same_address(uri, local.uri) else ""
            return Neo4jSettings(uri=uri, user=base.user, password=password, database=base.database)
        return Neo4jSettings(uri=uri, user=base.user, password=base.password, database=base.database)
    return env or _local()


def _same_address(uri: str, local_uri: str) -> bool:
    def address(u: str) -> tuple[str, str]:
        rest = redact_uri(u).split("://", 1)[-1].split("/", 1)[0]
        host, _, port = rest.rpartition(":")
        return ("127.0.0.1" if host in ("localhost", "127.0.0.1", "[::1]") else host), port

    return uri.split("://", 1)[0] in ("bolt", "neo4j") and address(uri) == address(local_uri)


def _local() -> Neo4jSettings | None:
    from graph.neo4j_server import LocalNeo4j

    server = LocalNeo4j()
    if server.pid() is None:
        return None
    password = server.password()
    return Neo4jSettings(uri=server.bolt_uri, user="neo4j", password=password or "", database=None)
