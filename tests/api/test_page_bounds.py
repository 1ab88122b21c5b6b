"""Issue #15, item 8: page offsets and cursors are bounded once, for both stores, with an error naming the
argument. (Before: `agents(offset: 2147483647)` and cursors for huge offsets answered on the embedded store but
were masked "Unexpected error"s on Neo4j. Lone surrogates in variables: see test_http_guards.py.)"""

from __future__ import annotations

import base64

import pytest

from tests.api.conftest import Api


def cursor(offset: str) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def connection(after: str, first: int = 5) -> str:
    return f'{{ agentsConnection(first: {first}, after: "{after}") {{ edges {{ cursor }} }} }}'


@pytest.mark.parametrize(("query", "argument"), [
    ("{ agents(offset: 2147483647) { totalCount items { id } } }", "offset"),
    (connection(cursor("2147483647")), "after"),
    (connection(cursor("9" * 30)), "after"),
    (connection(cursor("\u0663")), "after"),  # Arabic 3
])
def test_huge_offsets_are_refused_alike_on_both_backends(api: Api, query: str, argument: str) -> None:
    error = api.error(query)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}, error
    assert "Unexpected error" not in error["message"]


def test_offsets_within_the_bound_still_page(api: Api) -> None:
    assert api.data("{ agents(offset: 1000) { totalCount items { id } } }")["agents"]["items"] == []
    edges = api.data(connection(cursor("0"), first=2))
    assert len(edges["agentsConnection"]["edges"]) == 2
