"""The FastAPI application: GraphQL at /graphql (GraphiQL in a browser), /healthz, /readyz.

The store is chosen by the caller (`calcigraph serve`: embedded unless Neo4j is configured); the app only reads.
A per-request timeout bounds every GraphQL request; Neo4j transactions carry the same timeout server-side.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse
from starlette.routing import Route

from api.front_cache import FrontCache, answer_cache, generation_clock
from api.graphiql import OfflineGraphQL
from api.graphql.context import Context, Limits
from api.graphql.schema import create_schema
from api.limits import RequestGuard
from api.timeout import GraphQLTimeout
from api.workbench import mount_workbench
from graph.paths import cypher_dir
from graph.store import GraphStore, StoreTimeout, StoreUnavailable

log = logging.getLogger("calcigraph.api")
GUIDE_CORS = {"Access-Control-Allow-Origin": "*"}
GUIDE_BASE = "http://localhost:8000"
"""How the guide file names this server; replaced by the real address when the server serves it."""
"""The guide and style sheet are public, read-only files Neo4j Browser fetches from its own origin."""


def create_app(store: GraphStore | None = None, limits: Limits | None = None,
               cors_origins: list[str] | None = None) -> FastAPI:
    """The API over `store` (default: the embedded store built from data/)."""
    if store is None:
        from loaders.memory_loader import build_memory_store

        store = build_memory_store()
    limits = limits or Limits()
    # no /docs or /redoc: FastAPI's pages load Swagger UI and ReDoc from a CDN (the product serves nothing that
    # fetches from the internet); the API is GraphQL, described by its own schema (GraphiQL, api/schema.graphql)
    app = FastAPI(title="calcigraph", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Drugs and supplements against musculoskeletal ectopic calcification, with evidence.")
    app.state.store = store
    app.state.limits = limits

    async def context_getter() -> Context:
        return Context(store=store, limits=limits)

    # a graph that cannot change is cached; one that can only when asked, keyed by its generation (api.front_cache)
    schema = create_schema(limits, response_cache=store.immutable)
    # a bare route, first in the table: GraphQL requests skip FastAPI's per-request dependency solving (api.graphiql)
    app.router.routes.insert(0, Route("/graphql", OfflineGraphQL(schema, context_getter), methods=["GET", "POST"]))
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["content-type"], allow_credentials=False)

    app.add_middleware(RequestGuard, max_body_bytes=limits.max_body_bytes)  # 413/400 before any GraphQL work
    app.add_middleware(GraphQLTimeout, seconds=limits.timeout_seconds)
    clock = generation_clock(store, limits.generation_cache, limits.generation_check_seconds)
    if clock is not None and limits.response_cache_size > 0:  # outermost: a replayed answer skips everything else
        app.add_middleware(FrontCache, answers=answer_cache(limits.response_cache_size), clock=clock,
                           max_body_bytes=limits.max_body_bytes)

    @app.get("/guide/calcigraph.md", response_class=PlainTextResponse)
    def browser_guide(request: Request) -> PlainTextResponse:
        """The Neo4j Browser guide (`:guide http://127.0.0.1:8000/guide/calcigraph.md`, see docs/browser.md). Its
        links to this server (the `:style` sheet) name the address the guide was fetched from, whatever the port."""
        base = str(request.base_url).rstrip("/")
        text = (cypher_dir() / "guide" / "calcigraph.md").read_text().replace(GUIDE_BASE, base)
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8", headers=GUIDE_CORS)

    @app.get("/guide/calcigraph.grass", response_class=PlainTextResponse)
    def browser_style() -> PlainTextResponse:
        """The Neo4j Browser style sheet (`:style http://127.0.0.1:8000/guide/calcigraph.grass`)."""
        return PlainTextResponse((cypher_dir() / "calcigraph.grass").read_text(), headers=GUIDE_CORS)

    @app.options("/guide/{name}")
    def browser_preflight(name: str) -> Response:
        """Browser fetches guides cross-origin with extra headers, so it asks first."""
        return Response(status_code=204, headers={**GUIDE_CORS, "Access-Control-Allow-Methods": "GET",
                                                  "Access-Control-Allow-Headers": "*"})

    mount_workbench(app)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up (says nothing about the store; see /readyz). Answered on the event loop itself, which
        never executes GraphQL (api.graphql.execution), so it answers while heavy requests run."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(response: Response) -> dict[str, object]:
        """The store answers and holds a graph: backend, node and relationship counts; 503 otherwise."""
        try:
            counts = await asyncio.to_thread(store.counts)
        except (StoreUnavailable, StoreTimeout) as exc:
            response.status_code = 503
            return {"status": "unavailable", "backend": store.backend, "reason": str(exc)}
        if not counts.nodes:
            response.status_code = 503
            return {"status": "empty", "backend": store.backend,
                    "reason": "the graph is empty; load it with `calcigraph load`"}
        return {"status": "ready", "backend": store.backend, **asdict(counts), "limits": asdict(limits)}

    return app
