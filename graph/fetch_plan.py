"""A request's reads as one tree: which nodes to start from and which relationships to follow below them.

The GraphQL layer (api.graphql.request_plan) builds a `FetchPlan` from a validated selection set before it resolves
anything; a store that pays per round trip (Neo4j: `graph.neo4j_plan`) answers the whole tree with one statement,
and the answer primes the request's DataLoaders, so resolving then reads only what is already loaded. The tree
only ever over-fetches (type conditions and `@skip` are ignored), never under-fetches: whatever it misses is loaded
by the DataLoaders as before, so a plan can change round trips, never answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph import schema as s
from graph.store import Direction, Edge, Node, NodeFilter, Page, SortField


@dataclass
class NodeTree:
    """What to load below a node: relationships (by type and direction) and the publications its evidence cites."""

    rels: dict[tuple[s.RelKind, Direction], RelBranch] = field(default_factory=dict)
    cited: NodeTree | None = None
    """The selection on the publications cited by the node's own evidence (diseases, phases), if any."""

    def merge(self, other: NodeTree) -> None:
        for key, branch in other.rels.items():
            self.branch(*key).merge(branch)
        if other.cited is not None:
            self.cite().merge(other.cited)

    def branch(self, rel: s.RelKind, direction: Direction) -> RelBranch:
        return self.rels.setdefault((rel, direction), RelBranch(rel, direction))

    def cite(self) -> NodeTree:
        if self.cited is None:
            self.cited = NodeTree()
        return self.cited


@dataclass
class RelBranch:
    """One relationship list below a node, with what to load at its far end and for its evidence."""

    rel: s.RelKind
    direction: Direction
    end: NodeTree | None = None
    """The far end's selection (the target of an outgoing list, the source of an incoming one), if selected."""
    cited: NodeTree | None = None
    """The selection on the publications the relationship's evidence cites, if any."""

    def merge(self, other: RelBranch) -> None:
        if other.end is not None:
            self.far_end().merge(other.end)
        if other.cited is not None:
            self.cite().merge(other.cited)

    def far_end(self) -> NodeTree:
        if self.end is None:
            self.end = NodeTree()
        return self.end

    def cite(self) -> NodeTree:
        if self.cited is None:
            self.cited = NodeTree()
        return self.cited


@dataclass(frozen=True)
class ListRoot:
    """Start from one page of a kind's nodes (the arguments of `GraphStore.list_nodes`)."""

    kind: s.NodeKind
    where: NodeFilter
    sort: SortField
    descending: bool
    limit: int
    offset: int


@dataclass(frozen=True)
class IdRoot:
    """Start from one node by id (absent when no node has it)."""

    id: str


@dataclass(frozen=True)
class FetchPlan:
    root: ListRoot | IdRoot
    tree: NodeTree
    node_keys: frozenset[str] | None = None
    """The node properties the request reads (every node of the plan gets the same set); None: all of them."""
    rel_keys: Mapping[tuple[s.RelKind, Direction], frozenset[str] | None] | None = None
    """The relationship properties the request reads, per relationship type and direction (the way the request's
    DataLoaders hold relationship lists); None, or a type and direction it does not name: all of them."""


@dataclass
class Fetched:
    """A plan's answer, as the DataLoaders hold it: nodes by id, and each loaded node's relationship lists (ordered
    by key, as `GraphStore.neighbours` orders them)."""

    page: Page | None
    nodes: dict[str, Node | None] = field(default_factory=dict)
    """None: the plan looked and found no node with that id (so no DataLoader looks again)."""
    neighbours: dict[tuple[s.RelKind, Direction], dict[str, list[Edge]]] = field(default_factory=dict)
