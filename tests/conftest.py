"""Shared fixtures. The Neo4j fixtures hand out a REAL server: the one NEO4J_URI names, else a local one this
session starts (and stops). If it cannot start, the tests that need it fail with the reason — never skip."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings
from neo4j import Driver, GraphDatabase

from graph import settings
from graph.kb import Records
from graph.memory_store import MemoryStore
from graph.neo4j_server import LocalNeo4j, free_port
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore

# CI runs the generated tests on a fixed sequence of examples, so a run can be repeated exactly (a flake is a bug);
# developers' runs explore new examples each time (set CI=true to reproduce a CI run).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

NEO4J_LOG: list[str] = []
"""What the session's server did; printed live and again in the terminal summary, so CI logs show it."""


def _say(config: pytest.Config, message: str) -> None:
    NEO4J_LOG.append(message)
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is None:
        print(message)
        return
    with capture.global_and_fixture_disabled():
        print(message, flush=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if NEO4J_LOG:
        terminalreporter.section("neo4j")
        for line in NEO4J_LOG:
            terminalreporter.write_line(line)


def test_instance_name() -> str:
    """CALCIGRAPH_TEST_INSTANCE lets parallel test sessions on one machine (and one cache) use separate servers."""
    return os.environ.get("CALCIGRAPH_TEST_INSTANCE", "test-instance")


def scratch_instance(purpose: str) -> str:
    """The name of an extra server a test starts for itself, unique to this session's test instance, so two
    sessions sharing a cache never start, wipe or stop each other's servers."""
    return f"{test_instance_name()}-{purpose}"


@pytest.fixture(scope="session")
def neo4j_settings(pytestconfig: pytest.Config) -> Iterator[settings.Neo4jSettings]:
    configured = settings.from_env()
    if configured is not None:
        _say(pytestconfig, f"[neo4j] using the configured server {configured.redacted()}")
        yield configured
        return
    server = LocalNeo4j(test_instance_name(), bolt_port=free_port(), http_port=free_port(), heap="768m",
                        pagecache="256m")
    if server.pid():
        server.stop(log=lambda _m: None)
    server.wipe()
    status = server.start(log=lambda m: _say(pytestconfig, f"[neo4j] {m}"))
    _say(pytestconfig, f"[neo4j] test server Neo4j {status.version} (pid {status.pid}) on {status.bolt_uri}")
    try:
        yield settings.Neo4jSettings(uri=status.bolt_uri, user="neo4j", password=status.password or "", database=None)
    finally:
        server.stop(log=lambda m: _say(pytestconfig, f"[neo4j] {m}"))


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: settings.Neo4jSettings) -> Iterator[Driver]:
    driver = GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password))
    driver.verify_connectivity()
    yield driver
    driver.close()


# ---- the shipped knowledge base in both stores ------------------------------------------------------------------

class Neo4jGraph:
    """What the test Neo4j currently holds. Tests that need other content call `load`; tests that need the
    shipped data call `ensure_shipped` — so reloads happen only when the content actually changes."""

    def __init__(self, driver: Driver, shipped: Records) -> None:
        self.driver = driver
        self.shipped = shipped
        self.current: Records | None = None

    def load(self, records: Records, wipe: bool = True) -> None:
        from loaders.neo4j_loader import load

        load(self.driver, records, wipe=wipe)
        self.current = records

    def ensure_shipped(self) -> None:
        if self.current is not self.shipped:
            self.load(self.shipped)


@pytest.fixture(scope="session")
def shipped_records() -> Records:
    from graph.paths import data_dir
    from loaders.validate import load_knowledge_base

    return load_knowledge_base(data_dir()).records()


@pytest.fixture(scope="session")
def neo4j_graph(neo4j_driver: Driver, shipped_records: Records) -> Neo4jGraph:
    return Neo4jGraph(neo4j_driver, shipped_records)


@pytest.fixture(scope="session")
def memory_store(shipped_records: Records) -> MemoryStore:
    return MemoryStore.from_records(shipped_records)


@pytest.fixture
def neo4j_store(neo4j_graph: Neo4jGraph) -> Iterator[Neo4jStore]:
    """A Neo4j store over the shipped data (reloaded first if a test left other content behind)."""
    neo4j_graph.ensure_shipped()
    yield Neo4jStore(neo4j_graph.driver)


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each test using `store` runs once per backend, on the shipped data."""
    if request.param == "embedded":
        return request.getfixturevalue("memory_store")
    return request.getfixturevalue("neo4j_store")
