"""Answers cached per request text, for stores whose graph cannot change while the process runs.

The embedded store is built once at start-up and never written, so the same query with the same variables always
has the same answer; frontends repeat a handful of query texts. Neo4j can be reloaded under a running API, so it
never gets this cache. Only error-free results are kept (errors may come from a timeout or an outage), the cache is
a bounded LRU (unique query texts cannot grow memory), and parsing, validation and the limits still run first on
every request, so a cached answer is only ever given to a query that is allowed.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterator
from threading import Lock
from typing import Any

from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension

Key = tuple[str, str, str | None]


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

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        key = _key(context.query or "", context.variables, context.operation_name)
        cached = self.results.get(key) if key is not None else None
        if cached is not None:
            context.result = cached
        yield
        result = context.result
        if cached is None and key is not None and isinstance(result, ExecutionResult) and not result.errors:
            self.results.put(key, result)


def _key(query: str, variables: dict[str, Any] | None, operation_name: str | None) -> Key | None:
    try:
        return query, json.dumps(variables or {}, sort_keys=True), operation_name
    except (TypeError, ValueError):  # variables that are not plain JSON: just execute
        return None
