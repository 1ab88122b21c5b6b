"""The GraphStore protocol: every read the API and the CLI need, answered identically by both stores.

The embedded store (`graph.memory_store`) walks networkx; the Neo4j store (`graph.neo4j_store`) runs Cypher
from `cypher/`. Question parameters and results are defined in `graph.questions`; the parity tests hold the two
implementations to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
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


@dataclass(frozen=True)
class Edge:
    key: str
    kind: s.RelKind
    source: str
    target: str
    props: Mapping[str, Any]


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


def _optional(props: Mapping[str, Any], key: str, i: int, enum: type[Any]) -> Any:
    values = props.get(key) or []
    return enum(values[i]) if i < len(values) and values[i] else None


def evidence_of(props: Mapping[str, Any]) -> list[EvidenceItem]:
    """Unpack the parallel evidence lists a relationship (or disease/phase node) carries."""
    pubs = props.get("evidence_pubs") or []
    return [
        EvidenceItem(
            pub=pub,
            level=s.EvidenceLevel(props["evidence_levels"][i]),
            finding=props["evidence_findings"][i],
            species=props["evidence_species"][i] or None,
            model=props["evidence_models"][i] or None,
            comparator=bool(props["evidence_comparator"][i]),
            verified=bool(props["evidence_verified"][i]),
            exposure=_optional(props, "evidence_exposures", i, s.Exposure) or s.Exposure.THERAPEUTIC,
            regimen=_optional(props, "evidence_regimens", i, s.Regimen),
            timing=_optional(props, "evidence_timings", i, s.Timing),
            population=_optional(props, "evidence_populations", i, s.Population),
            intent=_optional(props, "evidence_intents", i, s.Intent),
        )
        for i, pub in enumerate(pubs)
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
    def inhibitor_rows(self, q: Any) -> list[Any]: ...

    def dual_action_rows(self, q: Any) -> list[Any]: ...

    def phase_study_rows(self, q: Any) -> list[Any]: ...

    def mechanism_path_rows(self, q: Any) -> list[Any]: ...

    def agent_claim_rows(self, agent: str) -> list[Edge]: ...

    def path_rows(self, q: Any) -> list[Any]: ...

    def acting_on_rows(self, q: Any) -> list[Any]: ...

    def studied_in_rows(self, q: Any) -> list[Edge]: ...

    def gap_rows(self, process: str) -> tuple[list[Any], list[Any]]: ...

    def close(self) -> None: ...
