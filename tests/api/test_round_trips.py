"""Issue #17: one Neo4j statement per request for lookups, lists and nested relationships, and for the flagship
question (its argument check costs a statement only when the answer is empty)."""

from __future__ import annotations

import pytest

from api.graphql.context import Limits
from graph.neo4j_store import Neo4jStore
from tests.api.conftest import make_api

QUERIES = {
    "lookup": '{ agent(id: "etidronate") { id name targets { target { id name } } } }',
    "nested list": """{ agents(limit: 50) { items { id name memberOf { target { name } }
      hasMechanism { target { name } } affects { key direction target { id } evidence { pub level finding } } } } }""",
    "flagship": """{ inhibitorsWithoutHarm { agent { id name } safety inhibitions { key bestLevel evidence { pub level
      verified } } safetyClaims { key direction evidence { pub verified } } } }""",
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_one_statement_per_request(neo4j_store: Neo4jStore, name: str) -> None:
    api = make_api(neo4j_store, Limits(response_cache_size=0))
    api.data(QUERIES[name])
    before = neo4j_store.round_trips
    api.data(QUERIES[name])
    assert neo4j_store.round_trips - before == 1


def test_an_unknown_process_is_still_refused_by_name(neo4j_store: Neo4jStore) -> None:
    api = make_api(neo4j_store, Limits(response_cache_size=0))
    error = api.error('{ inhibitorsWithoutHarm(process: "no-such-process") { safety } }')
    assert error["extensions"]["argument"] == "process"
