"""Operations on the embedded store that were measured to be quick run on the server's loop the next time
(api.graphql.execution.QuickOperations): the thread hop costs as much as they do. Anything else keeps running off
the loop, where a heavy request cannot hold up other clients."""

from __future__ import annotations

import asyncio
import contextlib

from api.graphql.context import Context, Limits
from api.graphql.schema import create_schema
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore

LOOKUP = 'query ($id: ID!) { agent(id: $id) { id name } }'


def _run(store: GraphStore, query: str, variables: dict[str, object]) -> tuple[list[object], object]:
    schema = create_schema(Limits(response_cache_size=0))
    schema.quick.budget_seconds = 60.0  # what counts as quick is the machine's business; the rule is the test's

    async def twice() -> list[object]:
        return [await schema.execute(query, variables, Context(store=store, limits=Limits())) for _ in range(2)]

    return asyncio.run(twice()), schema


def test_a_quick_operation_on_the_embedded_store_is_remembered_and_answers_the_same(
        memory_store: MemoryStore) -> None:
    (first, second), schema = _run(memory_store, LOOKUP, {"id": "etidronate"})
    assert first.data == second.data == {"agent": {"id": "etidronate", "name": "Etidronate"}}
    assert schema.quick.key(LOOKUP, {"id": "etidronate"}, None) in schema.quick
    assert schema.quick.key(LOOKUP, {"id": "indomethacin"}, None) not in schema.quick  # other variables: unseen


def test_an_operation_with_errors_is_never_remembered(memory_store: MemoryStore) -> None:
    (first, _), schema = _run(memory_store, LOOKUP, {"id": "no-such-agent"})
    assert first.errors
    assert schema.quick.key(LOOKUP, {"id": "no-such-agent"}, None) not in schema.quick


def test_a_slow_operation_is_never_remembered(memory_store: MemoryStore) -> None:
    schema = create_schema(Limits(response_cache_size=0))
    key = schema.quick.key(LOOKUP, {}, None)
    assert key is not None
    schema.quick.consider(key, None, schema.quick.budget_seconds * 2)
    assert key not in schema.quick


def test_nothing_runs_on_the_loop_on_neo4j(neo4j_store: Neo4jStore) -> None:
    (first, second), schema = _run(neo4j_store, LOOKUP, {"id": "etidronate"})
    assert first.data == second.data
    assert schema.quick.key(LOOKUP, {"id": "etidronate"}, None) not in schema.quick


def test_an_operation_cancelled_before_a_worker_took_it_is_closed_not_left_unawaited() -> None:
    """A request whose timeout fires while every worker is busy never starts: its coroutine must be closed there
    and then (nothing else would; Python would warn that it was never awaited)."""
    import inspect
    import threading

    from api.graphql import execution

    release = threading.Event()

    async def blocker() -> None:
        release.wait(30)

    async def operation() -> str:
        return "ran"

    async def scenario() -> object:
        busy = [asyncio.ensure_future(execution.off_loop(blocker())) for _ in range(execution.WORKERS)]
        await asyncio.sleep(0.05)  # every worker holds a blocker now
        queued = operation()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(execution.off_loop_timed(queued), 0.05)
        release.set()
        await asyncio.gather(*busy)
        return queued

    queued = asyncio.run(scenario())
    assert inspect.getcoroutinestate(queued) == inspect.CORO_CLOSED
