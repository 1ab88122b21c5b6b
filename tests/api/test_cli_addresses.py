"""Addresses a person gets wrong get one clear line, not a traceback: a port already taken, an unknown host, and a
NEO4J_URI that is not a Bolt URI (Neo4j Browser's http://…:7474 is the usual mistake)."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def test_a_taken_port_is_one_line_naming_another_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)], env={"NEO4J_URI": ""})
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"--port {port + 1}" in result.stderr and "Traceback" not in result.output


def test_an_unknown_host_is_one_line() -> None:
    result = runner.invoke(app, ["serve", "--host", "no-such-host.invalid"], env={"NEO4J_URI": ""})
    assert result.exit_code == 2 and "not a host name or address" in result.stderr


def test_an_http_neo4j_uri_says_calcigraph_talks_bolt() -> None:
    result = runner.invoke(app, ["ask", "search", "etidron", "--neo4j"],
                           env={"NEO4J_URI": "http://127.0.0.1:7474", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1
    assert "calcigraph talks Bolt" in result.stderr and "bolt://" in result.stderr
    assert "Traceback" not in result.output
