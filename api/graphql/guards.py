"""Checks on a parsed, validated operation before anything executes: one operation chosen, and a bounded cost.

**Operation choice.** A document with several operations and no `operationName` is an error (GraphQL spec,
"GetOperation"): running the first one silently answers a question the client may not have asked.

**Cost.** The depth, token and alias limits each bound one dimension; a query inside all of them can still ask for
millions of values: `agents(limit: 500) { items { affects { target { ... on Process { incomingAffects { ... } } } } }
} }` multiplies 500 agents by every relationship at every level. The cost is an upper estimate of the number of field
values the answer would hold, computed from the document and its variables alone:

* every field costs 1 per parent value it is resolved on;
* a list field multiplies what is selected below it by its page size: the `limit`/`first` argument of the field
  (or of the field that holds it: `agents(limit: 500) { items }`, `...Connection(first: 50) { edges }`), its
  default when not given, else `DEFAULT_FAN_OUT` for lists without a page size (relationship lists, question
  answers) — `VALUE_FAN_OUT` for lists of values unpacked from their parent (evidence items, bone facets) and for a
  path's nodes and relationships (at most 6 hops);
* fragments count once per place they are spread; introspection (`__schema`, `__type`, `__typename`) costs 1.

A query whose cost exceeds `Limits.max_cost` is refused before execution with an error naming both numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

DEFAULT_FAN_OUT = 20
"""Assumed length of a list without a page-size argument. The shipped graph's relationship lists average well under
5 items per node; a few hubs (ectopic calcification, bone formation) have dozens."""
VALUE_FAN_OUT = 6
"""Assumed length of a list of values unpacked from its parent, with no store call: a claim's evidence items, an
answer's six bone facets and their contexts, a node's identifiers. Bounded by the data (a claim cites a handful of
papers), so counting them like relationship lists would refuse every frontend query that shows its evidence."""
VALUE_TYPES = frozenset({"Evidence", "FacetVerdict", "ContextVerdict", "Identifier"})
BOUNDED_PARENTS = frozenset({"Path"})
"""Types whose lists are bounded by the question's own limits: a path's nodes and relationships (at most 6 hops)."""
PAGE_ARGUMENTS = ("limit", "first")


class QueryCost(GraphQLError):
    def __init__(self, cost: int, limit: int) -> None:
        super().__init__(
            f"query cost {cost:,} exceeds the limit of {limit:,}: the answer could hold about {cost:,} values. Ask "
            "for smaller pages (limit/first), fewer nested relationship lists, or split the query "
            "(`calcigraph serve --max-cost` sets the limit; docs/limits.md explains the cost).",
            extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": limit})


def operation_of(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    """The operation to run, or a GraphQLError saying why there is none (the spec's GetOperation)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) > 1:
            names = ", ".join(op.name.value if op.name else "(anonymous)" for op in operations)
            raise GraphQLError(f"the document holds {len(operations)} operations ({names}); say which one to run "
                               'with "operationName"', extensions={"code": "BAD_REQUEST"})
        if operations:
            return operations[0]
        raise GraphQLError("the document holds no operation", extensions={"code": "BAD_REQUEST"})
    for op in operations:
        if op.name and op.name.value == operation_name:
            return op
    raise GraphQLError(f"the document holds no operation named {operation_name!r}", extensions={"code": "BAD_REQUEST"})


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None = None,
               variables: dict[str, Any] | None = None, max_page_size: int | None = None) -> int:
    """The estimated number of values the operation's answer can hold (see the module docstring)."""
    operation = operation_of(document, operation_name)
    root = {OperationType.QUERY: schema.query_type, OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type}[operation.operation]
    if root is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    defaults = {d.variable.name.value: d.default_value for d in operation.variable_definitions or ()}
    estimator = _Estimator(schema, fragments, variables or {}, defaults, max_page_size)
    return estimator.unit(operation.selection_set, root, None, ())


class _Estimator:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any], variable_defaults: dict[str, Any], max_page_size: int | None) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.variable_defaults = variable_defaults
        self.max_page_size = max_page_size
        self.memo: dict[tuple[int, str, int | None], int] = {}

    def unit(self, selection_set: SelectionSetNode, parent: Any, pending: int | None,
             spreading: tuple[str, ...]) -> int:
        """Cost of `selection_set` for ONE value of type `parent`; `pending` is a page size set by an ancestor
        field for the next list below it. Linear in the parent count, so memoised per selection set."""
        key = (id(selection_set), parent.name, pending)
        if key in self.memo:
            return self.memo[key]
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, pending, spreading)
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition
                typ = self.schema.get_type(cond.name.value) if cond else parent
                total += self.unit(selection.selection_set, typ or parent, pending, spreading)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in spreading:  # validation refuses both; never loop here
                    continue
                typ = self.schema.get_type(fragment.type_condition.name.value) or parent
                total += self.unit(fragment.selection_set, typ, pending, (*spreading, name))
        self.memo[key] = total
        return total

    def field(self, node: FieldNode, parent: Any, pending: int | None, spreading: tuple[str, ...]) -> int:
        name = node.name.value
        fields = getattr(parent, "fields", None)  # object and interface types; unions select through fragments
        if name.startswith("__") or fields is None:
            return 1
        definition = fields.get(name)
        if definition is None or node.selection_set is None:
            return 1
        page = self.page_size(definition, node)
        target = get_named_type(definition.type)
        if _is_list(definition.type):
            bounded = target.name in VALUE_TYPES or getattr(parent, "name", None) in BOUNDED_PARENTS
            fallback = VALUE_FAN_OUT if bounded else DEFAULT_FAN_OUT
            fan_out = pending if pending is not None else page if page is not None else fallback
            return 1 + fan_out * self.unit(node.selection_set, target, None, spreading)
        return 1 + self.unit(node.selection_set, target, page, spreading)

    def page_size(self, definition: Any, node: FieldNode) -> int | None:
        for arg in PAGE_ARGUMENTS:
            if arg not in definition.args:
                continue
            value = self.argument(node, arg, definition.args[arg].default_value)
            if isinstance(value, int) and not isinstance(value, bool):
                value = max(0, value)
                # an oversized page is refused by the page-size check, with its own message
                return min(value, self.max_page_size) if self.max_page_size else value
            return None
        return None

    def argument(self, node: FieldNode, name: str, default: Any) -> Any:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                variable = value.name.value
                if variable in self.variables:
                    return self.variables[variable]
                literal = self.variable_defaults.get(variable)
                return int(literal.value) if isinstance(literal, IntValueNode) else default
            return default
        return default


def _is_list(typ: Any) -> bool:
    while isinstance(typ, GraphQLNonNull):
        typ = typ.of_type
    return isinstance(typ, GraphQLList)


class OperationGuard(SchemaExtension):
    """Before execution: exactly one operation chosen, and its cost within `Limits.max_cost` (from the request's
    context; the defaults when there is none). An error here skips execution, as a cached answer does."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            limits = _limits(context.context)
            # strawberry fills `operation_name` in with the first operation's; what the client sent is kept here
            asked = getattr(context, "_provided_operation_name", context.operation_name)
            try:
                cost = query_cost(context.schema._schema, document, asked, context.variables, limits.max_page_size)
                if hasattr(context.context, "query_cost"):
                    context.context.query_cost = cost  # the request planner's size check reads it
                if cost > limits.max_cost:
                    raise QueryCost(cost, limits.max_cost)
            except GraphQLError as error:
                context.result = ExecutionResult(data=None, errors=[error])
        yield


def _limits(request_context: Any) -> Any:
    limits = getattr(request_context, "limits", None)
    if limits is None:
        from api.graphql.context import Limits

        limits = Limits()
    return limits
