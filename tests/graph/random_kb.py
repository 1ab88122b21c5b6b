"""Hypothesis strategies for small, random, VALID knowledge bases in the data/ YAML shape.

They exercise what the shipped data may not: IS_A and SUBTYPE_OF chains, agents with conflicting claims, excess
doses, tissues on claims, phases of subtypes — so parity is tested on shapes nobody curated yet.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from graph import schema as s

PUB = "PMID:1"
VERIFIED_PUB = "PMID:2"
PROCESSES = ["ectopic-calcification", "heterotopic-ossification", "bone-formation", "skeletal-mineralization",
             "inflammation", "p5"]
CELL_TYPES = ["osteoblast", "osteoclast"]
TISSUES = ["tendon", "bone", "skeletal-muscle"]
DISEASES = ["d0", "d1", "d2"]


def evidence(citation: tuple[str, bool]) -> list[dict[str, Any]]:
    level, verified = citation
    return [{"pub": VERIFIED_PUB if verified else PUB, "level": level, "finding": "Generated."}]


citations = st.tuples(st.sampled_from([lv.value for lv in s.EvidenceLevel]), st.booleans())
"""An evidence item's level and whether its publication is verified."""


@st.composite
def knowledge_bases(draw: st.DrawFn) -> dict[str, Any]:
    processes = []
    for i, pid in enumerate(PROCESSES):
        parents = draw(st.lists(st.sampled_from(PROCESSES[:i]), unique=True, max_size=2)) if i else []
        processes.append({"id": pid, "name": pid.title(), "is_a": parents,
                          "occurs_in": draw(st.lists(st.sampled_from(TISSUES), unique=True, max_size=2))})
    diseases = []
    phase_ids: dict[str, list[str]] = {}
    for i, did in enumerate(DISEASES):
        n_phases = draw(st.integers(0, 3))
        phase_ids[did] = [f"{did}-ph{k + 1}" for k in range(n_phases)]
        diseases.append({
            "id": did, "name": did.upper(), "scope": "musculoskeletal", "evidence": evidence(("review", False)),
            "subtype_of": draw(st.lists(st.sampled_from(DISEASES[:i]), unique=True, max_size=1)) if i else [],
            "involves": draw(st.lists(st.sampled_from(TISSUES), unique=True, max_size=2)),
            "phases": [{"id": p, "name": p, "order": k + 1, "evidence": evidence(("review", False))}
                       for k, p in enumerate(phase_ids[did])],
        })
    targets = [{"id": "t0", "symbol": "T0", "name": "Target 0",
                "pathways": [{"pathway": "w0", "evidence": evidence(draw(citations))}]}]
    pathways = [{"id": "w0", "name": "Pathway 0",
                 "regulates": [{"process": draw(st.sampled_from(PROCESSES)),
                                "direction": draw(st.sampled_from(["inhibits", "promotes"])),
                                "evidence": evidence(draw(citations))}]}]
    mechanisms = [{"id": "m0", "name": "Mechanism 0",
                   "modulates": [{"on": draw(st.sampled_from(["w0", *PROCESSES])),
                                  "direction": draw(st.sampled_from(["inhibits", "promotes"])),
                                  "evidence": evidence(draw(citations))}]}]
    agents = []
    for i in range(draw(st.integers(1, 6))):
        effects = draw(st.lists(
            st.tuples(st.sampled_from(PROCESSES + CELL_TYPES), st.sampled_from([d.value for d in s.Direction]),
                      st.sampled_from([None, *TISSUES]), st.sampled_from(["therapeutic", "therapeutic", "excess"]),
                      citations),
            unique_by=lambda e: (e[0], e[1], e[2], e[3]), max_size=6))
        all_phases = [(d, p) for d in DISEASES for p in [None, *phase_ids[d]]]
        studies = draw(st.lists(
            st.tuples(st.sampled_from(all_phases), st.sampled_from([o.value for o in s.Outcome]), citations),
            unique_by=lambda x: (x[0], x[1]), max_size=3))
        agents.append({
            "id": f"a{i}", "name": f"Agent {i}", "classes": ["k0"], "kind": "small_molecule", "approval": "approved",
            "synonyms": draw(st.lists(st.sampled_from(["alpha", "beta", "Agent"]), unique=True, max_size=2)),
            "effects": [{"on": on, "direction": d, "evidence": evidence(lv),
                         **({"tissue": t} if t else {}), **({"dose": dose} if dose != "therapeutic" else {})}
                        for on, d, t, dose, lv in effects],
            "studies": [{"disease": d, **({"phase": p} if p else {}), "outcome": o, "evidence": evidence(lv)}
                        for (d, p), o, lv in studies],
            "targets": [{"target": "t0", "action": "inhibits", "evidence": evidence(draw(citations))}]
            if draw(st.booleans()) else [],
            "mechanisms": [{"mechanism": "m0", "evidence": evidence(draw(citations))}] if draw(st.booleans()) else [],
        })
    return {
        "publications": [{"id": PUB, "pmid": "1", "title": "Generated", "journal": "J Gen", "year": 2000,
                          "verified": False, "verified_source": "generated for tests"},
                         {"id": VERIFIED_PUB, "pmid": "2", "title": "Generated, verified", "journal": "J Gen",
                          "year": 2001, "verified": True, "verified_source": "generated for tests"}],
        "agent_classes": [{"id": "k0", "name": "Class 0"}],
        "agents": agents, "targets": targets, "pathways": pathways, "mechanisms": mechanisms,
        "processes": processes,
        "cell_types": [{"id": c, "name": c.title()} for c in CELL_TYPES],
        "tissues": [{"id": t, "name": t.title()} for t in TISSUES],
        "diseases": diseases,
    }
