"""Parity beyond the shipped data: on random small knowledge bases, both stores give identical answers to every
question and read."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import questions as qs
from graph import schema as s
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.store import Direction, NodeFilter, SortField
from loaders.validate import load_knowledge_base
from tests.conftest import Neo4jGraph
from tests.graph.random_kb import DISEASES, PROCESSES, TISSUES, knowledge_bases


def answers(store: Any, kb: dict[str, Any], pick: dict[str, Any]) -> list[Any]:
    agents = [a["id"] for a in kb["agents"]]
    phases = [p["id"] for d in kb["diseases"] for p in d["phases"]]
    out: list[Any] = [store.counts()]
    q1 = qs.InhibitorsWithoutHarm(
        process=pick["process"], disease=pick["disease"], tissue=pick["tissue"],
        phase=phases[0] if phases and pick["use_phase"] else None,
        min_evidence=pick["level"], include_harmed=pick["include_harmed"], verified_only=pick["verified_only"],
    )
    out += [qs.inhibitors_without_harm(store, q1), qs.inhibitors_without_harm(store, qs.InhibitorsWithoutHarm()),
            qs.inhibitors_without_harm(store, qs.InhibitorsWithoutHarm(spare=("bone-formation", "osteoblast", "p5"),
                                                                       include_harmed=True, clinical=False))]
    out.append(qs.dual_action(store, qs.DualAction(process=pick["process"], min_evidence=pick["level"],
                                                   verified_only=pick["verified_only"])))
    out += [outcome(lambda d=d: qs.phase_studies(store, qs.PhaseStudies(disease=d))) for d in DISEASES]
    out += [qs.agents_studied_in(store, qs.AgentsStudiedIn(d, verified_only=pick["verified_only"])) for d in DISEASES]
    out += [qs.agents_acting_on(store, qs.AgentsActingOn(n, min_evidence=pick["level"])) for n in ("t0", "w0", "m0")]
    out += [qs.evidence_gaps(store, qs.EvidenceGaps(scope)) for scope in qs.GapScope]
    for agent in agents:
        out.append(qs.evidence_profile(store, agent))
        out.append(qs.mechanism_paths(store, qs.MechanismPaths(agent, pick["process"], max_hops=4)))
        out.append(qs.phase_studies(store, qs.PhaseStudies(agent=agent)))
    out.append(qs.paths(store, qs.Paths(agents[0], pick["process"], max_hops=3)))
    out.append(qs.paths(store, qs.Paths(agents[-1], "d0", via=(s.RelKind.STUDIED_IN, s.RelKind.HAS_PHASE,
                                                               s.RelKind.SUBTYPE_OF), max_hops=3)))
    out.append(store.list_nodes(s.NodeKind.AGENT, NodeFilter(name_contains="agent"), SortField.NAME, True, 3, 1))
    out.append(store.search("a", [], 50))
    ids = agents + PROCESSES + ["d0", "t0", "w0", "m0"]
    out += [store.neighbours(ids, rel, d) for rel in s.RelKind for d in Direction]
    return out


def outcome(ask: Any) -> Any:
    """The answer, or the argument error (both stores must agree on either)."""
    try:
        return ask()
    except qs.QuestionError as exc:
        return ("error", exc.argument, str(exc))


picks = st.fixed_dictionaries({
    "process": st.sampled_from(PROCESSES),
    "disease": st.sampled_from([None, *DISEASES]),
    "tissue": st.sampled_from([None, *TISSUES]),
    "use_phase": st.booleans(),
    "level": st.sampled_from([None, *s.EvidenceLevel]),
    "include_harmed": st.booleans(),
    "verified_only": st.booleans(),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kb=knowledge_bases(), pick=picks)
def test_both_stores_agree_on_random_knowledge_bases(kb: dict[str, Any], pick: dict[str, Any],
                                                      neo4j_graph: Neo4jGraph) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "kb.yaml").write_text(yaml.safe_dump(kb, sort_keys=False))
        records = load_knowledge_base(Path(folder)).records()
    neo4j_graph.load(records)
    memory, neo4j = MemoryStore.from_records(records), Neo4jStore(neo4j_graph.driver)
    assert answers(neo4j, kb, pick) == answers(memory, kb, pick)
