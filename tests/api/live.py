"""A real uvicorn server on a loopback port, in a background thread, configured exactly like `calcigraph serve`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from api.serving import ServerLimits, uvicorn_config
from graph.neo4j_server import free_port


@contextmanager
def live_server(app: Any, limits: ServerLimits | None = None) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port, limits, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


_CLIENT = httpx.Client(timeout=30.0)
"""One client for all probes: a fresh httpx client builds an SSL context each time (~50 ms), which would be timed."""


def timed_get(url: str) -> tuple[int, float]:
    started = time.monotonic()
    response = _CLIENT.get(url)
    return response.status_code, time.monotonic() - started
