"""What the knowledge base holds, in numbers: the curation report of `calcigraph stats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph import schema as s
from graph.kb import KnowledgeBase


@dataclass(frozen=True)
class ScreeningCount:
    """One screening log in numbers: queries run, hits screened, distinct records, decisions, explicit absences."""

    scope: str
    about: str
    queries: int
    screened: int
    records: int
    included: int
    excluded: int
    absences: int


@dataclass
class KbStats:
    nodes: dict[str, int]
    relationships: dict[str, int]
    claims: int
    claims_by_level: dict[str, int]
    publications: int
    cited_publications: int
    citations: int
    verified_citations: int
    verified_publications: int
    leads: int = 0
    """Papers in the verification backlog (not in the graph)."""
    lead_uses: int = 0
    leads_pending: int = 0
    leads_rejected: int = 0
    leads_unexplained: int = 0
    """Leads with no `reason` (what was searched, or why rejected): the curation issue's floor is 0."""
    agents_without_bone_evidence: list[str] = field(default_factory=list)
    """Agents with no claim on any bone facet."""
    agents_with_bone_gaps: dict[str, list[str]] = field(default_factory=dict)
    """Per agent, the bone facets with neither a claim nor an explicit no_data note."""
    identifiers: int = 0
    verified_identifiers: int = 0
    """CURIEs on nodes, and how many were seen on an authoritative page or official ontology file."""
    screening: list[ScreeningCount] = field(default_factory=list)
    unscreened: list[str] = field(default_factory=list)
    """Diseases and agent classes without a screening log (`disease:<id>`, `agent_class:<id>`)."""

    @property
    def verified_citation_ratio(self) -> float:
        return self.verified_citations / self.citations if self.citations else 0.0


@dataclass(frozen=True)
class Floor:
    """One floor of the curation issue (#14), with where the shipped data stands."""

    name: str
    target: str
    actual: str
    met: bool


def floors(st: KbStats) -> list[Floor]:
    """The curation issue's floors, measured. Printed by `calcigraph stats` and docs/curation.md whether met or not —
    an unmet floor is shown, never hidden (tests hold the ones that are met so they cannot slip back)."""
    pub_ratio = st.verified_publications / st.publications if st.publications else 0.0
    id_ratio = st.verified_identifiers / st.identifiers if st.identifiers else 0.0
    return [
        Floor("cited publications verified", ">= 95%", f"{pub_ratio:.1%} ({st.verified_publications}/"
              f"{st.publications})", pub_ratio >= 0.95),
        Floor("verified records with title, journal, year and id", "100%", "100% (required by the schema)", True),
        Floor("leads without a reason", "0", str(st.leads_unexplained), st.leads_unexplained == 0),
        Floor("ontology identifiers verified", ">= 90%", f"{id_ratio:.1%} ({st.verified_identifiers}/"
              f"{st.identifiers})", id_ratio >= 0.90),
        Floor("diseases and agent classes without a screening log", "0", str(len(st.unscreened)),
              not st.unscreened),
        Floor("publications", ">= 250", str(st.publications), st.publications >= 250),
        Floor("cited claims", ">= 700", str(st.claims), st.claims >= 700),
        Floor("agents with a bone facet neither evidenced nor no_data", "0", str(len(st.agents_with_bone_gaps)),
              not st.agents_with_bone_gaps),
        Floor("orphan mechanisms and pathways", "0", "0 (the validator refuses them)", True),
    ]


def compute(kb: KnowledgeBase) -> KbStats:
    records = kb.records()
    nodes = Counter(n.kind.value for n in records.nodes)
    rels = Counter(e.kind.value for e in records.edges)
    claim_edges = [e for e in records.edges if s.RELATIONSHIPS[e.kind].claim]
    by_level: Counter[str] = Counter()
    cited: set[str] = set()
    citations = verified = 0
    evidence_holders = [e.props for e in claim_edges] + [
        n.props for n in records.nodes if n.kind in (s.NodeKind.DISEASE, s.NodeKind.DISEASE_PHASE)
    ]
    for props in evidence_holders:
        by_level.update(props["evidence_levels"])
        cited.update(props["evidence_pubs"])
        citations += len(props["evidence_pubs"])
        verified += sum(props["evidence_verified"])
    without: list[str] = []
    gaps: dict[str, list[str]] = {}
    for agent in kb.of(s.NodeKind.AGENT):
        covered = {f for e in agent.effects if (f := kb.bone_facet(e.on))}
        explicit = {f for n in agent.no_data if (f := kb.bone_facet(n.about))}
        if not covered:
            without.append(agent.id)
        missing = [f.value for f in s.BoneFacet if f not in covered and f not in explicit]
        if missing:
            gaps[agent.id] = missing
    pubs = kb.publications
    idents = [i for kind in s.NodeKind for e in kb.of(kind) for i in getattr(e, "identifiers", [])]
    screening = sorted((ScreeningCount(
        log.scope.value, log.about, len(log.searches), sum(x.screened for x in log.searches), len(log.records),
        sum(r.decision is s.Decision.INCLUDE for r in log.records),
        sum(r.decision is s.Decision.EXCLUDE for r in log.records), len(log.absences)) for log, _ in kb.screening),
        key=lambda c: (c.scope, c.about))
    logged = {(c.scope, c.about) for c in screening}
    unscreened = [f"{scope.value}:{entity.id}"
                  for scope, kind in ((s.ScreeningScope.DISEASE, s.NodeKind.DISEASE),
                                      (s.ScreeningScope.AGENT_CLASS, s.NodeKind.AGENT_CLASS))
                  for entity in kb.of(kind) if (scope.value, entity.id) not in logged]
    return KbStats(
        nodes=dict(sorted(nodes.items())),
        relationships=dict(sorted(rels.items())),
        claims=len(claim_edges),
        claims_by_level={lv.value: by_level.get(lv.value, 0) for lv in s.EvidenceLevel},
        publications=len(pubs),
        cited_publications=len(cited),
        citations=citations,
        verified_citations=verified,
        verified_publications=sum(1 for p in pubs.values() if p.verified),
        leads=len(kb.leads),
        lead_uses=sum(len(lead.uses) for lead, _ in kb.leads),
        leads_pending=sum(lead.status is s.LeadStatus.PENDING for lead, _ in kb.leads),
        leads_rejected=sum(lead.status is s.LeadStatus.REJECTED for lead, _ in kb.leads),
        leads_unexplained=sum(not lead.reason for lead, _ in kb.leads),
        agents_without_bone_evidence=sorted(without),
        agents_with_bone_gaps=dict(sorted(gaps.items())),
        identifiers=len(idents),
        verified_identifiers=sum(i.verified for i in idents),
        screening=screening,
        unscreened=sorted(unscreened),
    )
