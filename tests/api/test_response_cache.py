"""The embedded store's graph never changes while the API runs, so its answers are cached per query text and
variables; Neo4j can be reloaded under a running API, so its answers never are."""

from __future__ import annotations

import json

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


def test_a_replayed_answer_is_byte_identical_with_the_same_headers(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    first = api.client.post("/graphql", json={"query": FLAGSHIP})
    calls = len(api.store.calls)
    again = api.client.post("/graphql", json={"query": FLAGSHIP})
    assert len(api.store.calls) == calls
    assert again.content == first.content and again.headers == first.headers


def test_the_same_operation_in_other_bytes_is_still_answered_from_the_execution_cache(
        memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    first = api.data(AGENT, {"id": "etidronate"})
    calls = len(api.store.calls)
    assert api.client.get("/graphql", params={"query": AGENT, "variables": '{"id": "etidronate"}'}
                          ).json()["data"] == first
    assert api.client.post("/graphql", content=b'{"variables": {"id": "etidronate"}, "query": ' +
                           json.dumps(AGENT).encode() + b"}", headers={"content-type": "application/json"}
                           ).json()["data"] == first
    assert len(api.store.calls) == calls


def test_graphiql_and_refused_requests_are_not_replayed(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    for _ in range(2):  # a browser's GET gets the IDE page, never a cached JSON answer (and vice versa)
        page = api.client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert api.client.get("/graphql", params={"query": FLAGSHIP}).headers["content-type"].startswith(
        "application/json")
    big = {"query": FLAGSHIP, "variables": {"pad": "x" * 300_000}}
    for _ in range(2):  # larger than the body limit: refused each time, whatever is cached
        assert api.client.post("/graphql", json=big).status_code == 413
    for _ in range(2):
        assert api.client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"}
                               ).status_code == 400
