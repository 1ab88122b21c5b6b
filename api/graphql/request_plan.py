"""Plan the request, not the field: from a root field's validated selection, the `FetchPlan` (graph.fetch_plan) of
everything below it that the store would otherwise load level by level.

Used by the compiled executor before it runs a root field's resolver, on stores that can answer a plan in one round
trip (`Neo4jStore.fetch_tree`). Only field *names* of the validated document are read, matched against the names
`api.graphql.types` generated from `graph.schema`; argument values go into the plan as values (the store passes
them as parameters). Type conditions and `@skip`/`@include` are ignored, so a plan may load a little more than the
answer shows, never less of what it needs in the common shapes; anything it does not cover is loaded by the
DataLoaders as before. A root field whose arguments the resolver would refuse gets no plan (the resolver words the
error).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from strawberry.types.nodes import SelectedField

from api.graphql import types as t
from graph import schema as s
from graph.fetch_plan import FetchPlan, IdRoot, ListRoot, NodeTree, RelBranch
from graph.store import Direction, NodeFilter, SortField

PLAN_MAX_COST = 100_000
"""Requests estimated costlier (api.graphql.guards) are not planned: one statement returning a whole huge answer
would hold it in Neo4j's heap at once; level by level, each statement stays bounded by one level."""
RELATIONSHIP_FIELDS: dict[str, tuple[s.RelKind, Direction]] = {
    t.relationship_field_name(rel, direction): (rel, direction) for rel in s.RelKind for direction in Direction}
BY_ID: frozenset[str] = frozenset({"node", *(t.singular(kind) for kind in s.NodeKind)})
LISTS: dict[str, s.NodeKind] = {t.PLURALS[kind]: kind for kind in s.NodeKind}
CONNECTIONS: dict[str, s.NodeKind] = {t.PLURALS[kind] + "Connection": kind for kind in s.NodeKind}


def plan_root(name: str, args: Mapping[str, Any], nodes: Sequence[FieldNode],
              fragments: Mapping[str, FragmentDefinitionNode], max_page_size: int,
              slim: bool = False) -> FetchPlan | None:
    """The plan for root field `name` with coerced `args`, or None when it is not a lookup or a list. `slim`: load
    only the properties the selection reads — only when this root field is the request's only one, since what the
    plan loads fills the request's DataLoaders, which any other root field would read too."""
    plan = _plan(name, args, nodes, fragments, max_page_size)
    if plan is None or not slim:
        return plan
    reads = Reads()
    below = [n.selection_set for n in nodes if n.selection_set is not None]
    if name in LISTS:
        below = [f.selection_set for f in _fields(below, fragments) if f.name.value == "items" and f.selection_set]
    elif name in CONNECTIONS:
        edges = [f.selection_set for f in _fields(below, fragments) if f.name.value == "edges" and f.selection_set]
        below = [f.selection_set for f in _fields(edges, fragments) if f.name.value == "node" and f.selection_set]
    reads.node(below, fragments)
    return FetchPlan(plan.root, plan.tree, reads.node_keys, reads.rel_keys)


def _plan(name: str, args: Mapping[str, Any], nodes: Sequence[FieldNode],
          fragments: Mapping[str, FragmentDefinitionNode], max_page_size: int) -> FetchPlan | None:
    from api.graphql.schema import MAX_OFFSET  # not at import time: api.graphql.schema imports this module's user

    sets = [n.selection_set for n in nodes if n.selection_set is not None]
    if name in BY_ID:
        return FetchPlan(IdRoot(str(args["id"])), node_tree(sets, fragments))
    if name in LISTS:
        limit, offset = args.get("limit", 50), args.get("offset", 0)
        below = [f.selection_set for f in _fields(sets, fragments) if f.name.value == "items" and f.selection_set]
    elif name in CONNECTIONS:
        limit, after = args.get("first", 50), args.get("after")
        offset = _offset_after(after) if after else 0
        if offset is None:
            return None
        edges = [f.selection_set for f in _fields(sets, fragments) if f.name.value == "edges" and f.selection_set]
        below = [f.selection_set for f in _fields(edges, fragments) if f.name.value == "node" and f.selection_set]
    else:
        return None
    if not (0 <= limit <= max_page_size and 0 <= offset <= MAX_OFFSET):
        return None
    sort = args.get("sort") or {}
    field = SortField(sort.get("field") or SortField.NAME)
    descending = str(sort.get("direction") or "asc") == t.SortDirection.DESC.value
    kind = LISTS.get(name) or CONNECTIONS[name]
    return FetchPlan(ListRoot(kind, node_filter(args.get("where")), field, descending, limit, offset),
                     node_tree(below, fragments))


def node_filter(where: Mapping[str, Any] | None) -> NodeFilter:
    """`api.graphql.schema.node_filter` for the coerced argument dict (GraphQL names)."""
    if where is None:
        return NodeFilter()
    ids = where.get("ids")
    return NodeFilter(ids=[str(i) for i in ids] if ids is not None else None, name_contains=where.get("nameContains"),
                      agent_class=where.get("agentClass"), agent_kind=where.get("agentKind"),
                      identifier=where.get("identifier"))


def _offset_after(cursor: str) -> int | None:
    from api.graphql.errors import ApiError
    from api.graphql.schema import decode_cursor

    try:
        return decode_cursor(cursor) + 1
    except ApiError:
        return None


def node_tree(sets: Sequence[SelectionSetNode], fragments: Mapping[str, FragmentDefinitionNode],
              tree: NodeTree | None = None) -> NodeTree:
    """What a node's selection loads below it: its relationship lists and its evidence's publications."""
    tree = tree if tree is not None else NodeTree()
    for field in _fields(sets, fragments):
        name = field.name.value
        if field.selection_set is None:
            continue
        if name in RELATIONSHIP_FIELDS:
            _branch(field.selection_set, fragments, tree.branch(*RELATIONSHIP_FIELDS[name]), tree)
        elif name == "evidence":
            _cited(field.selection_set, fragments, tree.cite)
    return tree


def _branch(selection: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode], branch: RelBranch,
            parent: NodeTree) -> None:
    for field in _fields([selection], fragments):
        name = field.name.value
        if field.selection_set is None:
            continue
        if name in ("source", "target"):
            far = (name == "target") == (branch.direction is Direction.OUT)
            node_tree([field.selection_set], fragments, branch.far_end() if far else parent)  # near end: the parent
        elif name == "evidence":
            _cited(field.selection_set, fragments, branch.cite)


def _cited(evidence: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode], cite: Any) -> None:
    for field in _fields([evidence], fragments):
        if field.name.value == "publication" and field.selection_set is not None:
            node_tree([field.selection_set], fragments, cite())


def _fields(sets: Sequence[SelectionSetNode], fragments: Mapping[str, FragmentDefinitionNode],
            seen: frozenset[str] = frozenset()) -> Iterator[FieldNode]:
    """The fields of selection sets, through inline fragments and fragment spreads (whatever their type)."""
    for selection_set in sets:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from _fields([selection.selection_set], fragments, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is not None and name not in seen:  # validation refuses cycles; never loop anyway
                    yield from _fields([fragment.selection_set], fragments, seen | {name})


EVIDENCE_REQUIRED: frozenset[str] = frozenset(
    {"evidence_pubs", "evidence_levels", "evidence_comparator", "evidence_verified"})
"""The evidence lists `graph.store.evidence_of` cannot unpack items without; the others default when absent."""
EVIDENCE_FIELD_KEYS: dict[str, frozenset[str]] = {
    "pub": frozenset({"evidence_pubs"}), "level": frozenset({"evidence_levels"}),
    "finding": frozenset({"evidence_findings"}), "species": frozenset({"evidence_species"}),
    "model": frozenset({"evidence_models"}), "comparator": frozenset({"evidence_comparator"}),
    "verified": frozenset({"evidence_verified"}), "exposure": frozenset({"evidence_exposures"}),
    "regimen": frozenset({"evidence_regimens"}), "timing": frozenset({"evidence_timings"}),
    "population": frozenset({"evidence_populations"}), "intent": frozenset({"evidence_intents"}),
    "publication": frozenset({"evidence_pubs"}), "__typename": frozenset()}
"""Evidence field -> the parallel list it reads (graph.store.evidence_of). A frontend's list shows a citation's
publication and level, not its model, population and regimen: loading only the selected lists is most of what a
slim plan saves on claims (~40 % of a nested list's statement time)."""


def _node_field_keys() -> dict[str, frozenset[str]]:
    keys: dict[str, set[str]] = {"id": {"id"}, "name": {"name"}, "kind": set(), "description": {"description"},
                                 "__typename": set(), "identifiers": {"identifiers", "identifiers_verified"},
                                 "evidence": set(EVIDENCE_REQUIRED)}
    for fields in t.SCALAR_PROPS.values():
        for field, (key, _is_list) in fields.items():
            keys.setdefault(field, set()).add(key)
    return {field: frozenset(k) for field, k in keys.items()}


NODE_FIELD_KEYS = _node_field_keys()
"""Node field -> the stored properties it reads (api.graphql.types.wrap, and the fast path's columns); `evidence`
adds what its own selection reads (EVIDENCE_FIELD_KEYS)."""
REL_FIELD_KEYS: dict[str, frozenset[str]] = {
    "key": frozenset({"key"}), "type": frozenset(), "bestLevel": frozenset({"best_level"}),
    "verifiedCount": frozenset({"verified_count"}), "source": frozenset(), "target": frozenset(),
    "evidence": EVIDENCE_REQUIRED, "__typename": frozenset(),
    **{field: frozenset({key}) for field, key in t.REL_FIELDS.items()}}
"""Relationship field -> the stored properties it reads (api.graphql.types.relationship); `evidence` adds what its
own selection reads."""
EDGE_KEYS: frozenset[str] = frozenset({"key"})
"""What every loaded relationship carries: an `Edge`'s identity, and the order of its lists."""

Branch = tuple[s.RelKind, Direction]


class Reads:
    """The properties a selection reads: of nodes, over every node it reaches; of relationships, per relationship
    type and direction (a node's `memberOf { target { name } }` needs no evidence even when its `affects` shows
    every citation). None once a field these tables do not know is selected: then everything is loaded (for
    relationships, of that type and direction).

    Keys per type and direction, not per branch of the tree, because that is how the request's DataLoaders hold
    relationship lists: the same agent's `affects` reached at two depths is one list, which must carry what both
    selections read."""

    def __init__(self) -> None:
        self.node_keys: frozenset[str] | None = frozenset({"id", "name"})  # `Node.name` falls back on the id
        self.rel_keys: dict[Branch, frozenset[str] | None] = {}

    def node(self, sets: Sequence[SelectionSetNode], fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        for field in _fields(sets, fragments):
            name = field.name.value
            if name in RELATIONSHIP_FIELDS:
                branch = RELATIONSHIP_FIELDS[name]
                self.rel_keys.setdefault(branch, EDGE_KEYS)
                if field.selection_set is not None:
                    self.relationship(branch, [field.selection_set], fragments)
            elif name in NODE_FIELD_KEYS:
                self.node_keys = _more(self.node_keys, NODE_FIELD_KEYS[name])
                if name == "evidence":
                    self.node_keys = _more(self.node_keys, self.evidence(field.selection_set, fragments))
            else:
                self.node_keys = None

    def relationship(self, branch: Branch, sets: Sequence[SelectionSetNode],
                     fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        for field in _fields(sets, fragments):
            name = field.name.value
            if name not in REL_FIELD_KEYS:
                self.rel_keys[branch] = None
                continue
            self.rel_keys[branch] = _more(self.rel_keys[branch], REL_FIELD_KEYS[name])
            if name in ("source", "target") and field.selection_set is not None:
                self.node([field.selection_set], fragments)
            elif name == "evidence":
                self.rel_keys[branch] = _more(self.rel_keys[branch], self.evidence(field.selection_set, fragments))

    def evidence(self, selection: SelectionSetNode | None,
                 fragments: Mapping[str, FragmentDefinitionNode]) -> frozenset[str] | None:
        """The evidence lists `selection` (an evidence field's) reads; its publications' reads go to the nodes."""
        keys: frozenset[str] | None = EVIDENCE_REQUIRED
        for field in _fields([selection] if selection is not None else [], fragments):
            name = field.name.value
            if name not in EVIDENCE_FIELD_KEYS:
                return None
            keys = _more(keys, EVIDENCE_FIELD_KEYS[name])
            if name == "publication" and field.selection_set is not None:
                self.node([field.selection_set], fragments)
        return keys


def _more(have: frozenset[str] | None, more: frozenset[str] | None) -> frozenset[str] | None:
    return None if have is None or more is None else have | more



TEXT_FIELDS: frozenset[str] = frozenset({"finding", "species", "model", "description"})
"""The GraphQL fields that show graph.schema.TEXT_PROPERTIES (Evidence.finding/species/model, a node's
description). search_text is never shown."""


def reads_text(selections: Sequence[Any]) -> bool:
    """Whether any field at any depth of `selections` (strawberry's `info.selected_fields`: fields, inline
    fragments and fragment spreads, whatever their type or directives) is a TEXT_FIELDS one: only then does a
    question's answer need the text its store could leave out."""
    todo = list(selections)
    while todo:
        selection = todo.pop()
        if isinstance(selection, SelectedField) and selection.name in TEXT_FIELDS:  # (a spread's name is a fragment's)
            return True
        todo.extend(getattr(selection, "selections", None) or [])
    return False
