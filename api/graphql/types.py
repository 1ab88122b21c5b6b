"""GraphQL types, generated from `graph.schema` so the API cannot drift from the graph.

One object type per node kind (its scalar properties from `schema.NODES`, its relationships from
`schema.RELATIONSHIPS` as fields), one `Relationship` type whose optional fields are the union of all
relationship properties, and the evidence unpacked into `Evidence` items with their publications.

No `from __future__ import annotations` here: strawberry reads the annotations of generated resolvers at
runtime, so they must be real objects.
"""

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import bad_argument
from graph import questions as qs
from graph import schema as s
from graph import verdicts as v
from graph.store import Direction, Node, SortField, evidence_of
from graph.store import Edge as StoreEdge

# ---- enums (from the schema's enums) ---------------------------------------------------------------------------

NodeKindEnum = strawberry.enum(s.NodeKind, name="NodeKind", description="Kinds of node (Neo4j labels).")
RelationshipTypeEnum = strawberry.enum(s.RelKind, name="RelationshipType", description="Relationship types.")
EvidenceLevelEnum = strawberry.enum(
    s.EvidenceLevel, name="EvidenceLevel",
    description="Level of an evidence item. For minEvidence filters the rank is: IN_VITRO < ANIMAL < "
                "CASE_REPORT = REVIEW < CASE_SERIES < COHORT = GUIDELINE < RCT < META_ANALYSIS.")
EffectDirectionEnum = strawberry.enum(s.Direction, name="EffectDirection")
OutcomeEnum = strawberry.enum(s.Outcome, name="Outcome")
BoneSafetyEnum = strawberry.enum(qs.BoneSafety, name="BoneSafety",
                                 description=(qs.BoneSafety.__doc__ or "").strip())
SortFieldEnum = strawberry.enum(SortField, name="SortField")
VerdictEnum = strawberry.enum(v.Verdict, name="Verdict", description=(v.Verdict.__doc__ or "").strip())
BoneFacetEnum = strawberry.enum(s.BoneFacet, name="BoneFacet", description=(s.BoneFacet.__doc__ or "").strip())
ExposureEnum = strawberry.enum(s.Exposure, name="Exposure", description=(s.Exposure.__doc__ or "").strip())
RegimenEnum = strawberry.enum(s.Regimen, name="Regimen", description=(s.Regimen.__doc__ or "").strip())
TimingEnum = strawberry.enum(s.Timing, name="Timing", description=(s.Timing.__doc__ or "").strip())
PopulationEnum = strawberry.enum(s.Population, name="Population", description=(s.Population.__doc__ or "").strip())
IntentEnum = strawberry.enum(s.Intent, name="Intent", description=(s.Intent.__doc__ or "").strip())
GapKindEnum = strawberry.enum(qs.GapKind, name="GapKind", description=(qs.GapKind.__doc__ or "").strip())
GapScopeEnum = strawberry.enum(qs.GapScope, name="GapScope", description="Rows of evidenceGaps: per agent class or "
                                                                         "per disease.")


@strawberry.enum(description="Sort order.")
class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


# ---- small value types -------------------------------------------------------------------------------------------


@strawberry.type(description="An external identifier (CURIE) and whether the curator verified it at its source.")
class Identifier:
    curie: str
    verified: bool


@strawberry.type(description="One evidence item behind a claim.")
class Evidence:
    pub: str = strawberry.field(description="Publication id (PMID:… or DOI:…).")
    level: EvidenceLevelEnum  # type: ignore[valid-type]
    finding: str
    species: str | None
    model: str | None
    comparator: bool = strawberry.field(description="From a non-musculoskeletal comparator setting.")
    verified: bool = strawberry.field(description="The cited publication was verified against its record.")
    exposure: ExposureEnum = strawberry.field(  # type: ignore[valid-type]
        description="Exposure the finding was seen at; only therapeutic findings decide a bone-safety verdict.")
    regimen: RegimenEnum | None = strawberry.field(description="How the agent was given, when stated.")  # type: ignore
    timing: TimingEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="When treatment started relative to injury or disease, when stated.")
    population: PopulationEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="Who or what the finding was observed in, when curated.")
    intent: IntentEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="For a study in a disease: prevention, or treatment of established disease.")

    @strawberry.field(description="The cited publication.")
    async def publication(self, info: Info[Context, None]) -> "Publication | None":
        node = await info.context.nodes.load(self.pub)
        return wrap(node) if node else None  # type: ignore[return-value]


# ---- the Node interface and generated node types ------------------------------------------------------------


def camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(p.title() for p in rest)


def _scalar(props: dict[str, Any], key: str) -> Any:
    return props.get(key)


@strawberry.interface(description="Any node of the graph.")
class Entity:
    """Scalar fields are plain attributes filled by `wrap`: strawberry resolves those without building an Info
    or running a resolver, which is most of a large answer's fields."""

    node: strawberry.Private[Node]
    id: strawberry.ID
    name: str
    kind: NodeKindEnum  # type: ignore[valid-type]
    description: str | None


def _identifiers(self: Entity) -> list[Identifier]:
    props = self.node.props
    return [Identifier(curie=c, verified=bool(v))
            for c, v in zip(props.get("identifiers", []), props.get("identifiers_verified", []), strict=False)]


def evidence_items(props: Any) -> list[Evidence]:
    """The Evidence objects of a relationship's (or disease/phase node's) parallel evidence lists."""
    return [Evidence(pub=e.pub, level=e.level, finding=e.finding, species=e.species, model=e.model,
                     comparator=e.comparator, verified=e.verified, exposure=e.exposure, regimen=e.regimen,
                     timing=e.timing, population=e.population, intent=e.intent) for e in evidence_of(props)]


def _evidence_field(self: Any) -> list[Evidence]:
    return evidence_items(self.node.props)


PY_TYPES: dict[str, Any] = {"str": str | None, "int": int | None, "bool": bool | None, "float": float | None,
                            "str[]": list[str], "int[]": list[int], "bool[]": list[bool]}
HIDDEN_NODE_PROPS = {"id", "name", "description", "search_text", "identifiers", "identifiers_verified",
                     *s.EVIDENCE_PROPERTIES}
"""Served by the interface, or in structured form (identifiers, evidence) instead of raw parallel lists."""
RENAMED_NODE_PROPS = {"kind": "agentKind"}
"""`kind` on every node is its node kind; an agent's own `kind` property (small_molecule, …) is `agentKind`."""


def _relationship_resolver(rel: s.RelKind, direction: Direction) -> Callable[..., Any]:
    async def resolve(
        self: Entity, info: Info[Context, None],
        limit: Annotated[int | None, strawberry.argument(
            description="At most this many relationships (by key order); all when omitted.")] = None,
        offset: Annotated[int, strawberry.argument(description="Skip this many first.")] = 0,
    ) -> list["Relationship"]:
        top = info.context.limits.max_page_size
        if limit is not None and not 0 <= limit <= top:
            raise bad_argument("limit", f"must be between 0 and {top} (got {limit})")
        if not 0 <= offset <= MAX_RELATIONSHIP_OFFSET:
            raise bad_argument("offset", f"must be between 0 and {MAX_RELATIONSHIP_OFFSET} (got {offset})")
        edges = await info.context.neighbours(rel, direction).load(self.node.id)
        page = edges[offset:] if limit is None else edges[offset:offset + limit]
        return [relationship(e) for e in page]

    return resolve


MAX_RELATIONSHIP_OFFSET = 1_000_000
"""Relationship lists page in memory (one batched fetch per level), so any offset is cheap; bounded like lists."""


def relationship_field_name(rel: s.RelKind, direction: Direction) -> str:
    return camel(rel.value) if direction is Direction.OUT else "incoming" + camel(rel.value)[0].upper() + camel(
        rel.value)[1:]


SCALAR_PROPS: dict[s.NodeKind, dict[str, tuple[str, bool]]] = {
    kind: {RENAMED_NODE_PROPS.get(key, camel(key)): (key, ptype.endswith("[]"))
           for key, ptype in spec.properties.items() if key not in HIDDEN_NODE_PROPS}
    for kind, spec in s.NODES.items()
}
"""Per kind: GraphQL field name -> (graph property, is a list), the attributes `wrap` fills."""


def _node_type(spec: s.NodeSpec) -> type:
    ns: dict[str, Any] = {"__annotations__": {}}
    for field_name, (key, _is_list) in SCALAR_PROPS[spec.kind].items():
        ns["__annotations__"][field_name] = PY_TYPES[spec.properties[key]]
        ns[field_name] = strawberry.field(name=field_name)
    if "identifiers" in spec.properties:
        ns["identifiers"] = strawberry.field(resolver=_identifiers, description="Verified-flagged CURIEs.")
    if "evidence_pubs" in spec.properties:
        ns["evidence"] = strawberry.field(resolver=_evidence_field, description="Citations for this node.")
    for rel_spec in s.RELATIONSHIPS.values():
        for direction, ends in ((Direction.OUT, rel_spec.sources), (Direction.IN, rel_spec.targets)):
            if spec.kind in ends:
                name = relationship_field_name(rel_spec.kind, direction)
                ns[name] = strawberry.field(
                    resolver=_relationship_resolver(rel_spec.kind, direction),
                    description=(f"{'Outgoing' if direction is Direction.OUT else 'Incoming'} {rel_spec.kind.value}: "
                                 f"{rel_spec.description}"),
                )
    cls = type(spec.kind.value, (Entity,), ns)
    return strawberry.type(cls, description=f"A node of kind {spec.kind.value}.")


NODE_TYPES: dict[s.NodeKind, type] = {kind: _node_type(spec) for kind, spec in s.NODES.items()}
Publication = NODE_TYPES[s.NodeKind.PUBLICATION]
Agent = NODE_TYPES[s.NodeKind.AGENT]
Disease = NODE_TYPES[s.NodeKind.DISEASE]
DiseasePhase = NODE_TYPES[s.NodeKind.DISEASE_PHASE]


def wrap(node: Node) -> Entity:
    """The GraphQL object for a store node."""
    props = node.props
    scalars = {name: (list(props.get(key) or []) if is_list else props.get(key))
               for name, (key, is_list) in SCALAR_PROPS[node.kind].items()}
    return NODE_TYPES[node.kind](node=node, id=strawberry.ID(node.id), name=node.name,  # type: ignore[call-arg]
                                 kind=node.kind, description=props.get("description"), **scalars)


# ---- relationships ----------------------------------------------------------------------------------------------

REL_PROPS: dict[str, s.PropType] = {}
for _spec in s.RELATIONSHIPS.values():
    for _k, _t in _spec.properties.items():
        if _k not in s.EVIDENCE_PROPERTIES:
            REL_PROPS[_k] = _t


REL_FIELDS: dict[str, str] = {camel(key): key for key in REL_PROPS if key != "key"}
"""GraphQL field name -> relationship property, the attributes `relationship` fills."""


def _relationship_type() -> type:
    async def source(self: Any, info: Info[Context, None]) -> Entity:
        return wrap(await info.context.nodes.load(self.edge.source))

    async def target(self: Any, info: Info[Context, None]) -> Entity:
        return wrap(await info.context.nodes.load(self.edge.target))

    def evidence(self: Any) -> list[Evidence]:
        return evidence_items(self.edge.props)

    annotations: dict[str, Any] = {
        "edge": strawberry.Private[StoreEdge],
        "key": str,
        "type": RelationshipTypeEnum,
        "best_level": EvidenceLevelEnum | None,
        "verified_count": int,
        **{name: PY_TYPES[REL_PROPS[key]] for name, key in REL_FIELDS.items()},
    }
    ns: dict[str, Any] = {
        "__annotations__": annotations,
        "key": strawberry.field(description="Stable identity of the claim."),
        "type": strawberry.field(),
        "source": strawberry.field(resolver=source),
        "target": strawberry.field(resolver=target),
        "evidence": strawberry.field(resolver=evidence, description="Evidence items (empty for structural links)."),
        "best_level": strawberry.field(name="bestLevel", description="Strongest evidence level of the claim."),
        "verified_count": strawberry.field(name="verifiedCount",
                                           description="Evidence items with a verified publication."),
        **{name: strawberry.field(name=name) for name in REL_FIELDS},
    }
    cls = type("Relationship", (), ns)
    return strawberry.type(cls, description="A relationship (claim or structural link) with its evidence.")


Relationship = _relationship_type()


def relationship(edge: StoreEdge) -> Any:
    """The GraphQL object for a store edge, scalar fields as plain attributes (see `Entity`)."""
    props = edge.props
    level = props.get("best_level")
    return Relationship(edge=edge, key=edge.key, type=edge.kind,  # type: ignore[call-arg]
                        best_level=s.EvidenceLevel(level) if level else None,
                        verified_count=int(props.get("verified_count", 0)),
                        **{name: props.get(key) for name, key in REL_FIELDS.items()})


# ---- pages and connections --------------------------------------------------------------------------------------

T = TypeVar("T")


@strawberry.type(description="One page of a list, with the total before paging.")
class Page(Generic[T]):
    total_count: int
    items: list[T]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="Relay-style connection.")
class Connection(Generic[T]):
    total_count: int
    edges: list[Edge[T]]
    page_info: PageInfo


@strawberry.input(description="List filters; all given conditions must hold.")
class NodeWhere:
    ids: list[strawberry.ID] | None = None
    name_contains: str | None = None
    agent_class: strawberry.ID | None = strawberry.field(default=None, description="Agents of this class id.")
    agent_kind: str | None = strawberry.field(default=None, description="Agents of this kind (e.g. supplement).")
    identifier: str | None = strawberry.field(default=None, description="Nodes carrying this CURIE.")


@strawberry.input
class NodeSort:
    field: SortFieldEnum = SortField.NAME  # type: ignore[valid-type]
    direction: SortDirection = SortDirection.ASC


# ---- question results ---------------------------------------------------------------------------------------


@strawberry.type(description="How strong an answer's best qualifying evidence is (answers are ordered by `score`).")
class Strength:
    score: int = strawberry.field(description=(qs.Strength.__doc__ or "").strip())
    tier: str = strawberry.field(description="Population tier of the best item: human, animal or in_vitro.")
    musculoskeletal: bool = strawberry.field(description="The best item is from a musculoskeletal setting.")
    best_level: EvidenceLevelEnum | None  # type: ignore[valid-type]
    publications: int = strawberry.field(description="Distinct publications behind the qualifying claims.")


def strength(value: qs.Strength) -> Strength:
    return Strength(score=value.score, tier=value.tier, musculoskeletal=value.musculoskeletal,
                    best_level=value.best_level, publications=value.publications)


@strawberry.type(description="A facet's verdict within one context (regimen, timing), when its evidence comes from "
                             "more than one.")
class ContextVerdict:
    regimen: RegimenEnum | None  # type: ignore[valid-type]
    timing: TimingEnum | None  # type: ignore[valid-type]
    verdict: VerdictEnum  # type: ignore[valid-type]
    reason: str


@strawberry.type(description="The verdict on one bone-safety facet, the one-line reason, and the claims behind it "
                             "(rule: graph/verdicts.py, docs/verdicts.md).")
class FacetVerdict:
    facet: BoneFacetEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="The facet; null for spared nodes outside the six facets (only with a custom `spare`).")
    verdict: VerdictEnum  # type: ignore[valid-type]
    reason: str = strawberry.field(description="Why: the deciding evidence, and what was outweighed or set aside.")
    claims: list[Relationship]  # type: ignore[valid-type]
    indirect_claims: list[Relationship] = strawberry.field(  # type: ignore[valid-type]
        description="Mechanism-level claims, when they decided the facet (no direct evidence of the agent).")
    contexts: list[ContextVerdict]
    counted: int = strawberry.field(description="Evidence items at therapeutic exposure that were weighed.")
    set_aside: int = strawberry.field(description="Items at supratherapeutic or overdose exposure: shown, not counted.")


def facet_verdict(f: v.FacetVerdict) -> FacetVerdict:
    return FacetVerdict(facet=f.facet, verdict=f.verdict, reason=f.reason,
                        claims=[relationship(e) for e in f.claims],
                        indirect_claims=[relationship(e) for e in f.indirect],
                        contexts=[ContextVerdict(regimen=c.regimen, timing=c.timing, verdict=c.verdict,
                                                 reason=c.reason) for c in f.contexts],
                        counted=f.counted, set_aside=f.set_aside)


@strawberry.type(description="An agent that inhibits the process — by an inhibits claim or a clinical study — with its "
                             "bone-safety verdict per facet and overall.")
class InhibitorResult:
    agent: Agent  # type: ignore[valid-type]
    verdict: VerdictEnum = strawberry.field(  # type: ignore[valid-type]
        description="Overall bone-safety verdict, derived from the facets (graph/verdicts.py).")
    reason: str = strawberry.field(description="One line: the facets behind the overall verdict.")
    facets: list[FacetVerdict] = strawberry.field(description="Every bone-safety facet, each with verdict and reason.")
    qualified_by: list[str] = strawberry.field(
        description="Which evidence qualified the agent: 'effect' (an inhibits claim), 'clinical' (a study).")
    inhibitions: list[Relationship]  # type: ignore[valid-type]
    efficacy: list[Relationship] = strawberry.field(  # type: ignore[valid-type]
        description="Qualifying effective/mixed STUDIED_IN claims on diseases that manifest the process.")
    strength: Strength
    safety: BoneSafetyEnum = strawberry.field(  # type: ignore[valid-type]
        deprecation_reason="Use `verdict` (and `facets`): this single label shows `conflicting` as harm.")
    safety_claims: list[Relationship] = strawberry.field(  # type: ignore[valid-type]
        description="Every bone claim the verdict looked at (the agent's own, then mechanism claims).")


@strawberry.type(description="An agent that inhibits the process and promotes bone formation or mineralization.")
class DualActionResult:
    agent: Agent  # type: ignore[valid-type]
    inhibitions: list[Relationship]  # type: ignore[valid-type]
    efficacy: list[Relationship] = strawberry.field(  # type: ignore[valid-type]
        description="Qualifying effective/mixed studies on diseases that manifest the process.")
    promotions: list[Relationship]  # type: ignore[valid-type]
    conflicts: list[Relationship]  # type: ignore[valid-type]


@strawberry.type(description="An agent studied in a disease phase, with the outcome and the claim's evidence.")
class PhaseStudyResult:
    agent: Agent  # type: ignore[valid-type]
    phase: DiseasePhase  # type: ignore[valid-type]
    disease: Disease = strawberry.field(  # type: ignore[valid-type]
        description="The disease studied (the phase's own, or a subtype staged by its phases).")
    scheme: Disease = strawberry.field(  # type: ignore[valid-type]
        description="The disease whose phase scheme the phase belongs to.")
    order: int
    outcome: OutcomeEnum  # type: ignore[valid-type]
    claim: Relationship  # type: ignore[valid-type]


@strawberry.type(description="An agent studied in a disease (or a subtype, or a phase), with outcome and intent.")
class DiseaseStudyResult:
    agent: Agent  # type: ignore[valid-type]
    disease: Disease = strawberry.field(description="The disease studied.")  # type: ignore[valid-type]
    phase: DiseasePhase | None  # type: ignore[valid-type]
    outcome: OutcomeEnum  # type: ignore[valid-type]
    intents: list[IntentEnum]  # type: ignore[valid-type]
    claim: Relationship  # type: ignore[valid-type]
    strength: Strength


@strawberry.type(description="For one agent class or disease: the strongest kind of efficacy evidence the graph holds.")
class EvidenceGapResult:
    node: Entity = strawberry.field(description="The agent class or disease.")
    kind: GapKindEnum  # type: ignore[valid-type]
    agents: list[Agent] = strawberry.field(description="Agents with efficacy evidence here.")  # type: ignore
    claims: int
    publications: int
    best_level: EvidenceLevelEnum | None  # type: ignore[valid-type]
    controlled: bool = strawberry.field(description="At least one musculoskeletal RCT or meta-analysis item.")


@strawberry.type(description="A path: its nodes in order and the relationships between them, with evidence.")
class Path:
    nodes: list[Entity]
    relationships: list[Relationship]  # type: ignore[valid-type]
    length: int


@strawberry.type(description="An agent acting on a target, pathway or mechanism, with every claim chain.")
class ActingAgentResult:
    agent: Agent  # type: ignore[valid-type]
    direct: bool = strawberry.field(description="At least one chain is a single claim (TARGETS / HAS_MECHANISM).")
    chains: list[Path]


@strawberry.type(description="The agent's claims of one type and qualifier at one (best) evidence level.")
class ProfileGroup:
    relationship: RelationshipTypeEnum  # type: ignore[valid-type]
    qualifier: str = strawberry.field(description="Direction, outcome or action; 'mechanism' for HAS_MECHANISM.")
    level: EvidenceLevelEnum  # type: ignore[valid-type]
    claims: list[Relationship]  # type: ignore[valid-type]


PLURALS: dict[s.NodeKind, str] = {
    s.NodeKind.AGENT: "agents", s.NodeKind.AGENT_CLASS: "agentClasses", s.NodeKind.TARGET: "targets",
    s.NodeKind.MECHANISM: "mechanisms", s.NodeKind.PATHWAY: "pathways", s.NodeKind.PROCESS: "processes",
    s.NodeKind.CELL_TYPE: "cellTypes", s.NodeKind.TISSUE: "tissues", s.NodeKind.DISEASE: "diseases",
    s.NodeKind.DISEASE_PHASE: "diseasePhases", s.NodeKind.PUBLICATION: "publications",
}


def singular(kind: s.NodeKind) -> str:
    return re.sub(r"^.", lambda m: m.group(0).lower(), kind.value)
