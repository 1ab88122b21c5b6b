"""A minimal keep-alive HTTP/1.1 client for the load generator.

Why not httpx: the load generator shares the machine's 2 cores with the server, and every microsecond it spends
per request is added to the latency it reports. Against the same server, httpx measured the flagship at ~7.2 ms
p50, aiohttp ~6.8 ms and this client ~4.9 ms (the server's own ASGI time is ~3.7 ms). The figures in
docs/benchmarks.md should describe the API, not the client, so requests are written and read by hand: one POST
per round trip on a kept connection, a `Content-Length` body (which uvicorn always sends for these responses).
"""

from __future__ import annotations

import asyncio
import contextlib
import json


class HttpError(Exception):
    """The connection failed or the server's answer was not a complete HTTP/1.1 response."""


class KeepAliveClient:
    """One connection; requests are sequential on it (one client = one connection, as in closed-loop load)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, payload: object) -> tuple[int, bytes]:
        """POST `payload` as JSON; the status and the body. Reconnects after a failed request."""
        body = json.dumps(payload).encode()
        head = (f"POST {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\ncontent-type: application/json\r\n"
                f"content-length: {len(body)}\r\n\r\n").encode()
        try:
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            assert self._reader is not None
            self._writer.write(head + body)
            await self._writer.drain()
            return await self._read_response(self._reader)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, HttpError) as exc:
            await self.close()
            raise HttpError(str(exc) or type(exc).__name__) from exc

    @staticmethod
    async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = dict(line.split(":", 1) for line in header_lines if ":" in line)
        length = {k.strip().lower(): v.strip() for k, v in headers.items()}.get("content-length")
        if length is None:
            raise HttpError("response without Content-Length (chunked bodies are not supported)")
        return status, await reader.readexactly(int(length))

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None
