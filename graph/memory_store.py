"""The embedded store: the knowledge graph as a networkx MultiDiGraph, answering every read in-process.

Node attributes are the Neo4j node properties plus `label` (the node kind); edge attributes are the Neo4j
relationship properties plus `type`, except `key`: the relationship's `key` property IS the MultiDiGraph edge
key (networkx reserves the name). So an analyst's script sees exactly what a Cypher user sees in Neo4j Browser.

The question walks mirror `cypher/questions/*.cypher` step for step; `tests/graph/test_parity.py` holds them to
identical answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import networkx as nx

from graph import questions as qs
from graph import schema as s
from graph.kb import Records
from graph.store import Counts, Direction, Edge, Node, NodeFilter, Page, SortField
from graph.verdicts import BoneClaim

A = TypeVar("A")
B = TypeVar("B")

K, R = s.NodeKind, s.RelKind
INHIBITS, PROMOTES = s.Direction.INHIBITS.value, s.Direction.PROMOTES.value


def build_graph(records: Records) -> nx.MultiDiGraph:
    """The networkx form of the graph (also what `graph.analytics` and the exports start from)."""
    g = nx.MultiDiGraph()
    for node in records.nodes:
        g.add_node(node.id, label=node.kind.value, **node.props)
    g.add_edges_from(
        (edge.source, edge.target, edge.key, {"type": edge.kind.value, **_without_key(edge.props)})
        for edge in records.edges
    )
    return g


def _without_key(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != "key"}


class MemoryStore:
    """GraphStore over a networkx MultiDiGraph built once at start-up; read-only afterwards."""

    backend = "embedded"
    immutable = True

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        """Index `graph` once: every node and edge object, and each node's edges per direction, are built here,
        so reads and question walks only look things up. `graph` must not change afterwards."""
        self.graph = graph
        self._nodes = {n: self._make_node(n, attrs) for n, attrs in graph.nodes(data=True)}
        self._kinds: dict[s.NodeKind, list[str]] = {}  # each kind's node ids, in the graph's order
        for node in self._nodes.values():
            self._kinds.setdefault(node.kind, []).append(node.id)
        self._out_edges = {n: [self._make_edge(n, t, k, a) for _, t, k, a in graph.out_edges(n, keys=True, data=True)]
                           for n in graph}
        by_ends = {(e.source, e.target, e.key): e for edges in self._out_edges.values() for e in edges}
        self._in_edges = {n: [by_ends[s, t, k] for s, t, k in graph.in_edges(n, keys=True)] for n in graph}
        # what `neighbours` answers, per node, relationship kind and direction, already sorted by key: the API asks
        # it for every object of every nested level of every request
        self._sorted: dict[tuple[str, s.RelKind, Direction], list[Edge]] = {}
        for direction, index in ((Direction.OUT, self._out_edges), (Direction.IN, self._in_edges)):
            for n, edges in index.items():
                for kind in dict.fromkeys(e.kind for e in edges):
                    self._sorted[n, kind, direction] = sorted((e for e in edges if e.kind is kind),
                                                              key=lambda e: e.key)

    @classmethod
    def from_records(cls, records: Records) -> MemoryStore:
        return cls(build_graph(records))

    # ---- plumbing ----------------------------------------------------------------------------------------------
    @staticmethod
    def _make_node(node_id: str, attrs: dict[str, Any]) -> Node:
        props = dict(attrs)
        kind = s.NodeKind(props.pop("label"))
        return Node(node_id, kind, props)

    @staticmethod
    def _make_edge(source: str, target: str, key: str, attrs: dict[str, Any]) -> Edge:
        props = dict(attrs)
        kind = s.RelKind(props.pop("type"))
        props["key"] = key
        return Edge(key, kind, source, target, props)

    def _node(self, node_id: str) -> Node:
        return self._nodes[node_id]

    def _out(self, node_id: str, *types: s.RelKind) -> Iterator[Edge]:
        edges = self._out_edges.get(node_id, ())
        return iter(edges) if not types else (e for e in edges if e.kind in types)

    def _in(self, node_id: str, *types: s.RelKind) -> Iterator[Edge]:
        edges = self._in_edges.get(node_id, ())
        return iter(edges) if not types else (e for e in edges if e.kind in types)

    def _label(self, node_id: str) -> str:
        return self.graph.nodes[node_id]["label"]

    def _of_kind(self, kind: s.NodeKind) -> Iterator[str]:
        return iter(self._kinds.get(kind, ()))

    def _closure(self, roots: Iterable[str], *rels: s.RelKind) -> set[str]:
        """Roots plus every node reaching one of them through incoming `rels` chains (IS_A/PART_OF, SUBTYPE_OF)."""
        seen: set[str] = set()
        todo = [r for r in roots if r in self.graph]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo.extend(e.source for e in self._in(current, *rels))
        return seen

    # ---- GraphStore: reads -------------------------------------------------------------------------------------
    def together(self, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
        return first(), second()  # in-process: nothing to overlap

    def counts(self) -> Counts:
        nodes = Counter(label for _, label in self.graph.nodes(data="label"))
        rels = Counter(t for _, _, t in self.graph.edges(data="type"))
        return Counts(dict(sorted(nodes.items())), dict(sorted(rels.items())))

    def get_many(self, ids: Sequence[str]) -> dict[str, Node]:
        return {i: self._node(i) for i in dict.fromkeys(ids) if i in self.graph}

    def list_nodes(self, kind: s.NodeKind, where: NodeFilter, sort: SortField, descending: bool, limit: int,
                   offset: int) -> Page:
        matched = [self._node(n) for n in self._of_kind(kind) if self._matches(n, where)]
        matched.sort(key=lambda n: (str(n.props.get(sort.value, "")), n.id), reverse=descending)
        return Page(matched[offset:offset + limit], len(matched))

    def _matches(self, node_id: str, where: NodeFilter) -> bool:
        attrs = self.graph.nodes[node_id]
        if where.ids is not None and node_id not in where.ids:
            return False
        if where.name_contains and where.name_contains.lower() not in str(attrs.get("name", "")).lower():
            return False
        if where.agent_kind and attrs.get("kind") != where.agent_kind:
            return False
        if where.identifier and where.identifier not in attrs.get("identifiers", []):
            return False
        return not (where.agent_class and not any(e.target == where.agent_class
                                                  for e in self._out(node_id, R.MEMBER_OF)))

    def neighbours(self, ids: Sequence[str], rel: s.RelKind, direction: Direction) -> dict[str, list[Edge]]:
        found = self._sorted
        return {node_id: list(found.get((node_id, rel, direction), ())) for node_id in dict.fromkeys(ids)}

    def search(self, text: str, kinds: Sequence[s.NodeKind], limit: int) -> list[Node]:
        needle = text.strip().lower()
        if not needle:
            return []
        wanted = {k.value for k in kinds} if kinds else None
        hits = []
        for node_id, attrs in self.graph.nodes(data=True):
            if wanted is not None and attrs["label"] not in wanted:
                continue
            if needle in attrs.get("search_text", ""):
                hits.append((_search_rank(str(attrs.get("name", "")).lower(), needle), attrs.get("name", ""),
                             node_id))
        hits.sort()
        return [self._node(node_id) for *_, node_id in hits[:limit]]

    # ---- questions ---------------------------------------------------------------------------------------------
    def _affects(self, agent: str, targets: set[str], direction: str | None, min_rank: int = 0,
                 min_verified: int = 0) -> list[Edge]:
        return [e for e in self._out(agent, R.AFFECTS)
                if e.target in targets and (direction is None or e.props["direction"] == direction)
                and e.props["best_rank"] >= min_rank and e.props["verified_count"] >= min_verified]

    def _studied_successfully(self, agent: str, diseases: set[str], target: str | None = None) -> bool:
        return any((target is None or e.target == target) and (not diseases or e.props["disease"] in diseases)
                   and e.props["outcome"] in qs.SUCCESS_OUTCOMES
                   for e in self._out(agent, R.STUDIED_IN))

    def _efficacy(self, agent: str, manifesting: set[str], min_rank: int, min_verified: int) -> list[Edge]:
        return [e for e in self._out(agent, R.STUDIED_IN)
                if e.props["outcome"] in qs.SUCCESS_OUTCOMES and e.props["disease"] in manifesting
                and e.props["best_rank"] >= min_rank and e.props["verified_count"] >= min_verified]

    def _manifesting(self, processes: set[str]) -> set[str]:
        return {e.source for p in processes for e in self._in(p, R.MANIFESTS)}

    def _spared(self, roots: Sequence[str] | None) -> set[str]:
        if roots is None:
            return {n for n, facet in self.graph.nodes(data="bone_facet") if facet}
        return set(roots) | self._closure([r for r in roots if self._label(r) == K.PROCESS.value], *qs.HIERARCHY)

    def _bone_claims(self, agent: str, spared: set[str]) -> list[BoneClaim]:
        facet = self._facet
        direct = [BoneClaim(e, facet(e.target)) for e in self._affects(agent, spared, None)]
        indirect = [BoneClaim(m, facet(m.target), via=h) for h in self._out(agent, R.HAS_MECHANISM)
                    for m in self._out(h.target, R.MODULATES) if m.target in spared]
        return direct + indirect

    def _facet(self, node_id: str) -> s.BoneFacet | None:
        value = self.graph.nodes[node_id].get("bone_facet")
        return s.BoneFacet(value) if value else None

    def inhibitor_rows(self, q: qs.InhibitorsWithoutHarm, lean: bool = False) -> list[qs.InhibitorRow]:
        # `lean` lets a remote store leave out the text (graph.schema.TEXT_PROPERTIES); here it costs nothing to keep
        inhibited = self._closure([q.process], *qs.HIERARCHY)
        manifesting = self._manifesting(inhibited) if q.clinical else set()
        spared = self._spared(q.spare)
        disease_set = self._closure([q.disease], R.SUBTYPE_OF) if q.disease else set()
        tissue_set = {e.source for e in self._in(q.tissue, R.INVOLVES)} if q.tissue else set()
        rows = []
        for agent in self._of_kind(K.AGENT):
            inhibitions = self._affects(agent, inhibited, INHIBITS, q.min_rank, q.min_verified)
            efficacy = self._efficacy(agent, manifesting, q.min_rank, q.min_verified)
            if not inhibitions and not efficacy:
                continue
            if q.phase and not self._studied_successfully(agent, set(), q.phase):
                continue
            if q.disease and not self._studied_successfully(agent, disease_set):
                continue
            if q.tissue and not (any(e.props.get("tissue") == q.tissue for e in inhibitions)
                                 or (tissue_set and self._studied_successfully(agent, tissue_set))):
                continue
            rows.append(qs.InhibitorRow(agent, inhibitions, efficacy, self._bone_claims(agent, spared),
                                        self._nodes[agent]))
        return rows

    def dual_action_rows(self, q: qs.DualAction) -> list[qs.DualRow]:
        inhibited = self._closure([q.process], *qs.HIERARCHY)
        manifesting = self._manifesting(inhibited) if q.clinical else set()
        promoted = self._spared(q.promotes)
        rows = []
        for agent in self._of_kind(K.AGENT):
            inhibitions = self._affects(agent, inhibited, INHIBITS, q.min_rank, q.min_verified)
            efficacy = self._efficacy(agent, manifesting, q.min_rank, q.min_verified)
            promotions = self._affects(agent, promoted, PROMOTES, q.min_rank, q.min_verified)
            if (inhibitions or efficacy) and promotions:
                rows.append(qs.DualRow(agent, inhibitions, promotions, self._affects(agent, promoted, INHIBITS),
                                       self._nodes[agent], efficacy))
        return rows

    def phase_study_rows(self, q: qs.PhaseStudies) -> list[qs.PhaseStudy]:
        studied = self._closure([q.disease], R.SUBTYPE_OF) if q.disease else None
        rows = []
        agents = [q.agent] if q.agent else list(self._of_kind(K.AGENT))
        for agent in agents:
            for e in self._out(agent, R.STUDIED_IN):
                if self._label(e.target) != K.DISEASE_PHASE.value:
                    continue
                phase = self.graph.nodes[e.target]
                if (q.phase and e.target != q.phase) or (studied is not None and e.props["disease"] not in studied):
                    continue
                rows.append(qs.PhaseStudy(agent, e.target, e.props["disease"], phase["order"],
                                          s.Outcome(e.props["outcome"]), e, phase["disease"]))
        return rows

    def mechanism_path_rows(self, q: qs.MechanismPaths) -> list[qs.GraphPath]:
        inner = {k.value for k in qs.MECHANISM_VIA}
        found: list[qs.GraphPath] = []

        def walk(node: str, nodes: list[str], edges: list[Edge]) -> None:
            if len(edges) == q.max_hops:
                return
            for e in self._out(node, *qs.MECHANISM_RELS):
                if e.target in nodes:
                    continue
                if e.target == q.to:
                    found.append(qs.GraphPath([*nodes, e.target], [*edges, e]))
                elif self._label(e.target) in inner:
                    walk(e.target, [*nodes, e.target], [*edges, e])

        walk(q.agent, [q.agent], [])
        return found

    def agent_claim_rows(self, agent: str) -> list[Edge]:
        return list(self._out(agent, *qs.PROFILE_RELS))

    def path_rows(self, q: qs.Paths) -> list[qs.GraphPath]:
        types = set(q.rel_types)
        excluded = set(q.exclude)
        found: list[qs.GraphPath] = []

        def steps(node: str) -> Iterator[tuple[str, Edge]]:
            for e in self._out(node):
                if e.kind.value in types:
                    yield e.target, e
            for e in self._in(node):
                if e.kind.value in types:
                    yield e.source, e

        def walk(node: str, nodes: list[str], edges: list[Edge]) -> None:
            if len(edges) == q.max_hops:
                return
            for nxt, e in steps(node):
                if nxt in nodes or nxt in excluded:
                    continue
                if nxt == q.target:
                    found.append(qs.GraphPath([*nodes, nxt], [*edges, e]))
                else:
                    walk(nxt, [*nodes, nxt], [*edges, e])

        walk(q.source, [q.source], [])
        return found

    def acting_on_rows(self, q: qs.AgentsActingOn) -> list[qs.GraphPath]:
        def ok(e: Edge) -> bool:
            return e.props["best_rank"] >= q.min_rank and e.props["verified_count"] >= q.min_verified

        found = []
        for first in self._in(q.node, R.TARGETS, R.HAS_MECHANISM):
            if self._label(first.source) == K.AGENT.value and ok(first):
                found.append(qs.GraphPath([first.source, q.node], [first]))
        for second in self._in(q.node, R.PARTICIPATES_IN, R.MODULATES):
            if not ok(second):
                continue
            for first in self._in(second.source, R.TARGETS, R.HAS_MECHANISM):
                if ok(first):
                    found.append(qs.GraphPath([first.source, second.source, q.node], [first, second]))
        return found

    def studied_in_rows(self, q: qs.AgentsStudiedIn) -> list[Edge]:
        studied = self._closure([q.disease], R.SUBTYPE_OF)
        return [e for a in self._of_kind(K.AGENT) for e in self._out(a, R.STUDIED_IN) if e.props["disease"] in studied]

    def gap_rows(self, process: str) -> tuple[list[qs.GapAgent], list[qs.GapDisease]]:
        if process not in self.graph:
            return [], []
        calcific = self._closure([process], *qs.HIERARCHY)
        agents = [qs.GapAgent(a, sorted(e.target for e in self._out(a, R.MEMBER_OF)),
                              sorted([e for e in self._out(a, R.AFFECTS) if e.target in calcific]
                                     + list(self._out(a, R.STUDIED_IN)), key=lambda e: e.key))
                  for a in sorted(self._of_kind(K.AGENT))]
        diseases = [qs.GapDisease(d, self.graph.nodes[d]["scope"], sorted(e.target for e in self._out(d, R.SUBTYPE_OF)))
                    for d in sorted(self._of_kind(K.DISEASE))]
        return agents, diseases

    def close(self) -> None:
        return None


def _search_rank(name: str, needle: str) -> int:
    """0 exact name, 1 name prefix, 2 name substring, 3 synonym/brand/symbol/title only (same rule in Cypher)."""
    if name == needle:
        return 0
    if name.startswith(needle):
        return 1
    if needle in name:
        return 2
    return 3

