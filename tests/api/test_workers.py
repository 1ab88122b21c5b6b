"""Issue #17: `calcigraph serve --workers N` runs N forked processes on one socket, so concurrent requests use every
core (a request is CPU-bound Python). Specified here on real processes and sockets, on both stores:

* every worker answers, and answers exactly as a single-process server would;
* a worker that dies is replaced, and the server keeps answering;
* SIGTERM stops the parent and every worker (no orphans left holding the port).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph import settings
from graph.neo4j_server import free_port

ROOT = Path(__file__).resolve().parents[2]
QUERY = '{ agent(id: "etidronate") { id name targets { target { id } } } }'
FLAGSHIP = "{ inhibitorsWithoutHarm { agent { id } safety reason } }"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.add(int(entry))
    return found


def _wait(predicate, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def _up(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def _serve(*args: str, env: dict[str, str] | None = None) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port), *args], cwd=ROOT,
                            env={**os.environ, "NEO4J_URI": "", **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _up(url) or proc.poll() is not None, 120)
        assert proc.poll() is None, "the server exited"
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _ask(url: str, query: str) -> bytes:
    response = httpx.post(url + "/graphql", json={"query": query}, timeout=30)
    assert response.status_code == 200
    return response.content


def _answers_from_each_worker(proc: subprocess.Popen[bytes], url: str) -> None:
    workers = _children(proc.pid)
    assert len(workers) == 2
    seen: set[bytes] = set()
    for _ in range(20):  # fresh connections: the kernel spreads them over both workers
        seen.add(_ask(url, QUERY))
    assert len(seen) == 1


def test_two_workers_answer_like_one_and_stop_together() -> None:
    with _serve("--embedded", "--response-cache", "0") as (_single, url):
        expected = {q: _ask(url, q) for q in (QUERY, FLAGSHIP)}
    with _serve("--embedded", "--response-cache", "0", "--workers", "2") as (proc, url):
        _answers_from_each_worker(proc, url)
        assert {q: _ask(url, q) for q in (QUERY, FLAGSHIP)} == expected
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    _wait(lambda: not any(_alive(pid) for pid in workers), 30)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_worker_that_dies_is_replaced() -> None:
    with _serve("--embedded", "--workers", "2") as (proc, url):
        before = _children(proc.pid)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        _wait(lambda: len(_children(proc.pid) - {victim}) == 2)
        _wait(lambda: _up(url))
        assert _ask(url, QUERY).startswith(b'{"data":{"agent":{"id":"etidronate"')


def test_workers_on_neo4j_each_open_their_own_driver(neo4j_settings: settings.Neo4jSettings,
                                                      neo4j_store: object) -> None:
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password}
    with _serve("--neo4j", "--workers", "2", env=env) as (proc, url):
        _answers_from_each_worker(proc, url)
        body = _ask(url, FLAGSHIP)
    with _serve("--embedded", "--response-cache", "0") as (_single, url):
        assert _ask(url, FLAGSHIP) == body


@pytest.mark.parametrize("workers", ["0", "65"])
def test_a_worker_count_out_of_range_is_refused(workers: str) -> None:
    result = subprocess.run([sys.executable, "-m", "api.cli", "serve", "--workers", workers], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "NEO4J_URI": ""})
    assert result.returncode == 2 and "--workers" in result.stderr


def test_the_shared_socket_gives_connections_tcp_nodelay() -> None:
    """asyncio turns Nagle off only on sockets it knows are TCP; without that, small answers of a worker waited for
    the client's delayed ACK (a fixed ~40 ms per request, found by bench.peer)."""
    import asyncio
    import socket

    from api.serving import listening_socket

    sock = listening_socket("127.0.0.1", free_port())
    seen: list[int] = []

    async def main() -> None:
        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=sock)
        _reader, writer = await asyncio.open_connection(*sock.getsockname())
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.05)
        writer.close()
        server.close()

    asyncio.run(main())
    assert seen and seen[0] != 0
