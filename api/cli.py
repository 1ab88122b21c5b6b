"""The `calcigraph` command line: one entry point for curators, loaders, analysts and operators."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from api import cli_graph, cli_neo4j
from graph.kb import KnowledgeBase
from graph.paths import data_dir

console = Console()
err = Console(stderr=True, soft_wrap=True)

app = typer.Typer(
    help=(
        "calcigraph — a cited knowledge graph of drugs and supplements against musculoskeletal ectopic "
        "calcification.\n\n"
        "Start here:\n\n"
        "  calcigraph serve              # GraphQL API on the embedded store: http://127.0.0.1:8000/graphql\n\n"
        "  calcigraph neo4j start        # a local Neo4j (Browser on :7474)"
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(cli_neo4j.app, name="neo4j")
app.command()(cli_graph.load)
app.command()(cli_graph.browse)
app.command()(cli_graph.export)


DataPath = typer.Argument(
    None, help="The data folder or one YAML file (default: data/, or $CALCIGRAPH_DATA).", show_default=False
)


def load_kb_or_exit(path: Path | None) -> KnowledgeBase:
    """Validate data/ or exit 1 with every problem listed (file:line: field: what to do)."""
    from loaders.validate import InvalidData, load_knowledge_base

    root = path or data_dir()
    try:
        return load_knowledge_base(root, context=data_dir())
    except FileNotFoundError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    except InvalidData as exc:
        for issue in exc.issues:
            err.print(f"[red]{issue}[/]", highlight=False, soft_wrap=True)
        err.print(f"[bold red]{len(exc.issues)} problem(s)[/] in {root}; nothing was loaded. "
                  "See docs/curation.md for the format.")
        raise typer.Exit(1) from None


@app.command()
def validate(path: Path | None = DataPath) -> None:
    """Check data/ (syntax, fields, enums, ids, references, phases, citations); exit 1 listing every problem.

    Example: calcigraph validate data/agents/nsaids.yaml   (one file: references to other files are checked too
    only when you validate the whole folder).
    """
    from graph.kb_stats import compute

    kb = load_kb_or_exit(path)
    st = compute(kb)
    console.print(
        f"[green]valid[/]: {sum(st.nodes.values())} nodes, {sum(st.relationships.values())} relationships, "
        f"{st.claims} cited claims, {st.publications} publications "
        f"({st.verified_citation_ratio:.0%} of {st.citations} citations verified)"
    )


@app.command()
def stats(path: Path | None = DataPath) -> None:
    """Report counts per kind and relationship, claims per evidence level, verified ratio, bone-safety gaps."""
    from rich.table import Table

    from graph.kb_stats import compute

    st = compute(load_kb_or_exit(path))
    for title, rows in (("nodes", st.nodes), ("relationships", st.relationships),
                        ("evidence items per level", st.claims_by_level)):
        table = Table(title=title, show_header=False)
        for key, value in rows.items():
            table.add_row(key, str(value))
        console.print(table)
    console.print(f"cited claims: {st.claims}")
    console.print(
        f"publications: {st.publications} ({st.verified_publications} verified, {st.cited_publications} cited)"
    )
    console.print(f"citations: {st.citations}, verified: {st.verified_citations} ({st.verified_citation_ratio:.1%})")
    if st.agents_without_bone_evidence:
        names = ", ".join(st.agents_without_bone_evidence)
        console.print(f"[yellow]agents with no bone-safety evidence at all:[/] {names}")
    if st.agents_with_bone_gaps:
        console.print("[yellow]agents with bone-safety facets neither evidenced nor marked no_data:[/]")
        for agent, missing in st.agents_with_bone_gaps.items():
            console.print(f"  {agent}: {', '.join(missing)}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 to expose it)."),
    port: int = typer.Option(8000, help="HTTP port."),
) -> None:
    """Run the HTTP API (GraphQL at /graphql, /healthz, /readyz) on the embedded store."""
    import uvicorn

    from api.app import create_app

    console.print(f"calcigraph API on http://{host}:{port}/  (GraphQL: /graphql, health: /healthz)")
    uvicorn.run(create_app(), host=host, port=port, log_level="info")


if __name__ == "__main__":
    app()
