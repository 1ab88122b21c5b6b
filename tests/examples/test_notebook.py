"""The example notebook runs top to bottom in a fresh kernel on the shipped data, without errors, and shows what
its text promises: the graph's size, central mechanisms, the flagship answer with facet reasons, named
communities and the phase heat map."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from graph.paths import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "examples" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(PROJECT_ROOT / "examples")}}).execute()
    return nb


def text_of(nb: nbformat.NotebookNode) -> str:
    return "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)


def test_the_notebook_runs_without_errors(executed: nbformat.NotebookNode) -> None:
    errors = [out for cell in executed.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert errors == []


def test_the_notebook_shows_the_flagship_answer_with_reasons(executed: nbformat.NotebookNode) -> None:
    shown = text_of(executed)
    assert "nodes," in shown and "relationships" in shown
    assert "agents; the first 8:" in shown
    assert any(word in shown for word in ("BENEFIT", "NO_HARM"))
    assert "studied cells" in shown


def test_the_committed_notebook_carries_no_outputs() -> None:
    """Outputs are produced by running it, never committed (they would drift from the data)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") and cell.get("execution_count") is None
               for cell in nb.cells if cell.cell_type == "code")
