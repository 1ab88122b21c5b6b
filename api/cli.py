"""The `calcigraph` command line: one entry point for curators, loaders, analysts and operators."""

from __future__ import annotations

import typer
from rich.console import Console

from api import cli_neo4j

console = Console()
err = Console(stderr=True)

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
