"""The shipped knowledge base (`data/`) is what the product promises: it validates, it covers every agent class of
the review, it states bone safety for every agent, and it meets the curation floors of the knowledge-base issue."""

from __future__ import annotations

from functools import cache

import pytest

from graph import schema as s
from graph.kb import KnowledgeBase
from graph.kb_stats import KbStats, compute, floors
from graph.paths import data_dir
from loaders.validate import load_knowledge_base

REVIEW_PMID = "PMID:39853559"

REVIEW_CLASSES = {
    "nsaids", "corticosteroids", "h2-blockers", "bisphosphonates", "tetracyclines", "biologics", "acth-analogues",
    "colchicine-class", "calcium-channel-blockers", "vitamin-k", "vitamin-d", "magnesium", "zinc", "curcuminoids",
    "phytates",
}

NAMED_AGENTS = {
    "indomethacin", "celecoxib", "ibuprofen", "naproxen", "etidronate", "alendronate", "zoledronate", "pamidronate",
    "cimetidine", "minocycline", "palovarotene", "garetosmab", "tetracosactide", "diltiazem", "menaquinone-7",
    "cholecalciferol", "calcitriol", "curcumin", "snf472", "sodium-thiosulfate", "sirolimus", "colchicine",
}

REQUIRED_PROCESSES = {
    "ectopic-calcification", "heterotopic-ossification", "osteoblast-differentiation", "bone-formation",
    "skeletal-mineralization", "bone-resorption", "inflammation", "chondrogenesis", "crystal-deposition",
    "crystal-dissolution",
}
REQUIRED_CELL_TYPES = {
    "osteoblast", "osteoclast", "tenocyte", "tendon-stem-progenitor-cell", "chondrocyte", "macrophage",
    "fibro-adipogenic-progenitor", "mesenchymal-stromal-cell",
}
REQUIRED_TISSUES = {
    "tendon", "ligament", "enthesis", "skeletal-muscle", "fascia", "bone", "cartilage", "joint-capsule",
    "skin-subcutis",
}


@cache
def shipped() -> KnowledgeBase:
    return load_knowledge_base(data_dir())


@cache
def stats() -> KbStats:
    return compute(shipped())


def ids(kind: s.NodeKind) -> set[str]:
    return {e.id for e in shipped().of(kind)}


def test_the_shipped_data_validates() -> None:
    assert shipped().of(s.NodeKind.AGENT)


def test_every_agent_class_the_review_names_is_present_and_populated() -> None:
    members = {c for a in shipped().of(s.NodeKind.AGENT) for c in a.classes}
    assert ids(s.NodeKind.AGENT_CLASS) >= REVIEW_CLASSES
    assert members >= REVIEW_CLASSES


def test_the_agents_the_issue_names_are_curated() -> None:
    assert ids(s.NodeKind.AGENT) >= NAMED_AGENTS


@pytest.mark.parametrize(
    ("kind", "required"),
    [(s.NodeKind.PROCESS, REQUIRED_PROCESSES), (s.NodeKind.CELL_TYPE, REQUIRED_CELL_TYPES),
     (s.NodeKind.TISSUE, REQUIRED_TISSUES)],
)
def test_the_biology_the_issue_names_is_present(kind: s.NodeKind, required: set[str]) -> None:
    assert required <= ids(kind)


def test_curation_floors_are_met() -> None:
    st = stats()
    assert st.nodes["Agent"] >= 50
    assert st.claims >= 200
    assert st.publications >= 120
    assert st.nodes["Disease"] >= 10


MET_FLOORS = {"verified records with title, journal, year and id", "leads without a reason",
              "diseases and agent classes without a screening log", "publications", "cited claims",
              "agents with a bone facet neither evidenced nor no_data", "orphan mechanisms and pathways"}
"""The curation issue's floors the shipped data meets (2026-12-01); the other two — verified publications >= 95%,
identifiers >= 90% — are shown as not met by `calcigraph stats` (docs/curation.md says why)."""


def test_the_curation_floors_already_met_stay_met() -> None:
    met = {f.name for f in floors(compute(shipped())) if f.met}
    assert met >= MET_FLOORS


def test_at_least_90_percent_of_citations_are_verified_against_pubmed_or_pmc() -> None:
    assert stats().verified_citation_ratio >= 0.90


def test_every_publication_is_cited_and_the_review_is_one_of_them() -> None:
    st = stats()
    assert st.cited_publications == st.publications
    assert REVIEW_PMID in shipped().publications


def test_every_agent_states_every_bone_facet_as_evidence_or_as_a_searched_for_no_data_note() -> None:
    """The curation issue's floor: for each agent and each of the six bone-safety facets, a claim on the facet's
    node or an explicit `no_data` entry (whose note names the search that found nothing)."""
    assert stats().agents_with_bone_gaps == {}


@pytest.mark.parametrize(
    ("disease", "phases"),
    [
        ("calcific-tendinopathy", ["ct-precalcific", "ct-formative", "ct-resting", "ct-resorptive", "ct-postcalcific"]),
        ("acquired-ho", ["ho-inflammatory", "ho-fibroproliferative", "ho-chondrogenic", "ho-osteogenic", "ho-mature"]),
    ],
)
def test_staged_diseases_carry_their_phases_in_order(disease: str, phases: list[str]) -> None:
    (entity,) = [d for d in shipped().of(s.NodeKind.DISEASE) if d.id == disease]
    assert [p.id for p in sorted(entity.phases, key=lambda p: p.order)] == phases


def test_phases_are_cited() -> None:
    for disease in shipped().of(s.NodeKind.DISEASE):
        for phase in disease.phases:
            assert phase.evidence, f"{disease.id}/{phase.id} has no citation"


def test_every_disease_and_agent_class_has_a_screening_log_and_so_have_the_two_topics() -> None:
    """The measure of completeness (the curation issue): a recorded search and a decision for every screened hit
    (the schema refuses a record without one) for each disease, each agent class, drug-induced calcification and the
    bone-active drugs."""
    st = stats()
    assert st.unscreened == []
    topics = {c.about for c in st.screening if c.scope == "topic"}
    assert {"drug-induced-calcification", "bone-active-drugs"} <= topics
    assert all(c.queries >= 1 and c.records == c.included + c.excluded for c in st.screening)


def test_every_lead_says_why_it_is_still_a_lead() -> None:
    """The leads backlog is resolved: each lead is pending with what was searched and seen, or rejected with the
    reason (the curation issue's floor: 0 unresolved leads without a reason)."""
    assert stats().leads_unexplained == 0
