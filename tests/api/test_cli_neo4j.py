"""Issue #15, items 5 and 9, through the real command line and a real Neo4j: the ports given to `neo4j start` are
remembered and used by every later command, and the password is printed only when asked for — never in errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph import settings
from graph.neo4j_server import INSTANCE_ENV, LocalNeo4j, free_port
from tests.conftest import scratch_instance


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, LocalNeo4j]]:
    """The CLI pointed at a scratch instance of this test session (never the user's `instance`)."""
    name = scratch_instance("cli")
    monkeypatch.setenv(INSTANCE_ENV, name)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    server = LocalNeo4j(name)
    if server.pid():
        server.stop(log=lambda _m: None)
    server.wipe()
    try:
        yield CliRunner(), server
    finally:
        LocalNeo4j(name).stop(log=lambda _m: None)
        LocalNeo4j(name).wipe()


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "TERM": "dumb"})
    return result.exit_code, result.output


def test_ports_are_remembered_and_the_password_is_shown_only_when_asked(cli: tuple[CliRunner, LocalNeo4j]) -> None:
    runner, server = cli
    bolt, http = free_port(), free_port()
    code, out = run(runner, "neo4j", "start", "--bolt-port", str(bolt), "--http-port", str(http))
    assert code == 0, out
    password = server.password()
    assert password and password not in out  # item 9: start never prints it
    assert f"bolt://127.0.0.1:{bolt}" in out and "--show-password" in out

    code, out = run(runner, "neo4j", "start")  # a second start reports where it really runs
    assert code == 0 and "already running" in out and f"bolt://127.0.0.1:{bolt}" in out and password not in out

    code, out = run(runner, "neo4j", "status")
    assert code == 0 and f"bolt://127.0.0.1:{bolt}" in out and f"http://127.0.0.1:{http}/browser/" in out
    assert password not in out
    code, out = run(runner, "neo4j", "status", "--show-password")
    assert code == 0 and password in out

    code, out = run(runner, "browse")  # asked for: URL and credentials
    assert code == 0 and f"http://127.0.0.1:{http}/browser/" in out and password in out

    cfg = settings.resolve()  # what load and serve --neo4j use
    assert cfg is not None and cfg.uri == f"bolt://127.0.0.1:{bolt}" and cfg.password == password
    elsewhere = settings.resolve("bolt://127.0.0.1:7687")  # another address never gets the local password
    assert elsewhere is not None and elsewhere.password == ""

    code, out = run(runner, "load")
    assert code == 0, out
    assert f"loaded into neo4j@bolt://127.0.0.1:{bolt}" in out and password not in out

    code, out = run(runner, "neo4j", "stop")
    assert code == 0
    code, out = run(runner, "neo4j", "status")
    assert code == 3 and f"bolt://127.0.0.1:{bolt}" in out  # remembered after a stop too


@pytest.mark.parametrize("uri", ["bolt://neo4j:s3cret-pw@127.0.0.1:1", "bolt://neo4j:s3cret-pw@127.0.0.1:notaport",
                                 "neo4j+s://neo4j:s3cret-pw@"])
def test_a_password_inside_the_uri_is_never_echoed(uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "env-s3cret")
    for args in (["load", "--uri", uri], ["browse", "--uri", uri]):
        result = CliRunner().invoke(app, args, env={"COLUMNS": "250"})
        assert "s3cret" not in result.output, result.output
    monkeypatch.setenv("NEO4J_URI", uri)
    result = CliRunner().invoke(app, ["load"], env={"COLUMNS": "250"})
    assert result.exit_code == 1 and "s3cret" not in result.output, result.output


def test_settings_redact_credentials() -> None:
    cfg = settings.Neo4jSettings(uri="neo4j+s://u:p4ss@host.example:7687/db", user="u", password="p4ss",
                                 database=None)
    assert cfg.redacted() == "u@neo4j+s://host.example:7687/db"
    assert settings.redact("failed: bolt://u:p4ss@h:1 said p4ss", "p4ss") == "failed: bolt://h:1 said ***"
