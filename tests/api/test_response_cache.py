"""The embedded store's graph never changes while the API runs, so its answers are cached per query text and
variables; Neo4j can be reloaded under a running API, so its answers never are."""

from __future__ import annotations

from api.graphql.context import Limits
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from tests.api.conftest import make_api

FLAGSHIP = "{ inhibitorsWithoutHarm { agent { id } safety inhibitions { key evidence { pub } } } }"
AGENT = "query ($id: ID!) { agent(id: $id) { id name memberOf { target { name } } } }"


def test_a_repeated_query_on_the_embedded_store_is_answered_from_the_cache(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    first = api.data(FLAGSHIP)
    calls = len(api.store.calls)
    assert calls > 0
    assert api.data(FLAGSHIP) == first
    assert len(api.store.calls) == calls, "the second identical request must not reach the store"


def test_other_variables_are_other_answers(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    assert api.data(AGENT, {"id": "indomethacin"})["agent"]["id"] == "indomethacin"
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"


def test_answers_with_errors_are_never_cached(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    for _ in range(2):
        before = len(api.store.calls)
        assert api.error(AGENT, {"id": "no-such-agent"})["extensions"]["argument"] == "id"
        assert len(api.store.calls) > before, "an error answer must be recomputed, not replayed"


def test_a_cache_size_of_zero_turns_the_cache_off(memory_store: MemoryStore) -> None:
    api = make_api(memory_store, Limits(response_cache_size=0))
    api.data(FLAGSHIP)
    calls = len(api.store.calls)
    api.data(FLAGSHIP)
    assert len(api.store.calls) == 2 * calls


def test_neo4j_answers_are_never_cached(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store)
    api.data(FLAGSHIP)
    calls = len(api.store.calls)
    api.data(FLAGSHIP)
    assert len(api.store.calls) == 2 * calls


def test_the_cache_keeps_at_most_its_size(memory_store: MemoryStore) -> None:
    api = make_api(memory_store, Limits(response_cache_size=2))
    for agent in ("etidronate", "indomethacin", "celecoxib"):
        api.data(AGENT, {"id": agent})
    before = len(api.store.calls)
    api.data(AGENT, {"id": "etidronate"})  # the oldest entry was evicted
    assert len(api.store.calls) > before
    before = len(api.store.calls)
    api.data(AGENT, {"id": "celecoxib"})  # the newest is still there
    assert len(api.store.calls) == before
