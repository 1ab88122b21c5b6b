"""graph.analytics on the shipped data: the graph analysts get (embedded or pulled from Neo4j, identical), and
each analysis's guarantees — ranges, symmetry, ordering, determinism, and agents a reader would expect."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import pytest

from graph import analytics as an
from graph import schema as s
from graph.kb import Records
from graph.memory_store import build_graph

K, R = s.NodeKind, s.RelKind


@pytest.fixture(scope="module")
def g(shipped_records: Records) -> nx.MultiDiGraph:
    return build_graph(shipped_records)


@pytest.fixture(scope="module")
def pulled(neo4j_graph) -> nx.MultiDiGraph:
    neo4j_graph.ensure_shipped()
    return an.networkx_graph("neo4j", driver=neo4j_graph.driver)


def edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, v, k): attrs for u, v, k, attrs in graph.edges(keys=True, data=True)}


# ---- the graph ---------------------------------------------------------------------------------------------------

def test_embedded_graph_is_the_data(g: nx.MultiDiGraph) -> None:
    built = an.networkx_graph()
    assert isinstance(built, nx.MultiDiGraph)
    for agent in ("menaquinone-7", "etidronate", "indomethacin"):
        assert built.nodes[agent]["label"] == K.AGENT.value
    assert {label for _, label in built.nodes(data="label")} <= {k.value for k in K}
    assert all(key.startswith(attrs["type"] + "|") and "key" not in attrs
               for *_, key, attrs in built.edges(keys=True, data=True))


def test_pulled_from_neo4j_equals_embedded(g: nx.MultiDiGraph, pulled: nx.MultiDiGraph) -> None:
    assert dict(pulled.nodes(data=True)) == dict(g.nodes(data=True))
    assert edges(pulled) == edges(g)
    assert not any("generation" in attrs for _, attrs in pulled.nodes(data=True))


def test_pull_without_a_driver_uses_the_environment(g: nx.MultiDiGraph, neo4j_graph, neo4j_settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_graph.ensure_shipped()
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    assert edges(an.networkx_graph("neo4j", database=neo4j_settings.database)) == edges(g)


def test_every_analysis_gives_the_same_answer_from_either_source(g: nx.MultiDiGraph, pulled: nx.MultiDiGraph) -> None:
    for analysis in (an.centrality, an.agent_similarity, an.agent_communities, an.evidence_levels_by_class,
                     an.agent_phase_matrix):
        assert analysis(pulled) == analysis(g), analysis.__name__


def test_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="embedded"):
        an.networkx_graph("sqlite")  # type: ignore[arg-type]


# ---- centrality --------------------------------------------------------------------------------------------------

def test_centrality_ranks_mechanisms_and_pathways(g: nx.MultiDiGraph) -> None:
    rows = an.centrality(g)
    assert {r.id for r in rows} == set(an.nodes_of(g, K.MECHANISM, K.PATHWAY))
    assert {r.kind for r in rows} == {K.MECHANISM.value, K.PATHWAY.value}
    assert all(0 <= r.degree <= 1 and 0 <= r.betweenness <= 1 for r in rows)
    assert rows == sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.id))
    assert rows[0].betweenness > 0


def test_centrality_ignores_publications(g: nx.MultiDiGraph) -> None:
    # Normalised degree = links / (n - 1) with n the non-publication nodes: publications do not dilute it.
    n = sum(1 for _, label in g.nodes(data="label") if label != K.PUBLICATION.value)
    projection = an.knowledge_projection(g)
    assert projection.number_of_nodes() == n
    for r in an.centrality(g):
        assert r.degree * (n - 1) == pytest.approx(projection.degree(r.id))


# ---- similarity and communities ----------------------------------------------------------------------------------

def test_jaccard_pairs_are_symmetric_in_range_and_sorted(g: nx.MultiDiGraph) -> None:
    pairs = an.agent_similarity(g)
    features = an.agent_features(g)
    assert pairs and pairs == sorted(pairs, key=lambda p: (-p.jaccard, p.a, p.b))
    assert len({(p.a, p.b) for p in pairs}) == len(pairs)
    for p in pairs:
        assert p.a < p.b and 0 < p.jaccard <= 1
        forward = len(features[p.a] & features[p.b]) / len(features[p.a] | features[p.b])
        backward = len(features[p.b] & features[p.a]) / len(features[p.b] | features[p.a])
        assert p.jaccard == forward == backward
        assert set(p.shared) == features[p.a] & features[p.b]
    listed = {(p.a, p.b) for p in pairs}
    for a, b in combinations(sorted(features), 2):
        assert ((a, b) in listed) == bool(features[a] & features[b])


def test_similar_agents_are_the_expected_ones(g: nx.MultiDiGraph) -> None:
    score = {(p.a, p.b): p.jaccard for p in an.agent_similarity(g)}
    assert score[("adalimumab", "infliximab")] > 0.5  # both TNF blockers
    assert score[("ibuprofen", "indomethacin")] > 0.5  # both COX inhibitors
    mechanisms_only = an.agent_similarity(g, via=(R.HAS_MECHANISM,))
    assert all(g.nodes[x]["label"] == K.MECHANISM.value for p in mechanisms_only for x in p.shared)


def test_communities_partition_every_agent_deterministically(g: nx.MultiDiGraph) -> None:
    communities = an.agent_communities(g)
    assert communities == an.agent_communities(g)
    placed = Counter(a for c in communities for a in c.agents)
    assert set(placed) == set(an.nodes_of(g, K.AGENT)) and set(placed.values()) == {1}
    assert [c.index for c in communities] == list(range(len(communities)))
    assert [len(c.agents) for c in communities] == sorted((len(c.agents) for c in communities), reverse=True)
    home = {a: c.index for c in communities for a in c.agents}
    assert home["ibuprofen"] == home["indomethacin"]
    assert home["adalimumab"] == home["infliximab"]
    assert home["ibuprofen"] != home["adalimumab"]


# ---- evidence levels ---------------------------------------------------------------------------------------------

def test_evidence_levels_count_every_agent_claim_item(g: nx.MultiDiGraph) -> None:
    counts = an.evidence_levels_by_class(g)
    assert list(counts) == an.nodes_of(g, K.AGENT_CLASS)
    assert all(list(levels) == list(an.LEVEL_ORDER) for levels in counts.values())
    assert an.LEVEL_ORDER[0] == "in_vitro" and an.LEVEL_ORDER[-1] == "meta_analysis"
    claims = {t.value for t in an.AGENT_CLAIMS}
    expected: Counter[str] = Counter()
    for agent, _, attrs in g.edges(data=True):
        if attrs["type"] in claims:
            for _cls in an.agent_classes(g, agent):
                expected.update(attrs["evidence_levels"])
    assert sum(sum(levels.values()) for levels in counts.values()) == expected.total() > 0
    for level in an.LEVEL_ORDER:
        assert sum(levels[level] for levels in counts.values()) == expected[level]
    assert sum(counts["nsaids"].values()) > 0


# ---- agents × disease phases -------------------------------------------------------------------------------------

def test_phase_matrix_holds_every_phase_study(g: nx.MultiDiGraph) -> None:
    m = an.agent_phase_matrix(g)
    assert set(m.phases) == set(an.nodes_of(g, K.DISEASE_PHASE))
    keys = [(g.nodes[p]["disease"], g.nodes[p]["order"]) for p in m.phases]
    assert keys == sorted(keys)
    studied = {(u, v) for u, v, t in g.edges(data="type")
               if t == R.STUDIED_IN.value and g.nodes[v]["label"] == K.DISEASE_PHASE.value}
    assert {(c.agent, c.phase) for c in m.cells} == studied
    assert m.agents == sorted({a for a, _ in studied})
    assert all(c.outcome in {o.value for o in s.Outcome} and c.pubs for c in m.cells)
    assert m.outcome("etidronate", "ho-inflammatory") == "effective"
    assert m.outcome("etidronate", "fop-osseous") is None


# ---- neighbourhood -----------------------------------------------------------------------------------------------

def test_neighbourhood_is_within_two_hops_without_publications(g: nx.MultiDiGraph) -> None:
    sub = an.neighbourhood(g, "menaquinone-7")
    hops = nx.single_source_shortest_path_length(an.knowledge_projection(sub), "menaquinone-7")
    assert set(hops) == set(sub) and max(hops.values()) == 2
    assert K.PUBLICATION.value not in {label for _, label in sub.nodes(data="label")}
    assert set(g.successors("menaquinone-7")) <= set(sub)
    assert list(sub) == sorted(sub)  # a fixed order, so figures drawn from it are reproducible
    with pytest.raises(KeyError):
        an.neighbourhood(g, "no-such-agent")
