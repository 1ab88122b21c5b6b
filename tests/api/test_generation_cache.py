"""The response cache on Neo4j (opt-in): answers keyed by the loaded graph's generation, so a reload invalidates
them and a hit costs one small read."""

from __future__ import annotations

from api.graphql.context import Limits
from graph.kb import Records
from graph.neo4j_store import Neo4jStore
from tests.api.conftest import make_api
from tests.conftest import Neo4jGraph

AGENT = "query ($id: ID!) { agent(id: $id) { id name memberOf { target { name } } } }"


def test_a_repeated_query_costs_one_generation_read(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True))
    first = api.data(AGENT, {"id": "etidronate"})
    assert api.store.calls[0] == "generation" and len(api.store.calls) > 1
    api.store.calls.clear()
    assert api.data(AGENT, {"id": "etidronate"}) == first
    assert api.store.calls == ["generation"]


def test_a_reload_invalidates_every_cached_answer(neo4j_store: Neo4jStore, neo4j_graph: Neo4jGraph,
                                                  shipped_records: Records) -> None:
    api = make_api(neo4j_store, Limits(generation_cache=True))
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    without = Records([n for n in shipped_records.nodes if n.id != "etidronate"],
                      [e for e in shipped_records.edges if "etidronate" not in (e.source, e.target)])
    neo4j_graph.load(without)  # the next test using neo4j_store reloads the shipped graph
    assert api.error(AGENT, {"id": "etidronate"})["extensions"]["argument"] == "id"
    neo4j_graph.load(shipped_records)
    api.store.calls.clear()
    assert api.data(AGENT, {"id": "etidronate"})["agent"]["id"] == "etidronate"
    assert len(api.store.calls) > 1, "same content, new generation: recomputed, not replayed"


def test_off_by_default_on_neo4j(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store)
    api.data(AGENT, {"id": "etidronate"})
    assert "generation" not in api.store.calls
