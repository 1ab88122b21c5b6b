"""The Cypher a person pastes into Neo4j Browser works on the shipped knowledge base: every exploration query in
`cypher/examples/` runs as-is and finds something, and every question in `cypher/questions/` runs with the
parameter values its own `// :param` header suggests. A query that silently returns nothing teaches a newcomer
that the graph is empty, so "at least one row" is part of the contract."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph import cypher_files
from graph.paths import cypher_dir
from tests.conftest import Neo4jGraph

EXAMPLES = sorted((cypher_dir() / "examples").glob("*.cypher"))
QUESTIONS = sorted((cypher_dir() / "questions").glob("*.cypher"))
EXAMPLE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.cypher$")
PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?);?\s*$")


def param_header(path: Path) -> dict[str, str]:
    """The `// :param name => <Cypher literal>;` lines of a file's header, as name -> literal text."""
    params: dict[str, str] = {}
    for line in path.read_text().splitlines():
        match = PARAM_LINE.match(line.strip())
        if match:
            params[match.group(1)] = match.group(2)
    return params


def evaluate_literals(driver: Driver, literals: dict[str, str]) -> dict[str, Any]:
    """Browser evaluates `:param x => <expr>` as Cypher; so do we, so that the header means the same thing."""
    values: dict[str, Any] = {}
    for name, literal in literals.items():
        records, _, _ = driver.execute_query(f"RETURN {literal} AS v")
        values[name] = records[0]["v"]
    return values


def test_there_are_at_least_twelve_example_queries() -> None:
    assert len(EXAMPLES) >= 12, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_is_named_numbered_and_explains_itself(path: Path) -> None:
    """`NN-short-slug.cypher`, opening with comments that say the question, what the result shows and how to adapt
    it — the file is its own documentation when dragged into Browser."""
    assert EXAMPLE_NAME.match(path.name), path.name
    header = []
    for line in path.read_text().splitlines():
        if not line.startswith("//"):
            break
        header.append(line)
    text = "\n".join(header)
    for part in ("Question:", "Shows:", "Adapt:"):
        assert part in text, f"{path.name}: the opening comment lacks {part!r}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_is_one_parameter_free_statement(path: Path) -> None:
    """Runs as-is: no `$parameter` to set first, and one statement (Browser would split several into frames)."""
    statement = cypher_files.text(f"examples/{path.name}")
    assert "$" not in statement, f"{path.name} needs parameters; use literals or WITH ... AS"
    assert len(cypher_files.statements(f"examples/{path.name}")) == 1


@pytest.mark.neo4j
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_returns_rows_on_the_shipped_data(neo4j_graph: Neo4jGraph, path: Path) -> None:
    neo4j_graph.ensure_shipped()
    records, _, _ = neo4j_graph.driver.execute_query(cypher_files.text(f"examples/{path.name}"))
    assert len(records) >= 1, f"{path.name} returned no rows"


@pytest.mark.parametrize("path", QUESTIONS, ids=lambda p: p.stem)
def test_a_question_header_sets_every_parameter_its_query_uses(path: Path) -> None:
    """Pasting the header's `:param` lines into Browser is enough: no `$name` is left unset."""
    used = set(re.findall(r"\$(\w+)", cypher_files.text(f"questions/{path.name}")))
    assert used, f"{path.name} has no parameters"
    assert used <= set(param_header(path)), f"{path.name}: no :param line for {sorted(used - set(param_header(path)))}"


@pytest.mark.neo4j
@pytest.mark.parametrize("path", QUESTIONS, ids=lambda p: p.stem)
def test_a_question_runs_as_is_with_its_header_parameters(neo4j_graph: Neo4jGraph, path: Path) -> None:
    neo4j_graph.ensure_shipped()
    params = evaluate_literals(neo4j_graph.driver, param_header(path))
    records, _, _ = neo4j_graph.driver.execute_query(cypher_files.text(f"questions/{path.name}"), params)
    assert len(records) >= 1, f"{path.name} with {params} returned no rows"
