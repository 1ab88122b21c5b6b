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
    # one relationship list reached at two depths with different selections (its key alone at the first, evidence
    # at the third): a slim plan loads, per relationship type and direction, what every selection of it reads
    ("{ agents(limit: 4) { items { id memberOf { key target { incomingMemberOf(limit: 3) { source { id memberOf {"
     " bestLevel evidence { pub finding species } } } } } } } } }", None),
    # evidence lists narrowed to the selected fields, on claims and on disease and phase nodes
    ("{ diseases(limit: 6) { items { id evidence { pub level } hasPhase { key target { id evidence { finding intent"
     " population regimen timing exposure comparator verified model } } } } } }", None),
    ('{ agent(id: "etidronate") { affects { key direction evidence { __typename level } } studiedIn { evidence {'
     " publication { id } } } } }", None),
    # a claim's summary fields on structural links, whose properties the slim projection returns as null
    ("{ agents(limit: 3) { items { memberOf { verifiedCount bestLevel evidence { pub } } targets { key"
     " verifiedCount } } } }", None),
    # the benchmark's nested list (bench.peer)
    ("{ agents(limit: 50) { items { id name memberOf { target { name } } hasMechanism { target { name } }"
     " affects { key direction target { id } evidence { pub level finding } } } } }", None),
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


@pytest.mark.parametrize(("query", "variables"), DOCUMENTS)
def test_both_stores_give_byte_identical_answers(memory_store: GraphStore, neo4j_store: GraphStore, query: str,
                                                 variables: dict[str, Any] | None) -> None:
    """The fast path on Neo4j reads a slim plan (graph.neo4j_plan: only what the selection shows); the embedded
    store holds every property: the answers must still be the same bytes."""
    embedded = make_api(memory_store, Limits(response_cache_size=0))
    neo4j = make_api(neo4j_store, Limits(response_cache_size=0))
    assert _body(neo4j, query, variables) == _body(embedded, query, variables)


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


def _plan(query: str) -> Any:
    from graphql import FieldNode, OperationDefinitionNode, parse

    from api.graphql.request_plan import plan_root

    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    (root,) = [f for f in operation.selection_set.selections if isinstance(f, FieldNode)]
    return plan_root(root.name.value, {"limit": 50}, [root], {}, 500, slim=True)


def test_a_slim_plan_loads_per_relationship_only_what_its_selections_read() -> None:
    """A frontend's list follows `memberOf` to a class name and shows a claim's publication and level: the plan
    loads the class relationships' keys alone, and of each claim's evidence the lists the selection shows plus
    the four `graph.store.evidence_of` cannot unpack items without — not the models, species and regimens."""
    from api.graphql.request_plan import EVIDENCE_REQUIRED
    from graph import schema as s
    from graph.store import Direction

    plan = _plan("{ agents { items { name memberOf { target { name } } affects { direction evidence { pub level"
                 " publication { id } } } } } }")
    assert plan.node_keys == {"id", "name"}
    assert plan.rel_keys == {(s.RelKind.MEMBER_OF, Direction.OUT): {"key"},
                             (s.RelKind.AFFECTS, Direction.OUT): {"key", "direction", *EVIDENCE_REQUIRED}}
    plan = _plan("{ agents { items { affects { evidence { pub somethingNew } } } } }")  # unknown: load everything
    assert plan.rel_keys == {(s.RelKind.AFFECTS, Direction.OUT): None}


def test_every_evidence_field_and_list_is_known_to_the_planner() -> None:
    """A new Evidence field or evidence list must be mapped, or a slim plan would leave it unloaded."""
    from api.graphql import types as t
    from api.graphql.request_plan import EVIDENCE_FIELD_KEYS
    from graph import schema as s

    fields = {f.name for f in t.Evidence.__strawberry_definition__.fields}
    assert fields | {"__typename"} == set(EVIDENCE_FIELD_KEYS)
    lists = {key for key in s.EVIDENCE_PROPERTIES if key.startswith("evidence_")}  # (the rest: a claim's summary)
    assert set().union(*EVIDENCE_FIELD_KEYS.values()) == lists
