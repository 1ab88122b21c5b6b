"""Build the embedded store from data/: validate, translate to records, hand them to networkx.

The same `KnowledgeBase.records()` feeds the Neo4j loader, which is what makes the two stores comparable.
"""

from __future__ import annotations

from pathlib import Path

from graph.memory_store import MemoryStore
from graph.paths import data_dir
from loaders.validate import load_knowledge_base


def build_memory_store(root: Path | None = None) -> MemoryStore:
    """Validate `root` (default: data/) and return it as an embedded store; raises InvalidData on bad data."""
    return MemoryStore.from_records(load_knowledge_base(root or data_dir()).records())
