"""GraphiQL's Docs panel and the SDL explain everything a researcher picks: every query field and its arguments,
every enum value (verdicts, facets, levels, contexts), and every field of the verdict types (issue #16, item 2)."""

from __future__ import annotations

import pytest
from graphql import GraphQLEnumType, GraphQLObjectType

from api.graphql.schema import create_schema
from graph import schema as s


@pytest.fixture(scope="module")
def gql():
    return create_schema()._schema


def test_every_query_field_and_argument_is_described(gql) -> None:
    undocumented = [name for name, field in gql.query_type.fields.items() if not (field.description or "").strip()]
    undocumented += [f"{name}({arg})" for name, field in gql.query_type.fields.items()
                     for arg, a in field.args.items() if not (a.description or "").strip()]
    assert undocumented == []


def test_every_enum_value_is_described(gql) -> None:
    enums = [t for name, t in gql.type_map.items() if isinstance(t, GraphQLEnumType) and not name.startswith("__")]
    assert len(enums) >= 15
    undocumented = [f"{t.name}.{value}" for t in enums for value, v in t.values.items()
                    if not (v.description or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("type_name", ["InhibitorResult", "FacetVerdict", "ContextVerdict", "Evidence",
                                       "Strength"])
def test_verdict_types_describe_every_field(gql, type_name: str) -> None:
    t = gql.type_map[type_name]
    assert isinstance(t, GraphQLObjectType)
    assert [name for name, f in t.fields.items() if not (f.description or "").strip()] == []


def test_value_descriptions_come_from_the_docstrings_under_the_members() -> None:
    docs = s.member_docs(s.BoneFacet)
    assert docs["BONE_MASS"].startswith("Bone mass and fracture risk")
    assert set(docs) == {m.name for m in s.BoneFacet}
