"""The GraphStore protocol: every read the API and the CLI need, answered identically by both stores.

The embedded store (`graph.memory_store`) walks networkx; the Neo4j store (`graph.neo4j_store`) runs Cypher
from `cypher/`. Question parameters and results are defined in `graph.questions`; the parity tests hold the two
implementations to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol, TypeVar, runtime_checkable

from graph import schema as s

A = TypeVar("A")
B = TypeVar("B")


@dataclass(frozen=True)
class Node:
    id: str
    kind: s.NodeKind
    props: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.props.get("name", self.id))

    @cached_property
    def evidence(self) -> list[EvidenceItem]:
        """The evidence a disease or phase node carries, unpacked once per object (treat it as read-only)."""
        return evidence_of(self.props)


@dataclass(frozen=True)
class Edge:
    key: str
    kind: s.RelKind
    source: str
    target: str
    props: Mapping[str, Any]

    @cached_property
    def evidence(self) -> list[EvidenceItem]:
        """The claim's evidence items, unpacked once per object (treat it as read-only): the embedded store keeps
        its edges, so the verdicts of every request read the same unpacked lists."""
        return evidence_of(self.props)


@dataclass(frozen=True)
class EvidenceItem:
    pub: str
    level: s.EvidenceLevel
    finding: str
    species: str | None
    model: str | None
    comparator: bool
    verified: bool
    exposure: s.Exposure = s.Exposure.THERAPEUTIC
    regimen: s.Regimen | None = None
    timing: s.Timing | None = None
    population: s.Population | None = None
    intent: s.Intent | None = None


_BY_VALUE: dict[type[Any], dict[str, Any]] = {
    enum: {m.value: m for m in enum} for enum in (s.EvidenceLevel, s.Exposure, s.Regimen, s.Timing, s.Population,
                                                  s.Intent)}
"""Enum members by stored value: a dict lookup instead of an Enum call per item (the flagship unpacks ~1,000)."""


def _column(props: Mapping[str, Any], key: str, n: int, enum: type[Any]) -> list[Any]:
    """An optional context list as members (None where absent or empty), padded to `n` items."""
    values = props.get(key) or ()
    members = _BY_VALUE[enum]
    column = [members[v] if v else None for v in values[:n]]
    return column + [None] * (n - len(column))


def evidence_of(props: Mapping[str, Any]) -> list[EvidenceItem]:
    """Unpack the parallel evidence lists a relationship (or disease/phase node) carries. Prefer `Edge.evidence` /
    `Node.evidence`, which unpack once per object (the embedded store keeps its objects, so once per process)."""
    pubs = props.get("evidence_pubs") or []
    if not pubs:
        return []
    n = len(pubs)
    levels = _BY_VALUE[s.EvidenceLevel]
    therapeutic = s.Exposure.THERAPEUTIC
    return [
        EvidenceItem(pub, levels[level], finding, species or None, model or None, bool(comparator), bool(verified),
                     exposure or therapeutic, regimen, timing, population, intent)
        for pub, level, finding, species, model, comparator, verified, exposure, regimen, timing, population, intent
        in zip(pubs, props["evidence_levels"], props.get("evidence_findings") or [""] * n,
               props.get("evidence_species") or [""] * n, props.get("evidence_models") or [""] * n,
               props["evidence_comparator"], props["evidence_verified"],
               _column(props, "evidence_exposures", n, s.Exposure), _column(props, "evidence_regimens", n, s.Regimen),
               _column(props, "evidence_timings", n, s.Timing), _column(props, "evidence_populations", n,
                                                                        s.Population),
               _column(props, "evidence_intents", n, s.Intent), strict=True)
    ]


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class SortField(StrEnum):
    ID = "id"
    """The node's id (a stable slug)."""
    NAME = "name"
    """The node's display name."""


@dataclass(frozen=True)
class NodeFilter:
    """Filters of list queries; all given conditions must hold."""

    ids: Sequence[str] | None = None
    name_contains: str | None = None
    agent_class: str | None = None
    agent_kind: str | None = None
    identifier: str | None = None


@dataclass(frozen=True)
class Page:
    items: list[Node]
    total: int


@dataclass(frozen=True)
class Counts:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)


class StoreUnavailable(RuntimeError):
    """The store cannot be reached now (e.g. Neo4j is down); the caller may retry later."""


class StoreTimeout(RuntimeError):
    """A read took longer than the configured timeout and was stopped."""


@runtime_checkable
class GraphStore(Protocol):
    """Read operations over the calcigraph graph. Implementations must agree on every answer."""

    backend: str
    immutable: bool
    """True when the graph cannot change while the store is open (answers may then be cached)."""

    def counts(self) -> Counts: ...

    def together(self, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
        """Both results; a remote store may overlap the two calls to hide a round trip. An exception from `first`
        wins (it is an argument check; `second` must be safe to run even when `first` rejects)."""
        ...

    def get_many(self, ids: Sequence[str]) -> dict[str, Node]:
        """The nodes with these ids (unknown ids are simply absent)."""
        ...

    def list_nodes(self, kind: s.NodeKind, where: NodeFilter, sort: SortField, descending: bool, limit: int,
                   offset: int) -> Page: ...

    def neighbours(self, ids: Sequence[str], rel: s.RelKind, direction: Direction) -> dict[str, list[Edge]]:
        """For each id, its relationships of one type in one direction, ordered by key (DataLoader batching)."""
        ...

    def search(self, text: str, kinds: Sequence[s.NodeKind], limit: int) -> list[Node]:
        """Case-insensitive substring match on names, synonyms, brand names, symbols and titles; ranked."""
        ...

    # ---- questions (semantics in graph.questions) ---------------------------------------------------------
    def inhibitor_rows(self, q: Any, lean: bool = False) -> list[Any]:
        """`lean`: the claims' and the agent's properties may leave out graph.schema.TEXT_PROPERTIES (the caller
        shows none of them)."""
        ...

    def dual_action_rows(self, q: Any) -> list[Any]: ...

    def phase_study_rows(self, q: Any) -> list[Any]: ...

    def mechanism_path_rows(self, q: Any) -> list[Any]: ...

    def agent_claim_rows(self, agent: str) -> list[Edge]: ...

    def path_rows(self, q: Any) -> list[Any]: ...

    def acting_on_rows(self, q: Any) -> list[Any]: ...

    def studied_in_rows(self, q: Any) -> list[Edge]: ...

    def gap_rows(self, process: str) -> tuple[list[Any], list[Any]]: ...

    def close(self) -> None: ...
