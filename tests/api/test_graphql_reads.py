"""Lookups, lists, connections and search over HTTP on both backends; the schema file; limits and errors."""

from __future__ import annotations

import pytest

from api.graphql.context import Limits
from api.graphql.schema import create_schema
from api.graphql.types import PLURALS, singular
from graph import schema as s
from graph.paths import PROJECT_ROOT
from graph.store import GraphStore
from tests.api.conftest import Api, make_api


def test_the_committed_sdl_matches_the_code() -> None:
    committed = (PROJECT_ROOT / "api" / "schema.graphql").read_text()
    assert committed.strip() == str(create_schema()).strip(), "run `calcigraph schema > api/schema.graphql`"


def test_the_committed_cypher_matches_the_schema() -> None:
    from graph.cypher_gen import generated_files

    for path, text in generated_files().items():
        assert path.read_text() == text, f"run `calcigraph schema --cypher` ({path} drifted)"


@pytest.mark.parametrize("kind", list(s.NodeKind), ids=str)
def test_every_kind_has_lookup_list_and_connection(api: Api, kind: s.NodeKind) -> None:
    plural = PLURALS[kind]
    page = api.data(f"{{ {plural}(limit: 2) {{ totalCount items {{ id name kind }} }} }}")[plural]
    assert page["totalCount"] > 0 and len(page["items"]) == min(2, page["totalCount"])
    first = page["items"][0]
    assert first["kind"] == kind.value.upper() or first["kind"] == kind.name
    one = api.data(f'{{ {singular(kind)}(id: "{first["id"]}") {{ id name }} }}')[singular(kind)]
    assert one["id"] == first["id"]
    conn = api.data(f"{{ {plural}Connection(first: 1) {{ totalCount pageInfo {{ hasNextPage }} }} }}")
    assert conn[plural + "Connection"]["totalCount"] == page["totalCount"]


def test_agents_resolve_their_class_claims_and_publications(api: Api) -> None:
    q = """{ agent(id: "etidronate") { name synonyms agentKind approval identifiers { curie verified }
             memberOf { target { id } } affects { target { id } direction evidence { level publication {
               ... on Publication { title year journal pmid doi url verified } } } } } }"""
    agent = api.data(q)["agent"]
    assert agent["memberOf"] == [{"target": {"id": "bisphosphonates"}}]
    pubs = [e["publication"] for c in agent["affects"] for e in c["evidence"]]
    assert pubs and all(p["title"] and p["year"] and p["url"].startswith("https://") for p in pubs)


def test_classes_list_their_members_through_the_incoming_relationship(api: Api) -> None:
    q = '{ agentClass(id: "bisphosphonates") { incomingMemberOf { source { id } } } }'
    members = {r["source"]["id"] for r in api.data(q)["agentClass"]["incomingMemberOf"]}
    assert {"etidronate", "alendronate", "zoledronate", "pamidronate"} <= members


def test_filters_sorting_and_offset_pagination(api: Api) -> None:
    q = """query($w: NodeWhere, $s: NodeSort, $l: Int!, $o: Int!) { agents(where: $w, sort: $s, limit: $l,
             offset: $o) { totalCount items { id name } } }"""
    everything = api.data(q, {"l": 500, "o": 0})["agents"]
    names = [a["name"] for a in everything["items"]]
    assert names == sorted(names) and len(names) == everything["totalCount"]
    desc = api.data(q, {"l": 500, "o": 0, "s": {"field": "ID", "direction": "DESC"}})["agents"]["items"]
    assert [a["id"] for a in desc] == sorted((a["id"] for a in desc), reverse=True)
    window = api.data(q, {"l": 5, "o": 10})["agents"]["items"]
    assert window == everything["items"][10:15]
    assert api.data(q, {"l": 0, "o": 0})["agents"]["items"] == []
    assert api.data(q, {"l": 5, "o": 10_000})["agents"] == {"totalCount": everything["totalCount"], "items": []}
    bisph = api.data(q, {"l": 50, "o": 0, "w": {"agentClass": "bisphosphonates"}})["agents"]
    assert {a["id"] for a in bisph["items"]} >= {"etidronate", "zoledronate"}
    assert api.data(q, {"l": 50, "o": 0, "w": {"nameContains": "DRONATE"}})["agents"]["totalCount"] >= 4
    assert api.data(q, {"l": 50, "o": 0, "w": {"ids": ["curcumin", "nope"]}})["agents"]["totalCount"] == 1


def test_a_connection_walks_every_agent_once(api: Api) -> None:
    q = """query($after: String) { agentsConnection(first: 7, after: $after) { totalCount
             edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
    seen, after, pages = [], None, 0
    while True:
        conn = api.data(q, {"after": after})["agentsConnection"]
        seen += [e["node"]["id"] for e in conn["edges"]]
        assert conn["pageInfo"]["hasPreviousPage"] == (after is not None)
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == conn["totalCount"] and pages > 1
    assert api.error('{ agentsConnection(after: "bogus") { totalCount } }')["extensions"]["argument"] == "after"


def test_search_finds_synonyms_and_brand_names_best_match_first(api: Api) -> None:
    q = 'query($t: String!, $k: [NodeKind!]) { search(text: $t, kinds: $k, limit: 5) { id kind } }'
    assert api.data(q, {"t": "Indomethacin"})["search"][0]["id"] == "indomethacin"
    agents_only = api.data(q, {"t": "zoled", "k": ["AGENT"]})["search"]
    assert agents_only[0]["id"] == "zoledronate" and all(h["kind"] == "AGENT" for h in agents_only)
    assert api.data(q, {"t": "xyzzy"})["search"] == []
    assert api.error(q, {"t": "  "})["extensions"]["argument"] == "text"


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ('{ agent(id: "no-such-agent") { id } }', "id"),
        ('{ agent(id: "bone") { id } }', "id"),
        ('{ node(id: "PMID:0") { id } }', "id"),
        ("{ agents(limit: 501) { totalCount } }", "limit"),
        ("{ agents(limit: -1) { totalCount } }", "limit"),
        ("{ agents(offset: -3) { totalCount } }", "offset"),
        ("{ agentsConnection(first: 9999) { totalCount } }", "first"),
        ("{ agents(sort: {field: COLOUR}) { totalCount } }", "sort.field"),
        ("{ search(text: \"a\", limit: 100000) { id } }", "limit"),
    ],
)
def test_unknown_ids_and_bad_arguments_are_named(api: Api, query: str, argument: str) -> None:
    error = api.error(query)
    assert error["extensions"]["argument"] == argument, error


def test_depth_token_and_alias_limits_give_clear_errors(store: GraphStore) -> None:
    api = make_api(store, Limits(max_depth=4, max_tokens=200, max_aliases=3))
    deep = ('{ agent(id: "etidronate") { memberOf { target { ... on AgentClass { incomingMemberOf {'
            " source { id } } } } } } }")
    assert "exceeds maximum operation depth" in api.error(deep)["message"]
    big = "{ " + " ".join(f"a{i}: agent(id: \"etidronate\") {{ id }}" for i in range(4)) + " }"
    assert "aliases" in api.error(big)["message"].lower()
    huge = "{ agents { items { " + " ".join(["id name"] * 150) + " } } }"
    assert "token" in api.error(huge)["message"].lower()


def test_a_request_past_its_timeout_is_stopped_with_a_clear_error(memory_store: GraphStore) -> None:
    api = make_api(memory_store, Limits(timeout_seconds=0.001))
    error = api.error('{ paths(from: "ectopic-calcification", to: "bone", maxHops: 4) { length } }')
    assert error["extensions"]["code"] == "TIMEOUT" and "timeout" in error["message"]


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready" and ready.json()["nodes"]["Agent"] >= 50


def test_graphiql_is_served_to_browsers(api: Api) -> None:
    page = api.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_cors_is_off_by_default_and_configurable(memory_store: GraphStore) -> None:
    preflight = {"origin": "http://localhost:3000", "access-control-request-method": "POST"}
    closed = make_api(memory_store).client.options("/graphql", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    opened = make_api(memory_store, cors=["http://localhost:3000"]).client.options("/graphql", headers=preflight)
    assert opened.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_the_api_is_read_only(api: Api) -> None:
    assert "Mutation" not in str(create_schema())
    error = api.error('mutation { deleteAgent(id: "etidronate") }')
    assert "mutation" in error["message"].lower()


def test_the_browser_guide_and_style_are_served_cross_origin(memory_store: GraphStore) -> None:
    client = make_api(memory_store).client
    guide = client.get("/guide/calcigraph.md", headers={"origin": "http://127.0.0.1:7474"})
    assert guide.status_code == 200 and "db.schema.visualization" in guide.text
    assert guide.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/guide/calcigraph.md", headers={"origin": "http://127.0.0.1:7474",
                                                                 "access-control-request-method": "GET"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"
    assert "node.Agent" in client.get("/guide/calcigraph.grass").text
