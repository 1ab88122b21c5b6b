"""Regenerate the responses in docs/api.md from the shipped data, so every documented answer is the real one.

Each ```graphql block of docs/api.md is followed (after any prose) by a ```json block: its answer on the embedded
store. Long lists are cut to their first items, the cut marked inside the list (`"… 12 more"`), so the JSON stays
readable and says what it leaves out. `tests/api/test_docs.py` fails when the file drifts from the data.

Run: `python -m api.docs_examples` (rewrites docs/api.md in place).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from graph.paths import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "api.md"
PAIR = re.compile(r"(```graphql\n(?P<query>.*?)```)(?P<between>.*?)```json\n.*?```", re.S)
TOP_ITEMS = 2
"""Results of a root field shown before the cut."""
NESTED_ITEMS = 3
"""Items of a nested list shown before the cut."""


def cut(value: Any, depth: int = 0) -> Any:
    """The value with long lists shortened, each cut marked by a last item "… N more"."""
    if isinstance(value, dict):
        return {k: cut(v, depth + (k != "data")) for k, v in value.items()}
    if isinstance(value, list):
        keep = TOP_ITEMS if depth <= 1 else NESTED_ITEMS
        shown = [cut(v, depth + 1) for v in value[:keep]]
        return shown + ([f"… {len(value) - keep} more"] if len(value) > keep else [])
    return value


def render(text: str, post: Any) -> str:
    """docs/api.md with every json block replaced by the answer to the graphql block before it."""

    def answer(match: re.Match[str]) -> str:
        body = json.dumps(cut(post(match.group("query"))), indent=2, ensure_ascii=False)
        return f"{match.group(1)}{match.group('between')}```json\n{body}\n```"

    return PAIR.sub(answer, text)


def poster() -> Any:
    """A function posting a query to the API over the shipped data on the embedded store."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.memory_store import MemoryStore
    from graph.paths import data_dir
    from loaders.validate import load_knowledge_base

    client = TestClient(create_app(MemoryStore.from_records(load_knowledge_base(data_dir()).records())))
    return lambda query: client.post("/graphql", json={"query": query}).json()


def main() -> int:
    new = render(DOC.read_text(), poster())
    changed = new != DOC.read_text()
    DOC.write_text(new)
    print(f"{'rewrote' if changed else 'unchanged:'} {DOC.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
