"""No N+1, same JSON from both backends, recovery after a Neo4j outage, and a fuzz run with no server errors."""

from __future__ import annotations

from collections import Counter

from graphql import StringValueNode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from api.graphql.schema import create_schema
from graph.connect import open_driver
from graph.memory_store import MemoryStore
from graph.neo4j_server import LocalNeo4j, free_port
from graph.neo4j_store import Neo4jStore
from graph.paths import data_dir
from graph.settings import Neo4jSettings
from graph.store import GraphStore
from loaders.neo4j_loader import load
from loaders.validate import load_knowledge_base
from tests.api.conftest import make_api
from tests.conftest import scratch_instance

NESTED = """query($n: Int!) { agents(limit: $n) { items { id
  memberOf { target { name } }
  hasMechanism { target { name } evidence { publication { ... on Publication { title year } } } }
} } }"""
NESTING_LEVELS = 6  # list, memberOf/hasMechanism edges, their targets, evidence publications (+ slack)


def test_nested_lists_cost_one_round_trip_per_level_whatever_their_width(store: GraphStore) -> None:
    api = make_api(store)
    api.data(NESTED, {"n": 5})
    narrow = len(api.store.calls)
    api.store.calls.clear()
    data = api.data(NESTED, {"n": 50})
    assert len(data["agents"]["items"]) == 50
    wide = Counter(api.store.calls)
    # DataLoader batches per event-loop tick: whether the class targets and the evidence publications share one
    # get_many depends on timing, so the count may differ by one — but never grows with the number of agents.
    assert narrow <= NESTING_LEVELS and sum(wide.values()) <= NESTING_LEVELS, wide
    if store.backend == "neo4j":  # the request is planned: every level in one statement (api.graphql.request_plan)
        assert wide == {"fetch_tree": 1}, wide
    else:
        assert wide["neighbours"] == 2  # MEMBER_OF and HAS_MECHANISM, each batched over all 50 agents


QUERIES = [
    "{ inhibitorsWithoutHarm(includeHarmed: true) { agent { id name } safety inhibitions { key evidence { pub } }"
    " safetyClaims { key direction dose } } }",
    "{ dualAction { agent { id } promotions { key } conflicts { key } } }",
    '{ agentsInPhase(disease: "acquired-ho") { agent { id } phase { id } outcome claim { key } } }',
    '{ mechanismPaths(agent: "etidronate", to: "heterotopic-ossification", maxHops: 5) { nodes { id } '
    "relationships { key } } }",
    '{ evidenceProfile(agent: "indomethacin") { relationship qualifier level claims { key bestLevel } } }',
    '{ paths(from: "fop", to: "palovarotene", maxHops: 3) { nodes { id } relationships { type } } }',
    "{ diseasesConnection(first: 5, sort: {field: NAME, direction: DESC}) { edges { cursor node { id "
    "... on Disease { evidence { pub } incomingStudiedIn { source { id } outcome } } } } } }",
    '{ search(text: "vitamin") { id kind name } }',
]


def test_both_backends_return_identical_json(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    embedded, neo4j = make_api(memory_store), make_api(neo4j_store)
    for query in QUERIES:
        assert neo4j.data(query) == embedded.data(query), query


def test_neo4j_outage_is_a_clear_error_and_the_api_recovers_by_itself() -> None:
    server = LocalNeo4j(scratch_instance("recovery"), bolt_port=free_port(), http_port=free_port(), heap="512m",
                        pagecache="128m")
    server.wipe()
    status = server.start(log=lambda _m: None)
    cfg = Neo4jSettings(uri=status.bolt_uri, user="neo4j", password=status.password or "", database=None)
    driver = open_driver(cfg, retry_seconds=1.0)
    try:
        load(driver, load_knowledge_base(data_dir()).records())
        api = make_api(Neo4jStore(driver, timeout=5))
        query = '{ agent(id: "curcumin") { name } }'
        assert api.data(query)["agent"]["name"]
        server.stop(log=lambda _m: None)
        error = api.error(query)
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE" and "unavailable" in error["message"]
        assert cfg.password not in error["message"]
        ready = api.client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        server.start(log=lambda _m: None)
        assert api.data(query)["agent"]["name"]  # same app, same driver: no restart needed
        assert api.client.get("/readyz").status_code == 200
    finally:
        driver.close()
        server.stop(log=lambda _m: None)
        server.wipe()


SDL = str(create_schema())
IDS = st.sampled_from(["etidronate", "menaquinone-7", "acquired-ho", "ho-inflammatory", "bone-formation",
                       "osteoblast", "tendon", "PMID:39853559", "nope", ""]).map(lambda v: StringValueNode(value=v))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(query=queries(SDL, custom_scalars={"ID": IDS}))
def test_a_thousand_generated_queries_never_cause_a_server_error(query: str, memory_store: MemoryStore) -> None:
    api = _fuzz_api(memory_store)
    response = api.client.post("/graphql", json={"query": query})
    assert response.status_code < 500, (query, response.text)
    for error in response.json().get("errors", []):
        assert "Unexpected error" not in error["message"], (query, error)


_APIS: dict[int, object] = {}


def _fuzz_api(store: MemoryStore):  # type: ignore[no-untyped-def]
    """One app for the whole fuzz run (building it per example would dominate the run time)."""
    if id(store) not in _APIS:
        _APIS[id(store)] = make_api(store)
    return _APIS[id(store)]
