"""Per-request context: the store and the DataLoaders that batch every relationship hop.

One DataLoader per (relationship type, direction) and one for nodes: all loads issued while resolving one level
of the query go to the store as one call, so a query's round trips grow with its depth, not with its width.
The whole operation already runs off the server's event loop (api.graphql.execution); Neo4j calls go to further
threads so that the batches of one level run concurrently.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.graphql.errors import ApiError
from api.limits import DEFAULT_MAX_BODY_BYTES
from graph import schema as s
from graph.fetch_plan import Fetched, IdRoot, ListRoot
from graph.store import Direction, Edge, GraphStore, Node, Page, StoreTimeout, StoreUnavailable

T = TypeVar("T")


@dataclass
class Limits:
    """Configurable guards (calcigraph serve --help lists their flags)."""

    max_depth: int = 12
    max_tokens: int = 2000
    max_aliases: int = 30
    max_page_size: int = 500
    timeout_seconds: float = 10.0
    response_cache_size: int = 256
    """Answers kept per process for immutable stores (the embedded one); 0 turns the cache off."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Largest request body accepted (413 beyond it)."""
    max_cost: int = 250_000
    """Largest estimated answer (api.graphql.guards: values, with list fields weighted by their page size)."""
    generation_cache: bool = False
    """Also cache answers on a store that can change (Neo4j), keyed by the loaded graph's generation
    (api.front_cache): a reload by `calcigraph load` invalidates every cached answer within
    `generation_check_seconds`. Off by default: a graph edited outside `calcigraph load` keeps its generation, so its
    cached answers would be stale."""
    generation_check_seconds: float = 1.0
    """With `generation_cache`: how old a generation read may be (one small query shared by all requests in that
    time); 0: every request reads it. A reload is served at most this long after it commits."""
    fast_path: bool = True
    """Answer queries with the compiled executor (api.graphql.fast_executor) when it can; False: graphql-core
    executes every request (the tests compare the two; the answers are identical)."""


@dataclass
class Context(BaseContext):
    store: GraphStore
    limits: Limits
    _neighbours: dict[tuple[s.RelKind, Direction], DataLoader[str, list[Edge]]] = field(default_factory=dict)
    query_cost: int | None = None
    """The operation's estimated cost (api.graphql.guards), once the operation guard has computed it."""

    def __post_init__(self) -> None:
        super().__init__()
        self.nodes: DataLoader[str, Node | None] = DataLoader(load_fn=self._load_nodes)
        self._pages: list[tuple[ListRoot, Page]] = []
        self._planned_nodes: dict[str, Node | None] = {}
        self._planned_edges: dict[tuple[s.RelKind, Direction], dict[str, list[Edge]]] = {}

    def prime(self, fetched: Fetched, root: ListRoot | IdRoot) -> None:
        """Keep what a planned read (graph.fetch_plan) loaded, so resolving the request reads it instead of going
        back to the store level by level: the compiled executor reads it directly (`planned_nodes`,
        `planned_edges`), the DataLoaders' batches look there before they ask the store."""
        self._planned_nodes.update(fetched.nodes)
        for (rel, direction), lists in fetched.neighbours.items():
            self._planned_edges.setdefault((rel, direction), {}).update(lists)
        if isinstance(root, ListRoot) and fetched.page is not None:
            self._pages.append((root, fetched.page))

    def planned_nodes(self, ids: list[str]) -> list[Node | None] | None:
        """The nodes of `ids` when a planned read loaded them all (None where it found none), else None. What the
        DataLoader would give, without its per-key futures (a tenth of a planned nested list's time)."""
        planned = self._planned_nodes
        try:
            return [planned[i] for i in ids]
        except KeyError:
            return None

    def planned_edges(self, ids: list[str], rel: s.RelKind, direction: Direction) -> list[list[Edge]] | None:
        """As `planned_nodes`, for the relationship lists of `ids`."""
        planned = self._planned_edges.get((rel, direction))
        if planned is None:
            return None
        try:
            return [planned[i] for i in ids]
        except KeyError:
            return None

    def planned_page(self, root: ListRoot) -> Page | None:
        """The page a planned read already fetched for exactly these list arguments, if any."""
        return next((page for planned, page in self._pages if planned == root), None)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call (Neo4j: in a worker thread); store outages and timeouts become client-facing errors."""
        try:
            if self.store.backend == "embedded":  # in-memory and CPU-bound: a thread hop only adds latency
                return fn(*args)
            return await asyncio.to_thread(fn, *args)
        except StoreUnavailable as exc:
            raise ApiError(f"store unavailable: {exc}", "STORE_UNAVAILABLE") from None
        except StoreTimeout as exc:
            raise ApiError(f"timeout: {exc}", "TIMEOUT") from None

    def call_here(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call on this thread, blocking it: for a request's single statement (a planned read, the
        generation check), which has nothing to overlap with. The operation already runs on a worker thread, off the
        server's loop, so blocking here costs no other request anything, and it saves two thread hops; a timeout
        still answers the client at once (the operation stops when the statement returns, bounded by the same
        timeout on the Neo4j transaction)."""
        try:
            return fn(*args)
        except StoreUnavailable as exc:
            raise ApiError(f"store unavailable: {exc}", "STORE_UNAVAILABLE") from None
        except StoreTimeout as exc:
            raise ApiError(f"timeout: {exc}", "TIMEOUT") from None

    async def _load_nodes(self, ids: list[str]) -> list[Node | None]:
        planned = self._planned_nodes
        missing = [i for i in ids if i not in planned]
        found = await self.call(self.store.get_many, missing) if missing else {}
        return [planned[i] if i in planned else found.get(i) for i in ids]

    def neighbours(self, rel: s.RelKind, direction: Direction) -> DataLoader[str, list[Edge]]:
        key = (rel, direction)
        if key not in self._neighbours:
            async def load(ids: list[str]) -> list[list[Edge]]:
                planned = self._planned_edges.get(key, {})
                missing = [i for i in ids if i not in planned]
                found = await self.call(self.store.neighbours, missing, rel, direction) if missing else {}
                return [planned[i] if i in planned else found.get(i, []) for i in ids]

            self._neighbours[key] = DataLoader(load_fn=load)
        return self._neighbours[key]
