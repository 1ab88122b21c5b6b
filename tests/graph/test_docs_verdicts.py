"""The worked examples of docs/verdicts.md are the live answers on the shipped data."""

from __future__ import annotations

import re

from graph import questions as qs
from graph.memory_store import MemoryStore
from graph.paths import PROJECT_ROOT

EXAMPLE = re.compile(r"<!-- verdict: (\S+) (\S+) -->\n> (.+)")


def test_every_quoted_reason_is_what_the_flagship_answers(memory_store: MemoryStore) -> None:
    examples = EXAMPLE.findall((PROJECT_ROOT / "docs" / "verdicts.md").read_text())
    assert len(examples) >= 4
    q = qs.InhibitorsWithoutHarm(include_harmed=True, verified_only=False)
    answers = {a.agent: a for a in qs.inhibitors_without_harm(memory_store, q)}
    for agent, facet, quoted in examples:
        answer = answers[agent]
        live = answer.bone.reason if facet == "overall" else next(
            f.reason for f in answer.bone.facets if f.facet and f.facet.value == facet)
        assert live == quoted, f"docs/verdicts.md quotes {agent} {facet} as {quoted!r}; today it is {live!r}"
