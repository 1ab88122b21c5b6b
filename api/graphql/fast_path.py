"""The extension that answers a validated query with the compiled executor (api.graphql.fast_executor).

It runs in `on_execute`, after parsing, validation and the operation guard (one operation, cost within the
limit) and after a response-cache lookup: when any of those already set a result, it does nothing. When the compiled
executor declines (an error, or something it does not handle), graphql-core executes the request as before.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension

from api.graphql.fast_executor import CompiledSchema, execute


class FastPath(SchemaExtension):
    """Sets the execution result from the compiled executor, which skips graphql-core's execution."""

    def __init__(self, compiled: list[CompiledSchema]) -> None:
        self.compiled = compiled  # one per schema, built on the first request (the schema is complete by then)

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.result is None and context.graphql_document is not None:
            if not self.compiled:
                self.compiled.append(CompiledSchema(context.schema._schema))
            result = await execute(self.compiled[0], context.graphql_document, context.variables,
                                   context.operation_name, context.context)
            if result is not None:
                context.result = result
        yield
