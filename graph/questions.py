"""The multi-hop questions calcigraph answers — each defined once, here.

A question has a parameter type (validated: unknown ids and bad values raise `QuestionError` naming the
argument), a precise docstring that is its specification, a backend primitive each store implements (a Cypher
file under `cypher/questions/` for Neo4j, a networkx walk for the embedded store), and one assembly step here
that turns the backend's rows into the answer. Sorting, grouping and classification live only here, so the two
stores cannot disagree on them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from weakref import WeakKeyDictionary

from graph import schema as s
from graph import verdicts as v
from graph.lru import Lru
from graph.store import Direction as StoreDirection
from graph.store import Edge, EvidenceItem, GraphStore, Node, NodeFilter, SortField

DEFAULT_PROCESS = "ectopic-calcification"
DEFAULT_SPARE: tuple[str, ...] | None = None
"""None: every process and cell type with a bone facet (schema.BoneFacet) is spared."""
DEFAULT_BONE_PROMOTES: tuple[str, ...] = ("bone-formation", "skeletal-mineralization", "osteoblast", "bone-mass")
MAX_HOPS_LIMIT = 6
PATHS_MAX_HOPS_LIMIT = 4
MAX_PATHS = 500
SUCCESS_OUTCOMES = (s.Outcome.EFFECTIVE.value, s.Outcome.MIXED.value)
OUTCOME_ORDER = {s.Outcome.EFFECTIVE: 0, s.Outcome.MIXED: 1, s.Outcome.INEFFECTIVE: 2, s.Outcome.HARMFUL: 3}
HIERARCHY: tuple[s.RelKind, ...] = (s.RelKind.IS_A, s.RelKind.PART_OF)
"""A question about a process includes its subtypes (IS_A) and its parts (PART_OF), transitively."""


class QuestionError(ValueError):
    """A question's argument is wrong; `argument` names it so the API can say which one, and `suggestions` lists the
    closest ids when an id was not found (the API puts them in the error's extensions)."""

    def __init__(self, argument: str, message: str, suggestions: Sequence[str] = ()) -> None:
        self.argument = argument
        self.suggestions = list(suggestions)
        super().__init__(f"{argument}: {message}")


class BoneSafety(StrEnum):
    """Deprecated single label (use the per-facet `Verdict`s of graph.verdicts): the agent's overall verdict with
    `conflicting` shown as harm, as before facets existed."""

    BENEFIT = "benefit"
    """Overall verdict benefit."""
    NO_HARM = "no_harm"
    """Overall verdict no_harm."""
    NO_DATA = "no_data"
    """Overall verdict no_data."""
    HARM = "harm"
    """Overall verdict harm or conflicting."""


SAFETY_ORDER = {BoneSafety.BENEFIT: 0, BoneSafety.NO_HARM: 1, BoneSafety.NO_DATA: 2, BoneSafety.HARM: 3}


def legacy_safety(verdict: v.Verdict) -> BoneSafety:
    """The deprecated `safety` label of an overall verdict (conflicting → harm, as the old rule would have had it)."""
    return BoneSafety.HARM if verdict in (v.Verdict.HARM, v.Verdict.CONFLICTING) else BoneSafety(verdict.value)


Check = tuple[str, Sequence[str], Sequence[s.NodeKind]]
"""(argument, the ids it gave, the node kinds it accepts)."""


def _check_ids(store: GraphStore, *checks: Check) -> dict[str, Node]:
    """Every id names a node of an accepted kind; else a QuestionError naming the first wrong argument.
    One store call for all arguments (on Neo4j, one round trip). Returns the nodes found."""
    found = store.get_many(list(dict.fromkeys(i for _, ids, _ in checks for i in ids)))
    for argument, ids, kinds in checks:
        _check_found(found, argument, ids, kinds, store)
    return found


def closest_ids(store: GraphStore, value: str, kinds: Sequence[s.NodeKind], limit: int = 5) -> list[str]:
    """Ids a mistyped id probably meant, best first: the store's name search (case-insensitive; names, synonyms,
    brand names, symbols) on the text and on its words, then ids that differ by a few letters."""
    import difflib

    text = value.strip().lower()
    whole: list[str] = []
    for needle in dict.fromkeys([text, text.replace("-", " "), text.rstrip("s")]):
        if needle:
            whole += [n.id for n in store.search(needle, list(kinds), limit)]
    parts = [n.id for w in re.split(r"[-\s]+", text) if len(w) > 3 for n in store.search(w, list(kinds), limit)]
    parts.sort(key=lambda i: -difflib.SequenceMatcher(None, text, i).ratio())
    return list(dict.fromkeys([*whole, *parts]))[:limit]


def _check_found(found: dict[str, Node], argument: str, ids: Sequence[str], kinds: Sequence[s.NodeKind],
                 store: GraphStore | None = None) -> None:
    for value in ids:
        node = found.get(value)
        expected = " or ".join(k.value for k in kinds)
        if node is None:
            close = closest_ids(store, value, kinds) if store is not None else []
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else \
                " (find ids by name with the `search` field)"
            raise QuestionError(argument, f"no {expected} has id {value!r}{hint}", close)
        if node.kind not in kinds:
            raise QuestionError(argument, f"{value!r} is a {node.kind.value}, but a {expected} is needed")


def _rank(level: s.EvidenceLevel | None) -> int:
    return s.EVIDENCE_RANK[level] if level else 0


def _sorted_edges(edges: Sequence[Edge]) -> list[Edge]:
    return sorted(edges, key=lambda e: e.key)


def _best_rank(edges: Sequence[Edge]) -> int:
    return max((int(e.props.get("best_rank", 0)) for e in edges), default=0)


# ---------------------------------------------------------------------------------------------------------------
# Strength: how answers are ranked
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Strength:
    """How strong an answer's best qualifying evidence is; answers within a verdict are ordered by `score`.

    The best item is the one with the highest (population tier, musculoskeletal setting, evidence rank): human over
    animal over in vitro, then a musculoskeletal setting over a comparator one (e.g. vascular calcification in CKD),
    then the level (schema.EVIDENCE_RANK). `publications` counts the distinct papers behind the qualifying claims.
    `score` = 1000 x tier (3 human, 2 animal, 1 in vitro) + 100 x musculoskeletal + 10 x rank + min(publications, 9),
    so a human musculoskeletal RCT outranks any animal study, and more papers break ties."""

    score: int
    tier: str
    musculoskeletal: bool
    best_level: s.EvidenceLevel | None
    publications: int


def strength(claims: Sequence[Edge]) -> Strength:
    items = [i for e in claims for i in e.evidence]
    if not items:
        return Strength(0, "none", False, None, 0)
    # levels of equal rank (case report / review, cohort / guideline) tie-break by name, so the answer never depends
    # on the order a store returned the claims in
    best = max(items, key=lambda i: (v.TIER_RANK[v.tier(i)], not i.comparator, s.EVIDENCE_RANK[i.level],
                                     i.level.value))
    pubs = len({i.pub for i in items})
    score = (1000 * v.TIER_RANK[v.tier(best)] + 100 * (not best.comparator) + 10 * s.EVIDENCE_RANK[best.level]
             + min(pubs, 9))
    return Strength(score, v.tier(best), not best.comparator, best.level, pubs)


# ---------------------------------------------------------------------------------------------------------------
# 1. Inhibitors without harm
# ---------------------------------------------------------------------------------------------------------------


class Thresholds:
    """What a qualifying claim needs, as the stores compare it: `best_rank` at least `min_rank` (the level's
    schema.EVIDENCE_RANK) and `verified_count` at least `min_verified` (1 when `verified_only`)."""

    min_evidence: s.EvidenceLevel | None
    verified_only: bool

    @property
    def min_rank(self) -> int:
        return _rank(self.min_evidence)

    @property
    def min_verified(self) -> int:
        return 1 if self.verified_only else 0


@dataclass(frozen=True)
class InhibitorsWithoutHarm(Thresholds):
    """Agents that inhibit `process`, with a bone-safety verdict per facet; by default only those whose overall
    verdict is benefit, no_harm or no_data.

    - The inhibited set is `process` with every process that IS_A it or is PART_OF it (transitively): inhibiting
      heterotopic ossification counts as inhibiting ectopic calcification.
    - An agent qualifies by either kind of evidence, each shown with the answer:
      an AFFECTS{direction: inhibits} claim into the inhibited set (`inhibitions`), or — when `clinical` (the
      default) — an effective or mixed STUDIED_IN claim on a disease that MANIFESTS a process of the inhibited set,
      or on a phase of such a disease (`efficacy`). A qualifying claim's best level ranks at least `min_evidence`
      and, when `verified_only` (the default), it cites at least one verified publication.
    - `disease`: the agent also has an effective or mixed STUDIED_IN claim whose studied disease is `disease` or a
      subtype of it (transitively), on the disease itself or one of its phases.
    - `phase`: the agent has an effective or mixed STUDIED_IN claim on that phase.
    - `tissue`: one of its qualifying inhibition claims names that tissue, or it has an effective or mixed
      STUDIED_IN claim whose studied disease INVOLVES the tissue.
    - Bone safety: every AFFECTS claim of the agent on a spared node, and every MODULATES claim on one by a
      mechanism the agent has, judged by graph.verdicts (per facet, then overall). The spared set is every node
      with a bone facet, or — when `spare` is given — those nodes with their IS_A/PART_OF descendants. Safety
      claims count whatever their verification (an unverified report of harm still weighs), by the verdict rule.
    - Default answer: overall verdict benefit, no_harm or no_data. `include_harmed` adds harm and conflicting.
    - Order: verdict (benefit, no_harm, no_data, conflicting, harm), then `strength` of the qualifying evidence
      (strongest first), then agent id.
    """

    process: str = DEFAULT_PROCESS
    spare: tuple[str, ...] | None = DEFAULT_SPARE
    disease: str | None = None
    phase: str | None = None
    tissue: str | None = None
    min_evidence: s.EvidenceLevel | None = None
    include_harmed: bool = False
    verified_only: bool = True
    clinical: bool = True

    def check(self, store: GraphStore) -> dict[str, Node]:
        return _check_ids(store, ("process", [self.process], [s.NodeKind.PROCESS]),
                          ("spare", list(self.spare or ()), [s.NodeKind.PROCESS, s.NodeKind.CELL_TYPE]),
                          ("disease", [self.disease] if self.disease else [], [s.NodeKind.DISEASE]),
                          ("phase", [self.phase] if self.phase else [], [s.NodeKind.DISEASE_PHASE]),
                          ("tissue", [self.tissue] if self.tissue else [], [s.NodeKind.TISSUE]))


@dataclass(frozen=True)
class InhibitorRow:
    """Backend primitive: a qualifying agent with its qualifying claims of both kinds and all its bone claims."""

    agent: str
    inhibitions: list[Edge]
    efficacy: list[Edge]
    bone_claims: list[v.BoneClaim]
    node: Node
    """The agent itself, fetched with the answer so callers need no second lookup (a round trip on Neo4j)."""


@dataclass(frozen=True)
class InhibitorAnswer:
    agent: str
    bone: v.BoneVerdict
    inhibitions: list[Edge]
    efficacy: list[Edge]
    strength: Strength
    node: Node

    @property
    def verdict(self) -> v.Verdict:
        return self.bone.verdict

    @property
    def safety(self) -> BoneSafety:
        return legacy_safety(self.bone.verdict)

    @property
    def qualified_by(self) -> list[str]:
        """Which kinds of evidence qualified the agent: 'effect' (an inhibits claim), 'clinical' (a study)."""
        return [k for k, claims in (("effect", self.inhibitions), ("clinical", self.efficacy)) if claims]

    @property
    def safety_claims(self) -> list[Edge]:
        """Every claim the verdict looked at: the agent's own bone claims, then the mechanism claims used."""
        own = {e.key: e for f in self.bone.facets for e in f.claims}
        via = {e.key: e for f in self.bone.facets for e in f.indirect}
        return [*(own[k] for k in sorted(own)), *(via[k] for k in sorted(via) if k not in own)]


def no_data_notes(agent: Node) -> dict[s.BoneFacet | None, str]:
    """The agent's curated no-data notes, by the facet of the node each is about."""
    notes: dict[s.BoneFacet | None, list[str]] = defaultdict(list)
    for facet, note in zip(agent.props.get("no_data_facets") or [], agent.props.get("no_data_notes") or [],
                           strict=False):
        if facet:
            notes[s.BoneFacet(facet)].append(note)
    return {f: " / ".join(n) for f, n in notes.items()}


def judge(row_node: Node, claims: Sequence[v.BoneClaim], facets: Sequence[s.BoneFacet | None],
          memo: VerdictMemo | None = None, immutable: bool = False) -> v.BoneVerdict:
    """The agent's bone verdict over `facets` (graph.verdicts), with its curated no-data notes.

    With a `memo`, each verdict is worked out once: on an `immutable` store per agent, facets and claim keys; on a
    store that can change (the default, always safe), per agent, facets and the *content* of the claims (every
    property) and of the no-data notes, so an edited claim is judged again whoever edited it, and a remembered
    verdict's claim objects are interchangeable with this request's."""
    if memo is None:
        return v.bone_verdict(claims, facets, no_data_notes(row_node))
    key = _identity_key(row_node, claims, facets) if immutable else _content_key(row_node, claims, facets)
    found = memo.get(key)
    if found is None:
        return memo.put(key, v.bone_verdict(claims, facets, no_data_notes(row_node)))
    return found


def _identity_key(row_node: Node, claims: Sequence[v.BoneClaim], facets: Sequence[s.BoneFacet | None]
                  ) -> tuple[object, ...]:
    return (row_node.id, tuple(facets), tuple((c.claim.kind, c.claim.key, c.via.key if c.via else None)
                                              for c in claims))


def _content_key(row_node: Node, claims: Sequence[v.BoneClaim], facets: Sequence[s.BoneFacet | None]
                 ) -> tuple[object, ...]:
    return (row_node.id, tuple(facets), tuple(row_node.props.get("no_data_facets") or ()),
            tuple(row_node.props.get("no_data_notes") or ()),
            tuple((c.claim.kind, c.claim.key, c.claim.source, c.claim.target, c.facet, c.via.key if c.via else None,
                   _frozen(c.claim.props)) for c in claims))


def _frozen(props: Mapping[str, object]) -> tuple[object, ...]:
    """A claim's properties as a hashable key: all of them, so that equal keys mean interchangeable claim objects
    (the verdict hands its claims on to the answer)."""
    return tuple(sorted((k, tuple(val) if isinstance(val, list) else val) for k, val in props.items()))


VerdictMemo = Lru[tuple[object, ...], v.BoneVerdict]
"""Bone verdicts already worked out, by their key (`judge`).

Why: a verdict is a pure function of the claims, the facets and the agent's no-data notes, and between loads those
do not change — yet working them out was most of the flagship's Python time (six facets for each of ~40 agents per
request)."""


MEMO_MAX_ROWS = 512
"""An answer with more agents than this is judged without the memo: it would evict what it stores before reuse,
and everything it keeps (verdicts with their claims) is heap the garbage collector walks — at 10^5 relationships
that put 200 ms pauses into unrelated requests. The curated graph's flagship has ~40 rows."""

_MEMOS: WeakKeyDictionary[GraphStore, VerdictMemo] = WeakKeyDictionary()


def verdict_memo(store: GraphStore) -> VerdictMemo:
    """The store's verdict memo (one per store object)."""
    memo = _MEMOS.get(store)
    if memo is None:
        memo = _MEMOS.setdefault(store, Lru(4096))
    return memo


def spare_facets(q_spare: tuple[str, ...] | None, found: dict[str, Node]) -> list[s.BoneFacet | None]:
    """The facets a question judges: all six by default; for a custom `spare`, those of its nodes."""
    if q_spare is None:
        return list(s.BoneFacet)
    facets = {found[i].props.get("bone_facet") for i in q_spare if i in found}
    return [f for f in s.BoneFacet if f.value in facets] + ([None] if None in facets else [])


def inhibitors_without_harm(store: GraphStore, q: InhibitorsWithoutHarm, lean: bool = False
                            ) -> list[InhibitorAnswer]:
    """`lean`: the caller shows no free text of the claims or the agent (graph.schema.TEXT_PROPERTIES), so the
    store may leave it out; the verdicts never read it."""
    if q.spare is None and not (q.disease or q.phase or q.tissue):
        # Only `process` to check, and any row proves it: the question MATCHes it as a Process. So the check costs
        # a statement only when there is no row (then it says whether the id is unknown or the answer empty).
        rows = store.inhibitor_rows(q, lean)
        found = {} if rows else q.check(store)
    else:  # the id check and the (bounded) query overlap on a remote store; a failed check still wins
        found, rows = store.together(lambda: q.check(store), lambda: store.inhibitor_rows(q, lean))
    facets = spare_facets(q.spare, found)
    memo = verdict_memo(store) if len(rows) <= MEMO_MAX_ROWS else None
    answers = []
    for row in rows:
        bone = judge(row.node, row.bone_claims, facets, memo, store.immutable)
        if bone.verdict not in v.SAFE_VERDICTS and not q.include_harmed:
            continue
        answers.append(InhibitorAnswer(row.agent, bone, _sorted_edges(row.inhibitions), _sorted_edges(row.efficacy),
                                       strength([*row.inhibitions, *row.efficacy]), row.node))
    return sorted(answers, key=lambda a: (v.VERDICT_ORDER[a.verdict], -a.strength.score, a.agent))


# ---------------------------------------------------------------------------------------------------------------
# 2. Dual action
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DualAction(Thresholds):
    """Agents that inhibit `process` and promote any of `promotes` (cell types or processes, with their IS_A and
    PART_OF descendants), both claims at least `min_evidence` and, when `verified_only` (the default), each citing at
    least one verified publication. Inhibition counts both kinds of evidence, as in InhibitorsWithoutHarm: an
    inhibits claim (`inhibitions`) or, when `clinical`, an effective/mixed study in a disease that manifests the
    process (`efficacy`).

    Each answer also lists `conflicts`: inhibits claims on the promoted set (an agent can have both, e.g. by facet or
    dose); they do not exclude the agent. Order: strongest of the weaker side first, then agent id.
    """

    process: str = DEFAULT_PROCESS
    promotes: tuple[str, ...] = DEFAULT_BONE_PROMOTES
    min_evidence: s.EvidenceLevel | None = None
    verified_only: bool = True
    clinical: bool = True

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
    efficacy: list[Edge] = field(default_factory=list)


def dual_action(store: GraphStore, q: DualAction) -> list[DualRow]:
    _, found = store.together(lambda: q.check(store), lambda: store.dual_action_rows(q))  # see inhibitors_without_harm
    rows = [DualRow(r.agent, _sorted_edges(r.inhibitions), _sorted_edges(r.promotions), _sorted_edges(r.conflicts),
                    r.node, _sorted_edges(r.efficacy)) for r in found]
    return sorted(rows, key=lambda r: (-min(_best_rank([*r.inhibitions, *r.efficacy]), _best_rank(r.promotions)),
                                       r.agent))


# ---------------------------------------------------------------------------------------------------------------
# 3. By disease phase
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseStudies:
    """STUDIED_IN claims on disease phases. Give `phase` (that phase), `disease` (studies of that disease or any of
    its subtypes, on the phases of its phase scheme — its own, or the nearest supertype's: a study of HO after
    arthroplasty in the inflammatory window answers for acquired HO), or `agent` (every phase that agent was
    studied in); combinations narrow the result. At least one is needed. A disease with no phase scheme, neither
    its own nor a supertype's, is an error naming `disease` (ask agentsStudiedIn instead), never a silent [].
    Order: studied disease, phase order, agent id, outcome."""

    phase: str | None = None
    disease: str | None = None
    agent: str | None = None

    def check(self, store: GraphStore) -> None:
        if not (self.phase or self.disease or self.agent):
            raise QuestionError("phase", "give a phase, a disease or an agent")
        _check_ids(store, ("phase", [self.phase] if self.phase else [], [s.NodeKind.DISEASE_PHASE]),
                   ("disease", [self.disease] if self.disease else [], [s.NodeKind.DISEASE]),
                   ("agent", [self.agent] if self.agent else [], [s.NodeKind.AGENT]))
        if self.disease and phase_scheme(store, self.disease) is None:
            raise QuestionError("disease", f"{self.disease!r} has no phases, and neither has any disease it is a "
                                           "subtype of; ask agentsStudiedIn for its studies")


def phase_scheme(store: GraphStore, disease: str) -> str | None:
    """The disease whose phases `disease` is staged by: itself when it has phases, else the nearest supertype
    (breadth first) that has them; None when there is none."""
    seen: set[str] = set()
    level = [disease]
    while level:
        phases = store.neighbours(level, s.RelKind.HAS_PHASE, StoreDirection.OUT)
        for d in level:
            if phases.get(d):
                return d
        seen.update(level)
        parents = store.neighbours(level, s.RelKind.SUBTYPE_OF, StoreDirection.OUT)
        level = sorted({e.target for d in level for e in parents.get(d, []) if e.target not in seen})
    return None


@dataclass(frozen=True)
class PhaseStudy:
    agent: str
    phase: str
    disease: str
    """The disease studied (the phase's own disease, or a subtype staged by its phases)."""
    order: int
    outcome: s.Outcome
    claim: Edge
    scheme: str = ""
    """The disease whose phase scheme the phase belongs to."""


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


# ---------------------------------------------------------------------------------------------------------------
# 7. Agents acting on a target, pathway or mechanism
# ---------------------------------------------------------------------------------------------------------------

ACTING_KINDS: tuple[s.NodeKind, ...] = (s.NodeKind.TARGET, s.NodeKind.PATHWAY, s.NodeKind.MECHANISM)


@dataclass(frozen=True)
class AgentsActingOn(Thresholds):
    """Agents that act on `node` (a target, pathway or mechanism), with every claim chain that links them:

    - directly: Agent -TARGETS-> target, or Agent -HAS_MECHANISM-> mechanism;
    - through one intermediate: Agent -TARGETS-> Target -PARTICIPATES_IN-> pathway, or
      Agent -HAS_MECHANISM-> Mechanism -MODULATES-> pathway.

    Every claim of a chain has a best level ranking at least `min_evidence` and, when `verified_only`, cites a
    verified publication (default off: a listing shows unverified claims, flagged by each evidence item's
    `verified`). Order: agents with a direct chain first, then the strength of their strongest chain's weakest
    claim (schema.EVIDENCE_RANK), then agent id; each agent's chains shortest first, then by keys."""

    node: str
    min_evidence: s.EvidenceLevel | None = None
    verified_only: bool = False

    def check(self, store: GraphStore) -> None:
        _check_ids(store, ("node", [self.node], ACTING_KINDS))


@dataclass(frozen=True)
class ActingAgent:
    agent: str
    chains: list[GraphPath]
    direct: bool
    weakest_rank: int
    """The strongest chain's weakest claim rank (what the order uses)."""


def agents_acting_on(store: GraphStore, q: AgentsActingOn) -> list[ActingAgent]:
    q.check(store)
    by_agent: dict[str, list[GraphPath]] = defaultdict(list)
    for path in store.acting_on_rows(q):
        by_agent[path.nodes[0]].append(path)
    out = []
    for agent, chains in by_agent.items():
        chains.sort(key=lambda p: p.sort_key)
        weakest = max(min(int(e.props.get("best_rank", 0)) for e in p.edges) for p in chains)
        out.append(ActingAgent(agent, chains, any(len(p.edges) == 1 for p in chains), weakest))
    return sorted(out, key=lambda a: (not a.direct, -a.weakest_rank, a.agent))


# ---------------------------------------------------------------------------------------------------------------
# 8. Agents studied in a disease
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentsStudiedIn:
    """Every STUDIED_IN claim whose studied disease is `disease` or a subtype of it (transitively), on the disease
    itself or on a phase — with the outcome, the phase (when the study is staged), the intents its evidence records
    (prevention / treatment of established disease) and the strength of its evidence.

    Filters: `outcomes` (any of them; all when empty), `intent` (the claim has an evidence item with that intent),
    `min_evidence` (best level), `verified_only` (cites a verified publication; default off: a listing shows
    unverified claims, flagged). Order: outcome (effective, mixed, ineffective, harmful), strength (strongest
    first), agent id, claim key."""

    disease: str
    outcomes: tuple[s.Outcome, ...] = ()
    intent: s.Intent | None = None
    min_evidence: s.EvidenceLevel | None = None
    verified_only: bool = False

    def check(self, store: GraphStore) -> None:
        _check_ids(store, ("disease", [self.disease], [s.NodeKind.DISEASE]))


@dataclass(frozen=True)
class DiseaseStudy:
    agent: str
    disease: str
    phase: str | None
    outcome: s.Outcome
    intents: list[s.Intent]
    claim: Edge
    strength: Strength


def agents_studied_in(store: GraphStore, q: AgentsStudiedIn) -> list[DiseaseStudy]:
    q.check(store)
    out = []
    for e in store.studied_in_rows(q):
        outcome = s.Outcome(e.props["outcome"])
        items = e.evidence
        intents = sorted({i.intent for i in items if i.intent}, key=lambda x: x.value)
        if q.outcomes and outcome not in q.outcomes:
            continue
        if q.intent and q.intent not in intents:
            continue
        if int(e.props.get("best_rank", 0)) < _rank(q.min_evidence):
            continue
        if q.verified_only and int(e.props.get("verified_count", 0)) < 1:
            continue
        studied = str(e.props["disease"])
        out.append(DiseaseStudy(e.source, studied, e.target if e.target != studied else None, outcome, intents, e,
                                strength([e])))
    return sorted(out, key=lambda r: (OUTCOME_ORDER[r.outcome], -r.strength.score, r.agent, r.claim.key))


# ---------------------------------------------------------------------------------------------------------------
# 9. Evidence gaps
# ---------------------------------------------------------------------------------------------------------------


class GapScope(StrEnum):
    AGENT_CLASS = "agent_class"
    """One row per agent class: its agents' efficacy evidence."""
    DISEASE = "disease"
    """One row per disease: the efficacy evidence of agents studied in it."""


class GapKind(StrEnum):
    """The strongest kind of efficacy evidence a class or disease has."""

    MSK_HUMAN = "msk_human"
    """Human evidence in a musculoskeletal setting."""
    MSK_ANIMAL = "msk_animal"
    """Animal evidence in a musculoskeletal setting, and no human."""
    MSK_IN_VITRO = "msk_in_vitro"
    """Only cell or tissue studies in a musculoskeletal setting."""
    COMPARATOR_ONLY = "comparator_only"
    """Only evidence from comparator settings (e.g. vascular calcification in CKD, PXE)."""
    NONE = "none"
    """No efficacy evidence at all."""


GAP_ORDER = {k: i for i, k in enumerate(GapKind)}


@dataclass(frozen=True)
class EvidenceGaps:
    """For each agent class (or each disease), the strongest kind of *efficacy* evidence the graph holds — so
    "which classes lack musculoskeletal efficacy evidence" is one call.

    - Efficacy evidence of an agent: its AFFECTS claims (any direction: an explicit "no effect" is evidence) on
      ectopic calcification and every process that IS_A / PART_OF it, and its STUDIED_IN claims (any outcome).
    - A class has the evidence of its member agents. A disease has the STUDIED_IN evidence whose studied disease is
      it or a subtype of it (on the disease or a phase); a disease's setting is its `scope`.
    - Kind (GapKind), strongest first: msk_human (a human-tier item, not a comparator setting), msk_animal,
      msk_in_vitro, comparator_only (items only in comparator settings), none.
    - `kinds` keeps only rows of those kinds (all when empty). Order: kind (weakest first — the gaps lead), then id.
    """

    scope: GapScope = GapScope.AGENT_CLASS
    kinds: tuple[GapKind, ...] = ()


@dataclass(frozen=True)
class GapRow:
    node: str
    kind: GapKind
    agents: list[str]
    """Agents with efficacy evidence here (a class: its members that have any)."""
    claims: int
    publications: int
    best_level: s.EvidenceLevel | None
    controlled: bool
    """At least one RCT or meta-analysis item in a musculoskeletal setting."""


@dataclass(frozen=True)
class GapAgent:
    """Backend primitive: an agent's classes and efficacy claims."""

    agent: str
    classes: list[str]
    claims: list[Edge]


@dataclass(frozen=True)
class GapDisease:
    """Backend primitive: a disease, its scope and the diseases it is directly a subtype of."""

    disease: str
    scope: str
    parents: list[str]


def _gap_kind(items: Sequence[EvidenceItem], comparator_setting: bool = False) -> GapKind:
    if not items:
        return GapKind.NONE
    msk = [i for i in items if not i.comparator and not comparator_setting]
    if not msk:
        return GapKind.COMPARATOR_ONLY
    tiers = {v.tier(i) for i in msk}
    return GapKind.MSK_HUMAN if v.HUMAN in tiers else GapKind.MSK_ANIMAL if v.ANIMAL in tiers else \
        GapKind.MSK_IN_VITRO


def _gap_row(node: str, claims: Sequence[Edge], comparator_setting: bool = False) -> GapRow:
    items = [i for e in claims for i in e.evidence]
    best = max((i.level for i in items), key=lambda lv: (s.EVIDENCE_RANK[lv], lv.value), default=None)
    controlled = any(i.level in (s.EvidenceLevel.RCT, s.EvidenceLevel.META_ANALYSIS) and not i.comparator
                     and not comparator_setting for i in items)
    return GapRow(node, _gap_kind(items, comparator_setting), sorted({e.source for e in claims}), len(claims),
                  len({i.pub for i in items}), best, controlled)


def evidence_gaps(store: GraphStore, q: EvidenceGaps) -> list[GapRow]:
    agents, diseases = store.gap_rows(DEFAULT_PROCESS)
    if q.scope is GapScope.AGENT_CLASS:
        members: dict[str, list[Edge]] = {c: [] for c in
                                          (n.id for n in store.list_nodes(s.NodeKind.AGENT_CLASS, NodeFilter(),
                                                                          SortField.ID, False, 10**6, 0).items)}
        for a in agents:
            for c in a.classes:
                members.setdefault(c, []).extend(a.claims)
        rows = [_gap_row(c, claims) for c, claims in members.items()]
    else:
        parents = {d.disease: d.parents for d in diseases}
        scope = {d.disease: d.scope for d in diseases}
        by_disease: dict[str, list[Edge]] = {d: [] for d in parents}
        for a in agents:
            for e in a.claims:
                if e.kind is s.RelKind.STUDIED_IN:
                    for d in _ancestors(str(e.props["disease"]), parents):
                        by_disease[d].append(e)
        rows = [_gap_row(d, claims, scope[d] == s.DiseaseScope.COMPARATOR.value) for d, claims in by_disease.items()]
    rows = [r for r in rows if not q.kinds or r.kind in q.kinds]
    return sorted(rows, key=lambda r: (-GAP_ORDER[r.kind], r.node))


def _ancestors(disease: str, parents: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    todo = [disease]
    while todo:
        current = todo.pop()
        if current in out or current not in parents:
            continue
        out.append(current)
        todo.extend(parents[current])
    return out


__all__ = [
    "ActingAgent",
    "AgentsActingOn",
    "AgentsStudiedIn",
    "BoneSafety",
    "DiseaseStudy",
    "DualAction",
    "DualRow",
    "EvidenceGaps",
    "GapKind",
    "GapRow",
    "GapScope",
    "GraphPath",
    "InhibitorAnswer",
    "InhibitorRow",
    "InhibitorsWithoutHarm",
    "MechanismPaths",
    "Node",
    "PhaseStudies",
    "PhaseStudy",
    "ProfileGroup",
    "QuestionError",
    "Strength",
    "agents_acting_on",
    "agents_studied_in",
    "dual_action",
    "evidence_gaps",
    "evidence_profile",
    "inhibitors_without_harm",
    "mechanism_paths",
    "paths",
    "phase_studies",
    "strength",
]
