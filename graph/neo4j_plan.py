"""One Cypher statement for a whole `FetchPlan` (graph.fetch_plan): the request's nodes and every relationship
level below them, as nested pattern comprehensions — the one-round-trip shape the Neo4j GraphQL Library compiles
requests to.

The statement is a fixed head from `cypher/store/planned.cypher` (the starting page, or one node by id) and a
projection composed here from the plan. Nothing in the composed text comes from the request: relationship types are
`graph.schema.RelKind` values (checked to be plain identifiers), variable names are generated, and every value —
ids, filters, page bounds — is a parameter. When the plan names the properties the request reads
(`FetchPlan.node_keys`/`rel_keys`), nodes and relationships come as map projections of just those (schema
property names) instead of `properties(…)`: a frontend's list reads a handful of a node's properties, not its search
text, and of a claim's evidence the lists it shows; a relationship it only follows (`memberOf { target { name } }`)
comes with its key alone. Each projected node is `{props, kind}` (no kind for a list's own nodes: the head keeps only
that label) plus one list per planned relationship branch, `{props, end}` per relationship (or `{props, far}`, the
far end's id, when nothing of it is selected) plus the publications its evidence cites (a COLLECT subquery: an index
seek per cited id). `decode` rebuilds the very `Node`s and `Edge`s the store's level-by-level reads build: ids and
keys are in the properties, a relationship's type comes from the plan and its near end from its parent.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from graph import cypher_files
from graph import schema as s
from graph.fetch_plan import Fetched, FetchPlan, ListRoot, NodeTree
from graph.store import Direction, Edge, Node, Page

_IDENTIFIER = re.compile(r"^[A-Z][A-Z_]*$")
_PROPERTY = re.compile(r"^[a-z][a-z0-9_]*$")
KIND = "[l IN labels({v}) WHERE l <> 'Entity'][0]"


def statement(plan: FetchPlan) -> tuple[str, dict[str, Any]]:
    """The Cypher text and parameters answering `plan` in one round trip."""
    names = (f"v{i}" for i in itertools.count(1))
    root = plan.root
    if isinstance(root, ListRoot):
        head = cypher_files.named("store/planned.cypher")["list_desc" if root.descending else "list_asc"]
        where = root.where
        params: dict[str, Any] = {
            "label": root.kind.value, "ids": list(where.ids) if where.ids is not None else None,
            "name_contains": where.name_contains or None, "agent_class": where.agent_class,
            "agent_kind": where.agent_kind, "identifier": where.identifier, "sort": root.sort.value,
            "offset": root.offset, "limit": root.limit}
    else:
        head = cypher_files.named("store/planned.cypher")["by_id"]
        params = {"id": root.id}
    node_keys = None if plan.node_keys is None else plan.node_keys | NODE_IDENTITY
    shape = _Shape(_props(node_keys), plan.rel_keys, names)
    root_kind = isinstance(root, ListRoot)  # the head keeps only nodes with the list's label: no need to ask
    return (f"{head}\nRETURN total, [v0 IN page | {_node('v0', plan.tree, shape, with_kind=not root_kind)}] AS items",
            params)


NODE_IDENTITY = frozenset({"id"})
EDGE_IDENTITY = frozenset({"key"})
"""Every projected node carries its id, every relationship its key, inside its properties: the row shape has no
separate id, type or end ids (the decoder knows the type from the plan, the near end from the parent, the far end
from its own projection), since every map key and value on the wire is an object the driver builds (a fifth of a
planned nested list's statement time went on them)."""


class _Shape:
    def __init__(self, node_props: str, rel_keys: Mapping[tuple[s.RelKind, Direction], frozenset[str] | None] | None,
                 names: Iterator[str]) -> None:
        self.node_props, self.rel_keys, self.names = node_props, rel_keys, names

    def rel_props(self, rel: s.RelKind, direction: Direction) -> str:
        keys = None if self.rel_keys is None else self.rel_keys.get((rel, direction))
        return _props(None if keys is None else keys | EDGE_IDENTITY)

    def __next__(self) -> str:
        return next(self.names)


def _props(keys: frozenset[str] | None) -> str:
    """`properties(v)`, or a map projection of just `keys` (schema property names, checked to be identifiers)."""
    if keys is None:
        return "properties(@V@)"
    for key in keys:
        if not _PROPERTY.match(key):
            raise ValueError(f"not a property name: {key!r}")
    return "@V@ {" + ", ".join(f".{k}" for k in sorted(keys)) + "}"


def _node(var: str, tree: NodeTree, names: _Shape, with_kind: bool = True) -> str:
    parts = [f"props: {names.node_props.replace('@V@', var)}"]
    if with_kind:
        parts.append(f"kind: {KIND.format(v=var)}")
    for i, branch in enumerate(tree.rels.values()):
        rel = branch.rel.value
        if not _IDENTIFIER.match(rel):  # schema values only; never let anything else into the text
            raise ValueError(f"not a relationship type: {rel!r}")
        r, far = next(names), next(names)
        arrow = f"-[{r}:{rel}]->" if branch.direction is Direction.OUT else f"<-[{r}:{rel}]-"
        item = [f"props: {names.rel_props(branch.rel, branch.direction).replace('@V@', r)}"]
        if branch.end is not None:
            item.append(f"end: {_node(far, branch.end, names)}")
        else:
            item.append(f"far: {far}.id")
        if branch.cited is not None:
            item.append(f"cited: {_cited(r, branch.cited, names)}")
        parts.append(f"rel{i}: [({var}){arrow}({far}) | {{{', '.join(item)}}}]")
    if tree.cited is not None:
        parts.append(f"cited: {_cited(var, tree.cited, names)}")
    return "{" + ", ".join(parts) + "}"


def _cited(holder: str, tree: NodeTree, names: _Shape) -> str:
    pub = next(names)
    return (f"COLLECT {{ MATCH ({pub}:Entity) WHERE {pub}.id IN coalesce({holder}.evidence_pubs, []) "
            f"RETURN {_node(pub, tree, names)} }}")


Clean = Callable[[Any], Mapping[str, Any]]
"""The store's own cleaning of a property map from the wire (graph.neo4j_store drops server-only properties)."""


def decode(plan: FetchPlan, row: Mapping[str, Any], clean: Clean) -> Fetched:
    """The statement's one row as DataLoader contents: the very `Node`s and `Edge`s the store's level-by-level
    reads build."""
    out = Fetched(None)
    kind = plan.root.kind if isinstance(plan.root, ListRoot) else None
    items = [_walk(item, plan.tree, clean, out, kind) for item in row["items"]]
    if isinstance(plan.root, ListRoot):
        out.page = Page(items, row["total"])
    elif not items:
        out.nodes.setdefault(plan.root.id, None)  # known absent: no second look-up
    return out


def _walk(item: Mapping[str, Any], tree: NodeTree, clean: Clean, out: Fetched, kind: s.NodeKind | None = None) -> Node:
    props = clean(item["props"])
    found = Node(props["id"], kind or s.NodeKind(item["kind"]), props)
    out.nodes[found.id] = found
    for i, branch in enumerate(tree.rels.values()):
        entries = item[f"rel{i}"]
        rel, outgoing = branch.rel, branch.direction is Direction.OUT
        edges = []
        for e in entries:
            far = _walk(e["end"], branch.end, clean, out).id if branch.end is not None else e["far"]
            edge_props = clean(e["props"])
            edges.append(Edge(edge_props["key"], rel, found.id if outgoing else far, far if outgoing else found.id,
                              edge_props))
            if branch.cited is not None:
                _cite(edge_props, e["cited"], branch.cited, clean, out)
        edges.sort(key=_key)
        out.neighbours.setdefault((rel, branch.direction), {})[found.id] = edges
    if tree.cited is not None:
        _cite(props, item["cited"], tree.cited, clean, out)
    return found


def _key(edge: Edge) -> str:
    return edge.key


def _cite(props: Mapping[str, Any], cited: list[Any], tree: NodeTree, clean: Clean, out: Fetched) -> None:
    for pub in cited:
        _walk(pub, tree, clean, out)
    for pub_id in props.get("evidence_pubs") or ():
        out.nodes.setdefault(pub_id, None)  # a cited id with no node: known absent
