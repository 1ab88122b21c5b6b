"""Shared fixtures. The Neo4j fixtures hand out a REAL server: the one NEO4J_URI names, else a local one this
session starts (and stops). If it cannot start, the tests that need it fail with the reason — never skip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase

from graph import settings
from graph.neo4j_server import LocalNeo4j, free_port


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[settings.Neo4jSettings]:
    configured = settings.from_env()
    if configured is not None:
        yield configured
        return
    server = LocalNeo4j("test-instance", bolt_port=free_port(), http_port=free_port(), heap="768m", pagecache="256m")
    if server.pid():
        server.stop(log=lambda _m: None)
    server.wipe()
    status = server.start(log=lambda m: print(f"[neo4j] {m}"))
    print(f"[neo4j] test server {status.version} on {status.bolt_uri}")
    try:
        yield settings.Neo4jSettings(uri=status.bolt_uri, user="neo4j", password=status.password or "", database=None)
    finally:
        server.stop(log=lambda m: print(f"[neo4j] {m}"))


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: settings.Neo4jSettings) -> Iterator[Driver]:
    driver = GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password))
    driver.verify_connectivity()
    yield driver
    driver.close()
