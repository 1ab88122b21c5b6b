"""Read Cypher from `cypher/`: whole files, or named statements inside a file (`// name: X` headers).

Keeping the text in files (not in Python strings) means the exact statement the product runs can be pasted
into Neo4j Browser.
"""

from __future__ import annotations

import re
from functools import cache

from graph.paths import cypher_dir

_NAME = re.compile(r"^// name: (\S+)\s*$", re.M)


@cache
def text(relative: str) -> str:
    """A file's Cypher with comment lines removed (the driver does not need them)."""
    raw = (cypher_dir() / relative).read_text()
    return "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("//")).strip()


@cache
def statements(relative: str) -> list[str]:
    """The `;`-separated statements of a file, without comments or blanks."""
    return [stmt.strip() for stmt in text(relative).split(";") if stmt.strip()]


@cache
def named(relative: str) -> dict[str, str]:
    """`// name: X` sections of a file, each mapped to its statement."""
    raw = (cypher_dir() / relative).read_text()
    out: dict[str, str] = {}
    matches = list(_NAME.finditer(raw))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(raw)
        body = raw[match.end():end]
        stmt = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("//"))
        out[match.group(1)] = stmt.strip().rstrip(";").strip()
    return out
