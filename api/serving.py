"""How `calcigraph serve` runs uvicorn: every connection-level limit is set here, explicitly (docs/limits.md).

uvicorn's defaults leave an idle or trickling connection open forever (its keep-alive timeout applies only after a
first response), accept any number of connections, and cap request heads at h11's default. Here:

* a request head (request line and headers) must arrive within `header_timeout` seconds of the connection opening
  or of the previous response, else the connection is closed (slow-header clients cannot pin connections);
* at most `max_header_bytes` of request line plus headers (beyond: 431; a head still incomplete at that size: 400
  and the connection is closed);
* at most `max_connections` open connections (beyond: 503 Service Unavailable);
* an idle keep-alive connection is closed after `keep_alive_timeout` seconds;
* the listen backlog is `backlog`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import h11
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.limits import send_error


@dataclass(frozen=True)
class ServerLimits:
    header_timeout: float = 10.0
    max_header_bytes: int = 16_384
    max_connections: int = 256
    keep_alive_timeout: int = 5
    backlog: int = 256


class HeaderTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for each request head."""

    header_timeout: float = ServerLimits.header_timeout

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm_head_timer()  # bytes of a request head came, but not all of it
        else:
            self._cancel_head_timer()  # the head is complete (uvicorn's keep-alive timer covers the idle wait after
            # the response; a partial next head re-arms this timer)

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
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
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


def protocol_class(limits: ServerLimits) -> type[H11Protocol]:
    return type("CalcigraphH11Protocol", (HeaderTimeoutH11Protocol,), {"header_timeout": limits.header_timeout})


def uvicorn_config(app: Any, host: str, port: int, limits: ServerLimits | None = None,
                   log_level: str = "info") -> uvicorn.Config:
    limits = limits or ServerLimits()
    return uvicorn.Config(
        HeadSizeLimit(app, limits.max_header_bytes), host=host, port=port, log_level=log_level,
        http=protocol_class(limits),
        h11_max_incomplete_event_size=limits.max_header_bytes,
        limit_concurrency=limits.max_connections,
        timeout_keep_alive=limits.keep_alive_timeout,
        backlog=limits.backlog,
        ws="none",  # the API has no websocket endpoint
        lifespan="on",
    )
