"""Issue #17: a question whose selection shows no free text is answered from a projection without it.

The flagship's Cypher ships every claim's properties — findings and models are most of the bytes, and Neo4j spends
most of the statement building them — although a selection like the benchmark's shows none. When no field at any
depth is one of api.graphql.request_plan.TEXT_FIELDS, the Neo4j store runs the generated lean twin
(cypher/questions/lean/inhibitors_without_harm.cypher, graph.cypher_gen.lean_question); otherwise the full text.
Either way the answer is the embedded store's, byte for byte.
"""

from __future__ import annotations

from typing import Any

import pytest

from api.graphql.context import Limits
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from tests.api.conftest import make_api

LEAN = [
    "{ inhibitorsWithoutHarm { agent { id name } safety inhibitions { key bestLevel evidence { pub level verified } }"
    " safetyClaims { key direction evidence { pub verified } } } }",
    "{ inhibitorsWithoutHarm(includeHarmed: true) { agent { id name agentKind approval synonyms } verdict reason"
    " facets { facet verdict reason counted setAside claims { key evidence { pub exposure regimen timing"
    " population intent comparator } } indirectClaims { key source { id } } contexts { verdict reason } }"
    " qualifiedBy strength { score tier bestLevel publications } efficacy { key outcome } } }",
    # a fragment named like a text field is not one
    "query { inhibitorsWithoutHarm { ...description } } fragment description on InhibitorResult { agent { id } }",
]
FULL = [
    "{ inhibitorsWithoutHarm { agent { id description } } }",
    "{ inhibitorsWithoutHarm { inhibitions { evidence { finding } } } }",
    "{ inhibitorsWithoutHarm(includeHarmed: true) { facets { claims { evidence { species model } } } } }",
    "query { inhibitorsWithoutHarm { ...F } } fragment F on InhibitorResult { safetyClaims { evidence { finding } } }",
    "{ inhibitorsWithoutHarm { ... on InhibitorResult { agent { ... on Agent { description } } } } }",
]


def _files(store: Neo4jStore, query: str) -> tuple[list[str], dict[str, Any]]:
    files: list[str] = []
    run = store._run

    def spy(file: str, *args: Any, **kwargs: Any) -> Any:
        files.append(file)
        return run(file, *args, **kwargs)

    store._run = spy  # type: ignore[method-assign]
    try:
        body = make_api(store, Limits(response_cache_size=0)).post(query)
    finally:
        store._run = run  # type: ignore[method-assign]
    return [f for f in files if f.startswith("questions/")], body


@pytest.mark.parametrize(("query", "question"), [
    *((q, "questions/lean/inhibitors_without_harm.cypher") for q in LEAN),
    *((q, "questions/inhibitors_without_harm.cypher") for q in FULL),
])
def test_the_selection_picks_the_question_and_the_answer_is_the_embedded_one(
        neo4j_store: Neo4jStore, memory_store: MemoryStore, query: str, question: str) -> None:
    files, body = _files(neo4j_store, query)
    assert files == [question]
    assert "errors" not in body
    assert body == make_api(memory_store, Limits(response_cache_size=0)).post(query)


def test_the_lean_twin_projects_each_lists_own_relationship_type_and_no_type_or_near_end() -> None:
    """graph.cypher_gen.lean_question: every key on the wire is an object the driver builds, so the lean twin
    projects, per claim list, only the properties its relationship type has (a study's outcome is not on an AFFECTS
    claim) and leaves out what the store knows from the list: the type and the near end."""
    import pytest

    from graph import cypher_gen
    from graph.paths import cypher_dir

    question = (cypher_dir() / "questions" / "inhibitors_without_harm.cypher").read_text()
    lean = cypher_gen.lean_question(question)
    returned = lean[lean.rindex("\nRETURN "):]
    assert "type(" not in returned and "source:" not in returned and "properties(" not in returned
    inhibitions, efficacy = (returned.split(f"] AS {name}")[0].rsplit("[", 1)[1]
                             for name in ("inhibitions", "efficacy"))
    assert ".direction" in inhibitions and ".outcome" not in inhibitions
    assert ".outcome" in efficacy and ".direction" not in efficacy
    assert ".evidence_findings" not in returned  # text
    with pytest.raises(ValueError, match="LEAN_LISTS"):
        cypher_gen.lean_question(question.replace("AS efficacy", "AS studies"))
