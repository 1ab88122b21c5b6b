"""Type definitions for the @neo4j/graphql peer (bench/peer/server.mjs), generated from `graph.schema`.

One `@node` type per node kind with its stored properties, one relationship field per relationship type and
direction — named as calcigraph names them (`memberOf`, `incomingAffects`, …), typed to the single end kind or to
the `Entity` interface when several kinds can be at that end — and one `@relationshipProperties` type holding
the union of all relationship properties (as calcigraph's `Relationship` does). The flagship is a `@cypher` field
running calcigraph's own `cypher/questions/inhibitors_without_harm.cypher`, returning its agents as `Agent` nodes:
the peer answers with their claims and evidence, calcigraph also computes the bone-safety verdicts from the rows.
"""

from __future__ import annotations

from api.graphql.types import relationship_field_name
from graph import cypher_files
from graph import questions as qs
from graph import schema as s
from graph.store import Direction

GQL = {"str": "String", "int": "Int", "bool": "Boolean", "float": "Float", "str[]": "[String!]", "int[]": "[Int!]",
       "bool[]": "[Boolean!]"}


def flagship_statement() -> str:
    """calcigraph's question text, its agents handed back as nodes (the @cypher field's one column) so the peer
    answers with a GraphQL selection on them, as a frontend would ask it."""
    text = cypher_files.text("questions/inhibitors_without_harm.cypher").rstrip(";")
    return f"CALL () {{\n{text}\n}}\nMATCH (a:Agent {{id: agent}})\nRETURN a"


def _flagship_field() -> str:
    q = qs.InhibitorsWithoutHarm()
    success = ", ".join(f'"{o}"' for o in qs.SUCCESS_OUTCOMES)
    args = (f'process: String = "{q.process}", spare: [String!] = null, min_rank: Int = {q.min_rank}, '
            f"min_verified: Int = {q.min_verified}, clinical: Boolean = {str(q.clinical).lower()}, "
            f"disease: String = null, phase: String = null, tissue: String = null, success: [String!] = [{success}]")
    return (f'  inhibitorsWithoutHarm({args}): [Agent!]!\n    @cypher(statement: """\n{flagship_statement()}\n""", '
            'columnName: "a")')


def type_defs() -> str:
    rel_props: dict[str, str] = {"key": "String"}  # every relationship's identity (the loader sets it)
    for spec in s.RELATIONSHIPS.values():
        for key, ptype in spec.properties.items():
            rel_props.setdefault(key, GQL[ptype])
    out = ["interface Entity {\n  id: ID!\n  name: String\n}", "",
           "type Claim @relationshipProperties {\n" + "".join(f"  {k}: {t}\n" for k, t in rel_props.items()) + "}"]
    for kind, spec in s.NODES.items():
        fields = ["  id: ID!"] + [f"  {k}: {GQL[t]}" for k, t in spec.properties.items() if k != "id"]
        for rel in s.RELATIONSHIPS.values():
            for direction, near, far in ((Direction.OUT, rel.sources, rel.targets),
                                         (Direction.IN, rel.targets, rel.sources)):
                if kind in near:
                    end = far[0].value if len(far) == 1 else "Entity"
                    fields.append(f"  {relationship_field_name(rel.kind, direction)}: [{end}!]! @relationship("
                                  f'type: "{rel.kind.value}", direction: {direction.name}, properties: "Claim")')
        out += ["", f"type {kind.value} implements Entity @node {{\n" + "\n".join(fields) + "\n}"]
    out += ["", "type Query {\n" + _flagship_field() + "\n}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(type_defs())
