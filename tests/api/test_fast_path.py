"""The compiled executor (api.graphql.fast_executor) answers exactly what graphql-core answers.

Every document runs twice on each store: through the fast path (the default) and with `Limits(fast_path=False)`,
graphql-core executing every field. The two response bodies must be byte-identical — data, key order, errors with
their messages, locations, paths and extensions. The documents cover every root field family, fragments and inline
fragments on the Entity interface, aliases, `__typename`, `@skip`/`@include`, variables, relationship paging, deep
nesting through relationship ends and cited publications, and the error cases that make the fast path hand over.
"""

from __future__ import annotations

from typing import Any

import pytest

from api.docs_examples import DOC, PAIR
from api.graphql import fast_path
from api.graphql.context import Limits
from graph.store import GraphStore
from tests.api.conftest import Api, make_api

LOOKUP = '{ agent(id: "etidronate") { id name targets { target { id name } } } }'
NESTED = """{ agents(limit: 50) { totalCount items { id name memberOf { target { name } }
  hasMechanism { target { name } evidence { publication { ... on Publication { title year } } } } } } }"""
FLAGSHIP = """{ inhibitorsWithoutHarm { agent { id name } safety verdict reason
  facets { facet verdict reason counted setAside claims { key } contexts { regimen timing verdict } }
  inhibitions { key bestLevel evidence { pub level verified } }
  safetyClaims { key direction evidence { pub verified exposure regimen } } strength { score tier bestLevel } } }"""
FRAGMENTS = """query Q($id: ID!, $show: Boolean!, $n: Int) {
  first: node(id: $id) { __typename id ...Names ... on Agent { agentKind identifiers { curie verified }
    memberOf(limit: $n) { key type target { id ...Names } } } }
  second: node(id: "bone-formation") { id kind ... on Process { incomingAffects(limit: 3, offset: 1) {
    key direction source { id name @include(if: $show) } evidence { pub publication { id } } } } }
}
fragment Names on Entity { name description }"""
DEEP = """{ agents(limit: 5, sort: {field: ID, direction: DESC}, where: {nameContains: "a"}) { totalCount items {
  id affects { key source { id } target { id ... on Process { incomingAffects(limit: 2) { source { name } } } }
    evidence { pub level publication { ... on Publication { title year } } } } } } }"""
DOCUMENTS: list[tuple[str, dict[str, Any] | None]] = [
    (LOOKUP, None), (NESTED, None), (FLAGSHIP, None), (DEEP, None),
    (FRAGMENTS, {"id": "etidronate", "show": True, "n": 1}),
    (FRAGMENTS, {"id": "etidronate", "show": False, "n": None}),
    ("{ diseasesConnection(first: 3, after: \"b2Zmc2V0OjA=\") { totalCount pageInfo { hasNextPage endCursor }"
     " edges { cursor node { id ... on Disease { evidence { pub publication { id } } incomingStudiedIn {"
     " source { id } outcome } } } } } }", None),
    ('{ disease(id: "fop") { id evidence { level publication { ... on Publication { id } } } hasPhase { target { id'
     " } } } }", None),
    ("{ dualAction { agent { id } promotions { key } conflicts { key } } }", None),
    ('{ agentsInPhase(disease: "acquired-ho") { agent { id } phase { id } outcome claim { key } } }', None),
    ('{ mechanismPaths(agent: "etidronate", to: "heterotopic-ossification", maxHops: 5) { nodes { id } '
     "relationships { key source { id } } length } }", None),
    ('{ evidenceProfile(agent: "indomethacin") { relationship qualifier level claims { key bestLevel } } }', None),
    ('{ search(text: "vitamin", limit: 5) { id kind name } }', None),
    ("{ evidenceGaps { node { id } kind agents { id } claims bestLevel } }", None),
    ('{ agentsStudiedIn(disease: "acquired-ho") { agent { id } disease { id } phase { id } outcome '
     "intents strength { score } } }", None),
    # one node reached twice with different selections (a planned read loads the union of what is read)
    ('{ agent(id: "etidronate") { id memberOf { target { id name incomingMemberOf(limit: 3) { source { id '
     "description synonyms ... on Agent { agentKind approval } } } } } } }", None),
    # several root fields: planned reads load whole nodes, as the other root fields read the same DataLoaders
    ('{ a: agent(id: "etidronate") { name } b: agents(limit: 3) { items { id description targets { target { id '
     "name description } } } } c: node(id: \"etidronate\") { ... on Agent { synonyms brandNames } } }", None),
    # errors: the fast path hands these to graphql-core, which must word them as before
    ('{ agent(id: "no-such-agent") { id } }', None),
    ('{ agent(id: "bone-formation") { id } }', None),
    ("{ agents(limit: 2) { items { memberOf(limit: 9999) { key } } } }", None),
    ("{ agents(limit: 501) { totalCount } }", None),
    ('{ agentsConnection(first: 2, after: "nonsense") { totalCount } }', None),
    ('{ inhibitorsWithoutHarm(process: "nope") { agent { id } } }', None),
    ("query($n: Int!) { agents(limit: $n) { totalCount } }", {"n": "many"}),
    ("{ __typename agents(limit: 1) { __typename items { __typename } } }", None),
    ('{ __type(name: "Agent") { name fields { name } } }', None),
]


def _pair(store: GraphStore) -> tuple[Api, Api]:
    return (make_api(store, Limits(response_cache_size=0)),
            make_api(store, Limits(response_cache_size=0, fast_path=False)))


def _body(api: Api, query: str, variables: dict[str, Any] | None) -> bytes:
    response = api.client.post("/graphql", json={"query": query, "variables": variables or {}})
    return response.content


@pytest.mark.parametrize(("query", "variables"), DOCUMENTS)
def test_fast_path_and_graphql_core_give_byte_identical_answers(store: GraphStore, query: str,
                                                                variables: dict[str, Any] | None) -> None:
    fast, core = _pair(store)
    assert _body(fast, query, variables) == _body(core, query, variables)


def test_every_documented_query_is_answered_identically_by_both_paths(store: GraphStore) -> None:
    fast, core = _pair(store)
    for match in PAIR.finditer(DOC.read_text()):
        query = match.group("query")
        assert _body(fast, query, None) == _body(core, query, None), query


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Per request the fast path saw: True when it answered, False when it declined to graphql-core."""
    seen: list[bool] = []
    real = fast_path.execute

    async def spy(*args: Any) -> Any:
        result = await real(*args)
        seen.append(result is not None)
        return result

    monkeypatch.setattr(fast_path, "execute", spy)
    return seen


def test_the_fast_path_really_answers_the_common_shapes(store: GraphStore, answered: list[bool]) -> None:
    """Identical answers would also come from a fast path that always declined; these shapes must not decline."""
    fast, _ = _pair(store)
    for query, variables in DOCUMENTS[:6]:
        fast.data(query, variables)
    assert answered == [True] * 6


def test_errors_fall_back_to_graphql_core(store: GraphStore, answered: list[bool]) -> None:
    fast, _ = _pair(store)
    assert fast.error('{ agent(id: "no-such-agent") { id } }')["extensions"]["argument"] == "id"
    assert answered == [False]


def test_a_planned_request_is_one_round_trip_on_neo4j(neo4j_store: GraphStore) -> None:
    fast, core = _pair(neo4j_store)
    for query in (LOOKUP, NESTED, DEEP):
        fast.store.calls.clear()
        fast.data(query)
        assert fast.store.calls == ["fetch_tree"], (query, fast.store.calls)
        core.store.calls.clear()
        core.data(query)
        assert "fetch_tree" not in core.store.calls  # graphql-core alone resolves level by level, as before


def test_planned_list_heads_filter_and_sort_as_the_list_statements_do() -> None:
    """cypher/store/planned.cypher repeats the list statements' MATCH … collect part: they must not drift."""
    from graph import cypher_files

    planned, lists = cypher_files.named("store/planned.cypher"), cypher_files.named("store/nodes.cypher")
    for name in ("list_asc", "list_desc"):
        head = lists[name].split("WITH collect(n) AS matched")[0]
        assert planned[name].startswith(head), name
