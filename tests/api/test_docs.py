"""The GraphQL examples in docs/api.md are copy-paste ready: each runs on the shipped data as documented."""

from __future__ import annotations

import re

from graph.memory_store import MemoryStore
from graph.paths import PROJECT_ROOT
from tests.api.conftest import make_api

BLOCKS = re.findall(r"```graphql\n(.*?)```", (PROJECT_ROOT / "docs" / "api.md").read_text(), re.S)


def test_every_documented_query_runs_and_only_the_error_example_fails(memory_store: MemoryStore) -> None:
    api = make_api(memory_store)
    assert len(BLOCKS) >= 8
    outcomes = [bool(api.post(q).get("errors")) for q in BLOCKS]
    assert outcomes.count(True) == 1 and outcomes[-1] is True


def test_every_documented_response_is_the_real_answer_on_the_shipped_data(memory_store: MemoryStore) -> None:
    from api.docs_examples import DOC, render

    api = make_api(memory_store)
    assert render(DOC.read_text(), api.post) == DOC.read_text(), (
        "docs/api.md drifted from the shipped data: run `python -m api.docs_examples` and review the diff")
