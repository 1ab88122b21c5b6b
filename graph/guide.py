"""Keep the Neo4j Browser guide (cypher/guide/calcigraph.md) carrying each question's Cypher verbatim.

Neo4j Browser 5 runs a code block's `:param` lines and its query as one submission and then shows only the
parameter result ("SUCCESS", no rows), so each question appears as two blocks: a `:params {…}` block that sets the
parameters its file's header suggests, then the query itself. `calcigraph schema --cypher` rewrites both from
`cypher/questions/`; a test fails when the guide drifts.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph import cypher_files
from graph.paths import cypher_dir

GUIDE = cypher_dir() / "guide" / "calcigraph.md"
PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?);?\s*$")
FROM = re.compile(r"From `cypher/questions/(?P<name>[a-z_]+\.cypher)`:\n\n(?:```cypher\n.*?```\n\n?)+", re.S)


def params_block(question: Path) -> str:
    """`:params {name: literal, …}` from the file's `// :param name => literal;` header lines."""
    pairs = [m.groups() for line in question.read_text().splitlines() if (m := PARAM_LINE.match(line.strip()))]
    return ":params {" + ", ".join(f"{name}: {literal}" for name, literal in pairs) + "}"


def question_blocks(question: Path) -> str:
    query = cypher_files.text(f"questions/{question.name}")
    return (f"From `cypher/questions/{question.name}`:\n\n```cypher\n{params_block(question)}\n```\n\n"
            f"```cypher\n{query}\n```\n")


def synced_guide(text: str) -> str:
    return FROM.sub(lambda m: question_blocks(cypher_dir() / "questions" / m.group("name")) + "\n", text)


def sync_guide() -> bool:
    """Rewrite the guide's question blocks from cypher/questions/; True when the file changed."""
    old = GUIDE.read_text()
    new = synced_guide(old)
    if new != old:
        GUIDE.write_text(new)
    return new != old
