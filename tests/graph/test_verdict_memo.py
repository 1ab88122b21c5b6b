"""Verdicts are remembered (graph.questions.judge), never at the price of a stale one: on the embedded store by
claim identity (its graph never changes), on Neo4j by the claims' content, so an edit made outside
`calcigraph load` — which keeps the generation — is judged afresh on the next request."""

from __future__ import annotations

from graph import questions as qs
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from tests.conftest import Neo4jGraph

ALL = qs.InhibitorsWithoutHarm(include_harmed=True)


def _verdicts(answers: list[qs.InhibitorAnswer]) -> dict[str, str]:
    return {a.agent: a.bone.reason for a in answers}


def test_a_remembered_verdict_is_the_verdict(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for store in (memory_store, neo4j_store):
        first = qs.inhibitors_without_harm(store, ALL)
        assert qs.inhibitors_without_harm(store, ALL) == first
    assert _verdicts(qs.inhibitors_without_harm(memory_store, ALL)) == \
        _verdicts(qs.inhibitors_without_harm(neo4j_store, ALL))


def test_an_edit_outside_the_loader_is_judged_afresh_on_neo4j(neo4j_store: Neo4jStore,
                                                              neo4j_graph: Neo4jGraph) -> None:
    before = {a.agent: a for a in qs.inhibitors_without_harm(neo4j_store, ALL)}
    agent, claim = next((a.agent, e) for a in before.values() for f in a.bone.facets for e in f.claims
                        if e.props["direction"] == "promotes" and f.verdict.value == "benefit")
    try:
        with neo4j_graph.driver.session() as session:  # same key, same generation, new content
            session.run("MATCH ()-[r:AFFECTS {key: $key}]->() SET r.direction = 'inhibits'", key=claim.key).consume()
        after = {a.agent: a for a in qs.inhibitors_without_harm(neo4j_store, ALL)}
        assert after[agent].bone.reason != before[agent].bone.reason
        assert "impairment" in after[agent].bone.facets[0].reason or any(
            "impairment" in f.reason for f in after[agent].bone.facets)
    finally:
        neo4j_graph.load(neo4j_graph.shipped)
