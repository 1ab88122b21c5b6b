"""How `calcigraph serve` runs uvicorn: every connection-level limit is set here, explicitly (docs/limits.md).

uvicorn's defaults leave an idle or trickling connection open forever (its keep-alive timeout applies only after a
first response), accept any number of connections, and do not bound a request head that is still arriving.
uvicorn runs its httptools protocol (llhttp, C) on uvloop. Here:

* a request head (request line and headers) must arrive within `header_timeout` seconds of the connection opening
  or of the previous response, else the connection is closed (slow-header clients cannot pin connections);
* at most `max_header_bytes` of request line plus headers (beyond: 431; a head still incomplete at that size: 400
  and the connection is closed);
* at most `max_connections` open connections (beyond: 503 Service Unavailable);
* an idle keep-alive connection is closed after `keep_alive_timeout` seconds;
* the listen backlog is `backlog`.

Before serving, the heap built so far (the embedded store, the schema) is frozen out of the garbage collector
(`settle_heap`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.limits import send_error


@dataclass(frozen=True)
class ServerLimits:
    header_timeout: float = 10.0
    max_header_bytes: int = 16_384
    max_connections: int = 256
    keep_alive_timeout: int = 5
    backlog: int = 256


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (llhttp, in C: about a quarter of a small answer's time went into pure-Python
    h11), plus two limits on each request head: a deadline and a size while it is still incomplete."""

    header_timeout: float = ServerLimits.header_timeout
    max_header_bytes: int = ServerLimits.max_header_bytes

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._in_head = True  # waiting for (the rest of) a request line and headers
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)  # may complete the head (on_headers_complete)
        if self._in_head and not self.transport.is_closing() and self._head_bytes > self.max_header_bytes:
            self.logger.info("closing a connection whose request head passed %d bytes unfinished",
                             self.max_header_bytes)
            self.send_400_response("Request head too large.")

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_head_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():  # the next request's head is on the clock (uvicorn's keep-alive timer
            self._in_head = True             # covers the idle wait; a head that starts must also finish)
            self._head_bytes = 0
            self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        if getattr(self, "_head_timer", None) is None:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            self.logger.info("closing a connection that sent no complete request head within %.0f s",
                             self.header_timeout)
            self.transport.close()


class HeadSizeLimit:
    """431 for a request whose line and headers exceed `max_bytes` in total. (h11's own limit only bounds what it
    buffers of an *incomplete* head, so a large head arriving in one packet would pass it.)"""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b"")) + 16
            size += sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
            if size > self.max_bytes:
                await send_error(send, 431, "HEADERS_TOO_LARGE",
                                 f"the request line and headers are {size} bytes; this server accepts at most "
                                 f"{self.max_bytes} (`calcigraph serve --max-header-bytes`)")
                return
        await self.app(scope, receive, send)


def protocol_class(limits: ServerLimits) -> type[HttpToolsProtocol]:
    return type("CalcigraphHttpProtocol", (LimitedHttpToolsProtocol,),
                {"header_timeout": limits.header_timeout, "max_header_bytes": limits.max_header_bytes})


def uvicorn_config(app: Any, host: str, port: int, limits: ServerLimits | None = None,
                   log_level: str = "info", access_log: bool = True) -> uvicorn.Config:
    limits = limits or ServerLimits()
    return uvicorn.Config(
        HeadSizeLimit(app, limits.max_header_bytes), host=host, port=port, log_level=log_level,
        http=protocol_class(limits),
        loop="uvloop",  # libuv's event loop: less per-request overhead than asyncio's (same semantics)
        limit_concurrency=limits.max_connections,
        timeout_keep_alive=limits.keep_alive_timeout,
        backlog=limits.backlog,
        ws="none",  # the API has no websocket endpoint
        lifespan="on",
        access_log=access_log,
    )


def settle_heap() -> None:
    """Move every object alive now out of the garbage collector's view (`gc.freeze`).

    Why: the embedded store is ~150,000 long-lived objects. Each full collection walked all of them — ~60 ms, every
    few hundred requests — and put 100-150 ms into the p99 of every shape. Frozen objects are never scanned (nor
    written to, so forked workers keep sharing their pages); what requests allocate is collected as before."""
    gc.collect()
    gc.freeze()


def listening_socket(host: str, port: int, backlog: int = ServerLimits.backlog) -> socket.socket:
    """The one socket every worker accepts on: bound before forking, so the kernel spreads connections over the
    workers and a port conflict is reported once, by the parent."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets whose proto is IPPROTO_TCP, and without it a
    # small answer written in two sends waits ~40 ms for the client's delayed ACK (Nagle)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def run_workers(build_app: Callable[[], Any], host: str, port: int, limits: ServerLimits, workers: int,
                log_level: str = "info", access_log: bool = True) -> None:
    """Serve with `workers` processes forked from this one, all accepting on one socket.

    Why processes: a request is CPU-bound Python (GIL), so one process uses one core however many clients wait;
    forking after the embedded store is built shares its memory copy-on-write. `build_app` runs in each worker
    after the fork (a Neo4j driver must not cross a fork). The parent only supervises: a worker that dies is
    replaced, SIGINT/SIGTERM stop every worker gracefully (uvicorn finishes in-flight requests) and then the parent.
    Limits (connections, timeouts, caches) apply per worker.
    """
    if workers <= 1:
        app = build_app()
        settle_heap()
        uvicorn.Server(uvicorn_config(app, host, port, limits, log_level, access_log)).run()
        return
    settle_heap()  # before the fork: the store's pages stay shared
    sock = listening_socket(host, port, limits.backlog)
    children: dict[int, int] = {}  # pid -> worker number
    stopping = False

    def spawn(number: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 0
            try:
                config = uvicorn_config(build_app(), host, port, limits, log_level, access_log)
                settle_heap()
                uvicorn.Server(config).run(sockets=[sock])
            except click.exceptions.Exit as exc:  # build_app said why (e.g. Neo4j unreachable)
                code = exc.exit_code
            except Exception:
                logging.getLogger("calcigraph.api").exception("worker %d failed", number)
                code = 1
            os._exit(code)
        children[pid] = number

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for number in range(workers):
        spawn(number)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        number = children.pop(pid, None)
        if number is not None and not stopping:
            logging.getLogger("calcigraph.api").warning(
                "worker %d (pid %d) exited with status %d; starting a new one", number, pid,
                os.waitstatus_to_exitcode(status))
            time.sleep(1.0)  # a worker that fails at start must not fork in a tight loop
            spawn(number)
    sock.close()
