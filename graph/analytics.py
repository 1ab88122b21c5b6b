"""Graph analytics on the knowledge graph: the entry points an analyst imports in a script or a notebook.

Everything starts from one networkx MultiDiGraph (`networkx_graph`) — built from data/ or pulled from Neo4j, the
same graph either way — so an analysis written against the embedded store runs unchanged against a loaded server.
The functions return plain, typed values (dataclasses, dicts, lists) in a fixed order, so their output can be
written to CSV, compared in tests and diffed between data releases.

    from graph.analytics import networkx_graph, centrality, agent_similarity
    g = networkx_graph()                      # or networkx_graph("neo4j") against NEO4J_URI / the local server
    top = centrality(g)[:10]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from graph import cypher_files
from graph import schema as s

if TYPE_CHECKING:
    from neo4j import Driver

K, R = s.NodeKind, s.RelKind

Source = Literal["embedded", "neo4j"]

AGENT_CLAIMS: tuple[s.RelKind, ...] = (R.AFFECTS, R.STUDIED_IN, R.TARGETS, R.HAS_MECHANISM)
"""The relationships that make a claim about an agent and carry evidence (MEMBER_OF is structural)."""

SIMILARITY_FEATURES: tuple[s.RelKind, ...] = (R.HAS_MECHANISM, R.TARGETS)
"""What two agents must share to be similar: mechanisms and molecular targets."""

SERVER_ONLY_PROPS: tuple[str, ...] = ("generation",)
"""Loader bookkeeping on every Neo4j node and relationship; not knowledge, so not part of the pulled graph."""

LEVEL_ORDER: tuple[str, ...] = tuple(
    lv.value for lv in sorted(s.EvidenceLevel, key=lambda lv: (s.EVIDENCE_RANK[lv], list(s.EvidenceLevel).index(lv)))
)
"""Evidence levels from weakest to strongest (ties in EVIDENCE_RANK keep the schema's order)."""


# ---------------------------------------------------------------------------------------------------------------
# Getting the graph
# ---------------------------------------------------------------------------------------------------------------


def networkx_graph(
    source: Source = "embedded",
    data: Path | None = None,
    driver: Driver | None = None,
    database: str | None = None,
) -> nx.MultiDiGraph:
    """The knowledge graph as a networkx MultiDiGraph, from data/ ("embedded") or from a loaded Neo4j ("neo4j").

    Both give the same graph: node attributes are the node's properties plus `label` (its kind), edge attributes
    the relationship's properties plus `type`, except `key`, which is the MultiDiGraph edge key. Pulling from Neo4j
    is for analysing what a server actually holds (e.g. a curator's database, or Aura); the embedded build needs
    no server. `data` overrides data/ for "embedded"; `driver` and `database` pick the server for "neo4j" (without
    a driver, NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE or the local calcigraph server are used).
    """
    if source == "embedded":
        return _embedded(data)
    if source == "neo4j":
        if driver is not None:
            return pull(driver, database)
        own, configured = _default_driver()
        with own:
            return pull(own, database or configured)
    raise ValueError(f"source must be 'embedded' or 'neo4j', not {source!r}")


def _embedded(data: Path | None) -> nx.MultiDiGraph:
    from graph.memory_store import build_graph
    from graph.paths import data_dir
    from loaders.validate import load_knowledge_base

    return build_graph(load_knowledge_base(data or data_dir()).records())


def _default_driver() -> tuple[Driver, str | None]:
    """A driver from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (or the local server), and NEO4J_DATABASE."""
    from neo4j import GraphDatabase

    from graph import settings

    cfg = settings.resolve()
    if cfg is None:
        raise RuntimeError(
            "no Neo4j to pull from: set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD), or start the local server with "
            "`calcigraph neo4j start`, or pass driver=..."
        )
    driver = GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password))
    try:
        driver.verify_connectivity()
    except Exception:
        driver.close()
        raise
    return driver, cfg.database


def pull(driver: Driver, database: str | None = None) -> nx.MultiDiGraph:
    """Read every calcigraph node and relationship from Neo4j with the two statements of
    cypher/analytics/pull.cypher, and build the same MultiDiGraph the embedded store uses."""
    stmts = cypher_files.named("analytics/pull.cypher")
    labels = [k.value for k in K]
    nodes, _, _ = driver.execute_query(stmts["nodes"], labels=labels, database_=database)
    rels, _, _ = driver.execute_query(stmts["relationships"], labels=labels, types=[r.value for r in R],
                                      database_=database)
    g = nx.MultiDiGraph()
    for row in nodes:
        g.add_node(row["id"], label=row["label"], **_clean(row["props"]))
    g.add_edges_from((row["source"], row["target"], row["key"],
                      {"type": row["type"], **_clean(row["props"], drop=("key",))}) for row in rels)
    return g


def _clean(props: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Without the loader's bookkeeping, and for relationships without `key`: it is the edge key in networkx
    (which reserves the attribute name), exactly as in the embedded graph."""
    return {k: v for k, v in props.items() if k not in SERVER_ONLY_PROPS and k not in drop}


# ---------------------------------------------------------------------------------------------------------------
# Small helpers over the graph
# ---------------------------------------------------------------------------------------------------------------


def nodes_of(g: nx.MultiDiGraph, *kinds: s.NodeKind) -> list[str]:
    """Ids of the nodes of these kinds, sorted."""
    wanted = {k.value for k in kinds}
    return sorted(n for n, label in g.nodes(data="label") if label in wanted)


def out_claims(g: nx.MultiDiGraph, node: str, *types: s.RelKind) -> Iterator[tuple[str, dict[str, Any]]]:
    """(target, edge attributes) of the node's outgoing relationships of these types, in key order."""
    wanted = {t.value for t in types}
    edges = sorted(g.out_edges(node, keys=True, data=True), key=lambda e: e[2])
    for _, target, _, attrs in edges:
        if attrs["type"] in wanted:
            yield target, attrs


def name(g: nx.MultiDiGraph, node: str) -> str:
    """The node's display name (its id when it has none)."""
    return str(g.nodes[node].get("name") or node)


def agent_classes(g: nx.MultiDiGraph, agent: str) -> list[str]:
    """The classes an agent is a MEMBER_OF, sorted."""
    return sorted({target for target, _ in out_claims(g, agent, R.MEMBER_OF)})


def knowledge_projection(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of the knowledge, without Publication nodes, built in sorted order.

    Why undirected: a relationship's direction follows the sentence it encodes (agent TARGETS target, disease
    HAS_PHASE phase), not a flow of influence; for "which nodes connect the graph" an association is one either
    way. Why simple: parallel claims between the same two nodes (inhibits in bone and in muscle) are one
    connection, not several. Why without publications: evidence sits on relationship properties, so Publication
    nodes have no edges here — kept, they would only inflate the node count and so shrink every normalised score
    with the size of the bibliography. Sorted insertion makes results independent of where the graph came from.
    """
    keep = sorted(n for n, label in g.nodes(data="label") if label != K.PUBLICATION.value)
    kept = set(keep)
    h = nx.Graph()
    h.add_nodes_from((n, {"label": g.nodes[n]["label"]}) for n in keep)
    h.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u in kept and v in kept and u != v}))
    return h


def neighbourhood(g: nx.MultiDiGraph, node: str, radius: int = 2) -> nx.MultiDiGraph:
    """The node and everything within `radius` hops of it (either direction), with every edge among them.

    Publications are left out for the reason given in `knowledge_projection`. Returns a new graph (attributes
    copied), so a caller may lay it out or annotate it without touching `g`.
    """
    if node not in g:
        raise KeyError(f"{node!r} is not a node of the graph")
    keep = sorted(nx.single_source_shortest_path_length(knowledge_projection(g), node, cutoff=radius))
    kept = set(keep)
    # Built node by node in sorted order (not `g.subgraph`, whose order follows a set and so varies per process):
    # the same neighbourhood then draws the same figure every time.
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(g.nodes[n])) for n in keep)
    inside = [(u, v, k, dict(attrs)) for u in keep for _, v, k, attrs in g.out_edges(u, keys=True, data=True)
              if v in kept]
    sub.add_edges_from(sorted(inside, key=lambda e: e[2]))
    return sub


# ---------------------------------------------------------------------------------------------------------------
# Centrality
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Centrality:
    id: str
    name: str
    kind: str
    degree: float
    """Normalised degree centrality: the share of the other nodes this one is directly linked to."""
    betweenness: float
    """Normalised betweenness centrality: the share of shortest paths between other nodes that pass through it."""


def centrality(g: nx.MultiDiGraph, kinds: Sequence[s.NodeKind] = (K.MECHANISM, K.PATHWAY)) -> list[Centrality]:
    """Degree and betweenness centrality of Mechanism and Pathway nodes, most central first.

    Computed on `knowledge_projection(g)` (undirected, simple, no publications; see there why) over the whole
    graph, then reported for `kinds`: a mechanism is central when it bridges many agents to many pathways and
    processes, which is what the scores are meant to surface. Sorted by betweenness, then degree, then id.
    """
    h = knowledge_projection(g)
    degree = nx.degree_centrality(h)
    between = nx.betweenness_centrality(h, normalized=True)
    wanted = {k.value for k in kinds}
    rows = [Centrality(n, name(g, n), h.nodes[n]["label"], degree[n], between[n])
            for n in h.nodes if h.nodes[n]["label"] in wanted]
    return sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.id))


# ---------------------------------------------------------------------------------------------------------------
# Agent similarity and communities
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentPair:
    a: str
    b: str
    """`a` < `b`: each unordered pair appears once."""
    jaccard: float
    shared: tuple[str, ...]
    """The mechanisms and targets both agents have, sorted."""


def agent_features(g: nx.MultiDiGraph, via: Sequence[s.RelKind] = SIMILARITY_FEATURES) -> dict[str, frozenset[str]]:
    """Each agent's mechanisms (HAS_MECHANISM) and targets (TARGETS) — the set similarity is measured on."""
    return {a: frozenset(t for t, _ in out_claims(g, a, *via)) for a in nodes_of(g, K.AGENT)}


def agent_similarity(g: nx.MultiDiGraph, via: Sequence[s.RelKind] = SIMILARITY_FEATURES) -> list[AgentPair]:
    """Jaccard similarity of agents over their mechanisms (HAS_MECHANISM) plus their targets (TARGETS).

    Why both: mechanisms say how an agent works in the curators' words, targets say what it binds; agents that
    hit the same target (two IL-1 blockers) are alike even where their mechanisms were curated at different
    grain, and a few agents have a target but no mechanism (or the reverse). Mechanism and target ids never
    collide (ids are unique across the graph), so the union is a plain set. Pass `via=(RelKind.HAS_MECHANISM,)`
    for mechanisms alone. Only pairs sharing something (Jaccard > 0) are returned, most similar first, then by id.
    """
    features = agent_features(g, via)
    agents = sorted(a for a, f in features.items() if f)
    pairs = []
    for i, a in enumerate(agents):
        for b in agents[i + 1:]:
            shared = features[a] & features[b]
            if shared:
                pairs.append(AgentPair(a, b, len(shared) / len(features[a] | features[b]), tuple(sorted(shared))))
    return sorted(pairs, key=lambda p: (-p.jaccard, p.a, p.b))


def similarity_graph(g: nx.MultiDiGraph, pairs: Iterable[AgentPair] | None = None) -> nx.Graph:
    """Agents as nodes (every agent, in id order), similar pairs as edges weighted by their Jaccard score."""
    h = nx.Graph()
    h.add_nodes_from(nodes_of(g, K.AGENT))
    h.add_weighted_edges_from((p.a, p.b, p.jaccard) for p in (agent_similarity(g) if pairs is None else pairs))
    return h


@dataclass(frozen=True)
class Community:
    index: int
    """0 for the largest community; singletons (agents that share nothing with any other) come last."""
    agents: tuple[str, ...]
    central: str = ""
    """The member with the largest summed similarity to the other members (ties: smallest id) — the name a
    legend gives the community ("Indomethacin and 8 others"), since Louvain's groups have no names."""


def agent_communities(g: nx.MultiDiGraph, pairs: Iterable[AgentPair] | None = None, seed: int = 7,
                      resolution: float = 1.0) -> list[Community]:
    """Groups of agents that act alike: Louvain communities of the agent similarity graph (Jaccard weights).

    Louvain is randomised; the fixed `seed` and the sorted node order of `similarity_graph` make the result the
    same on every run and from either source. Every agent is placed, so agents without a shared mechanism or
    target form singleton communities. Ordered by size (largest first), then by first agent id.
    """
    h = similarity_graph(g, pairs)
    found = nx.community.louvain_communities(h, weight="weight", seed=seed, resolution=resolution)
    groups = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))
    return [Community(i, c, _most_central(h, c)) for i, c in enumerate(groups)]


def _most_central(h: nx.Graph, members: tuple[str, ...]) -> str:
    inside = set(members)
    strength = {a: sum(d["weight"] for b, d in h[a].items() if b in inside) for a in members}
    return min(members, key=lambda a: (-round(strength[a], 9), a))


# ---------------------------------------------------------------------------------------------------------------
# Evidence levels per agent class
# ---------------------------------------------------------------------------------------------------------------


def evidence_levels_by_class(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """How many evidence items each agent class has at each evidence level: {class id: {level: count}}.

    Counts evidence items (one per cited finding), not claims, on the claims made about agents — AFFECTS,
    STUDIED_IN, TARGETS, HAS_MECHANISM — credited to the agent's classes (MEMBER_OF; an agent in two classes
    counts in both). It shows where a class's support comes from: cell culture and animals, or patients.
    Classes sorted by id; every level present (zeros included), weakest to strongest (`LEVEL_ORDER`).
    """
    counts: dict[str, Counter[str]] = {c: Counter() for c in nodes_of(g, K.AGENT_CLASS)}
    for agent in nodes_of(g, K.AGENT):
        levels = Counter(lv for _, attrs in out_claims(g, agent, *AGENT_CLAIMS) for lv in attrs["evidence_levels"])
        for cls in agent_classes(g, agent):
            counts[cls].update(levels)
    return {c: {lv: counts[c][lv] for lv in LEVEL_ORDER} for c in counts}


# ---------------------------------------------------------------------------------------------------------------
# Agents × disease phases
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseCell:
    agent: str
    phase: str
    disease: str
    order: int
    outcome: str
    """effective, ineffective, mixed or harmful; "mixed" also when claims on one phase disagree."""
    best_level: str
    pubs: tuple[str, ...]


@dataclass(frozen=True)
class PhaseMatrix:
    agents: list[str]
    """Agents with at least one study in a disease phase, sorted by id."""
    phases: list[str]
    """Every DiseasePhase, grouped by disease (by id) and in phase order — the columns of the heat map."""
    cells: list[PhaseCell]
    """The filled cells, in (agent, column) order."""

    def outcome(self, agent: str, phase: str) -> str | None:
        """The outcome in one cell; None when the agent was not studied in that phase."""
        return next((c.outcome for c in self.cells if c.agent == agent and c.phase == phase), None)


def agent_phase_matrix(g: nx.MultiDiGraph) -> PhaseMatrix:
    """Which agents were studied in which disease phase, with what outcome (STUDIED_IN into DiseasePhase nodes).

    Why phases: most agents work (or fail) in one phase of a disease — anti-inflammatories in an FOP flare-up,
    etidronate before HO is mineralised — and the matrix shows which phases have no studied agent at all.
    Studies of a whole disease (STUDIED_IN into a Disease) are not phase evidence and are not included.
    """
    phases = sorted(nodes_of(g, K.DISEASE_PHASE), key=lambda p: (g.nodes[p]["disease"], g.nodes[p]["order"], p))
    column = {p: i for i, p in enumerate(phases)}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for agent in nodes_of(g, K.AGENT):
        for target, attrs in out_claims(g, agent, R.STUDIED_IN):
            if target in column:
                grouped[agent, target].append(attrs)
    cells = [_cell(g, agent, phase, claims) for (agent, phase), claims in grouped.items()]
    cells.sort(key=lambda c: (c.agent, column[c.phase]))
    return PhaseMatrix(sorted({c.agent for c in cells}), phases, cells)


def _cell(g: nx.MultiDiGraph, agent: str, phase: str, claims: list[dict[str, Any]]) -> PhaseCell:
    outcomes = {c["outcome"] for c in claims}
    best = max(claims, key=lambda c: c["best_rank"])["best_level"]
    pubs = tuple(sorted({p for c in claims for p in c["evidence_pubs"]}))
    node = g.nodes[phase]
    outcome = outcomes.pop() if len(outcomes) == 1 else s.Outcome.MIXED.value
    return PhaseCell(agent, phase, node["disease"], node["order"], outcome, best, pubs)
