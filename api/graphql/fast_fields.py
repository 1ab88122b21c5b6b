"""How the compiled executor (api.graphql.fast_executor) gets each field's value: for a whole batch of parents at once.

graphql-core resolves every field of every object on its own: it builds a `GraphQLResolveInfo`, calls a resolver
(strawberry wraps even a plain attribute in one), checks for awaitables and completes the value — a few
microseconds per field, so ~35 ms for a 3,000-field answer. Here a field is a *column*: one function maps the
list of parent objects to the list of their values.

Parents are plain data wherever possible: below the root, nodes are the store's `Node`s and relationships its
`Edge`s, and evidence items `graph.store.EvidenceItem`s — not the strawberry objects `api.graphql.types` would build
for each (`wrap`, `relationship`, `evidence_items` copy every property into a dataclass, most never selected). The
root resolvers still return strawberry objects (a question's answer, a page), so every column accepts both forms and
reads the same values: a node column reads `Node.props` exactly as `types.wrap` does, a relationship column reads
`Edge.props` exactly as `types.relationship` does. The resolver fields that load from the store (relationship lists,
a relationship's ends, an evidence item's publication) load a whole column at once: on Neo4j through the request's
DataLoaders (so round trips stay batched per level), or straight from what a planned read loaded (the same values
the primed DataLoaders hold, without their per-key futures); on the embedded store by direct calls (in-process: a
DataLoader's per-key futures only add time).

A field this module does not know (a resolver added later) makes `column` return None, and the request falls back
to graphql-core; so a new field can never be answered differently by the two paths, only more slowly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from operator import attrgetter
from typing import Any

from graphql import GraphQLField, GraphQLObjectType

from api.graphql import types as t
from api.graphql.context import Context
from graph import schema as s
from graph.store import Direction, Edge, Node

Column = Callable[[Context, Sequence[Any], dict[str, Any]], Awaitable[list[Any]] | list[Any]]
"""(request context, parent objects, coerced field arguments) -> one value per parent (or an awaitable of them)."""


class Unsupported(Exception):
    """This request is not for the compiled executor: graphql-core answers it (and produces any error)."""


def node_of(obj: Any) -> Node:
    """The store node behind a parent: itself, or the one a strawberry node object wraps."""
    return obj if obj.__class__ is Node else obj.node


def edge_of(obj: Any) -> Edge:
    return obj if obj.__class__ is Edge else obj.edge


# ---- loading columns --------------------------------------------------------------------------------------------

async def _load_nodes(ctx: Context, ids: list[str]) -> list[Node | None]:
    if ctx.store.backend == "embedded":
        await asyncio.sleep(0)  # a cancellation point per load, as a DataLoader's await is (the request's timeout)
        found = ctx.store.get_many(ids)
        return [found.get(i) for i in ids]
    planned = ctx.planned_nodes(ids)
    if planned is not None:
        await asyncio.sleep(0)
        return planned
    return await ctx.nodes.load_many(ids)


async def _load_edges(ctx: Context, ids: list[str], rel: s.RelKind, direction: Direction) -> list[list[Edge]]:
    if ctx.store.backend == "embedded":
        await asyncio.sleep(0)
        found = ctx.store.neighbours(ids, rel, direction)
        return [found.get(i, []) for i in ids]
    planned = ctx.planned_edges(ids, rel, direction)
    if planned is not None:
        await asyncio.sleep(0)
        return planned
    return await ctx.neighbours(rel, direction).load_many(ids)


def _relationships(rel: s.RelKind, direction: Direction) -> Column:
    async def column(ctx: Context, parents: Sequence[Any], args: dict[str, Any]) -> list[Any]:
        limit, offset = args.get("limit"), args.get("offset", 0)
        top = ctx.limits.max_page_size
        if (limit is not None and not 0 <= limit <= top) or not 0 <= offset <= t.MAX_RELATIONSHIP_OFFSET:
            raise Unsupported("out-of-range page: graphql-core words the error")
        lists = await _load_edges(ctx, [node_of(p).id for p in parents], rel, direction)
        if limit is None and offset == 0:
            return lists
        end = None if limit is None else offset + limit
        return [edges[offset:end] for edges in lists]

    return column


def _ends(attribute: str) -> Column:
    get = attrgetter(attribute)

    async def column(ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        nodes = await _load_nodes(ctx, [get(edge_of(p)) for p in parents])
        if any(n is None for n in nodes):
            raise Unsupported("a relationship end is missing")  # the resolver would fail: let it, and say so
        return nodes

    return column


async def _publication(ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
    return await _load_nodes(ctx, [p.pub for p in parents])


# ---- plain columns ----------------------------------------------------------------------------------------------

def _each(fn: Callable[[Any], Any]) -> Column:
    def column(_ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        return [fn(p) for p in parents]

    return column


def _identifiers(node: Node) -> list[t.Identifier]:
    props = node.props  # as api.graphql.types._identifiers reads them
    return [t.Identifier(curie=c, verified=bool(v))
            for c, v in zip(props.get("identifiers", []), props.get("identifiers_verified", []), strict=False)]


def _node_scalar(key: str, is_list: bool) -> Callable[[Any], Any]:
    if is_list:  # as api.graphql.types.wrap fills them
        return lambda p: list(node_of(p).props.get(key) or [])
    return lambda p: node_of(p).props.get(key)


def _node_columns(kind: s.NodeKind, spec: s.NodeSpec) -> dict[str, Column]:
    columns: dict[str, Column] = {
        "id": _each(lambda p: node_of(p).id), "name": _each(lambda p: node_of(p).name),
        "kind": _each(lambda p: node_of(p).kind), "description": _each(lambda p: node_of(p).props.get("description")),
    }
    for name, (key, is_list) in t.SCALAR_PROPS[kind].items():
        columns[name] = _each(_node_scalar(key, is_list))
    if "identifiers" in spec.properties:
        columns["identifiers"] = _each(lambda p: _identifiers(node_of(p)))
    if "evidence_pubs" in spec.properties:
        columns["evidence"] = _each(lambda p: node_of(p).evidence)
    for rel_spec in s.RELATIONSHIPS.values():
        for direction, ends in ((Direction.OUT, rel_spec.sources), (Direction.IN, rel_spec.targets)):
            if kind in ends:
                columns[t.relationship_field_name(rel_spec.kind, direction)] = _relationships(rel_spec.kind, direction)
    return columns


def _best_level(p: Any) -> Any:
    level = edge_of(p).props.get("best_level")
    return s.EvidenceLevel(level) if level else None


def _relationship_columns() -> dict[str, Column]:
    """As api.graphql.types.relationship fills a Relationship's attributes."""
    columns: dict[str, Column] = {
        "key": _each(lambda p: edge_of(p).key), "type": _each(lambda p: edge_of(p).kind),
        "bestLevel": _each(_best_level),
        "verifiedCount": _each(lambda p: int(edge_of(p).props.get("verified_count", 0))),
        "source": _ends("source"), "target": _ends("target"),
        "evidence": _each(lambda p: edge_of(p).evidence),
    }
    for name, key in t.REL_FIELDS.items():
        columns[name] = _each(lambda p, key=key: edge_of(p).props.get(key))
    return columns


COLUMNS: dict[tuple[str, str], Column] = {
    ("Evidence", "publication"): _publication,
    **{("Relationship", name): c for name, c in _relationship_columns().items()},
    **{(kind.value, name): c for kind, spec in s.NODES.items() for name, c in _node_columns(kind, spec).items()},
}


def column(parent: GraphQLObjectType, name: str, definition: GraphQLField) -> Column | None:
    """How to get field `name` of `parent` for a batch of parents; None when only graphql-core knows."""
    known = COLUMNS.get((parent.name, name))
    if known is not None:
        return known
    field = (definition.extensions or {}).get("strawberry-definition")
    if field is None or field.base_resolver is not None or parent.name == "Query":
        return None
    get = attrgetter(field.python_name)  # a plain attribute of a strawberry object (question results, pages)

    def plain(_ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        return [get(p) for p in parents]

    return plain
