"""Relationship list fields page with `limit`/`offset` (issue #15): a frontend can show the first few claims of a hub
and fetch the rest, and the query cost counts the page, not the default fan-out."""

from __future__ import annotations

from graphql import parse

from api.graphql.guards import query_cost
from api.graphql.schema import create_schema
from tests.api.conftest import Api

HUB = '{{ process(id: "heterotopic-ossification") {{ incomingAffects{args} {{ key }} }} }}'


def keys(api: Api, args: str = "") -> list[str]:
    return [r["key"] for r in api.data(HUB.format(args=args))["process"]["incomingAffects"]]


def test_limit_and_offset_page_a_relationship_list_in_key_order(api: Api) -> None:
    every = keys(api)
    assert len(every) > 4 and every == sorted(every)
    assert keys(api, "(limit: 2)") == every[:2]
    assert keys(api, "(limit: 2, offset: 2)") == every[2:4]
    assert keys(api, f"(offset: {len(every)})") == []


def test_bad_page_arguments_name_themselves(api: Api) -> None:
    assert api.error(HUB.format(args="(limit: -1)"))["extensions"]["argument"] == "limit"
    assert api.error(HUB.format(args="(offset: -5)"))["extensions"]["argument"] == "offset"


def test_a_paged_relationship_list_costs_its_page() -> None:
    schema = create_schema()._schema
    full = query_cost(schema, parse(HUB.format(args="")))
    paged = query_cost(schema, parse(HUB.format(args="(limit: 2)")))
    assert paged < full
