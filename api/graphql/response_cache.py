"""Execution results cached per request text and variables, on a store whose graph cannot change.

The embedded store is built once at start-up and never written, so the same query with the same variables always
has the same answer. Most repeats never get here: api.front_cache replays byte-identical HTTP requests before any
GraphQL work (and is the only cache on Neo4j, keyed by the graph's generation). This one catches what that layer
cannot: the same operation sent with other bytes (whitespace, key order, GET instead of POST). Only error-free
results are kept (errors may come from a timeout or an outage), the cache is a bounded LRU (unique query texts
cannot grow memory), and parsing, validation and the limits still run first, so a cached result is only ever given
to a query that is allowed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension

from api.graphql.execution import operation_key
from graph.lru import Lru

Key = tuple[str, str, str | None]
"""api.graphql.execution.operation_key"""


class ResponseCache(SchemaExtension):
    """Skips execution when this exact operation (text, variables, operation name) was answered before.

    Uses strawberry's documented short-cut: a result set on the execution context in `on_execute` is returned
    instead of executing the document.
    """

    def __init__(self, results: Lru[Key, ExecutionResult]) -> None:
        self.results = results

    @staticmethod
    def store(maxsize: int) -> Lru[Key, ExecutionResult]:
        return Lru(maxsize)

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        key = await self._key(context)
        cached = self.results.get(key) if key is not None else None
        if cached is not None:
            context.result = cached
        yield
        result = context.result
        if cached is None and key is not None and isinstance(result, ExecutionResult) and not result.errors:
            self.results.put(key, result)

    @staticmethod
    async def _key(context: Any) -> Key | None:
        if context.result is not None:  # refused before execution (operation guard): nothing to look up or keep
            return None
        store = getattr(context.context, "store", None)
        if store is not None and not store.immutable:
            return None  # a graph that can change is cached only in front (api.front_cache), by its generation
        return operation_key(context.query, context.variables, context.operation_name)  # None: just execute
