"""How the compiled executor (api.graphql.fast_executor) gets each field's value: for a whole batch of parents at once.

graphql-core resolves every field of every object on its own: it builds a `GraphQLResolveInfo`, calls a resolver
(strawberry wraps even a plain attribute in one), checks for awaitables and completes the value — a few
microseconds per field, so ~35 ms for a 3,000-field answer. Here a field is a *column*: one function maps the
list of parent objects to the list of their values. Plain attributes are one `getattr` each; the resolver fields of
`api.graphql.types` that load from the store (relationship lists, a relationship's ends, an evidence item's
publication) make one batched DataLoader call for the whole column — the same store calls the DataLoaders make
under graphql-core, so round trips do not change. Values unpacked from a parent (evidence items, identifiers) call
the very functions the resolvers call.

A field this module does not know (a resolver added later) makes `column` return None, and the request falls back
to graphql-core; so a new field can never be answered differently by the two paths, only more slowly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from operator import attrgetter
from typing import Any

from graphql import GraphQLField, GraphQLObjectType

from api.graphql import types as t
from api.graphql.context import Context
from graph import schema as s
from graph.store import Direction

Column = Callable[[Context, Sequence[Any], dict[str, Any]], Awaitable[list[Any]] | list[Any]]
"""(request context, parent objects, coerced field arguments) -> one value per parent (or an awaitable of them)."""


class Unsupported(Exception):
    """This request is not for the compiled executor: graphql-core answers it (and produces any error)."""


def _relationships(rel: s.RelKind, direction: Direction) -> Column:
    async def column(ctx: Context, parents: Sequence[Any], args: dict[str, Any]) -> list[Any]:
        limit, offset = args.get("limit"), args.get("offset", 0)
        top = ctx.limits.max_page_size
        if (limit is not None and not 0 <= limit <= top) or not 0 <= offset <= t.MAX_RELATIONSHIP_OFFSET:
            raise Unsupported("out-of-range page: graphql-core words the error")
        lists = await ctx.neighbours(rel, direction).load_many([p.node.id for p in parents])
        end = None if limit is None else offset + limit
        relationship = t.relationship
        return [[relationship(e) for e in edges[offset:end]] for edges in lists]

    return column


def _ends(attribute: str) -> Column:
    get = attrgetter(attribute)

    async def column(ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        nodes = await ctx.nodes.load_many([get(p.edge) for p in parents])
        if any(n is None for n in nodes):
            raise Unsupported("a relationship end is missing")  # the resolver would fail: let it, and say so
        return [t.wrap(n) for n in nodes]

    return column


async def _publication(ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
    nodes = await ctx.nodes.load_many([p.pub for p in parents])
    return [t.wrap(n) if n else None for n in nodes]


def _unpacked(fn: Callable[[Any], Any]) -> Column:
    def column(_ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        return [fn(p) for p in parents]

    return column


def _resolver_columns() -> dict[tuple[str, str], Column]:
    """The resolver fields of api.graphql.types, as columns (everything else there is a plain attribute)."""
    columns: dict[tuple[str, str], Column] = {
        ("Relationship", "source"): _ends("source"),
        ("Relationship", "target"): _ends("target"),
        ("Relationship", "evidence"): _unpacked(lambda r: t.evidence_items(r.edge.props)),
        ("Evidence", "publication"): _publication,
    }
    for kind, spec in s.NODES.items():
        name = kind.value
        if "identifiers" in spec.properties:
            columns[name, "identifiers"] = _unpacked(t.identifiers)
        if "evidence_pubs" in spec.properties:
            columns[name, "evidence"] = _unpacked(lambda n: t.evidence_items(n.node.props))
        for rel_spec in s.RELATIONSHIPS.values():
            for direction, ends in ((Direction.OUT, rel_spec.sources), (Direction.IN, rel_spec.targets)):
                if kind in ends:
                    columns[name, t.relationship_field_name(rel_spec.kind, direction)] = _relationships(
                        rel_spec.kind, direction)
    return columns


RESOLVER_COLUMNS = _resolver_columns()


def column(parent: GraphQLObjectType, name: str, definition: GraphQLField) -> Column | None:
    """How to get field `name` of `parent` for a batch of parents; None when only graphql-core knows."""
    known = RESOLVER_COLUMNS.get((parent.name, name))
    if known is not None:
        return known
    field = (definition.extensions or {}).get("strawberry-definition")
    if field is None or field.base_resolver is not None or parent.name == "Query":
        return None
    get = attrgetter(field.python_name)

    def plain(_ctx: Context, parents: Sequence[Any], _args: dict[str, Any]) -> list[Any]:
        return [get(p) for p in parents]

    return plain
