"""The test session really talks to Neo4j: writes, reads and constraint violations behave as in production."""

from __future__ import annotations

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from tests.conftest import scratch_instance


@pytest.fixture
def scratch(neo4j_driver: Driver):
    neo4j_driver.execute_query("CREATE CONSTRAINT scratch_id IF NOT EXISTS FOR (n:Scratch) REQUIRE n.id IS UNIQUE")
    yield neo4j_driver
    neo4j_driver.execute_query("MATCH (n:Scratch) DETACH DELETE n")
    neo4j_driver.execute_query("DROP CONSTRAINT scratch_id IF EXISTS")


def test_server_is_neo4j_5_26(neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query("CALL dbms.components() YIELD name, versions RETURN name, versions")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.26")


def test_a_written_node_reads_back(scratch: Driver) -> None:
    scratch.execute_query("CREATE (:Scratch {id: $id, name: $name})", id="x1", name="etidronate")
    records, _, _ = scratch.execute_query("MATCH (n:Scratch {id: $id}) RETURN n.name AS name", id="x1")
    assert [r["name"] for r in records] == ["etidronate"]


def test_a_uniqueness_constraint_rejects_a_duplicate(scratch: Driver) -> None:
    scratch.execute_query("CREATE (:Scratch {id: 'dup'})")
    with pytest.raises(ConstraintError):
        scratch.execute_query("CREATE (:Scratch {id: 'dup'})")


def test_start_then_stop_leaves_no_server_process() -> None:
    from graph.neo4j_server import LocalNeo4j, _pid_alive, free_port

    server = LocalNeo4j(scratch_instance("lifecycle"), bolt_port=free_port(), http_port=free_port(), heap="512m",
                        pagecache="64m")
    server.wipe()
    status = server.start(log=lambda _m: None)
    try:
        assert status.running and status.pid
        assert status.version and status.version.startswith("5.26")
    finally:
        server.stop(log=lambda _m: None)
    assert not _pid_alive(status.pid)
    assert server.status().running is False
    server.wipe()


def test_start_on_a_taken_port_says_which_port_and_what_to_do() -> None:
    import socket

    from graph.neo4j_server import LocalNeo4j, Neo4jServerError, free_port

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        server = LocalNeo4j(scratch_instance("port"), bolt_port=taken, http_port=free_port())
        with pytest.raises(Neo4jServerError, match=rf"Port {taken} .* taken.*--bolt-port"):
            server.start(log=lambda _m: None)


def test_generated_passwords_cannot_be_read_as_options() -> None:
    from graph.neo4j_server import PASSWORD_ALPHABET, generate_password

    passwords = [generate_password() for _ in range(2000)]  # token_urlsafe started ~31 of 2000 with "-"
    assert all(p[0].isalpha() and set(p) <= set(PASSWORD_ALPHABET) and len(p) == 24 for p in passwords)
    assert len(set(passwords)) == len(passwords)


def test_a_password_with_a_leading_dash_is_set_and_accepted() -> None:
    """A forced leading dash: the admin tool must read it as the password, and Bolt must accept exactly it."""
    from graph.neo4j_server import LocalNeo4j, _bolt_answers, free_port

    server = LocalNeo4j(scratch_instance("dash"), bolt_port=free_port(), http_port=free_port(), heap="512m",
                        pagecache="64m")
    server.wipe()
    password = "-dash-" + "x" * 12
    server.set_initial_password(password)
    status = server.start(log=lambda _m: None)
    try:
        assert status.password == password
        assert _bolt_answers(status.bolt_uri, password)
    finally:
        server.stop(log=lambda _m: None)
        server.wipe()
