"""Whole HTTP answers to /graphql replayed from memory, before any framework or GraphQL work.

A cached answer used to be found only after FastAPI routing, strawberry's request parsing, GraphQL parsing,
validation and the guards — and, on Neo4j, after a round trip for the graph's generation — so a hit cost most of
what a small answer costs to compute (issue #17: the generation cache was no faster than no cache on the lookup).
Here a plain ASGI layer keys each request by its exact bytes (method, query string, the headers that shape the
answer, body) and the graph's generation, and replays the status, headers and body it answered with before.

Why replaying is safe: the same bytes parse, validate and pass the guards the same way every time (the limits are
fixed per process), and only `200` JSON answers without an `errors` key are kept, so an answer is only ever
replayed to a request that was allowed and fully answered. Answers with errors (a timeout, an outage, a bad
argument) are always recomputed.

Which graph: on the embedded store the graph cannot change (one constant generation). On Neo4j (opt-in,
`calcigraph serve --generation-cache`) the key includes the generation `calcigraph load` stamps on the graph it
writes (cypher/store/generation.cypher), read by a `GenerationClock`: at most once per `check_seconds` for all
requests together, so every answer is computed or replayed on a generation read at most `check_seconds` before the
request arrived — a reload is served within that time, and with `check_seconds=0` each request reads it itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.lru import Lru
from graph.store import GraphStore, StoreTimeout, StoreUnavailable

log = logging.getLogger("calcigraph.api")
IMMUTABLE = "immutable"
"""The generation of a graph that cannot change."""
SHAPING_HEADERS = (b"accept", b"content-type", b"origin")
"""Request headers an answer may depend on (GraphiQL for a browser's Accept, CORS headers for an Origin)."""
Key = tuple[bytes, ...]


@dataclass(frozen=True)
class Answer:
    headers: list[tuple[bytes, bytes]]
    body: bytes


MAX_ANSWER_BYTES = 64 * 2**20
"""The most bytes of answers one server process keeps (besides the count, `Limits.response_cache_size`)."""


def answer_cache(max_items: int) -> Lru[Key, Answer]:
    """Answers by key, bounded by count and by bytes."""
    return Lru(max_items, MAX_ANSWER_BYTES, weight=lambda answer: len(answer.body))


class GenerationClock:
    """The graph's generation as cache keys use it: read from the store at most once per `check_seconds`.

    Concurrent requests share one read (single flight); a read counts for a request only if it started at most
    `check_seconds` before the request arrived. `check_seconds=0`: every request reads the generation itself. None
    (the store is down or slow, or holds no graph): nothing is cached or replayed for that request.
    """

    def __init__(self, read: Callable[[], str | None], check_seconds: float) -> None:
        self.read = read
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._started = float("-inf")  # when the newest read began
        self._pending: concurrent.futures.Future[str | None] | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="generation")
        self.reads = 0

    async def current(self) -> str | None:
        arrived = time.monotonic()
        with self._lock:
            pending = self._pending
            if self.check_seconds <= 0 or pending is None or self._started < arrived - self.check_seconds:
                pending = concurrent.futures.Future()
                self._pending, self._started = pending, time.monotonic()
                start = True
            else:
                start = False
        if start:
            self._pool.submit(self._read_into, pending)
        elif pending.done():  # the usual hit: a fresh read already answered, nothing to wait for
            return pending.result()
        return await asyncio.wrap_future(pending)

    def _read_into(self, pending: concurrent.futures.Future[str | None]) -> None:
        self.reads += 1
        try:
            generation = self.read()
        except (StoreUnavailable, StoreTimeout):
            generation = None
        except Exception:  # never let the cache break a request: it is answered uncached
            log.exception("reading the graph's generation failed; answering uncached")
            generation = None
        if generation is None:
            with self._lock:  # a failed read is not reused: the next request tries again
                if self._pending is pending:
                    self._started = float("-inf")
        pending.set_result(generation)


def generation_clock(store: GraphStore, cache_mutable: bool, check_seconds: float) -> GenerationClock | None:
    """The clock for `store`; None when its answers must not be cached (a store that can change, unless asked)."""
    if store.immutable:
        return GenerationClock(lambda: IMMUTABLE, float("inf"))
    read = getattr(store, "generation", None)
    if not cache_mutable or read is None:
        return None
    return GenerationClock(read, check_seconds)


class FrontCache:
    """Replays earlier `200` answers to byte-identical /graphql requests on the same graph generation."""

    def __init__(self, app: ASGIApp, answers: Lru[Key, Answer], clock: GenerationClock, max_body_bytes: int,
                 path: str = "/graphql") -> None:
        self.app = app
        self.answers = answers
        self.clock = clock
        self.max_body_bytes = max_body_bytes
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        body, receive, complete = await self._read_body(scope, receive)
        if not complete:  # larger than any accepted request: the guards behind this answer it
            await self.app(scope, receive, send)
            return
        generation = await self.clock.current()
        if generation is None:
            await self.app(scope, receive, send)
            return
        key = self._key(scope, body, generation)
        found = self.answers.get(key)
        if found is not None:
            await send({"type": "http.response.start", "status": 200, "headers": found.headers})
            await send({"type": "http.response.body", "body": found.body})
            return
        await self.app(scope, receive, self._recording(send, key))

    @staticmethod
    def _key(scope: Scope, body: bytes, generation: str) -> Key:
        shaping = dict.fromkeys(SHAPING_HEADERS, b"")
        for name, value in scope["headers"]:
            if name in shaping:
                shaping[name] = value
        return (generation.encode(), scope["method"].encode(), scope.get("query_string", b""), *shaping.values(),
                body)

    async def _read_body(self, scope: Scope, receive: Receive) -> tuple[bytes, Receive, bool]:
        """The whole body (up to `max_body_bytes`), and a `receive` that hands it on unchanged; complete=False when
        it is larger (then the rest is left unread for the guards to refuse)."""
        if scope["method"] != "POST":
            return b"", receive, True
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body_bytes:
                return b"", receive, False
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client left: pass that on
                return b"", _replay([message], receive), False
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            more = message.get("more_body", False)
            if size > self.max_body_bytes:
                break
        body = b"".join(chunks)
        replayed = _replay([{"type": "http.request", "body": body, "more_body": more}], receive)
        return body, replayed, not more and size <= self.max_body_bytes

    def _recording(self, send: Send, key: Key) -> Send:
        started: list[Message] = []
        chunks: list[bytes] = []

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and started:
                    self._keep(key, started[0], b"".join(chunks))
            await send(message)

        return recording_send

    def _keep(self, key: Key, start: Message, body: bytes) -> None:
        if start["status"] != 200 or b'"errors"' in body:  # an alias or value spelled "errors": just not kept
            return
        headers = [(bytes(n), bytes(v)) for n, v in start.get("headers", [])]
        if not any(n == b"content-type" and v.startswith(b"application/json") for n, v in headers):
            return  # GraphiQL's page and anything else that is not an answer
        self.answers.put(key, Answer(headers, body))


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replaying() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replaying
