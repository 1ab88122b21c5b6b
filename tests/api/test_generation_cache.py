"""The response cache on Neo4j (opt-in): answers keyed by the loaded graph's generation (api.front_cache), so a
reload invalidates them; the generation is read at most once per `generation_check_seconds` for all requests."""

from __future__ import annotations

import asyncio
import threading
import time

from api.front_cache import GenerationClock
from api.graphql.context import Limits
from graph.kb import Records
from graph.neo4j_store import Neo4jStore
from tests.api.conftest import make_api
from tests.conftest import Neo4jGraph

AGENT = "query ($id: ID!) { agent(id: $id) { id name memberOf { target { name } } } }"


def _without_etidronate(records: Records) -> Records:
    return Records([n for n in records.nodes if n.id != "etidronate"],
                   [e for e in records.edges if "etidronate" not in (e.source, e.target)])


def test_with_a_zero_check_interval_a_repeated_query_costs_one_generation_read(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True, generation_check_seconds=0))
    first = api.data(AGENT, {"id": "etidronate"})
    assert api.store.calls[0] == "generation" and len(api.store.calls) > 1
    api.store.calls.clear()
    assert api.data(AGENT, {"id": "etidronate"}) == first
    assert api.store.calls == ["generation"]


def test_within_the_check_interval_a_repeated_query_reaches_no_store_at_all(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True, generation_check_seconds=60))
    first = api.data(AGENT, {"id": "etidronate"})
    api.store.calls.clear()
    for _ in range(3):
        assert api.data(AGENT, {"id": "etidronate"}) == first
    assert api.store.calls == []


def test_a_reload_invalidates_every_cached_answer(neo4j_store: Neo4jStore, neo4j_graph: Neo4jGraph,
                                                  shipped_records: Records) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True, generation_check_seconds=0))
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    without = _without_etidronate(shipped_records)
    neo4j_graph.load(without)  # the next test using neo4j_store reloads the shipped graph
    assert api.error(AGENT, {"id": "etidronate"})["extensions"]["argument"] == "id"
    neo4j_graph.load(shipped_records)
    api.store.calls.clear()
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    assert len(api.store.calls) > 1, "same content, new generation: recomputed, not replayed"


def test_a_reload_is_served_once_the_check_interval_has_passed(neo4j_store: Neo4jStore, neo4j_graph: Neo4jGraph,
                                                               shipped_records: Records) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True, generation_check_seconds=0.3))
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    without = _without_etidronate(shipped_records)
    neo4j_graph.load(without)
    time.sleep(0.4)  # past the interval, the next request reads the new generation whatever the machine's speed
    assert api.error(AGENT, {"id": "etidronate"})["extensions"]["argument"] == "id"
    neo4j_graph.load(shipped_records)


def test_off_by_default_on_neo4j(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store)
    api.data(AGENT, {"id": "etidronate"})
    assert "generation" not in api.store.calls


def test_concurrent_requests_share_one_generation_read() -> None:
    release = threading.Event()

    def slow_read() -> str:
        release.wait(10)
        return "g1"

    clock = GenerationClock(slow_read, check_seconds=60)

    async def many() -> list[str | None]:
        waiting = [asyncio.ensure_future(clock.current()) for _ in range(10)]
        await asyncio.sleep(0.05)
        release.set()
        return list(await asyncio.gather(*waiting))

    assert asyncio.run(many()) == ["g1"] * 10
    assert clock.reads == 1


def test_a_read_older_than_the_interval_is_not_reused_and_a_failed_one_never() -> None:
    values = iter(["g1", None, "g2"])
    clock = GenerationClock(lambda: next(values), check_seconds=0.05)
    assert asyncio.run(clock.current()) == "g1"
    time.sleep(0.1)
    assert asyncio.run(clock.current()) is None  # the store could not say: that request is answered uncached
    assert asyncio.run(clock.current()) == "g2"  # ... and the next one asks again at once
    assert clock.reads == 3
