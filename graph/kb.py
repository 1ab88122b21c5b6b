"""The validated knowledge base, and its one translation into graph records.

Both stores are built from `KnowledgeBase.records()`: the same nodes, the same relationships, the same
properties. That function is where the YAML shape (claims nested under agents) becomes the graph shape
(relationships carrying their evidence), so it is the only place that can make the stores disagree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import schema as s

Props = dict[str, Any]


@dataclass(frozen=True)
class Located:
    file: str
    line: int
    loc: tuple[str | int, ...]
    kind: s.NodeKind | None = None


@dataclass(frozen=True)
class Duplicate:
    id: str
    where: Located


@dataclass(frozen=True)
class NodeRecord:
    kind: s.NodeKind
    id: str
    props: Props


@dataclass(frozen=True)
class EdgeRecord:
    kind: s.RelKind
    source: str
    target: str
    key: str
    """Stable identity of the relationship (what MERGE matches on), e.g. 'AFFECTS|etidronate|bone|inhibits'."""
    props: Props


@dataclass
class Records:
    nodes: list[NodeRecord]
    edges: list[EdgeRecord]


@dataclass
class KnowledgeBase:
    entities: dict[s.NodeKind, dict[str, Any]] = field(default_factory=lambda: {k: {} for k in s.NodeKind})
    where: dict[str, Located] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    phase_disease: dict[str, str] = field(default_factory=dict)
    docs: dict[str, Any] = field(default_factory=dict)
    leads: list[tuple[s.Lead, Located]] = field(default_factory=list)
    """The verification backlog: validated with the rest, never turned into graph records."""
    screening: list[tuple[s.ScreeningLog, Located]] = field(default_factory=list)
    """The screening logs (data/screening/): validated with the rest, never turned into graph records."""

    def add(self, kind: s.NodeKind, entity: Any, where: Located, disease: str | None = None) -> None:
        located = Located(where.file, where.line, where.loc, kind)
        if entity.id in self.where:
            self.duplicates.append(Duplicate(entity.id, located))
            return
        self.where[entity.id] = located
        self.entities[kind][entity.id] = entity
        if disease is not None:
            self.phase_disease[entity.id] = disease

    def of(self, kind: s.NodeKind) -> list[Any]:
        return list(self.entities[kind].values())

    def entities_ids(self) -> list[str]:
        return list(self.where)

    def kind_of(self, entity_id: str) -> s.NodeKind:
        return self.where[entity_id].kind  # type: ignore[return-value]

    @property
    def publications(self) -> dict[str, s.Publication]:
        return self.entities[s.NodeKind.PUBLICATION]

    # ---- graph records ---------------------------------------------------------------------------------------
    def records(self) -> Records:
        nodes = list(self._nodes())
        edges = list(self._edges())
        return Records(nodes=nodes, edges=edges)

    def _nodes(self) -> Iterator[NodeRecord]:
        K = s.NodeKind
        for kind, by_id in self.entities.items():
            for entity in by_id.values():
                props: Props = {"id": entity.id}
                if kind is K.PUBLICATION:
                    props |= {
                        "name": _pub_label(entity), "title": entity.title, "journal": entity.journal,
                        "year": entity.year, "pmid": entity.pmid, "doi": entity.doi, "pmcid": entity.pmcid,
                        "first_author": entity.first_author, "verified": entity.verified,
                        "verified_source": entity.verified_source, "url": publication_url(entity),
                        "retracted": entity.retracted, "retraction": entity.retraction,
                    }
                else:
                    props |= {"name": entity.name, "description": getattr(entity, "description", None)}
                if hasattr(entity, "identifiers"):
                    props["identifiers"] = [i.curie for i in entity.identifiers]
                    props["identifiers_verified"] = [i.verified for i in entity.identifiers]
                if kind is K.AGENT:
                    props |= {
                        "synonyms": list(entity.synonyms), "brand_names": list(entity.brand_names),
                        "kind": entity.kind.value, "approval": entity.approval.value,
                        "no_data_about": [n.about for n in entity.no_data],
                        "no_data_notes": [n.note for n in entity.no_data],
                        "no_data_facets": [(f.value if (f := self.bone_facet(n.about)) else "")
                                           for n in entity.no_data],
                    }
                elif kind is K.TARGET:
                    props["symbol"] = entity.symbol
                elif kind in (K.PROCESS, K.CELL_TYPE):
                    facet = self.bone_facet(entity.id)
                    props["bone_facet"] = facet.value if facet else None
                elif kind is K.DISEASE:
                    props |= {"synonyms": list(entity.synonyms), "scope": entity.scope.value,
                              **self._evidence(entity.evidence)}
                elif kind is K.DISEASE_PHASE:
                    props |= {"order": entity.order, "disease": self.phase_disease[entity.id],
                              **self._evidence(entity.evidence)}
                props["search_text"] = search_text(props)
                yield NodeRecord(kind, entity.id, {k: v for k, v in props.items() if v is not None})

    def _edges(self) -> Iterator[EdgeRecord]:
        K, R = s.NodeKind, s.RelKind
        for a in self.of(K.AGENT):
            for c in a.classes:
                yield self._edge(R.MEMBER_OF, a.id, c)
            for t in a.targets:
                yield self._edge(R.TARGETS, a.id, t.target, t.evidence, action=t.action.value)
            for m in a.mechanisms:
                yield self._edge(R.HAS_MECHANISM, a.id, m.mechanism, m.evidence)
            for e in a.effects:
                yield self._edge(R.AFFECTS, a.id, e.on, e.evidence, direction=e.direction.value, tissue=e.tissue,
                                 dose=claim_dose(e.evidence).value)
            for st in a.studies:
                yield self._edge(R.STUDIED_IN, a.id, st.phase or st.disease, st.evidence, outcome=st.outcome.value,
                                 disease=st.disease)
        for t in self.of(K.TARGET):
            for p in t.pathways:
                yield self._edge(R.PARTICIPATES_IN, t.id, p.pathway, p.evidence)
        for m in self.of(K.MECHANISM):
            for mod in m.modulates:
                yield self._edge(R.MODULATES, m.id, mod.on, mod.evidence, direction=mod.direction.value)
        for pw in self.of(K.PATHWAY):
            for r in pw.regulates:
                yield self._edge(R.REGULATES, pw.id, r.process, r.evidence, direction=r.direction.value)
        for p in self.of(K.PROCESS):
            for parent in p.is_a:
                yield self._edge(R.IS_A, p.id, parent)
            for whole in p.part_of:
                yield self._edge(R.PART_OF, p.id, whole)
            for tissue in p.occurs_in:
                yield self._edge(R.OCCURS_IN, p.id, tissue)
        for c in self.of(K.CELL_TYPE):
            for d in c.drives:
                yield self._edge(R.DRIVES, c.id, d.process, d.evidence)
        for d in self.of(K.DISEASE):
            for parent in d.subtype_of:
                yield self._edge(R.SUBTYPE_OF, d.id, parent)
            for tissue in d.involves:
                yield self._edge(R.INVOLVES, d.id, tissue)
            for process in d.manifests:
                yield self._edge(R.MANIFESTS, d.id, process)
            phases = sorted(d.phases, key=lambda p: p.order)
            for ph in phases:
                yield self._edge(R.HAS_PHASE, d.id, ph.id, order=ph.order)
            for before, after in itertools.pairwise(phases):
                yield self._edge(R.NEXT, before.id, after.id)

    def _edge(self, kind: s.RelKind, source: str, target: str, evidence: list[s.Evidence] | None = None,
              **props: Any) -> EdgeRecord:
        qualifier = props.get("direction") or props.get("action") or props.get("outcome") or ""
        dose = props.get("dose") if props.get("dose") != s.Dose.THERAPEUTIC.value else None
        # A phase-level study on a subtype (using its parent's phases) is its own claim: the disease joins the key.
        studied = props.get("disease") if kind is s.RelKind.STUDIED_IN and target in self.phase_disease \
            and props.get("disease") != self.phase_disease[target] else None
        key = "|".join(x for x in (kind.value, source, target, qualifier, props.get("tissue"), dose, studied) if x)
        out: Props = {k: v for k, v in props.items() if v is not None}
        if evidence is not None:
            out |= self._evidence(evidence)
        out["key"] = key
        return EdgeRecord(kind, source, target, key, out)

    def _evidence(self, evidence: list[s.Evidence]) -> Props:
        levels = [e.level for e in evidence]
        best = max(levels, key=lambda lv: s.EVIDENCE_RANK[lv])
        verified = [self.publications[e.pub].verified and not self.publications[e.pub].retracted
                    if e.pub in self.publications else False for e in evidence]
        return {
            "evidence_pubs": [e.pub for e in evidence],
            "evidence_levels": [lv.value for lv in levels],
            "evidence_findings": [e.finding for e in evidence],
            "evidence_species": [e.species or "" for e in evidence],
            "evidence_models": [e.model or "" for e in evidence],
            "evidence_comparator": [e.comparator for e in evidence],
            "evidence_verified": verified,
            "evidence_exposures": [e.exposure.value for e in evidence],
            "evidence_regimens": [e.regimen.value if e.regimen else "" for e in evidence],
            "evidence_timings": [e.timing.value if e.timing else "" for e in evidence],
            "evidence_populations": [e.population.value if e.population else "" for e in evidence],
            "evidence_intents": [e.intent.value if e.intent else "" for e in evidence],
            "best_level": best.value,
            "best_rank": s.EVIDENCE_RANK[best],
            "verified_count": sum(verified),
        }


    def bone_facet(self, node_id: str) -> s.BoneFacet | None:
        """The node's own facet, else the nearest IS_A / PART_OF ancestor's (breadth first; ties by the order the
        parents are listed). Resolved here, once, so both stores read it as a plain node property."""
        seen: set[str] = set()
        todo = [node_id]
        while todo:
            nxt: list[str] = []
            for current in todo:
                if current in seen:
                    continue
                seen.add(current)
                entity = self.entities[s.NodeKind.PROCESS].get(current) or self.entities[s.NodeKind.CELL_TYPE].get(
                    current)
                if entity is None:
                    continue
                if entity.bone_facet is not None:
                    return entity.bone_facet
                nxt.extend([*getattr(entity, "is_a", []), *getattr(entity, "part_of", [])])
            todo = nxt
        return None


def claim_dose(evidence: list[s.Evidence]) -> s.Dose:
    """`excess` when none of the claim's evidence is at therapeutic exposure (see schema.Dose)."""
    if any(e.exposure is s.Exposure.THERAPEUTIC for e in evidence):
        return s.Dose.THERAPEUTIC
    return s.Dose.EXCESS


def search_text(props: Props) -> str:
    """What name search matches: the name, synonyms, brand names, gene symbol and title, lower-cased."""
    parts = [props.get("name"), props.get("symbol"), props.get("title"), *props.get("synonyms", []),
             *props.get("brand_names", [])]
    return " | ".join(p for p in parts if p).lower()


def publication_url(pub: s.Publication) -> str:
    if pub.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{pub.pmid}/"
    return f"https://doi.org/{pub.doi}"


def _pub_label(pub: s.Publication) -> str:
    author = f"{pub.first_author.split()[0]} " if pub.first_author else ""
    return f"{author}{pub.year} {pub.journal}".strip()
