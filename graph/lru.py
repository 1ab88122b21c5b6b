"""One bounded, thread-safe LRU for every cache and memo of the service.

The execution cache (api.graphql.response_cache), the front cache of whole answers (api.front_cache), the verdict
memo (graph.questions) and the set of quick operations (api.graphql.execution) all need the same thing: at most
`max_items` entries (optionally also at most `max_weight` in total, e.g. answer bytes), the least recently used
evicted first, safe to share between the server's loop and the worker threads. `max_items <= 0` keeps nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Lru(Generic[K, V]):
    def __init__(self, max_items: int, max_weight: int | None = None,
                 weight: Callable[[V], int] = lambda _value: 0) -> None:
        self.max_items = max_items
        self.max_weight = max_weight
        self.weight = weight
        self._items: OrderedDict[K, V] = OrderedDict()
        self._total = 0
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: K, value: V) -> V:
        """Keep `value` (unless it alone outweighs the bound); returns it, so a caller can compute and keep at once."""
        size = self.weight(value)
        if self.max_items <= 0 or (self.max_weight is not None and size > self.max_weight):
            return value
        with self._lock:
            old = self._items.pop(key, None)
            self._total += size - (self.weight(old) if old is not None else 0)
            self._items[key] = value
            while len(self._items) > self.max_items or (self.max_weight is not None
                                                        and self._total > self.max_weight):
                _, evicted = self._items.popitem(last=False)
                self._total -= self.weight(evicted)
        return value

    def __contains__(self, key: K) -> bool:
        """Whether `key` is kept (and makes it the most recently used); not counted as a hit or a miss."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True
            return False

    def __len__(self) -> int:
        return len(self._items)
