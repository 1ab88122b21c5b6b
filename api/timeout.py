"""Per-request timeout for /graphql as plain ASGI middleware.

Plain ASGI rather than `@app.middleware("http")`: Starlette's BaseHTTPMiddleware runs every request through an
extra task and stream, which costs more than a cached GraphQL answer itself takes to produce.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class GraphQLTimeout:
    """Stops a /graphql request after `seconds` and answers with a TIMEOUT GraphQL error (HTTP 200, as GraphQL
    clients expect errors in the body). If the answer had already started streaming, the connection is closed."""

    def __init__(self, app: ASGIApp, seconds: float, prefix: str = "/graphql") -> None:
        self.app = app
        self.seconds = seconds
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), timeout=self.seconds)
        except TimeoutError:
            if started:
                raise
            await _send_json(send, {"data": None, "errors": [{
                "message": f"timeout: the request took longer than {self.seconds:g} s and was stopped",
                "extensions": {"code": "TIMEOUT"}}]})


async def _send_json(send: Send, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
