"""Operations on the embedded store that were measured to be quick run on the server's loop the next time
(api.graphql.execution.QuickOperations): the thread hop costs as much as they do. Anything else keeps running off
the loop, where a heavy request cannot hold up other clients."""

from __future__ import annotations

import asyncio

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
