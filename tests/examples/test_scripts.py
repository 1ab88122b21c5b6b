"""Every script in examples/ runs as documented — in a subprocess, on the shipped data, into a temporary
folder — and writes non-empty figures (PNG, SVG) and CSVs. The `--source neo4j` runs and the py2neo example go
to the real Neo4j server of the test session; the numbers from Neo4j must equal the embedded ones."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.paths import PROJECT_ROOT
from graph.schema import RelKind

EXAMPLES = PROJECT_ROOT / "examples"
TIMEOUT_S = 120

SCRIPTS: dict[str, tuple[list[str], list[str]]] = {
    # script: (extra arguments, files it must write)
    "centrality": ([], ["centrality.csv", "centrality.png", "centrality.svg"]),
    "agent_similarity": ([], ["agent_similarity.csv", "agent_communities.csv", "agent_similarity.png",
                              "agent_similarity.svg"]),
    "agent_neighbourhood": (["--agent", "menaquinone-7"], ["neighbourhood-menaquinone-7.csv",
                                                          "neighbourhood-menaquinone-7.png",
                                                          "neighbourhood-menaquinone-7.svg"]),
    "evidence_levels": ([], ["evidence_levels.csv", "evidence_levels.png", "evidence_levels.svg"]),
    "phase_heatmap": ([], ["phase_matrix.csv", "phase_cells.csv", "phase_heatmap.png", "phase_heatmap.svg"]),
}


@dataclass(frozen=True)
class Run:
    out: Path
    returncode: int
    stdout: str
    stderr: str


def run_all(jobs: Sequence[tuple[list[str], Path, dict[str, str]]]) -> list[Run]:
    """Run the scripts a few at a time (each is a fresh interpreter; most of its time is imports)."""
    def one(job: tuple[list[str], Path, dict[str, str]]) -> Run:
        args, out, env = job
        done = subprocess.run([sys.executable, *args, "--out", str(out)], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
        return Run(out, done.returncode, done.stdout, done.stderr)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(one, jobs))


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["MPLBACKEND"] = "Agg"
    return env


def neo4j_env(settings) -> dict[str, str]:
    env = base_env() | {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password}
    if settings.database:
        env["NEO4J_DATABASE"] = settings.database
    return env


NEO4J_SCRIPTS = ("centrality", "phase_heatmap")
"""Run with `--source neo4j` too (each run is a fresh interpreter, so not all five: the in-process test in
tests/graph/test_analytics.py already holds every analysis to the same answer from both sources)."""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, neo4j_graph, neo4j_settings) -> Iterator[dict[tuple[str, str], Run]]:
    """Every script on the embedded graph, and NEO4J_SCRIPTS on the shipped data loaded into the test server."""
    neo4j_graph.ensure_shipped()
    keys, jobs = [], []
    for source, env, scripts in (("embedded", base_env(), list(SCRIPTS)),
                                 ("neo4j", neo4j_env(neo4j_settings), NEO4J_SCRIPTS)):
        for script in scripts:
            extra = SCRIPTS[script][0]
            out = tmp_path_factory.mktemp(f"{script}-{source}")
            keys.append((script, source))
            jobs.append(([str(EXAMPLES / f"{script}.py"), "--source", source, *extra], out, env))
    yield dict(zip(keys, run_all(jobs), strict=True))


def assert_wrote(run: Run, expected: Sequence[str]) -> None:
    assert run.returncode == 0, run.stderr
    for name in expected:
        path = run.out / name
        assert path.is_file() and path.stat().st_size > 0, f"{name} missing or empty"
        assert f"wrote {path}" in run.stdout, f"{name} not reported"
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        elif path.suffix == ".svg":
            assert "<svg" in path.read_text()[:2000]
        elif path.suffix == ".csv":
            assert len(list(csv.reader(path.open()))) >= 2, f"{name} has no data rows"


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_script_writes_figures_and_csvs(runs: dict[tuple[str, str], Run], script: str) -> None:
    assert_wrote(runs[script, "embedded"], SCRIPTS[script][1])


@pytest.mark.parametrize("script", NEO4J_SCRIPTS)
def test_script_on_neo4j_writes_the_same_numbers(runs: dict[tuple[str, str], Run], script: str) -> None:
    embedded, neo4j = runs[script, "embedded"], runs[script, "neo4j"]
    assert_wrote(neo4j, SCRIPTS[script][1])
    for name in SCRIPTS[script][1]:
        if name.endswith(".csv"):
            assert (neo4j.out / name).read_text() == (embedded.out / name).read_text(), name


@pytest.mark.parametrize("script", ["agent_similarity", "agent_neighbourhood"])
def test_network_figures_have_no_overlapping_labels(runs: dict[tuple[str, str], Run], script: str) -> None:
    """The scripts measure their own drawn label boxes after placing them (`_common.overlapping_labels`)."""
    assert "label overlaps: 0" in runs[script, "embedded"].stdout


def test_the_similarity_legend_names_each_community_by_its_most_central_agent(
        runs: dict[tuple[str, str], Run]) -> None:
    rows = list(csv.DictReader((runs["agent_similarity", "embedded"].out / "agent_communities.csv").open()))
    for community in {r["community"] for r in rows}:
        members = [r for r in rows if r["community"] == community]
        assert members[0]["central_agent"] in {r["agent"] for r in members}
    svg = (runs["agent_similarity", "embedded"].out / "agent_similarity.svg").read_text()
    assert "most central agent" in svg


def test_neighbourhood_arrows_are_coloured_by_what_the_source_does(runs: dict[tuple[str, str], Run]) -> None:
    svg = (runs["agent_neighbourhood", "embedded"].out / "neighbourhood-menaquinone-7.svg").read_text()
    assert "inhibits / antagonises" in svg and "promotes / activates" in svg
    assert "#c0392b" in svg and "#27ae60" in svg  # the two effect colours are drawn, not only listed


def test_neighbourhood_of_an_unknown_agent_says_so(tmp_path: Path) -> None:
    [run] = run_all([([str(EXAMPLES / "agent_neighbourhood.py"), "--agent", "vitamin-z"], tmp_path, base_env())])
    assert run.returncode != 0 and "no agent 'vitamin-z'" in run.stderr


# ---- py2neo against the real server ------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_py2neo_reads_neo4j_5(tmp_path: Path, neo4j_graph, neo4j_settings, scheme: str) -> None:
    """py2neo 2021.2.4 (Bolt <= 4.3) reads Neo4j 5.26, over a direct (`bolt://`) and a routing (`neo4j://`)
    URI — the latter also in NEO4J_URI, which py2neo itself cannot parse unless the example hides it."""
    neo4j_graph.ensure_shipped()
    env = neo4j_env(neo4j_settings)
    env["NEO4J_URI"] = f"{scheme}://" + neo4j_settings.uri.split("://", 1)[1]
    [run] = run_all([([str(EXAMPLES / "py2neo_read.py"), "--agent", "etidronate"], tmp_path, env)])
    assert run.returncode == 0, run.stderr
    assert "Neo4j Kernel 5.26" in run.stdout
    members = list(csv.DictReader((tmp_path / "py2neo_agents.csv").open()))
    shipped = sorted((e.source, e.target) for e in neo4j_graph.shipped.edges if e.kind is RelKind.MEMBER_OF)
    assert sorted((m["agent"], m["agent_class"]) for m in members) == shipped
    evidence = list(csv.DictReader((tmp_path / "py2neo_affects_etidronate.csv").open()))
    expected = [(e.target, pub) for e in neo4j_graph.shipped.edges
                if e.kind is RelKind.AFFECTS and e.source == "etidronate" for pub in e.props["evidence_pubs"]]
    assert sorted((r["on"], r["publication"]) for r in evidence) == sorted(expected)
    assert all(r["level"] and r["finding"] for r in evidence)
