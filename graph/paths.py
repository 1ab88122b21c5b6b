"""Where calcigraph finds its files, so no module hard-codes a relative path."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The repository (or site-packages, for a wheel install: `cypher/` is shipped beside the packages)."""


def cypher_dir() -> Path:
    return PROJECT_ROOT / "cypher"


def data_dir() -> Path:
    """The curated knowledge base; `CALCIGRAPH_DATA` points elsewhere (e.g. a curator's working copy)."""
    return Path(os.environ.get("CALCIGRAPH_DATA", PROJECT_ROOT / "data"))


def cache_dir() -> Path:
    """Downloads and local server instances; ignored by git, reused across runs."""
    return Path(os.environ.get("CALCIGRAPH_CACHE", PROJECT_ROOT / ".cache"))
