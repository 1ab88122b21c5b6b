"""Grow the curated graph to a target number of relationships with the same schema and property shapes.

The curated biology (processes, cell types, tissues, diseases, phases, publications) stays; synthetic agents,
targets, mechanisms and pathways are added with the curated fan-out (classes, targets, mechanisms, effects,
studies per agent), so the questions walk the same shapes they walk on the real data, only more of them.
"""

from __future__ import annotations

import random

from graph import schema as s
from graph.kb import EdgeRecord, NodeRecord, Records

K, R = s.NodeKind, s.RelKind
PER_AGENT = 19  # relationships per synthetic agent, all kinds included (see grow())


def _evidence(rng: random.Random, pubs: list[str]) -> dict[str, object]:
    level = rng.choice(list(s.EvidenceLevel))
    return {
        "evidence_pubs": [rng.choice(pubs)], "evidence_levels": [level.value],
        "evidence_findings": ["Synthetic finding for benchmarking."], "evidence_species": ["human"],
        "evidence_models": [""], "evidence_comparator": [False], "evidence_verified": [True],
        "best_level": level.value, "best_rank": s.EVIDENCE_RANK[level], "verified_count": 1,
    }


def _node(label: s.NodeKind, node_id: str, name: str, **extra: object) -> NodeRecord:
    props = {"id": node_id, "name": name, **extra}
    props["search_text"] = name.lower()
    return NodeRecord(label, node_id, props)


def grow(base: Records, relationships: int, seed: int = 7) -> Records:
    """`base` plus synthetic entities until about `relationships` relationships in total."""
    rng = random.Random(seed)
    nodes, edges = list(base.nodes), list(base.edges)
    by_kind: dict[s.NodeKind, list[str]] = {k: [] for k in K}
    phase_disease: dict[str, str] = {}
    for n in base.nodes:
        by_kind[n.kind].append(n.id)
        if n.kind is K.DISEASE_PHASE:
            phase_disease[n.id] = str(n.props["disease"])
    pubs = by_kind[K.PUBLICATION]
    effect_targets = by_kind[K.PROCESS] + by_kind[K.CELL_TYPE]
    study_targets = by_kind[K.DISEASE] + by_kind[K.DISEASE_PHASE]
    agents = max(1, (relationships - len(edges)) // PER_AGENT)
    n_targets, n_mechs, n_paths = max(1, agents // 5), max(1, agents // 5), max(1, agents // 20)

    def edge(kind: s.RelKind, a: str, b: str, qualifier: str = "", **props: object) -> None:
        key = "|".join(x for x in (kind.value, a, b, qualifier) if x)
        edges.append(EdgeRecord(kind, a, b, key, {**props, "key": key}))

    for i in range(n_paths):
        pid = f"syn-pathway-{i}"
        nodes.append(_node(K.PATHWAY, pid, f"Synthetic pathway {i}", identifiers=[], identifiers_verified=[]))
        for proc in rng.sample(by_kind[K.PROCESS], 3):
            d = rng.choice(["inhibits", "promotes"])
            edge(R.REGULATES, pid, proc, d, direction=d, **_evidence(rng, pubs))
    for i in range(n_targets):
        tid = f"syn-target-{i}"
        nodes.append(_node(K.TARGET, tid, f"Synthetic target {i}", symbol=f"SYN{i}", identifiers=[],
                           identifiers_verified=[]))
        for j in rng.sample(range(n_paths), min(2, n_paths)):
            edge(R.PARTICIPATES_IN, tid, f"syn-pathway-{j}", **_evidence(rng, pubs))
    for i in range(n_mechs):
        mid = f"syn-mechanism-{i}"
        nodes.append(_node(K.MECHANISM, mid, f"Synthetic mechanism {i}"))
        for on in (f"syn-pathway-{rng.randrange(n_paths)}", rng.choice(by_kind[K.PROCESS])):
            d = rng.choice(["inhibits", "promotes"])
            edge(R.MODULATES, mid, on, d, direction=d, **_evidence(rng, pubs))
    classes = by_kind[K.AGENT_CLASS]
    for i in range(agents):
        aid = f"syn-agent-{i}"
        nodes.append(_node(K.AGENT, aid, f"Synthetic agent {i}", synonyms=[], brand_names=[], kind="small_molecule",
                           approval="experimental", identifiers=[], identifiers_verified=[], no_data_about=[],
                           no_data_facets=[], no_data_notes=[]))
        edge(R.MEMBER_OF, aid, rng.choice(classes))
        for t in rng.sample(range(n_targets), min(3, n_targets)):
            edge(R.TARGETS, aid, f"syn-target-{t}", "inhibits", action="inhibits", **_evidence(rng, pubs))
        for m in rng.sample(range(n_mechs), min(2, n_mechs)):
            edge(R.HAS_MECHANISM, aid, f"syn-mechanism-{m}", **_evidence(rng, pubs))
        for on in rng.sample(effect_targets, 8):
            d = rng.choice(["inhibits", "inhibits", "promotes", "no_effect"])
            edge(R.AFFECTS, aid, on, d, direction=d, dose="therapeutic", **_evidence(rng, pubs))
        for on in rng.sample(study_targets, 5):
            o = rng.choice(list(s.Outcome)).value
            edge(R.STUDIED_IN, aid, on, o, outcome=o, disease=phase_disease.get(on, on), **_evidence(rng, pubs))
    return Records(nodes, edges)
