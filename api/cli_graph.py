"""`calcigraph load` and `calcigraph export`: put the knowledge base into Neo4j, or into files for analytics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.settings import Neo4jSettings, resolve

console = Console()
err = Console(stderr=True, soft_wrap=True)

UriOption = typer.Option(
    None, "--uri", help="Bolt or routing URI (bolt://, neo4j://, neo4j+s://). Default: $NEO4J_URI, else the local "
    "server started by `calcigraph neo4j start`. Credentials come from NEO4J_USER / NEO4J_PASSWORD.",
    show_default=False,
)


def neo4j_settings_or_exit(uri: str | None) -> Neo4jSettings:
    cfg = resolve(uri)
    if cfg is None:
        err.print("[bold red]error:[/] no Neo4j configured: set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD), pass "
                  "--uri to the commands that take it (load, browse), or start the local server with "
                  "`calcigraph neo4j start`.")
        raise typer.Exit(2)
    return cfg


def neo4j_store_or_exit(timeout: float = 10.0) -> tuple[Any, str]:
    """A Neo4jStore on the configured (or local) Neo4j for the read commands (`serve --neo4j`, `ask --neo4j`), and
    where it is (no password); exit 1 with the reason when it cannot be reached. Retries are short: answer
    "unavailable" quickly."""
    from graph.connect import Neo4jUnreachable, open_driver
    from graph.neo4j_store import Neo4jStore

    cfg = neo4j_settings_or_exit(None)
    try:
        driver = open_driver(cfg, retry_seconds=min(1.0, timeout / 4))
    except Neo4jUnreachable as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    return Neo4jStore(driver, cfg.database, timeout=timeout), f"Neo4j {cfg.redacted()}"


def load(
    path: Path | None = typer.Argument(None, help="The data folder (default: data/ or $CALCIGRAPH_DATA).",
                                       show_default=False),
    uri: str | None = UriOption,
    wipe: bool = typer.Option(False, "--wipe", help="Delete everything in the database first (same transaction)."),
    batch_size: int = typer.Option(10_000, min=1, help="Rows per UNWIND statement."),
    timeout: float = typer.Option(1800.0, min=1, help="Seconds the load transaction may take."),
) -> None:
    """Validate data/ and load it into Neo4j: constraints and indexes, then nodes and relationships in ONE
    transaction (all or nothing). Loading twice changes nothing; claims removed from data/ disappear.

    Examples:

      calcigraph neo4j start && calcigraph load

      NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=... calcigraph load
    """
    from api.cli import load_kb_or_exit
    from graph.connect import Neo4jUnreachable, open_driver
    from loaders.neo4j_loader import LoadError
    from loaders.neo4j_loader import load as load_graph

    records = load_kb_or_exit(path).records()
    cfg = neo4j_settings_or_exit(uri)
    try:
        driver = open_driver(cfg)
    except Neo4jUnreachable as exc:
        err.print(f"[bold red]error:[/] {exc}. Nothing was loaded.")
        raise typer.Exit(1) from None
    columns = (TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            tasks: dict[str, int] = {}

            def report(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    tasks[phase] = progress.add_task(phase, total=total)
                progress.update(tasks[phase], completed=done, total=total)

            summary = load_graph(driver, records, database=cfg.database, wipe=wipe, progress=report,
                                 batch_size=batch_size, timeout=timeout)
    except LoadError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        driver.close()
    console.print(f"[green]loaded[/] into {cfg.redacted()} in {summary.seconds:.2f} s "
                  f"(of which constraints and indexes {summary.schema_seconds:.2f} s)")
    table = Table()
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for name, count in {**summary.nodes, **summary.relationships}.items():
        table.add_row(name, str(count))
    console.print(table)
    console.print("Explore it: `calcigraph browse` prints the Neo4j Browser URL and credentials.")


def browse(uri: str | None = UriOption) -> None:
    """Print how to explore the graph in Neo4j Browser: URL, user, password (local server), the guide and styles."""
    from graph.neo4j_server import LocalNeo4j

    cfg = neo4j_settings_or_exit(uri)
    local = LocalNeo4j()
    if cfg.uri == local.bolt_uri:
        console.print(f"Neo4j Browser: {local.browser_url}")
        console.print(f"connect URL:   {cfg.uri}")
        console.print(f"user:          {cfg.user}\npassword:      {cfg.password}")
    else:
        console.print(f"Neo4j at {cfg.redacted()}: open its Browser (for Aura: the console's Query tab) and sign in "
                      "with your NEO4J_USER / NEO4J_PASSWORD.")
    console.print("\nWith `calcigraph serve` running (it serves the guide and the style sheet), type in Browser:")
    console.print("  :guide http://localhost:8000/guide/calcigraph.md     # a tour: schema, then every question")
    console.print("  :style http://localhost:8000/guide/calcigraph.grass  # colours per label, names as captions")
    console.print("Every question's Cypher is in cypher/questions/, exploration queries in cypher/examples/; "
                  "details in docs/browser.md.")


def export(
    fmt: str = typer.Option(..., "--format", "-f", help="graphml | json | kgx | cypher", show_default=False),
    out: Path = typer.Option(Path("export"), "--out", "-o", help="Folder to write into (created if missing)."),
    path: Path | None = typer.Option(None, "--data", help="The data folder (default: data/).", show_default=False),
    check: bool = typer.Option(False, "--check", help="With --format kgx: run the Biolink community's validators "
                               "(kgx validate, bmt) on what was written, offline; exit 1 on any error."),
) -> None:
    """Write the graph to files for analytics tools: GraphML (Gephi, Cytoscape, yEd), node-link JSON (networkx,
    D3), KGX TSV with Biolink categories and predicates, or a Cypher script that recreates it.

    Examples:

      calcigraph export --format kgx --out export/      # calcigraph_nodes.tsv + calcigraph_edges.tsv

      calcigraph export --format kgx --check     # then kgx validate + bmt, offline ('calcigraph[interchange]')

      calcigraph export -f graphml && gephi export/calcigraph.graphml

    From Python: `from graph.analytics import networkx_graph; g = networkx_graph()`.
    """
    from api.cli import load_kb_or_exit
    from graph.exports import ExportFormat
    from graph.exports import export as write

    try:
        chosen = ExportFormat(fmt.lower())
    except ValueError:
        err.print(f"[bold red]error:[/] --format {fmt!r} is not one of: {', '.join(f.value for f in ExportFormat)}")
        raise typer.Exit(2) from None
    if check and chosen is not ExportFormat.KGX:
        err.print("[bold red]error:[/] --check validates KGX files; use it with --format kgx")
        raise typer.Exit(2)
    files = write(load_kb_or_exit(path).records(), chosen, out)
    for written in files:
        console.print(f"wrote {written} ({written.stat().st_size / 1024:.0f} KiB)")
    if check:
        _check_kgx(files)


def _check_kgx(files: list[Path]) -> None:
    from graph import biolink_check

    try:
        mapping = biolink_check.check_mapping()
        report = biolink_check.kgx_validate(files)
    except biolink_check.InterchangeToolsMissing as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    for problem in mapping.problems:
        err.print(f"[red]bmt:[/] {problem}")
    for kind, messages in report.errors.items():
        for message, ids in messages.items():
            err.print(f"[red]kgx {kind}:[/] {message} ({len(ids)}: {', '.join(ids[:3])}{' …' if len(ids) > 3 else ''})")
    console.print(f"Biolink {report.model_version}: bmt found {len(mapping.problems)} mapping problems, "
                  f"kgx validate {report.error_count} errors (declared prefix: "
                  f"{', '.join(sorted(biolink_check.DECLARED_PREFIXES))})")
    if mapping.problems or report.error_count:
        raise typer.Exit(1)
