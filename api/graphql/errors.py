"""Make GraphQL errors precise and quiet.

graphql-core reports a bad literal ("Value 'TRIAL' does not exist in 'EvidenceLevel' enum") with a location but
not the argument's name; `name_arguments` finds the argument at that location and puts its name first and in
`extensions.argument`. `QuietSchema` logs only unexpected errors: client mistakes are answers, not incidents.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, GraphQLSyntaxError, Source, parse, visit
from graphql.language import ArgumentNode, ObjectFieldNode, Visitor

log = logging.getLogger("calcigraph.api")


class ApiError(GraphQLError):
    """An error the client can act on; its message and extensions are safe to show."""

    def __init__(self, message: str, code: str, argument: str | None = None,
                 suggestions: list[str] | None = None) -> None:
        extensions: dict[str, Any] = {"code": code}
        if argument:
            extensions["argument"] = argument
        if suggestions:
            extensions["suggestions"] = suggestions
        super().__init__(message, extensions=extensions)


def bad_argument(argument: str, message: str, suggestions: list[str] | None = None) -> ApiError:
    """An error naming the argument; `suggestions`: the ids a mistyped id probably meant (closest first)."""
    return ApiError(f"{argument}: {message}", "BAD_USER_INPUT", argument, suggestions)


REPARSE_MAX_TOKENS = 10_000
"""When an error comes without the request's parsed document, the query text is parsed again to find the argument
at the error's position — never unbounded: the text is untrusted, and parsing runs on the caller's thread."""


def _argument_at(document: DocumentNode, offset: int) -> str | None:
    """Name of the innermost argument (or input field path) whose value covers `offset` in the query text."""
    found: list[str] = []

    class Finder(Visitor):
        def enter(self, node: Any, *_args: Any) -> None:
            covers = node.loc is not None and node.loc.start <= offset < node.loc.end
            if isinstance(node, ArgumentNode | ObjectFieldNode) and covers:
                found.append(node.name.value)

    visit(document, Finder())
    return ".".join(found) if found else None


def _parse_bounded(body: str) -> DocumentNode | None:
    try:
        return parse(Source(body), max_tokens=REPARSE_MAX_TOKENS)
    except GraphQLError:
        return None


def name_arguments(errors: list[GraphQLError], document: DocumentNode | None = None) -> None:
    """Put the argument's name into errors that point at one. `document` is the request's parsed query, if it
    was parsed; syntax errors (the token limit among them) point at no argument and are left alone."""
    parsed: dict[str, DocumentNode | None] = {}
    for error in errors:
        extensions = error.extensions if error.extensions is not None else {}
        if "argument" in extensions or not error.positions or error.source is None:
            continue
        if isinstance(error, GraphQLSyntaxError):
            continue
        body = error.source.body
        if document is not None and document.loc is not None and document.loc.source.body is body:
            tree: DocumentNode | None = document
        else:
            if body not in parsed:
                parsed[body] = _parse_bounded(body)
            tree = parsed[body]
        argument = _argument_at(tree, error.positions[0]) if tree is not None else None
        if argument:
            error.message = f"{argument}: {error.message}"
            error.extensions = {**extensions, "code": "BAD_USER_INPUT", "argument": argument}


class QuietSchema(strawberry.Schema):
    """The API's schema class. Besides quiet errors it carries the checks every operation must pass whatever
    extensions `create_schema` lists — one operation chosen, cost within `Limits.max_cost` (api.graphql.guards) —
    and it executes every operation off the event loop (api.graphql.execution)."""

    def __init__(self, *args: Any, extensions: Iterable[Any] = (), **kwargs: Any) -> None:
        from api.graphql.execution import QuickOperations
        from api.graphql.guards import OperationGuard

        super().__init__(*args, extensions=[OperationGuard, *extensions], **kwargs)
        self.quick = QuickOperations()

    async def execute(self, query: str | None, variable_values: dict[str, Any] | None = None,
                      context_value: Any | None = None, root_value: Any | None = None,
                      operation_name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        """Off the loop, except an operation on an immutable store already measured as quick
        (api.graphql.execution.QuickOperations)."""
        from api.graphql.execution import off_loop, off_loop_timed

        operation = super().execute(query, variable_values, context_value, root_value, operation_name, *args,
                                    **kwargs)
        store = getattr(context_value, "store", None)
        key = self.quick.key(query, variable_values, operation_name) if store is not None and store.immutable \
            else None
        if key is None:
            return await off_loop(operation)
        if key in self.quick:
            return await operation
        result, seconds = await off_loop_timed(operation)
        self.quick.consider(key, result, seconds)
        return result

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        document = getattr(execution_context, "graphql_document", None)
        name_arguments(errors, document if isinstance(document, DocumentNode) else None)
        for error in errors:
            original = error.original_error
            if original is not None and not isinstance(original, GraphQLError):
                log.error("unexpected error in %s", error.path, exc_info=original)
