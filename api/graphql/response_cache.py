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

import json
from collections import OrderedDict
from collections.abc import AsyncIterator
from threading import Lock
from typing import Any

from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension

Key = tuple[str, str, str | None, str | None]
IMMUTABLE = "immutable"
"""The generation part of the key on a store whose graph cannot change."""


class LruResults:
    """A thread-safe bounded LRU of execution results."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[Key, ExecutionResult] = OrderedDict()
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Key) -> ExecutionResult | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Key, result: ExecutionResult) -> None:
        if self.maxsize <= 0:
            return
        with self._lock:
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class ResponseCache(SchemaExtension):
    """Skips execution when this exact operation (text, variables, operation name) was answered before.

    Uses strawberry's documented short-cut: a result set on the execution context in `on_execute` is returned
    instead of executing the document.
    """

    def __init__(self, results: LruResults) -> None:
        self.results = results

    @staticmethod
    def store(maxsize: int) -> LruResults:
        return LruResults(maxsize)

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
        try:
            variables = json.dumps(context.variables or {}, sort_keys=True)
        except (TypeError, ValueError):  # variables that are not plain JSON: just execute
            return None
        store = getattr(context.context, "store", None)
        if store is not None and not store.immutable:
            return None  # a graph that can change is cached only in front (api.front_cache), by its generation
        return context.query or "", variables, context.operation_name, IMMUTABLE
