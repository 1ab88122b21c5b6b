"""A compiled executor for validated documents: the same answer as graphql-core, without its per-field tax.

graphql-core executes depth-first, one field of one object at a time. This executor walks the selection set
breadth-first, one *column* at a time: all objects of one type at one level, each selected field fetched for all of
them at once (api.graphql.fast_fields), values completed by type (leaves serialized with the schema's own scalar
and enum serializers), then the next level for all children together. What it reuses from graphql-core is
everything that decides *what* is selected: the `Executor` it builds coerces variables, picks the operation, and
collects fields (fragments, inline fragments, type conditions, `@skip`/`@include`, field merging, response-key
order) exactly as graphql-core's own execution would; root fields run their real strawberry resolvers with a real
`GraphQLResolveInfo`, so arguments are coerced and checked by the same code.

The fast path is only for answers without errors. Anything it is not sure of — an error from any resolver or store
call, a null where the schema says non-null, introspection, `@defer`/`@stream`, a field it has no column for —
raises `Unsupported` (or any exception), and the request is executed again by graphql-core from scratch, which
words every error as before. The graph is read-only, so running a request twice changes nothing but its time.
`tests/api/test_fast_path.py` runs both paths on the same documents and asserts identical JSON.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    get_argument_values,
)
from graphql.execution.collect_fields import collect_fields
from graphql.execution.executor import Executor
from graphql.pyutils import Path

from api.graphql.fast_fields import Column, Unsupported, column
from api.graphql.request_plan import PLAN_MAX_COST, plan_root
from graph import schema as s
from graph.store import Node

log = logging.getLogger("calcigraph.api")

T = TypeVar("T")
_EXACT = {"String": str, "ID": str, "Int": int, "Boolean": bool, "Float": float}


class CompiledSchema:
    """Per-schema tables the walk looks up: concrete type of a Python class, a column per field, a serializer per
    leaf type. Built lazily and kept for the schema's life (they depend only on the schema)."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.types_of: dict[type, GraphQLObjectType] = {}
        for named in schema.type_map.values():
            definition = (getattr(named, "extensions", None) or {}).get("strawberry-definition")
            if isinstance(named, GraphQLObjectType) and definition is not None and \
                    not getattr(definition, "is_graphql_generic", False):
                self.types_of.setdefault(definition.origin, named)
        self.node_types: dict[s.NodeKind, GraphQLObjectType] = {
            kind: named for kind in s.NodeKind
            if isinstance(named := schema.type_map.get(kind.value), GraphQLObjectType)}
        self._columns: dict[tuple[str, str], Column | None] = {}
        self._serializers: dict[str, Callable[[Any], Any]] = {}

    def serializer(self, leaf: GraphQLScalarType | GraphQLEnumType) -> Callable[[Any], Any]:
        found = self._serializers.get(leaf.name)
        if found is None:
            found = self._serializers[leaf.name] = serializer(leaf)
        return found

    def column(self, parent: GraphQLObjectType, name: str) -> Column:
        key = (parent.name, name)
        if key not in self._columns:
            definition = parent.fields.get(name)
            self._columns[key] = column(parent, name, definition) if definition is not None else None
        found = self._columns[key]
        if found is None:
            raise Unsupported(f"no column for {parent.name}.{name}")
        return found


def serializer(leaf: GraphQLScalarType | GraphQLEnumType) -> Any:
    """The leaf's serializer, with the identity short-cut for values already of the scalar's exact Python type
    (graphql-core's own serializers return those unchanged)."""
    serialize = leaf.serialize
    exact = _EXACT.get(leaf.name) if isinstance(leaf, GraphQLScalarType) else None

    def convert(value: Any) -> Any:
        if exact is not None and value.__class__ is exact:
            return value
        out = serialize(value)
        if out is None or out is Undefined:
            raise Unsupported(f"{leaf.name} cannot represent {value!r}")
        return out

    if isinstance(leaf, GraphQLScalarType):
        return convert
    known: dict[tuple[type, Any], Any] = {}

    def convert_enum(value: Any) -> Any:
        """strawberry's enum serializer compares the value with each member in turn (a tenth of a nested list's
        time went there): each distinct value is serialized once. Keyed by class too, since a StrEnum member equals
        its plain string."""
        key = (value.__class__, value)
        try:
            return known[key]
        except KeyError:
            out = convert(value)  # (an Unsupported value is never memoized)
            if len(known) < ENUM_MEMO_MAX:
                known[key] = out
            return out
        except TypeError:  # unhashable: graphql-core words whatever it does with it
            return convert(value)

    return convert_enum


ENUM_MEMO_MAX = 4096
"""Distinct values memoized per enum type (members and their stored strings: a few dozen in practice)."""


class Walk:
    """One request's breadth-first execution over graphql-core's prepared `Executor`."""

    def __init__(self, compiled: CompiledSchema, executor: Executor, context: Any) -> None:
        self.compiled = compiled
        self.executor = executor
        self.context = context
        self.single_root = False

    async def root(self) -> dict[str, Any]:
        executor = self.executor
        root_type = self.compiled.schema.query_type
        if executor.operation.operation.value != "query" or root_type is None:
            raise Unsupported("only queries")
        grouped, defers, _ = collect_fields(executor.schema, executor.fragments, executor.variable_values, root_type,
                                            executor.operation, executor.hide_suggestions)
        if defers:
            raise Unsupported("@defer")
        keys = list(grouped)
        self.single_root = len(keys) == 1
        values = await _all([self.root_field(root_type, key, grouped[key]) for key in keys])
        return dict(zip(keys, values, strict=True))

    async def root_field(self, root_type: GraphQLObjectType, key: str, details: Sequence[Any]) -> Any:
        node = details[0].node
        name = node.name.value
        if name.startswith("__"):
            raise Unsupported("introspection")
        definition = root_type.fields[name]
        executor = self.executor
        args = get_argument_values(definition, node, executor.variable_values, details[0].fragment_variable_values)
        info = executor.build_resolve_info(definition, [d.node for d in details], root_type,
                                           Path(None, key, root_type.name))
        resolve = definition.resolve
        if resolve is None:
            raise Unsupported("a root field without a resolver")
        await self.prefetch(name, args, details)
        value = resolve(executor.root_value, info, **args)
        if executor.is_awaitable(value):
            value = await value
        (completed,) = await self.complete(definition.type, details, [value])
        return completed

    async def prefetch(self, name: str, args: dict[str, Any], details: Sequence[Any]) -> None:
        """On a store that answers a whole plan in one round trip, load everything below this root field at once
        (api.graphql.request_plan); the resolvers then find it in the DataLoaders."""
        context = self.context
        fetch_tree = getattr(getattr(context, "store", None), "fetch_tree", None)
        if fetch_tree is None or context.query_cost is None or context.query_cost > PLAN_MAX_COST:
            return  # an unknown or huge request is read level by level: each statement stays bounded
        plan = plan_root(name, args, [d.node for d in details], self.executor.fragment_definitions,
                         context.limits.max_page_size, slim=self.single_root)
        if plan is not None and (plan.tree.rels or plan.tree.cited is not None):  # else one store call anyway
            context.prime(context.call_here(fetch_tree, plan), plan.root)

    async def complete(self, return_type: GraphQLOutputType, details: Sequence[Any], values: list[Any]) -> list[Any]:
        """The completed values of one field for a batch of parents (graphql-core's `complete_value`, batched)."""
        non_null = isinstance(return_type, GraphQLNonNull)
        if non_null:
            return_type = return_type.of_type
        if non_null and any(v is None for v in values):
            raise Unsupported("null for a non-null field")
        if isinstance(return_type, GraphQLList):
            return await self._lists(return_type.of_type, details, values)
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            convert = self.compiled.serializer(return_type)
            return [None if v is None else convert(v) for v in values]
        present = [v for v in values if v is not None]
        if isinstance(return_type, GraphQLObjectType):
            done = await self.objects(return_type, details, present)
        elif isinstance(return_type, GraphQLAbstractType):
            done = await self._abstract(return_type, details, present)
        else:
            raise Unsupported(f"output type {return_type}")
        if len(present) == len(values):
            return done
        it = iter(done)
        return [None if v is None else next(it) for v in values]

    async def _lists(self, item_type: GraphQLOutputType, details: Sequence[Any], values: list[Any]) -> list[Any]:
        flat: list[Any] = []
        sizes: list[int | None] = []
        for value in values:
            if value is None:
                sizes.append(None)
            elif isinstance(value, list | tuple):
                sizes.append(len(value))
                flat.extend(value)
            else:
                raise Unsupported("a list field gave no list")
        done = await self.complete(item_type, details, flat) if flat else []
        out: list[Any] = []
        at = 0
        for size in sizes:
            if size is None:
                out.append(None)
            else:
                out.append(done[at:at + size])
                at += size
        return out

    async def _abstract(self, abstract: GraphQLAbstractType, details: Sequence[Any], objs: list[Any]) -> list[Any]:
        groups: dict[str, tuple[GraphQLObjectType, list[int], list[Any]]] = {}
        schema = self.compiled.schema
        for i, obj in enumerate(objs):
            runtime = self.compiled.node_types[obj.kind] if obj.__class__ is Node else \
                self.compiled.types_of.get(type(obj))
            if runtime is None or not schema.is_sub_type(abstract, runtime):
                raise Unsupported(f"cannot place {type(obj).__name__} under {abstract.name}")
            group = groups.setdefault(runtime.name, (runtime, [], []))
            group[1].append(i)
            group[2].append(obj)
        out: list[Any] = [None] * len(objs)
        for runtime, positions, members in groups.values():
            for i, done in zip(positions, await self.objects(runtime, details, members), strict=True):
                out[i] = done
        return out

    async def objects(self, parent: GraphQLObjectType, details: Sequence[Any], objs: list[Any]) -> list[Any]:
        """The selection of `details` on every object of `objs` (all of type `parent`), one column per field."""
        if not objs:
            return []
        if len(objs) > 256:  # a big level: let a timeout (a cancellation) in before the work, not only after
            await asyncio.sleep(0)
        grouped, defers, _ = self.executor.collect_subfields(parent, details)
        if defers:
            raise Unsupported("@defer")
        keys = list(grouped)
        # Leaf fields complete without suspending: awaited in turn. Fields with a selection below may load: those
        # run concurrently when there are several, so their loads share batches as under graphql-core.
        nested = [k for k in keys if grouped[k][0].node.selection_set is not None]
        done = dict(zip(nested, await _all([self._column(parent, grouped[k], objs) for k in nested]), strict=True)) \
            if len(nested) > 1 else {}
        columns = [done[k] if k in done else await self._column(parent, grouped[k], objs) for k in keys]
        return [dict(zip(keys, row)) for row in zip(*columns)] if keys else [{} for _ in objs]  # noqa: B905 - equal by construction

    async def _column(self, parent: GraphQLObjectType, details: Sequence[Any], objs: list[Any]) -> list[Any]:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return [parent.name] * len(objs)
        if name.startswith("__"):
            raise Unsupported("introspection")
        definition = parent.fields[name]
        fetch = self.compiled.column(parent, name)
        args = get_argument_values(definition, node, self.executor.variable_values,
                                   details[0].fragment_variable_values) if node.arguments or definition.args else {}
        values = fetch(self.context, objs, args)
        if not isinstance(values, list):
            values = await values
        return await self.complete(definition.type, details, values)


async def _all(coroutines: list[Coroutine[Any, Any, T]]) -> list[T]:
    """Await sibling fields concurrently, as graphql-core does, so their DataLoader loads share one batch; the first
    failure cancels the rest (the request then falls back, and nothing of this walk keeps running)."""
    if len(coroutines) == 1:
        return [await coroutines[0]]
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(c) for c in coroutines]
    return [task.result() for task in tasks]


async def execute(compiled: CompiledSchema, document: DocumentNode, variables: dict[str, Any] | None,
                  operation_name: str | None, context: Any) -> ExecutionResult | None:
    """The answer, or None when graphql-core must execute this request (see the module docstring)."""
    built = Executor.build(compiled.schema, document, None, context, variables, operation_name)
    if isinstance(built, list):  # variable coercion errors: graphql-core words them
        return None
    try:
        data = await Walk(compiled, built, context).root()
    except Exception as exc:  # anything unexpected: graphql-core executes the request and reports it
        log.debug("fast path declined: %s: %s", type(exc).__name__, exc)
        return None
    return ExecutionResult(data=data)
