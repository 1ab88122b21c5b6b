"""Generate the schema-derived Cypher files (constraints, indexes, load statements) from `graph.schema`.

Cypher cannot take a label or relationship type as a parameter, so the load statements are written out once per
kind — from the schema's enums, never from input — into `cypher/schema.cypher` and `cypher/load/*.cypher`.
`calcigraph schema --cypher` rewrites them; a test fails when the committed files drift from the schema.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph import guide
from graph import schema as s
from graph.paths import cypher_dir

ENTITY_LABEL = "Entity"
"""Every node also carries this label: ids are unique across kinds, so one constraint and one lookup serve all."""
FULLTEXT_INDEX = "entity_search"
HEADER = "// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.\n"


def schema_cypher() -> str:
    lines = [HEADER, "// Uniqueness of ids (one per label, and across all kinds via :Entity)"]
    lines.append(
        f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE;"
    )
    for kind in s.NodeKind:
        lines.append(f"CREATE CONSTRAINT {_snake(kind)}_id IF NOT EXISTS FOR (n:{kind.value}) REQUIRE n.id IS UNIQUE;")
    lines.append("\n// Name lookups")
    for kind in s.NodeKind:
        lines.append(f"CREATE INDEX {_snake(kind)}_name IF NOT EXISTS FOR (n:{kind.value}) ON (n.name);")
    lines.append("\n// Retired: relationship key indexes. The loader's MERGE (a)-[r {key}]->(b) was planned as a scan\n"
                 "// of the whole index per row (quadratic reloads); without them it expands from the bound nodes.\n"
                 "// No read query looks relationships up by key. Dropped here so older databases lose them too.")
    for rel in s.RelKind:
        lines.append(f"DROP INDEX rel_{rel.value.lower()}_key IF EXISTS;")
    lines.append("\n// Full-text search over names, synonyms and brand names (search_text joins them)")
    labels = "|".join(k.value for k in s.NodeKind)
    lines.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [n.search_text];"
    )
    return "\n".join(lines) + "\n"


def load_nodes_cypher(fresh: bool = False) -> str:
    """Node statements. Each returns the element id of every node it wrote, so the relationship statements
    that follow (same transaction) find their endpoints without an index seek. `fresh`: the CREATE variant
    for a graph that has no calcigraph nodes yet (the loader checks), which skips MERGE's lookup."""
    verb = "CREATE, set properties" if fresh else "MERGE by id, replace properties"
    parts = [HEADER + f"// One statement per label: {verb}, stamp the load generation;\n"
             "// returns each node's element id for the relationship statements of the same transaction.\n"
             "// Parameters: $rows (list of {id, props}; props include id), $generation (string)."]
    if fresh:
        parts[0] += "\n// Only for a graph without :Entity nodes (first load, or --wipe): nothing is looked up."
    for kind in s.NodeKind:
        write = (f"CREATE (n:{ENTITY_LABEL}:{kind.value})\nSET n = row.props, n.generation = $generation\n" if fresh
                 else f"MERGE (n:{ENTITY_LABEL} {{id: row.id}})\n"
                      f"SET n = row.props, n:{kind.value}, n.generation = $generation\n")
        parts.append(f"// name: {kind.value}\nUNWIND $rows AS row\n{write}"
                     f"RETURN row.id AS id, elementId(n) AS element_id;")
    return "\n\n".join(parts) + "\n"


def load_edges_cypher(fresh: bool = False) -> str:
    """Relationship statements between nodes written earlier in the same transaction, found by element id
    (a direct record lookup: measured ~1.5x faster than two unique-index seeks per row)."""
    verb = "CREATE" if fresh else "MERGE by key"
    parts = [HEADER + f"// One statement per relationship type: {verb} between nodes of this load, by element id.\n"
             "// Parameters: $rows (list of {source, target: element ids; key; props, which include key}),\n"
             "// $generation (string)."]
    if fresh:
        parts[0] += "\n// Only for a graph without :Entity nodes (first load, or --wipe): nothing to find or merge."
    for rel in s.RelKind:
        write = f"CREATE (a)-[r:{rel.value}]->(b)\nSET r = row.props" if fresh else \
            f"MERGE (a)-[r:{rel.value} {{key: row.key}}]->(b)\nSET r = row.props"
        parts.append(
            f"// name: {rel.value}\n"
            f"UNWIND $rows AS row\n"
            f"MATCH (a) WHERE elementId(a) = row.source\n"
            f"MATCH (b) WHERE elementId(b) = row.target\n"
            f"{write}, r.generation = $generation;"
        )
    return "\n\n".join(parts) + "\n"


LEAN_DIR = "questions/lean"
LEAN_QUESTIONS = ("inhibitors_without_harm",)
"""Questions with a generated lean twin, `cypher/questions/lean/<name>.cypher` (apart from the questions
themselves: the Browser guide carries the questions, not their store variants)."""
LEAN_LISTS: dict[str, s.RelKind] = {"inhibitions": s.RelKind.AFFECTS, "efficacy": s.RelKind.STUDIED_IN,
                                    "bone_claims": s.RelKind.AFFECTS, "indirect": s.RelKind.MODULATES}
"""The claim lists a lean twin returns, each with its relationship type (`r`). A lean row names neither the type
nor the near end (the store knows them from the list), so that the wire carries what the verdicts read and nothing
else (graph.neo4j_store.lean_inhibitor_row)."""
LEAN_VIA: dict[str, s.RelKind] = {"indirect": s.RelKind.HAS_MECHANISM}
"""Lists whose claims come with the agent's link to them (`via`, variable `h`): its relationship type."""
_CLAIM_MAP = re.compile(r"\{type: type\((\w+)\), source: [\w.]+, target: ")
_LIST_END = re.compile(r"\] AS (\w+)")


def _projection(var: str, keys: list[str] | set[str]) -> str:
    return f"{var} {{{', '.join('.' + k for k in sorted(keys))}}}"


def _lean_keys(rel: s.RelKind) -> set[str]:
    return (set(s.RELATIONSHIPS[rel].properties) | {"key"}) - set(s.TEXT_PROPERTIES)


def lean_question(text: str) -> str:
    """The question's text with its RETURN clause slimmed for the store: each claim list's `properties(x)` becomes a
    static map projection of that relationship type's schema properties minus `schema.TEXT_PROPERTIES` (static,
    because Neo4j reads a projection of listed keys far faster than a dynamic one: `x[k]` over a parameter list
    measured slower than properties()); each claim map loses `type` and `source` (LEAN_LISTS, LEAN_VIA); the agent's
    properties lose the text too. A projection returns absent properties as null; the store drops those, so the maps
    equal properties() minus text. Raises when the question's RETURN has a list LEAN_LISTS does not describe.
    """
    agent_keys = set(s.NODES[s.NodeKind.AGENT].properties) - set(s.TEXT_PROPERTIES)
    head, ret, tail = text.rpartition("\nRETURN ")  # the question's own RETURN: its last, at a line's start
    if not ret:
        raise ValueError("a lean twin needs the question's RETURN clause")
    tail = tail.replace("properties(a)", _projection("a", agent_keys))
    parts, at = [], 0
    for match in _LIST_END.finditer(tail):
        name = match.group(1)
        segment = tail[at:match.end()]
        at = match.end()
        if "properties(" not in segment:
            parts.append(segment)
            continue
        if name not in LEAN_LISTS:
            raise ValueError(f"lean twin: no relationship types for the list {name!r} (graph.cypher_gen.LEAN_LISTS)")
        segment = _CLAIM_MAP.sub("{target: ", segment)
        segment = segment.replace("properties(r)", _projection("r", _lean_keys(LEAN_LISTS[name])))
        if name in LEAN_VIA:
            segment = segment.replace("properties(h)", _projection("h", _lean_keys(LEAN_VIA[name])))
        if "properties(" in segment or "type(" in segment:
            raise ValueError(f"lean twin: list {name!r} has a map this generator does not slim")
        parts.append(segment)
    head_note = (HEADER.replace("graph/schema.py", "the question of the same name in cypher/questions/ and "
                                "graph/schema.py")
                 + "// The same question for the store, without the free-text properties (graph/schema.py\n"
                   "// TEXT_PROPERTIES), each claim list projecting its own relationship type's properties and\n"
                   "// no type or near end (graph/cypher_gen.py LEAN_LISTS): the store runs it when the GraphQL\n"
                   "// selection reads no text (api/graphql/request_plan.py TEXT_FIELDS).\n")
    return head_note + head + ret + "".join(parts) + tail[at:]


def generated_files() -> dict[Path, str]:
    root = cypher_dir()
    lean = {root / LEAN_DIR / f"{q}.cypher": lean_question((root / "questions" / f"{q}.cypher").read_text())
            for q in LEAN_QUESTIONS}
    return {
        **lean,
        root / "schema.cypher": schema_cypher(),
        root / "load" / "nodes.cypher": load_nodes_cypher(),
        root / "load" / "nodes_fresh.cypher": load_nodes_cypher(fresh=True),
        root / "load" / "edges.cypher": load_edges_cypher(),
        root / "load" / "edges_fresh.cypher": load_edges_cypher(fresh=True),
        root / "questions" / guide.TABLE_FILE: guide.flagship_table_cypher(),
    }


def write_all() -> list[Path]:
    written = []
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            written.append(path)
    return written


def _snake(kind: s.NodeKind) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind.value).lower()
