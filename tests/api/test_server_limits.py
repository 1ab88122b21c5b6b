"""Issue #15, item 10: `calcigraph serve` sets uvicorn's connection limits explicitly — a header-read deadline, a
header-size cap and a connection cap — tested on a real uvicorn over real sockets (docs/limits.md).

Bounds are generous: a 1 s header deadline must close the connection within 10 s."""

from __future__ import annotations

import socket
import time

import httpx

from api.app import create_app
from api.serving import ServerLimits
from graph.memory_store import MemoryStore
from tests.api.live import live_server


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> float:
    """Seconds until the server closed `sock` (reads until EOF); fails if it stays open longer."""
    started = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        raise AssertionError(f"the server kept the connection open for more than {seconds} s") from None
    except ConnectionResetError:
        pass
    return time.monotonic() - started


def test_a_client_that_never_finishes_its_headers_is_disconnected(memory_store: MemoryStore) -> None:
    with live_server(create_app(memory_store), ServerLimits(header_timeout=1.0)) as url:
        silent = _connect(url)  # sends nothing at all
        trickling = _connect(url)
        trickling.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # ... and never the blank line
        assert _closed_within(silent, 10) >= 0
        assert _closed_within(trickling, 10) >= 0
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200  # others are served as usual
        silent.close()
        trickling.close()


def test_a_finished_request_is_not_cut_by_the_header_deadline(memory_store: MemoryStore) -> None:
    # one keep-alive connection, requests spaced past the header deadline (but within the keep-alive timeout)
    with live_server(create_app(memory_store), ServerLimits(header_timeout=0.5)) as url, \
            httpx.Client(timeout=10) as client:
        for _ in range(3):
            assert client.get(f"{url}/readyz").status_code == 200
            time.sleep(0.7)


def test_oversized_headers_are_refused(memory_store: MemoryStore) -> None:
    with live_server(create_app(memory_store), ServerLimits(max_header_bytes=4096)) as url:
        response = httpx.get(f"{url}/healthz", headers={"x-big": "a" * 8000}, timeout=10)  # arrives in one piece
        assert response.status_code == 431 and "at most 4096" in response.json()["errors"][0]["message"]
        trickled = _connect(url)  # a head that keeps growing is cut off while still incomplete
        trickled.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        for _ in range(20):
            try:
                trickled.sendall(b"x-more: " + b"b" * 500 + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.01)
        assert _closed_within(trickled, 10) >= 0
        trickled.close()
        assert httpx.get(f"{url}/healthz", headers={"x-ok": "a" * 1000}, timeout=10).status_code == 200


def test_connections_beyond_the_cap_get_503(memory_store: MemoryStore) -> None:
    with live_server(create_app(memory_store), ServerLimits(max_connections=3, header_timeout=30)) as url:
        held = [_connect(url) for _ in range(3)]
        time.sleep(0.2)  # let the server register them
        response = httpx.get(f"{url}/healthz", timeout=10)
        assert response.status_code == 503
        for sock in held:
            sock.close()
        deadline = time.monotonic() + 10
        while httpx.get(f"{url}/healthz", timeout=10).status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_serve_help_names_every_limit() -> None:
    from typer.testing import CliRunner

    from api.cli import app

    out = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "TERM": "dumb"}).output
    for flag in ("--header-timeout", "--max-header-bytes", "--max-connections", "--keep-alive", "--max-body-bytes",
                 "--timeout", "--max-depth", "--max-tokens", "--max-page-size"):
        assert flag in out, flag
