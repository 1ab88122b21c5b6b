"""The two stores are two real backends with one meaning: on the shipped data, every read and every question
gives identical answers from the embedded store and from Neo4j."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph import questions as qs
from graph import schema as s
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.store import Direction, GraphStore, NodeFilter, SortField

K = s.NodeKind


def ids(store: MemoryStore, kind: s.NodeKind) -> list[str]:
    return sorted(n for n, label in store.graph.nodes(data="label") if label == kind.value)


def same(memory: MemoryStore, neo4j: Neo4jStore, ask: Callable[[GraphStore], Any]) -> Any:
    expected = ask(memory)
    assert ask(neo4j) == expected
    return expected


def test_counts_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    counts = same(memory_store, neo4j_store, lambda st: st.counts())
    assert counts.nodes["Agent"] >= 50


def test_inhibitors_without_harm_agree_for_every_filter(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    variants: list[qs.InhibitorsWithoutHarm] = []
    for process in ("ectopic-calcification", "heterotopic-ossification", "vascular-calcification",
                    "crystal-deposition", "inflammation"):
        for include in (False, True):
            for verified_only in (True, False):
                variants.append(qs.InhibitorsWithoutHarm(process=process, include_harmed=include,
                                                         verified_only=verified_only))
    variants += [qs.InhibitorsWithoutHarm(disease=d, include_harmed=True) for d in ids(memory_store, K.DISEASE)]
    variants += [qs.InhibitorsWithoutHarm(phase=p, include_harmed=True) for p in ids(memory_store, K.DISEASE_PHASE)]
    variants += [qs.InhibitorsWithoutHarm(tissue=t, include_harmed=True) for t in ids(memory_store, K.TISSUE)]
    variants += [qs.InhibitorsWithoutHarm(min_evidence=lv) for lv in s.EvidenceLevel]
    variants += [qs.InhibitorsWithoutHarm(spare=("osteoclast", "bone-resorption"), include_harmed=True),
                 qs.InhibitorsWithoutHarm(spare=("fracture-healing",)),
                 qs.InhibitorsWithoutHarm(spare=("bone-formation", "osteoblast"), include_harmed=True),
                 qs.InhibitorsWithoutHarm(include_harmed=True, clinical=False),
                 qs.InhibitorsWithoutHarm(process="heterotopic-ossification", include_harmed=True,
                                          verified_only=False),
                 qs.InhibitorsWithoutHarm(disease="acquired-ho", tissue="skeletal-muscle", min_evidence="rct")]
    non_empty = 0
    for q in variants:
        non_empty += bool(same(memory_store, neo4j_store, lambda st, q=q: qs.inhibitors_without_harm(st, q)))
    assert non_empty > len(variants) // 2


def test_dual_action_agrees(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for level in (None, *s.EvidenceLevel):
        for verified_only in (True, False):
            q = qs.DualAction(min_evidence=level, verified_only=verified_only)
            same(memory_store, neo4j_store, lambda st, q=q: qs.dual_action(st, q))
    q = qs.DualAction(process="heterotopic-ossification", promotes=("osteoblast-differentiation", "fracture-healing"))
    same(memory_store, neo4j_store, lambda st: qs.dual_action(st, q))


def outcome(ask: Callable[[], Any]) -> Any:
    """The answer, or the argument error — both stores must agree on either."""
    try:
        return ask()
    except qs.QuestionError as exc:
        return ("error", exc.argument, str(exc))


def test_phase_studies_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    variants = [qs.PhaseStudies(disease=d) for d in ids(memory_store, K.DISEASE)]
    variants += [qs.PhaseStudies(phase=p) for p in ids(memory_store, K.DISEASE_PHASE)]
    variants += [qs.PhaseStudies(agent=a) for a in ids(memory_store, K.AGENT)]
    answers = [same(memory_store, neo4j_store, lambda st, q=q: outcome(lambda: qs.phase_studies(st, q)))
               for q in variants]
    assert sum(len(a) for a in answers if isinstance(a, list)) > 0
    assert any(isinstance(a, tuple) for a in answers)  # a disease without phases is an error, on both


def test_agents_studied_in_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    found = 0
    for d in ids(memory_store, K.DISEASE):
        for q in (qs.AgentsStudiedIn(d), qs.AgentsStudiedIn(d, outcomes=(s.Outcome.EFFECTIVE,), verified_only=True),
                  qs.AgentsStudiedIn(d, intent=s.Intent.PREVENTION), qs.AgentsStudiedIn(d, min_evidence="rct")):
            found += len(same(memory_store, neo4j_store, lambda st, q=q: qs.agents_studied_in(st, q)))
    assert found > 0


def test_agents_acting_on_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    found = 0
    for kind in qs.ACTING_KINDS:
        for node in ids(memory_store, kind):
            for q in (qs.AgentsActingOn(node), qs.AgentsActingOn(node, min_evidence="animal", verified_only=True)):
                found += len(same(memory_store, neo4j_store, lambda st, q=q: qs.agents_acting_on(st, q)))
    assert found > 0


def test_evidence_gaps_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for scope in qs.GapScope:
        assert same(memory_store, neo4j_store, lambda st, sc=scope: qs.evidence_gaps(st, qs.EvidenceGaps(sc)))


def test_mechanism_paths_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    found = 0
    for agent in ids(memory_store, K.AGENT):
        for to, hops in (("ectopic-calcification", 4), ("heterotopic-ossification", 6), ("osteoblast", 3),
                         ("acquired-ho", 2)):
            q = qs.MechanismPaths(agent=agent, to=to, max_hops=hops, limit=qs.MAX_PATHS)
            found += len(same(memory_store, neo4j_store, lambda st, q=q: qs.mechanism_paths(st, q)))
    assert found > 0


def test_evidence_profiles_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for agent in ids(memory_store, K.AGENT):
        assert same(memory_store, neo4j_store, lambda st, a=agent: qs.evidence_profile(st, a))


@pytest.mark.parametrize(
    "q",
    [
        qs.Paths("menaquinone-7", "osteoblast", max_hops=4),
        qs.Paths("indomethacin", "etidronate", max_hops=3),
        qs.Paths("indomethacin", "etidronate", via=(s.RelKind.AFFECTS, s.RelKind.IS_A), max_hops=4),
        qs.Paths("calcific-tendinopathy", "tendon", max_hops=3, exclude=("ct-resting",)),
        qs.Paths("fop", "palovarotene", max_hops=4, exclude=("heterotopic-ossification",)),
    ],
    ids=lambda q: f"{q.source}->{q.target}",
)
def test_generic_paths_agree(q: qs.Paths, memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    same(memory_store, neo4j_store, lambda st: qs.paths(st, q))


def test_lists_agree_for_every_kind_sort_and_page(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for kind in K:
        for sort in SortField:
            for descending in (False, True):
                for offset, limit in ((0, 500), (3, 7), (1000, 10)):
                    same(memory_store, neo4j_store, lambda st, a=(kind, sort, descending, offset, limit):
                         st.list_nodes(a[0], NodeFilter(), a[1], a[2], a[4], a[3]))
    filters = [NodeFilter(name_contains="ON"), NodeFilter(agent_class="bisphosphonates"),
               NodeFilter(agent_kind="supplement"), NodeFilter(ids=["etidronate", "curcumin", "nope"]),
               NodeFilter(identifier="ATC:M01AB01"), NodeFilter(name_contains="a", agent_class="nsaids")]
    for where in filters:
        same(memory_store, neo4j_store, lambda st, w=where: st.list_nodes(K.AGENT, w, SortField.NAME, False, 50, 0))


@pytest.mark.parametrize("text", ["zoledron", "Indometacin", "ACVR1", "heterotopic", "  Vitamin K ", "xyzzy", "a"])
def test_search_agrees(text: str, memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    for kinds in ([], [K.AGENT], [K.PUBLICATION, K.TARGET]):
        same(memory_store, neo4j_store, lambda st, k=kinds: st.search(text, k, 25))


def test_neighbours_and_lookups_agree(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> None:
    every = [*sorted(memory_store.graph.nodes), "no-such-id"]
    for rel in s.RelKind:
        for direction in Direction:
            same(memory_store, neo4j_store, lambda st, r=rel, d=direction: st.neighbours(every, r, d))
    same(memory_store, neo4j_store, lambda st: st.get_many(every))
