"""GraphQL execution off the event loop: the loop only accepts connections and moves bytes.

Resolving a large answer is CPU-bound Python (graphql-core completing values, the embedded store walking
networkx). Run on the event-loop thread, one such request froze every client — `/healthz` included — until it
finished, and the per-request timeout, itself a loop callback, fired late or never. Here each operation runs on an
event loop of its own in a worker thread; the server's loop awaits it like any I/O. When the request's timeout
fires (or the client goes away), the outer await is cancelled at once and the operation's task is cancelled in its
worker, which stops it at its next await (every store round trip is one).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import threading
import time
import warnings
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from graph.lru import Lru

T = TypeVar("T")

WORKERS = 8
"""Operations executing at once; more wait for a worker (their timeout keeps running while they wait)."""
# A request stopped by its timeout leaves graphql-core's not-yet-started field coroutines unawaited, by design.
warnings.filterwarnings("ignore", message=r"coroutine '(Executor|GraphQLCoreConverter)\..*' was never awaited",
                        category=RuntimeWarning)
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="graphql")
_LOCAL = threading.local()
_ACTIVE_COUNT = [0]
_ACTIVE_LOCK = threading.Condition()


class _Handle:
    """Where a submitted operation runs, so the server's loop can cancel it from outside."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[Any] | None = None
        self.cancelled = False
        self.seconds = 0.0
        """How long the operation ran on its worker (on the embedded store: its CPU time, as nothing waits on I/O)."""

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            if self.loop is not None and self.task is not None and not self.loop.is_closed():
                self.loop.call_soon_threadsafe(self.task.cancel)


def _worker_loop() -> asyncio.AbstractEventLoop:
    loop = getattr(_LOCAL, "loop", None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _LOCAL.loop = loop
    return loop


def _run(coro: Coroutine[Any, Any, T], handle: _Handle) -> T:
    with _ACTIVE_LOCK:
        _ACTIVE_COUNT[0] += 1
    try:
        return _run_here(coro, handle)
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE_COUNT[0] -= 1
            _ACTIVE_LOCK.notify_all()


def wait_idle(timeout: float) -> bool:
    """Block until no operation runs on a worker (a cancelled one has wound down); False if `timeout` passed first.
    A request stopped by its timeout answers at once, but its CPU-bound work ends only at its next await."""
    with _ACTIVE_LOCK:
        return _ACTIVE_LOCK.wait_for(lambda: _ACTIVE_COUNT[0] == 0, timeout=timeout)


def _run_here(coro: Coroutine[Any, Any, T], handle: _Handle) -> T:
    loop = _worker_loop()
    asyncio.set_event_loop(loop)
    with handle.lock:
        if handle.cancelled:  # the request ended while this waited for a worker
            coro.close()
            raise asyncio.CancelledError
        task = loop.create_task(coro)
        handle.loop, handle.task = loop, task
    started = time.perf_counter()
    try:
        return loop.run_until_complete(task)
    finally:
        handle.seconds = time.perf_counter() - started
        _drain(loop)


def _drain(loop: asyncio.AbstractEventLoop) -> None:
    """Let the operation's leftover tasks (graphql-core gathers list items in tasks) finish their cancellation,
    so nothing of this request is left pending on the reused loop."""
    leftovers = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for leftover in leftovers:
        leftover.cancel()
    if leftovers:
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


async def off_loop(coro: Coroutine[Any, Any, T]) -> T:
    """Await `coro` executed on a worker thread's event loop; cancelling this await cancels it there too."""
    return await _off_loop(coro, _Handle())


async def off_loop_timed(coro: Coroutine[Any, Any, T]) -> tuple[T, float]:
    """`off_loop`, with the seconds the operation ran on its worker (not the wait for one)."""
    handle = _Handle()
    result = await _off_loop(coro, handle)
    return result, handle.seconds


async def _off_loop(coro: Coroutine[Any, Any, T], handle: _Handle) -> T:
    context = contextvars.copy_context()
    submitted = _POOL.submit(context.run, _run, coro, handle)
    try:
        return await asyncio.wrap_future(submitted)
    except asyncio.CancelledError:
        handle.cancel()
        if submitted.cancel():  # it never reached a worker, so nothing else will close it
            coro.close()
        raise


def running_off_loop() -> bool:
    """True inside an operation executed by `off_loop` (tests use it to prove where resolvers run)."""
    return threading.current_thread().name.startswith("graphql")


def operation_key(query: str | None, variables: dict[str, Any] | None, operation_name: str | None
                  ) -> tuple[str, str, str | None] | None:
    """What makes two operations the same on a graph that cannot change: text, variables (as JSON, keys sorted) and
    operation name. None for variables that are not plain JSON (then nothing is remembered)."""
    if query is None:
        return None
    try:
        return query, json.dumps(variables or {}, sort_keys=True), operation_name
    except (TypeError, ValueError):
        return None


INLINE_SECONDS = 0.001
"""An operation measured to take at most this long may run on the server's loop (`QuickOperations`)."""


class QuickOperations:
    """Operations on a store whose graph cannot change that were measured to execute within `INLINE_SECONDS`.

    Why: handing an operation to a worker thread and back (a queue, a wake-up, an event loop run in the thread)
    costs about as much as a small lookup's execution itself. An operation's cost on the embedded store depends only
    on its text, variables and operation name (the graph never changes), so one measured as quick stays quick: it
    runs on the loop, which it blocks for about a millisecond at most. Everything else — unseen operations, slow
    ones, any operation on Neo4j (whose statements block) — keeps running off the loop. A bounded LRU of keys.
    """

    def __init__(self, maxsize: int = 1024, budget_seconds: float = INLINE_SECONDS) -> None:
        self.budget_seconds = budget_seconds
        self._keys: Lru[tuple[str, str, str | None], bool] = Lru(maxsize)

    key = staticmethod(operation_key)

    def __contains__(self, key: tuple[str, str, str | None]) -> bool:
        return key in self._keys

    def consider(self, key: tuple[str, str, str | None], result: Any, seconds: float) -> None:
        """Remember `key` if its operation took at most the budget and answered without errors."""
        if seconds <= self.budget_seconds and not getattr(result, "errors", None):
            self.add(key)

    def add(self, key: tuple[str, str, str | None]) -> None:
        self._keys.put(key, True)
