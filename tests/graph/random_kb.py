"""Hypothesis strategies for small, random, VALID knowledge bases in the data/ YAML shape.

They exercise what the shipped data may not: IS_A, PART_OF and SUBTYPE_OF chains, agents with conflicting claims,
evidence at every exposure, regimen, timing and population, tissues on claims, subtypes staged by their parent's
phases, mechanisms acting on bone facets — so parity is tested on shapes nobody curated yet.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from graph import schema as s

PUB = "PMID:1"
VERIFIED_PUB = "PMID:2"
PROCESSES = ["ectopic-calcification", "heterotopic-ossification", "bone-formation", "skeletal-mineralization",
             "inflammation", "p5", "bone-mass"]
FACETS = {"bone-formation": "bone_formation", "skeletal-mineralization": "mineralization", "bone-mass": "bone_mass",
          "osteoblast": "osteoblast"}
CELL_TYPES = ["osteoblast", "osteoclast"]
TISSUES = ["tendon", "bone", "skeletal-muscle"]
DISEASES = ["d0", "d1", "d2"]


def evidence(citation: tuple[Any, ...]) -> list[dict[str, Any]]:
    level, verified, *context = citation
    item: dict[str, Any] = {"pub": VERIFIED_PUB if verified else PUB, "level": level, "finding": "Generated."}
    if context:
        exposure, regimen, timing, intent, with_population = context
        item |= {k: val for k, val in (("exposure", exposure), ("regimen", regimen), ("timing", timing),
                                        ("intent", intent)) if val}
        if with_population:
            item["population"] = {"animal": "animal_model", "in_vitro": "cells"}.get(level, "adults")
    return [item]


citations = st.tuples(st.sampled_from([lv.value for lv in s.EvidenceLevel]), st.booleans())
"""An evidence item's level and whether its publication is verified."""
observations = st.tuples(
    st.sampled_from([lv.value for lv in s.EvidenceLevel]), st.booleans(),
    st.sampled_from([None, None, "supratherapeutic", "overdose"]), st.sampled_from([None, "continuous", "cyclical"]),
    st.sampled_from([None, "early", "established"]), st.sampled_from([None, "prevention", "treatment"]),
    st.booleans())
"""A citation with the context the verdict rule weighs (exposure, regimen, timing) and intent/population."""


@st.composite
def knowledge_bases(draw: st.DrawFn) -> dict[str, Any]:
    processes = []
    for i, pid in enumerate(PROCESSES):
        parents = draw(st.lists(st.sampled_from(PROCESSES[:i]), unique=True, max_size=2)) if i else []
        candidates = [p for p in PROCESSES[:i] if p not in parents]
        wholes = draw(st.lists(st.sampled_from(candidates), unique=True, max_size=1)) if candidates else []
        processes.append({"id": pid, "name": pid.title(), "is_a": parents, "part_of": wholes,
                          "occurs_in": draw(st.lists(st.sampled_from(TISSUES), unique=True, max_size=2)),
                          **({"bone_facet": FACETS[pid]} if pid in FACETS and draw(st.booleans()) else {})})
    diseases = []
    phase_ids: dict[str, list[str]] = {}
    for i, did in enumerate(DISEASES):
        n_phases = draw(st.integers(0, 3))
        phase_ids[did] = [f"{did}-ph{k + 1}" for k in range(n_phases)]
        diseases.append({
            "id": did, "name": did.upper(), "scope": "musculoskeletal", "evidence": evidence(("review", False)),
            "subtype_of": draw(st.lists(st.sampled_from(DISEASES[:i]), unique=True, max_size=1)) if i else [],
            "involves": draw(st.lists(st.sampled_from(TISSUES), unique=True, max_size=2)),
            "manifests": draw(st.lists(st.sampled_from(PROCESSES), unique=True, min_size=1, max_size=2)),
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
                   "modulates": [{"on": on, "direction": direction, "evidence": evidence(draw(observations))}
                                 for on, direction in draw(st.lists(
                                     st.tuples(st.sampled_from(["w0", *PROCESSES]),
                                               st.sampled_from(["inhibits", "promotes", "no_effect"])),
                                     unique=True, min_size=1, max_size=3))]}]
    agents = []
    for i in range(draw(st.integers(1, 6))):
        effects = draw(st.lists(
            st.tuples(st.sampled_from(PROCESSES + CELL_TYPES), st.sampled_from([d.value for d in s.Direction]),
                      st.sampled_from([None, *TISSUES]), st.lists(observations, min_size=1, max_size=2)),
            unique_by=lambda e: (e[0], e[1], e[2]), max_size=6))
        # a study's phase: one of the disease's own, or (for a subtype) one of its parent's
        all_phases = [(d, p) for d in DISEASES for p in [None, *phase_ids[d]]]
        all_phases += [(dis["id"], p) for dis in diseases for parent in dis["subtype_of"] for p in phase_ids[parent]]
        studies = draw(st.lists(
            st.tuples(st.sampled_from(all_phases), st.sampled_from([o.value for o in s.Outcome]), observations),
            unique_by=lambda x: (x[0], x[1]), max_size=3))
        agents.append({
            "id": f"a{i}", "name": f"Agent {i}", "classes": ["k0"], "kind": "small_molecule", "approval": "approved",
            "synonyms": draw(st.lists(st.sampled_from(["alpha", "beta", "Agent"]), unique=True, max_size=2)),
            "effects": [{"on": on, "direction": d, "evidence": [item for ob in obs for item in evidence(ob)],
                         **({"tissue": t} if t else {})} for on, d, t, obs in effects],
            "studies": [{"disease": d, **({"phase": p} if p else {}), "outcome": o, "evidence": evidence(lv)}
                        for (d, p), o, lv in studies],
            "targets": [{"target": "t0", "action": "inhibits", "evidence": evidence(draw(citations))}]
            if draw(st.booleans()) else [],
            # the first agent always has the mechanism: an unused mechanism is an orphan the validator refuses
            "mechanisms": [{"mechanism": "m0", "evidence": evidence(draw(citations))}]
            if draw(st.booleans()) or i == 0 else [],
        })
    return {
        "publications": [{"id": PUB, "pmid": "1", "title": "Generated", "journal": "J Gen", "year": 2000,
                          "verified": False, "verified_source": "generated for tests"},
                         {"id": VERIFIED_PUB, "pmid": "2", "title": "Generated, verified", "journal": "J Gen",
                          "year": 2001, "verified": True,
                          "verified_source": "PubMed record page for 2 (generated for tests)"}],
        "agent_classes": [{"id": "k0", "name": "Class 0"}],
        "agents": agents, "targets": targets, "pathways": pathways, "mechanisms": mechanisms,
        "processes": processes,
        "cell_types": [{"id": c, "name": c.title(), **({"bone_facet": FACETS[c]} if c in FACETS else {})}
                       for c in CELL_TYPES],
        "tissues": [{"id": t, "name": t.title()} for t in TISSUES],
        "diseases": diseases,
    }
