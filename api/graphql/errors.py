"""Make GraphQL errors precise and quiet.

graphql-core reports a bad literal ("Value 'TRIAL' does not exist in 'EvidenceLevel' enum") with a location but
not the argument's name; `name_arguments` finds the argument at that location and puts its name first and in
`extensions.argument`. `QuietSchema` logs only unexpected errors: client mistakes are answers, not incidents.
"""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from graphql import GraphQLError, Source, parse, visit
from graphql.language import ArgumentNode, ObjectFieldNode, Visitor

log = logging.getLogger("calcigraph.api")


class ApiError(GraphQLError):
    """An error the client can act on; its message and extensions are safe to show."""

    def __init__(self, message: str, code: str, argument: str | None = None) -> None:
        extensions: dict[str, Any] = {"code": code}
        if argument:
            extensions["argument"] = argument
        super().__init__(message, extensions=extensions)


def bad_argument(argument: str, message: str) -> ApiError:
    return ApiError(f"{argument}: {message}", "BAD_USER_INPUT", argument)


def _argument_at(body: str, offset: int) -> str | None:
    """Name of the innermost argument (or input field path) whose value covers `offset` in the query text."""
    try:
        document = parse(Source(body))
    except GraphQLError:
        return None
    found: list[str] = []

    class Finder(Visitor):
        def enter(self, node: Any, *_args: Any) -> None:
            covers = node.loc is not None and node.loc.start <= offset < node.loc.end
            if isinstance(node, ArgumentNode | ObjectFieldNode) and covers:
                found.append(node.name.value)

    visit(document, Finder())
    return ".".join(found) if found else None


def name_arguments(errors: list[GraphQLError]) -> None:
    for error in errors:
        extensions = error.extensions if error.extensions is not None else {}
        if "argument" in extensions or not error.positions or error.source is None:
            continue
        argument = _argument_at(error.source.body, error.positions[0])
        if argument:
            error.message = f"{argument}: {error.message}"
            error.extensions = {**extensions, "code": "BAD_USER_INPUT", "argument": argument}


class QuietSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        name_arguments(errors)
        for error in errors:
            original = error.original_error
            if original is not None and not isinstance(original, GraphQLError):
                log.error("unexpected error in %s", error.path, exc_info=original)
