"""One Cypher statement for a whole `FetchPlan` (graph.fetch_plan): the request's nodes and every relationship
level below them, as nested pattern comprehensions — the one-round-trip shape the Neo4j GraphQL Library compiles
requests to.

The statement is a fixed head from `cypher/store/planned.cypher` (the starting page, or one node by id) and a
projection composed here from the plan. Nothing in the composed text comes from the request: relationship types are
`graph.schema.RelKind` values (checked to be plain identifiers), variable names are generated, and every value —
ids, filters, page bounds — is a parameter. When the plan names the properties the request reads
(`FetchPlan.node_keys`/`rel_keys`), nodes and relationships come as map projections of just those (schema
property names) instead of `properties(…)`: a frontend's list reads a handful of a node's properties, not its search
text and every evidence list. Each projected node is `{id, kind, props}` plus one list per planned
relationship branch, `{type, source, target, props}` per relationship plus its far end and the publications its
evidence cites (a COLLECT subquery: an index seek per cited id) — the row shapes `graph.neo4j_store` already
converts, so a planned read and a level-by-level read build the very same `Node`s and `Edge`s.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from graph import cypher_files
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
    shape = _Shape(_props(plan.node_keys), _props(plan.rel_keys), names)
    return f"{head}\nRETURN total, [v0 IN page | {_node('v0', plan.tree, shape)}] AS items", params


class _Shape:
    def __init__(self, node_props: str, rel_props: str, names: Iterator[str]) -> None:
        self.node_props, self.rel_props, self.names = node_props, rel_props, names

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


def _node(var: str, tree: NodeTree, names: _Shape) -> str:
    parts = [f"id: {var}.id", f"kind: {KIND.format(v=var)}", f"props: {names.node_props.replace('@V@', var)}"]
    for i, branch in enumerate(tree.rels.values()):
        rel = branch.rel.value
        if not _IDENTIFIER.match(rel):  # schema values only; never let anything else into the text
            raise ValueError(f"not a relationship type: {rel!r}")
        r, far = next(names), next(names)
        if branch.direction is Direction.OUT:
            pattern, source, target = f"({var})-[{r}:{rel}]->({far})", var, far
        else:
            pattern, source, target = f"({var})<-[{r}:{rel}]-({far})", far, var
        item = [f"type: type({r})", f"source: {source}.id", f"target: {target}.id",
                f"props: {names.rel_props.replace('@V@', r)}"]
        if branch.end is not None:
            item.append(f"end: {_node(far, branch.end, names)}")
        if branch.cited is not None:
            item.append(f"cited: {_cited(r, branch.cited, names)}")
        parts.append(f"rel{i}: [{pattern} | {{{', '.join(item)}}}]")
    if tree.cited is not None:
        parts.append(f"cited: {_cited(var, tree.cited, names)}")
    return "{" + ", ".join(parts) + "}"


def _cited(holder: str, tree: NodeTree, names: _Shape) -> str:
    pub = next(names)
    return (f"COLLECT {{ MATCH ({pub}:Entity) WHERE {pub}.id IN coalesce({holder}.evidence_pubs, []) "
            f"RETURN {_node(pub, tree, names)} }}")


def decode(plan: FetchPlan, row: Mapping[str, Any], node: Callable[[Mapping[str, Any]], Node],
           edge: Callable[[Mapping[str, Any]], Edge]) -> Fetched:
    """The statement's one row as DataLoader contents; `node`/`edge` are the store's own row converters."""
    out = Fetched(None)
    items = [_walk(item, plan.tree, node, edge, out) for item in row["items"]]
    if isinstance(plan.root, ListRoot):
        out.page = Page(items, row["total"])
    elif not items:
        out.nodes.setdefault(plan.root.id, None)  # known absent: no second look-up
    return out


def _walk(item: Mapping[str, Any], tree: NodeTree, node: Callable[[Mapping[str, Any]], Node],
          edge: Callable[[Mapping[str, Any]], Edge], out: Fetched) -> Node:
    found = node(item)
    out.nodes[found.id] = found
    for i, branch in enumerate(tree.rels.values()):
        entries = item[f"rel{i}"]
        edges = sorted((edge(e) for e in entries), key=lambda e: e.key)
        out.neighbours.setdefault((branch.rel, branch.direction), {})[found.id] = edges
        for e in entries:
            if branch.end is not None:
                _walk(e["end"], branch.end, node, edge, out)
            if branch.cited is not None:
                _cite(e["props"], e["cited"], branch.cited, node, edge, out)
    if tree.cited is not None:
        _cite(item["props"], item["cited"], tree.cited, node, edge, out)
    return found


def _cite(props: Mapping[str, Any], cited: list[Any], tree: NodeTree, node: Callable[[Mapping[str, Any]], Node],
          edge: Callable[[Mapping[str, Any]], Edge], out: Fetched) -> None:
    for pub in cited:
        _walk(pub, tree, node, edge, out)
    for pub_id in props.get("evidence_pubs") or ():
        out.nodes.setdefault(pub_id, None)  # a cited id with no node: known absent
