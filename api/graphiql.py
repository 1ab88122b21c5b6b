"""The GraphQL endpoint as a plain ASGI app: strawberry's view with calcigraph's offline GraphiQL and orjson.

GraphiQL at `/graphql` works offline: its assets are served by the app (api/web/vendor/, the published npm builds of
graphiql 3 and React 18), and it opens on a tab per question (api/web/graphiql.js). strawberry's own GraphiQL page
loads its scripts from a CDN, which shows only "Loading..." on a network without internet (as in many labs and
hospitals).

The view is mounted as a bare route (api.app), not as strawberry's FastAPI `GraphQLRouter`: the router runs FastAPI's
dependency solving and response wrapping for every request, about a fifth of the server's work on a small answer
(issue #17's profile), for a context that needs nothing from the request. The view is the same
`AsyncBaseHTTPView` the router wraps, so requests, status codes and bodies are the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema import BaseSchema

from api.workbench import WEB


@cache
def graphiql_html() -> str:
    return (WEB / "graphiql.html").read_text()


class OfflineGraphQL(GraphQL):
    """strawberry's ASGI view with calcigraph's offline IDE page, orjson encoding and a per-request context."""

    def __init__(self, schema: BaseSchema, context_getter: Callable[[], Awaitable[Any]]) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.context_getter = context_getter

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Any:
        return await self.context_getter()

    def encode_json(self, data: object) -> bytes:
        """orjson instead of `json.dumps`: the same compact JSON (non-ASCII text as UTF-8 rather than `\\u`
        escapes) in a tenth of the time — a tenth of a large answer's whole cost went into encoding it."""
        return orjson.dumps(data)

    @property
    def graphql_ide_html(self) -> str:
        return graphiql_html()
