"""The root Query: lookups, lists and connections per node kind (generated), full-text search, and the six
questions of `graph.questions` as first-class fields.

Every argument problem becomes a GraphQL error whose `extensions.argument` names the argument; store outages
and timeouts become errors with their own codes; anything unexpected is masked (no stack traces leave).

No `from __future__ import annotations`: strawberry needs the generated resolvers' annotations as objects.
"""

import base64
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import Info

from api.graphql import types as t
from api.graphql.context import Context, Limits
from api.graphql.errors import QuietSchema, bad_argument
from api.graphql.fast_executor import CompiledSchema
from api.graphql.fast_path import FastPath
from api.graphql.request_plan import reads_text
from api.graphql.response_cache import ResponseCache
from graph import questions as qs
from graph import schema as s
from graph.fetch_plan import ListRoot
from graph.store import NodeFilter, SortField


async def run(info: Info[Context, None], fn: Callable[..., Any], *args: Any) -> Any:
    """Call the store (in a thread), translating question errors into errors naming the argument."""
    try:
        return await info.context.call(fn, *args)
    except qs.QuestionError as exc:
        raise bad_argument(exc.argument, str(exc).split(": ", 1)[1], exc.suggestions) from None


MAX_OFFSET = 1_000_000
"""The deepest page any list serves (both stores; Neo4j refuses SKIP values past a 32-bit integer, so the bound is
checked here, once, for both)."""


def check_page(info: Info[Context, None], limit: int, offset: int, limit_name: str = "limit",
               offset_name: str = "offset") -> None:
    top = info.context.limits.max_page_size
    if not 0 <= limit <= top:
        raise bad_argument(limit_name, f"must be between 0 and {top} (got {limit})")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad_argument(offset_name, f"must be between 0 and {MAX_OFFSET} (got {offset})")


def node_filter(where: t.NodeWhere | None) -> NodeFilter:
    if where is None:
        return NodeFilter()
    return NodeFilter(ids=[str(i) for i in where.ids] if where.ids is not None else None,
                      name_contains=where.name_contains, agent_class=where.agent_class,
                      agent_kind=where.agent_kind, identifier=where.identifier)


async def fetch(info: Info[Context, None], node_id: str, kinds: tuple[s.NodeKind, ...], argument: str) -> t.Entity:
    node = await info.context.nodes.load(node_id)
    if node is None:
        close = await info.context.call(qs.closest_ids, info.context.store, node_id, list(kinds))
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else \
            " (find ids by name with the `search` field)"
        raise bad_argument(argument, f"no node has id {node_id!r}{hint}", close)
    if kinds and node.kind not in kinds:
        raise bad_argument(argument, f"{node_id!r} is a {node.kind.value}, not a {' or '.join(kinds)}")
    return t.wrap(node)


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, value = base64.b64decode(cursor.encode(), validate=True).decode().split(":")
        if kind != "offset" or not value.isascii() or not value.isdigit() or len(value) > 7 \
                or int(value) >= MAX_OFFSET:
            raise ValueError
        return int(value)
    except ValueError:
        raise bad_argument("after", f"{cursor!r} is not a cursor this API issued") from None


# ---- generated per-kind root fields ----------------------------------------------------------------------------


def _by_id(kind: s.NodeKind) -> Callable[..., Any]:
    async def resolve(info: Info[Context, None], id: strawberry.ID) -> Any:
        return await fetch(info, str(id), (kind,), "id")

    resolve.__annotations__ = {"info": Info[Context, None],
                               "id": Annotated[strawberry.ID,
                                               strawberry.argument(description=f"The {kind.value}'s id.")],
                               "return": t.NODE_TYPES[kind]}
    return resolve


def _sort(sort: t.NodeSort | None) -> tuple[SortField, bool]:
    sort = sort or t.NodeSort()
    return SortField(sort.field), sort.direction == t.SortDirection.DESC


WHERE = Annotated[t.NodeWhere | None, strawberry.argument(description="Only nodes matching every condition given.")]
SORT = Annotated[t.NodeSort | None,
                 strawberry.argument(description="Sort field and direction (default: id, ascending).")]
LIMIT = Annotated[int, strawberry.argument(description="At most this many nodes (1-500).")]
OFFSET = Annotated[int, strawberry.argument(description="Skip this many nodes first.")]
FIRST = Annotated[int, strawberry.argument(description="At most this many edges (1-500).")]
AFTER = Annotated[str | None, strawberry.argument(description="Start after this cursor (an edge's `cursor`).")]


def _list(kind: s.NodeKind) -> Callable[..., Any]:
    async def resolve(info: Info[Context, None], where: t.NodeWhere | None = None, sort: t.NodeSort | None = None,
                      limit: int = 50, offset: int = 0) -> Any:
        check_page(info, limit, offset)
        field, descending = _sort(sort)
        page = info.context.planned_page(ListRoot(kind, node_filter(where), field, descending, limit, offset)) or \
            await run(info, info.context.store.list_nodes, kind, node_filter(where), field, descending, limit, offset)
        return t.Page(total_count=page.total, items=[t.wrap(n) for n in page.items])

    resolve.__annotations__ = {"info": Info[Context, None], "where": WHERE, "sort": SORT, "limit": LIMIT,
                               "offset": OFFSET, "return": t.Page[t.NODE_TYPES[kind]]}
    return resolve


def _connection(kind: s.NodeKind) -> Callable[..., Any]:
    async def resolve(info: Info[Context, None], where: t.NodeWhere | None = None, sort: t.NodeSort | None = None,
                      first: int = 50, after: str | None = None) -> Any:
        start = decode_cursor(after) + 1 if after else 0
        check_page(info, first, start, "first", "after")
        field, descending = _sort(sort)
        page = info.context.planned_page(ListRoot(kind, node_filter(where), field, descending, first, start)) or \
            await run(info, info.context.store.list_nodes, kind, node_filter(where), field, descending, first, start)
        edges = [t.Edge(cursor=encode_cursor(start + i), node=t.wrap(n)) for i, n in enumerate(page.items)]
        info_ = t.PageInfo(has_next_page=start + len(edges) < page.total, has_previous_page=start > 0,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None)
        return t.Connection(total_count=page.total, edges=edges, page_info=info_)

    resolve.__annotations__ = {"info": Info[Context, None], "where": WHERE, "sort": SORT, "first": FIRST,
                               "after": AFTER, "return": t.Connection[t.NODE_TYPES[kind]]}
    return resolve


def _kind_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for kind in s.NodeKind:
        plural = t.PLURALS[kind]
        fields[t.singular(kind)] = strawberry.field(resolver=_by_id(kind), description=f"One {kind.value} by id.")
        fields[plural] = strawberry.field(
            resolver=_list(kind), description=f"{kind.value} nodes: filter, sort, limit/offset page with totalCount.")
        fields[plural + "Connection"] = strawberry.field(
            resolver=_connection(kind), description=f"{kind.value} nodes as a Relay connection (first/after).")
    return fields


# ---- hand-written root fields: lookup, search, questions -----------------------------------------------------


def _rels(edges: list[Any]) -> list[Any]:
    return [t.relationship(e) for e in edges]


async def _node(info: Info[Context, None],
                id: Annotated[strawberry.ID, strawberry.argument(description="Any node's id.")]) -> t.Entity:
    """Any node by id."""
    return await fetch(info, str(id), (), "id")


async def _search(
    info: Info[Context, None],
    text: Annotated[str, strawberry.argument(description="Words to look for (case-insensitive).")],
    kinds: Annotated[list[t.NodeKindEnum] | None, strawberry.argument(  # type: ignore[valid-type]
        description="Only nodes of these kinds (all when omitted).")] = None,
    limit: Annotated[int, strawberry.argument(description="At most this many matches (1-500).")] = 20,
) -> list[t.Entity]:
    """Case-insensitive search over names, synonyms, brand names, gene symbols and titles; best matches first
    (exact name, then name prefix, then name substring, then other fields)."""
    check_page(info, limit, 0)
    if not text.strip():
        raise bad_argument("text", "must not be empty")
    found = await run(info, info.context.store.search, text, [s.NodeKind(k) for k in kinds or []], limit)
    return [t.wrap(n) for n in found]


async def _inhibitors_without_harm(
    info: Info[Context, None],
    process: Annotated[strawberry.ID, strawberry.argument(
        description="The process to inhibit; its IS_A subtypes and PART_OF parts count too.")
    ] = strawberry.ID(qs.DEFAULT_PROCESS),
    spare: Annotated[list[strawberry.ID] | None, strawberry.argument(
        description="Nodes whose suppression is bone harm (with their IS_A/PART_OF descendants); default: every "
                    "process and cell type with a bone facet.")] = None,
    disease: Annotated[strawberry.ID | None, strawberry.argument(
        description="Only agents studied with success in this disease or a subtype (any phase).")] = None,
    phase: Annotated[strawberry.ID | None, strawberry.argument(
        description="Only agents studied with success in this disease phase.")] = None,
    tissue: Annotated[strawberry.ID | None, strawberry.argument(
        description="Only agents whose inhibition names this tissue, or studied with success in a disease "
                    "involving it.")] = None,
    min_evidence: Annotated[t.EvidenceLevelEnum | None, strawberry.argument(  # type: ignore[valid-type]
        description="Qualifying claims need at least this evidence level.")] = None,
    include_harmed: Annotated[bool, strawberry.argument(
        description="Also list agents whose overall verdict is harm or conflicting.")] = False,
    verified_only: Annotated[bool, strawberry.argument(
        description="A qualifying claim must cite a verified publication (bone-safety claims always count).")
    ] = True,
    clinical: Annotated[bool, strawberry.argument(
        description="Count effective/mixed studies in diseases that manifest the process as inhibition.")] = True,
) -> list[t.InhibitorResult]:
    """Agents that inhibit ectopic calcification (or `process`) — by an inhibits claim or by a successful clinical
    study in a disease that manifests it — with a bone-safety verdict per facet (osteoblast, bone formation,
    mineralization, fracture healing, bone mass / fracture risk, skeletal growth) and overall, each with a one-line
    reason. By default only agents whose overall verdict is benefit, no_harm or no_data; `includeHarmed` adds harm and
    conflicting. Ordered by verdict, then strength of the qualifying evidence. The rule: docs/verdicts.md."""
    q = qs.InhibitorsWithoutHarm(
        process=str(process), spare=tuple(str(x) for x in spare) if spare is not None else qs.DEFAULT_SPARE,
        disease=disease and str(disease), phase=phase and str(phase), tissue=tissue and str(tissue),
        min_evidence=s.EvidenceLevel(min_evidence) if min_evidence else None, include_harmed=include_harmed,
        verified_only=verified_only, clinical=clinical)
    lean = not reads_text(info.selected_fields)  # then the store may leave the text out
    answers = await run(info, qs.inhibitors_without_harm, info.context.store, q, lean)
    return [t.InhibitorResult(agent=t.wrap(a.node), verdict=a.verdict, reason=a.bone.reason,
                              facets=[t.facet_verdict(f) for f in a.bone.facets], qualified_by=a.qualified_by,
                              inhibitions=_rels(a.inhibitions), efficacy=_rels(a.efficacy),
                              strength=t.strength(a.strength), safety=a.safety,
                              safety_claims=_rels(a.safety_claims)) for a in answers]


async def _dual_action(
    info: Info[Context, None],
    process: Annotated[strawberry.ID, strawberry.argument(
        description="The process to inhibit; its IS_A subtypes and PART_OF parts count too.")
    ] = strawberry.ID(qs.DEFAULT_PROCESS),
    promotes: Annotated[list[strawberry.ID] | None, strawberry.argument(
        description="Processes or cell types the agent should promote (default: bone formation, skeletal "
                    "mineralization, osteoblast, bone mass), with their IS_A/PART_OF descendants.")] = None,
    min_evidence: Annotated[t.EvidenceLevelEnum | None, strawberry.argument(  # type: ignore[valid-type]
        description="Both claims need at least this evidence level.")] = None,
    verified_only: Annotated[bool, strawberry.argument(
        description="Every counted claim must cite a verified publication.")] = True,
    clinical: Annotated[bool, strawberry.argument(
        description="Count effective/mixed studies in diseases that manifest the process as inhibition.")] = True,
) -> list[t.DualActionResult]:
    """Agents that inhibit `process` (by an inhibits claim, or — with `clinical` — a successful study in a disease
    that manifests it) and promote any of `promotes` (default: bone formation, skeletal mineralization, osteoblast,
    bone mass), with conflicting claims listed. `verifiedOnly` (default true): every counted claim must cite a
    verified publication."""
    q = qs.DualAction(process=str(process),
                      promotes=tuple(str(x) for x in promotes) if promotes is not None else qs.DEFAULT_BONE_PROMOTES,
                      min_evidence=s.EvidenceLevel(min_evidence) if min_evidence else None,
                      verified_only=verified_only, clinical=clinical)
    rows = await run(info, qs.dual_action, info.context.store, q)
    return [t.DualActionResult(agent=t.wrap(r.node), inhibitions=_rels(r.inhibitions), efficacy=_rels(r.efficacy),
                               promotions=_rels(r.promotions), conflicts=_rels(r.conflicts)) for r in rows]


async def _agents_in_phase(
    info: Info[Context, None],
    phase: Annotated[strawberry.ID | None, strawberry.argument(description="One disease phase.")] = None,
    disease: Annotated[strawberry.ID | None, strawberry.argument(
        description="Studies of this disease or its subtypes, on its phase scheme (or its nearest supertype's).")
    ] = None,
    agent: Annotated[strawberry.ID | None, strawberry.argument(
        description="The phases this agent was studied in.")] = None,
) -> list[t.PhaseStudyResult]:
    """Agents studied in a disease phase (give `phase`; or `disease` for studies of it and its subtypes on the phases
    of its scheme — its own or its nearest supertype's; a disease with no scheme is an error), or the phases one
    `agent` was studied in; with outcome and evidence. Ordered by studied disease, phase order, agent."""
    q = qs.PhaseStudies(phase=phase and str(phase), disease=disease and str(disease), agent=agent and str(agent))
    rows = await run(info, qs.phase_studies, info.context.store, q)
    ids = sorted({x for r in rows for x in (r.agent, r.phase, r.disease, r.scheme)})
    nodes = dict(zip(ids, await info.context.nodes.load_many(ids), strict=True))
    return [t.PhaseStudyResult(agent=t.wrap(nodes[r.agent]), phase=t.wrap(nodes[r.phase]),
                               disease=t.wrap(nodes[r.disease]), scheme=t.wrap(nodes[r.scheme]), order=r.order,
                               outcome=r.outcome, claim=t.relationship(r.claim)) for r in rows]


async def _paths_out(info: Info[Context, None], found: list[qs.GraphPath]) -> list[t.Path]:
    ids = sorted({n for p in found for n in p.nodes})
    nodes = dict(zip(ids, await info.context.nodes.load_many(ids), strict=True))
    return [t.Path(nodes=[t.wrap(nodes[n]) for n in p.nodes], relationships=_rels(p.edges), length=len(p.edges))
            for p in found]


async def _mechanism_paths(
    info: Info[Context, None],
    agent: Annotated[strawberry.ID, strawberry.argument(description="The agent the paths start from.")],
    to: Annotated[strawberry.ID, strawberry.argument(description="A process, cell type or disease.")],
    max_hops: Annotated[int, strawberry.argument(description="At most this many relationships (1-6).")] = 4,
    limit: Annotated[int, strawberry.argument(description="At most this many paths (1-500).")] = 100,
) -> list[t.Path]:
    """Directed paths from `agent` to a process, cell type or disease through targets, mechanisms, pathways and
    processes (at most `maxHops` ≤ 6 relationships), shortest first, each relationship with its citations."""
    q = qs.MechanismPaths(agent=str(agent), to=str(to), max_hops=max_hops, limit=limit)
    return await _paths_out(info, await run(info, qs.mechanism_paths, info.context.store, q))


async def _evidence_profile(
    info: Info[Context, None],
    agent: Annotated[strawberry.ID, strawberry.argument(description="The agent whose claims to group.")],
) -> list[t.ProfileGroup]:
    """Every claim of `agent`, grouped by relationship type, direction/outcome/action and best evidence level."""
    groups = await run(info, qs.evidence_profile, info.context.store, str(agent))
    return [t.ProfileGroup(relationship=g.rel, qualifier=g.qualifier, level=g.level, claims=_rels(g.claims))
            for g in groups]


async def _paths(
    info: Info[Context, None],
    from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Any node id: one end.")],
    to: Annotated[strawberry.ID, strawberry.argument(description="Any node id: the other end.")],
    via: Annotated[list[t.RelationshipTypeEnum] | None, strawberry.argument(  # type: ignore[valid-type]
        description="Only these relationship types (all when omitted).")] = None,
    max_hops: Annotated[int, strawberry.argument(description="At most this many relationships (1-4).")] = 3,
    exclude: Annotated[list[strawberry.ID] | None, strawberry.argument(
        description="Never pass through these nodes.")] = None,
    limit: Annotated[int, strawberry.argument(description="At most this many paths (1-500).")] = 100,
) -> list[t.Path]:
    """Paths between two nodes in either direction, using only relationship types in `via` (all when omitted),
    at most `maxHops` ≤ 4, never through a node in `exclude`; shortest first."""
    q = qs.Paths(source=str(from_), target=str(to), via=tuple(s.RelKind(v) for v in via or []),
                 max_hops=max_hops, exclude=tuple(str(x) for x in exclude or []), limit=limit)
    return await _paths_out(info, await run(info, qs.paths, info.context.store, q))


async def _agents_acting_on(
    info: Info[Context, None],
    node: Annotated[strawberry.ID, strawberry.argument(description="A target, pathway or mechanism id.")],
    min_evidence: Annotated[t.EvidenceLevelEnum | None, strawberry.argument(  # type: ignore[valid-type]
        description="Keep claims whose best evidence ranks at least this level.")] = None,
    verified_only: Annotated[bool, strawberry.argument(
        description="Every claim of a chain must cite a verified publication (default: list all, flagged).")
    ] = False,
) -> list[t.ActingAgentResult]:
    """Agents acting on a target, pathway or mechanism — directly (TARGETS, HAS_MECHANISM) or through one target or
    mechanism (PARTICIPATES_IN, MODULATES) — with every claim chain and its evidence. Direct first, then strongest."""
    q = qs.AgentsActingOn(node=str(node), min_evidence=s.EvidenceLevel(min_evidence) if min_evidence else None,
                          verified_only=verified_only)
    rows = await run(info, qs.agents_acting_on, info.context.store, q)
    ids = sorted({n for r in rows for p in r.chains for n in p.nodes})
    nodes = dict(zip(ids, await info.context.nodes.load_many(ids), strict=True))
    return [t.ActingAgentResult(agent=t.wrap(nodes[r.agent]), direct=r.direct,
                                chains=[t.Path(nodes=[t.wrap(nodes[n]) for n in p.nodes],
                                               relationships=_rels(p.edges), length=len(p.edges)) for p in r.chains])
            for r in rows]


async def _agents_studied_in(
    info: Info[Context, None],
    disease: Annotated[strawberry.ID, strawberry.argument(description="The disease; its subtypes count too.")],
    outcomes: Annotated[list[t.OutcomeEnum] | None, strawberry.argument(  # type: ignore[valid-type]
        description="Keep claims with one of these outcomes (all when omitted).")] = None,
    intent: Annotated[t.IntentEnum | None, strawberry.argument(  # type: ignore[valid-type]
        description="Keep claims with an evidence item of this intent (prevention / treatment).")] = None,
    min_evidence: Annotated[t.EvidenceLevelEnum | None, strawberry.argument(  # type: ignore[valid-type]
        description="Keep claims whose best evidence ranks at least this level.")] = None,
    verified_only: Annotated[bool, strawberry.argument(
        description="Keep claims citing a verified publication (default: list all, flagged).")] = False,
) -> list[t.DiseaseStudyResult]:
    """Every agent studied in a disease or its subtypes (on the disease or a phase), with outcome, intent and
    evidence; effective first, then strongest evidence."""
    q = qs.AgentsStudiedIn(disease=str(disease), outcomes=tuple(s.Outcome(o) for o in outcomes or ()),
                           intent=s.Intent(intent) if intent else None,
                           min_evidence=s.EvidenceLevel(min_evidence) if min_evidence else None,
                           verified_only=verified_only)
    rows = await run(info, qs.agents_studied_in, info.context.store, q)
    ids = sorted({x for r in rows for x in (r.agent, r.disease, r.phase) if x})
    nodes = dict(zip(ids, await info.context.nodes.load_many(ids), strict=True))
    return [t.DiseaseStudyResult(agent=t.wrap(nodes[r.agent]), disease=t.wrap(nodes[r.disease]),
                                 phase=t.wrap(nodes[r.phase]) if r.phase else None, outcome=r.outcome,
                                 intents=list(r.intents), claim=t.relationship(r.claim),
                                 strength=t.strength(r.strength)) for r in rows]


async def _evidence_gaps(
    info: Info[Context, None],
    scope: Annotated[t.GapScopeEnum, strawberry.argument(  # type: ignore[valid-type]
        description="One row per agent class (default) or per disease.")] = qs.GapScope.AGENT_CLASS,
    kinds: Annotated[list[t.GapKindEnum] | None, strawberry.argument(  # type: ignore[valid-type]
        description="Keep rows of these kinds, e.g. [COMPARATOR_ONLY, NONE] for the classes that lack "
                    "musculoskeletal efficacy evidence.")] = None,
) -> list[t.EvidenceGapResult]:
    """For each agent class (or disease): the strongest kind of efficacy evidence the graph holds — musculoskeletal
    human, animal or in vitro, comparator settings only, or none — weakest first, so the gaps lead."""
    q = qs.EvidenceGaps(scope=qs.GapScope(scope), kinds=tuple(qs.GapKind(k) for k in kinds or ()))
    rows = await run(info, qs.evidence_gaps, info.context.store, q)
    ids = sorted({x for r in rows for x in (r.node, *r.agents)})
    nodes = dict(zip(ids, await info.context.nodes.load_many(ids), strict=True))
    return [t.EvidenceGapResult(node=t.wrap(nodes[r.node]), kind=r.kind, agents=[t.wrap(nodes[a]) for a in r.agents],
                                claims=r.claims, publications=r.publications, best_level=r.best_level,
                                controlled=r.controlled) for r in rows]


def _question(resolver: Callable[..., Any]) -> Any:
    """A root field whose description is its resolver's docstring (what the question means, for GraphiQL's Docs)."""
    return strawberry.field(resolver=resolver, description=inspect.cleandoc(resolver.__doc__ or ""))


def build_query_type() -> type:
    ns: dict[str, Any] = {
        "node": _question(_node),
        "search": _question(_search),
        "inhibitorsWithoutHarm": _question(_inhibitors_without_harm),
        "dualAction": _question(_dual_action),
        "agentsInPhase": _question(_agents_in_phase),
        "mechanismPaths": _question(_mechanism_paths),
        "evidenceProfile": _question(_evidence_profile),
        "paths": _question(_paths),
        "agentsActingOn": _question(_agents_acting_on),
        "agentsStudiedIn": _question(_agents_studied_in),
        "evidenceGaps": _question(_evidence_gaps),
        **_kind_fields(),
    }
    return strawberry.type(type("Query", (), ns), description="calcigraph: read-only questions over the graph.")


def _should_mask(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions; GraphQL validation errors and ApiErrors are meant for the client."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def create_schema(limits: Limits | None = None, response_cache: bool = False) -> QuietSchema:
    """The schema with its guards. `response_cache` is for immutable stores only (see `ResponseCache`)."""
    limits = limits or Limits()
        # The limit rules are classes built once here, so validation results can be cached across requests
    # (ValidationCache keys on the rule classes; per-request limiter instances would build new ones each time).
    limit_rules = [*QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
                   *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules]
    extensions: list[Callable[[], Any]] = [  # factories: a fresh extension per request
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: AddValidationRules(limit_rules),
        lambda: MaskErrors(should_mask_error=_should_mask, error_message="Unexpected error; it has been logged."),
        lambda: ParserCache(maxsize=512),  # frontends repeat the same query texts: parse each once
        lambda: ValidationCache(maxsize=512),  # ... and validate each once
    ]
    if response_cache:
        cache = ResponseCache.store(maxsize=limits.response_cache_size)
        extensions.append(lambda: ResponseCache(cache))
    if limits.fast_path:  # after the cache: a cached answer needs no execution at all
        compiled: list[CompiledSchema] = []
        extensions.append(lambda: FastPath(compiled))
    return QuietSchema(query=build_query_type(), types=list(t.NODE_TYPES.values()), extensions=extensions)
