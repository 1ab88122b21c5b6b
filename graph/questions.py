"""The multi-hop questions calcigraph answers — each defined once, here.

A question has a parameter type (validated: unknown ids and bad values raise `QuestionError` naming the
argument), a precise docstring that is its specification, a backend primitive each store implements (a Cypher
file under `cypher/questions/` for Neo4j, a networkx walk for the embedded store), and one assembly step here
that turns the backend's rows into the answer. Sorting, grouping and classification live only here, so the two
stores cannot disagree on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graph import schema as s
from graph.store import Edge, GraphStore, Node

DEFAULT_PROCESS = "ectopic-calcification"
DEFAULT_SPARE: tuple[str, ...] = s.BONE_SAFETY_IDS
DEFAULT_BONE_PROMOTES: tuple[str, ...] = ("bone-formation", "skeletal-mineralization", "osteoblast")
MAX_HOPS_LIMIT = 6
PATHS_MAX_HOPS_LIMIT = 4
MAX_PATHS = 500
SUCCESS_OUTCOMES = (s.Outcome.EFFECTIVE.value, s.Outcome.MIXED.value)


class QuestionError(ValueError):
    """A question's argument is wrong; `argument` names it so the API can say which one."""

    def __init__(self, argument: str, message: str) -> None:
        self.argument = argument
        super().__init__(f"{argument}: {message}")


class BoneSafety(StrEnum):
    """What the graph says about an agent's effect on the spared cell types / processes. Claims marked
    `dose: excess` (supratherapeutic exposure) are shown with the answer but never decide it."""

    BENEFIT = "benefit"          # at least one `promotes` claim, no `inhibits`
    NO_HARM = "no_harm"          # only `no_effect` claims
    NO_DATA = "no_data"          # no claim at therapeutic exposure on the spared set
    HARM = "harm"                # at least one `inhibits` claim at therapeutic exposure (whatever else is there)


SAFETY_ORDER = {BoneSafety.BENEFIT: 0, BoneSafety.NO_HARM: 1, BoneSafety.NO_DATA: 2, BoneSafety.HARM: 3}


Check = tuple[str, Sequence[str], Sequence[s.NodeKind]]
"""(argument, the ids it gave, the node kinds it accepts)."""


def _check_ids(store: GraphStore, *checks: Check) -> None:
    """Every id names a node of an accepted kind; else a QuestionError naming the first wrong argument.
    One store call for all arguments (on Neo4j, one round trip)."""
    found = store.get_many(list(dict.fromkeys(i for _, ids, _ in checks for i in ids)))
    for argument, ids, kinds in checks:
        _check_found(found, argument, ids, kinds)


def _check_found(found: dict[str, Node], argument: str, ids: Sequence[str], kinds: Sequence[s.NodeKind]) -> None:
    for value in ids:
        node = found.get(value)
        expected = " or ".join(k.value for k in kinds)
        if node is None:
            raise QuestionError(argument, f"no {expected} has id {value!r}")
        if node.kind not in kinds:
            raise QuestionError(argument, f"{value!r} is a {node.kind.value}, but a {expected} is needed")


def _rank(level: s.EvidenceLevel | None) -> int:
    return s.EVIDENCE_RANK[level] if level else 0


def _sorted_edges(edges: Sequence[Edge]) -> list[Edge]:
    return sorted(edges, key=lambda e: e.key)


def _best_rank(edges: Sequence[Edge]) -> int:
    return max((int(e.props.get("best_rank", 0)) for e in edges), default=0)


# ---------------------------------------------------------------------------------------------------------------
# 1. Inhibitors without harm
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InhibitorsWithoutHarm:
    """Agents that inhibit `process` and have no evidence of suppressing the `spare` set.

    - The inhibited set is `process` and every process that IS_A it (transitively): inhibiting heterotopic
      ossification counts as inhibiting ectopic calcification.
    - An agent qualifies by an AFFECTS{direction: inhibits} claim into that set whose best evidence level ranks
      at least `min_evidence` (schema.EVIDENCE_RANK) and, when `verified_only` (the default), that cites at
      least one verified publication: a default answer never rests on citations nobody has checked. Safety
      claims count whatever their verification, so an unverified report of harm still excludes.
    - `disease`: the agent also has a STUDIED_IN claim with outcome effective or mixed on that disease, one of its
      phases, or a disease that is SUBTYPE_OF it (transitively), or a phase of such a disease.
    - `phase`: the agent has an effective or mixed STUDIED_IN claim on that phase.
    - `tissue`: one of its qualifying inhibition claims names that tissue, or it has an effective or mixed
      STUDIED_IN claim on a disease (or a phase of a disease) that INVOLVES the tissue. The tissue selects
      agents; their listed inhibitions are all the qualifying ones.
    - The spared set is `spare` (cell types or processes) plus every process that IS_A a spared process.
      Any AFFECTS{inhibits} claim into it at therapeutic exposure — at any evidence level — is evidence of
      harm: such agents are left out, unless `include_harmed`, which lists them marked `harm`. Claims seen
      only at excess exposure (`dose: excess`) are listed with the answer but do not count as harm.
    - Each result says `benefit` (a promotes claim), `no_harm` (only no_effect claims) or `no_data` (nothing
      on the spared set), with the claims behind both judgements.
    - Order: benefit, no_harm, no_data, harm; then strongest inhibition evidence first; then agent id.
    """

    process: str = DEFAULT_PROCESS
    spare: tuple[str, ...] = DEFAULT_SPARE
    disease: str | None = None
    phase: str | None = None
    tissue: str | None = None
    min_evidence: s.EvidenceLevel | None = None
    include_harmed: bool = False
    verified_only: bool = True

    @property
    def min_rank(self) -> int:
        return _rank(self.min_evidence)

    @property
    def min_verified(self) -> int:
        """Verified citations a qualifying claim needs (the stores compare it with `verified_count`)."""
        return 1 if self.verified_only else 0

    def check(self, store: GraphStore) -> None:
        _check_ids(store, ("process", [self.process], [s.NodeKind.PROCESS]),
                   ("spare", list(self.spare), [s.NodeKind.PROCESS, s.NodeKind.CELL_TYPE]),
                   ("disease", [self.disease] if self.disease else [], [s.NodeKind.DISEASE]),
                   ("phase", [self.phase] if self.phase else [], [s.NodeKind.DISEASE_PHASE]),
                   ("tissue", [self.tissue] if self.tissue else [], [s.NodeKind.TISSUE]))


@dataclass(frozen=True)
class InhibitorRow:
    """Backend primitive: a qualifying agent with its qualifying inhibitions and all its claims on the spared set."""

    agent: str
    inhibitions: list[Edge]
    spared_claims: list[Edge]
    node: Node
    """The agent itself, fetched with the answer so callers need no second lookup (a round trip on Neo4j)."""


@dataclass(frozen=True)
class InhibitorAnswer:
    agent: str
    safety: BoneSafety
    inhibitions: list[Edge]
    safety_claims: list[Edge]
    node: Node


def classify(spared_claims: Sequence[Edge]) -> BoneSafety:
    directions = {e.props.get("direction") for e in spared_claims
                  if e.props.get("dose", s.Dose.THERAPEUTIC.value) == s.Dose.THERAPEUTIC.value}
    if s.Direction.INHIBITS.value in directions:
        return BoneSafety.HARM
    if s.Direction.PROMOTES.value in directions:
        return BoneSafety.BENEFIT
    if s.Direction.NO_EFFECT.value in directions:
        return BoneSafety.NO_HARM
    return BoneSafety.NO_DATA


def inhibitors_without_harm(store: GraphStore, q: InhibitorsWithoutHarm) -> list[InhibitorAnswer]:
    # The id check and the (bounded) query overlap on a remote store; a failed check still wins.
    _, rows = store.together(lambda: q.check(store), lambda: store.inhibitor_rows(q))
    answers = []
    for row in rows:
        safety = classify(row.spared_claims)
        if safety is BoneSafety.HARM and not q.include_harmed:
            continue
        answers.append(InhibitorAnswer(row.agent, safety, _sorted_edges(row.inhibitions),
                                       _sorted_edges(row.spared_claims), row.node))
    return sorted(answers, key=lambda a: (SAFETY_ORDER[a.safety], -_best_rank(a.inhibitions), a.agent))


# ---------------------------------------------------------------------------------------------------------------
# 2. Dual action
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DualAction:
    """Agents that inhibit `process` (and its IS_A subtypes) and promote any of `promotes` (cell types or
    processes, with their IS_A subtypes), both claims at least `min_evidence` and, when `verified_only` (the
    default), each citing at least one verified publication.

    Each answer also lists `conflicts`: inhibits claims on the promoted set (an agent can have both, e.g. by dose);
    they do not exclude the agent. Order: strongest of the weaker side first, then agent id.
    """

    process: str = DEFAULT_PROCESS
    promotes: tuple[str, ...] = DEFAULT_BONE_PROMOTES
    min_evidence: s.EvidenceLevel | None = None
    verified_only: bool = True

    @property
    def min_rank(self) -> int:
        return _rank(self.min_evidence)

    @property
    def min_verified(self) -> int:
        return 1 if self.verified_only else 0

    def check(self, store: GraphStore) -> None:
        _check_ids(store, ("process", [self.process], [s.NodeKind.PROCESS]),
                   ("promotes", list(self.promotes), [s.NodeKind.PROCESS, s.NodeKind.CELL_TYPE]))


@dataclass(frozen=True)
class DualRow:
    agent: str
    inhibitions: list[Edge]
    promotions: list[Edge]
    conflicts: list[Edge]
    node: Node
    """The agent itself (see InhibitorRow.node)."""


def dual_action(store: GraphStore, q: DualAction) -> list[DualRow]:
    _, found = store.together(lambda: q.check(store), lambda: store.dual_action_rows(q))  # see inhibitors_without_harm
    rows = [DualRow(r.agent, _sorted_edges(r.inhibitions), _sorted_edges(r.promotions), _sorted_edges(r.conflicts),
                    r.node) for r in found]
    return sorted(rows, key=lambda r: (-min(_best_rank(r.inhibitions), _best_rank(r.promotions)), r.agent))


# ---------------------------------------------------------------------------------------------------------------
# 3. By disease phase
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseStudies:
    """STUDIED_IN claims on disease phases. Give `phase` (that phase), `disease` (every phase of that disease),
    or `agent` (every phase that agent was studied in); combinations narrow the result. At least one is needed.
    Order: disease, phase order, agent id, outcome."""

    phase: str | None = None
    disease: str | None = None
    agent: str | None = None

    def check(self, store: GraphStore) -> None:
        if not (self.phase or self.disease or self.agent):
            raise QuestionError("phase", "give a phase, a disease or an agent")
        _check_ids(store, ("phase", [self.phase] if self.phase else [], [s.NodeKind.DISEASE_PHASE]),
                   ("disease", [self.disease] if self.disease else [], [s.NodeKind.DISEASE]),
                   ("agent", [self.agent] if self.agent else [], [s.NodeKind.AGENT]))


@dataclass(frozen=True)
class PhaseStudy:
    agent: str
    phase: str
    disease: str
    order: int
    outcome: s.Outcome
    claim: Edge


def phase_studies(store: GraphStore, q: PhaseStudies) -> list[PhaseStudy]:
    q.check(store)
    rows = store.phase_study_rows(q)
    return sorted(rows, key=lambda r: (r.disease, r.order, r.agent, r.outcome.value, r.claim.key))


# ---------------------------------------------------------------------------------------------------------------
# 4. Mechanism paths
# ---------------------------------------------------------------------------------------------------------------

MECHANISM_RELS: tuple[s.RelKind, ...] = (
    s.RelKind.TARGETS, s.RelKind.HAS_MECHANISM, s.RelKind.PARTICIPATES_IN, s.RelKind.MODULATES,
    s.RelKind.REGULATES, s.RelKind.AFFECTS, s.RelKind.IS_A, s.RelKind.STUDIED_IN,
)
MECHANISM_VIA: tuple[s.NodeKind, ...] = (s.NodeKind.TARGET, s.NodeKind.MECHANISM, s.NodeKind.PATHWAY,
                                          s.NodeKind.PROCESS)


@dataclass(frozen=True)
class MechanismPaths:
    """Every path of at most `max_hops` relationships from `agent` to `to` (a process, cell type or disease),
    following relationships in their direction, of the types in MECHANISM_RELS, whose inner nodes are targets,
    mechanisms, pathways or processes, visiting no node twice. A disease is reached only through the agent's
    own STUDIED_IN claim on it (inner nodes are never diseases or phases). Order: shortest first, then by node
    ids, then by relationship keys; at most `limit` paths."""

    agent: str
    to: str
    max_hops: int = 4
    limit: int = 100

    def check(self, store: GraphStore) -> None:
        if not 1 <= self.max_hops <= MAX_HOPS_LIMIT:
            raise QuestionError("maxHops", f"must be between 1 and {MAX_HOPS_LIMIT} (got {self.max_hops})")
        if not 1 <= self.limit <= MAX_PATHS:
            raise QuestionError("limit", f"must be between 1 and {MAX_PATHS} (got {self.limit})")
        _check_ids(store, ("agent", [self.agent], [s.NodeKind.AGENT]),
                   ("to", [self.to], [s.NodeKind.PROCESS, s.NodeKind.DISEASE, s.NodeKind.CELL_TYPE]))


@dataclass(frozen=True)
class GraphPath:
    nodes: list[str]
    edges: list[Edge]

    @property
    def sort_key(self) -> tuple:
        return (len(self.edges), self.nodes, [e.key for e in self.edges])


def mechanism_paths(store: GraphStore, q: MechanismPaths) -> list[GraphPath]:
    q.check(store)
    return sorted(store.mechanism_path_rows(q), key=lambda p: p.sort_key)[: q.limit]


# ---------------------------------------------------------------------------------------------------------------
# 5. Evidence profile
# ---------------------------------------------------------------------------------------------------------------

PROFILE_RELS: tuple[s.RelKind, ...] = (s.RelKind.AFFECTS, s.RelKind.STUDIED_IN, s.RelKind.TARGETS,
                                       s.RelKind.HAS_MECHANISM)


@dataclass(frozen=True)
class ProfileGroup:
    """Claims of one relationship type and one qualifier (direction, outcome or action), at one evidence level
    (each claim counted at its best level)."""

    rel: s.RelKind
    qualifier: str
    level: s.EvidenceLevel
    claims: list[Edge] = field(default_factory=list)


def evidence_profile(store: GraphStore, agent: str) -> list[ProfileGroup]:
    """Every claim the agent is the subject of (PROFILE_RELS), grouped by type, qualifier and best evidence level.
    Order: type as in PROFILE_RELS, qualifier, level strongest first (ties by level name); claims by key."""
    _check_ids(store, ("agent", [agent], [s.NodeKind.AGENT]))
    groups: dict[tuple[s.RelKind, str, s.EvidenceLevel], list[Edge]] = defaultdict(list)
    for edge in store.agent_claim_rows(agent):
        qualifier = str(edge.props.get("direction") or edge.props.get("outcome") or edge.props.get("action")
                        or "mechanism")
        groups[(edge.kind, qualifier, s.EvidenceLevel(edge.props["best_level"]))].append(edge)
    order = {rel: i for i, rel in enumerate(PROFILE_RELS)}
    return [
        ProfileGroup(rel, qualifier, level, _sorted_edges(edges))
        for (rel, qualifier, level), edges in sorted(
            groups.items(),
            key=lambda kv: (order[kv[0][0]], kv[0][1], -s.EVIDENCE_RANK[kv[0][2]], kv[0][2].value)
        )
    ]


# ---------------------------------------------------------------------------------------------------------------
# 6. Generic constrained paths
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Every path of at most `max_hops` relationships between `source` and `target`, in either direction along
    each relationship, using only relationship types in `via` (all types when empty), never visiting a node in
    `exclude`, and visiting no node twice. Order: shortest first, then node ids, then keys; at most `limit`."""

    source: str
    target: str
    via: tuple[s.RelKind, ...] = ()
    max_hops: int = 3
    exclude: tuple[str, ...] = ()
    limit: int = 100

    @property
    def rel_types(self) -> list[str]:
        return [r.value for r in (self.via or tuple(s.RelKind))]

    def check(self, store: GraphStore) -> None:
        if not 1 <= self.max_hops <= PATHS_MAX_HOPS_LIMIT:
            raise QuestionError("maxHops", f"must be between 1 and {PATHS_MAX_HOPS_LIMIT} (got {self.max_hops})")
        if not 1 <= self.limit <= MAX_PATHS:
            raise QuestionError("limit", f"must be between 1 and {MAX_PATHS} (got {self.limit})")
        _check_ids(store, ("from", [self.source], list(s.NodeKind)), ("to", [self.target], list(s.NodeKind)))
        if self.source in self.exclude or self.target in self.exclude:
            raise QuestionError("exclude", "cannot exclude the path's own ends")


def paths(store: GraphStore, q: Paths) -> list[GraphPath]:
    q.check(store)
    return sorted(store.path_rows(q), key=lambda p: p.sort_key)[: q.limit]


__all__ = [
    "BoneSafety", "DualAction", "DualRow", "GraphPath", "InhibitorAnswer", "InhibitorRow", "InhibitorsWithoutHarm",
    "MechanismPaths", "Node", "PhaseStudies", "PhaseStudy", "ProfileGroup", "QuestionError", "dual_action",
    "evidence_profile", "inhibitors_without_harm", "mechanism_paths", "paths", "phase_studies",
]
