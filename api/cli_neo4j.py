"""`calcigraph neo4j ...`: install, start, stop and inspect the local Neo4j server."""

from __future__ import annotations

import typer
from rich.console import Console

from graph.neo4j_server import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, LocalNeo4j, Neo4jServerError

console = Console()
err = Console(stderr=True, soft_wrap=True)

app = typer.Typer(
    help=(
        "Run a real Neo4j Community 5.26 server on this machine, assembled from Maven Central "
        "(needs Java 17+ and Maven; no Docker).\n\n"
        "Typical session:\n\n"
        "  calcigraph neo4j start      # installs on first use, waits until Bolt answers\n\n"
        "  calcigraph load             # loads data/ into it\n\n"
        "  calcigraph browse           # Browser URL, user and password\n\n"
        "  calcigraph neo4j stop\n\n"
        "The instance is remembered with its ports; $CALCIGRAPH_NEO4J_INSTANCE selects another instance."
    ),
    no_args_is_help=True,
)

BoltPort = typer.Option(None, "--bolt-port", show_default=False,
                        help=f"Loopback port for Bolt (default: the port it last ran on, else {DEFAULT_BOLT_PORT}).")
HttpPort = typer.Option(None, "--http-port", show_default=False,
                        help="Loopback port for HTTP and Neo4j Browser (default: the port it last ran on, else "
                        f"{DEFAULT_HTTP_PORT}).")


def _fail(exc: Exception) -> None:
    err.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(1)


@app.command()
def install() -> None:
    """Download Neo4j Community and Neo4j Browser from Maven Central into the cache (once; reused later)."""
    try:
        LocalNeo4j().install(log=console.print)
    except Neo4jServerError as exc:
        _fail(exc)


@app.command()
def start(bolt_port: int | None = BoltPort, http_port: int | None = HttpPort) -> None:
    """Start the local server (installing it first if needed) and wait until it answers on Bolt. Its ports are
    recorded: status, browse, load and serve --neo4j use them. If it already runs, says where."""
    try:
        status = LocalNeo4j(bolt_port=bolt_port, http_port=http_port).start(log=console.print)
    except Neo4jServerError as exc:
        _fail(exc)
    console.print("user: neo4j   password: `calcigraph neo4j status --show-password` (or `calcigraph browse`)")
    console.print(
        "To point calcigraph or cypher-shell at it from another shell:\n"
        f"  export NEO4J_URI={status.bolt_uri} NEO4J_USER=neo4j "
        f"NEO4J_PASSWORD=\"$(cat '{status.instance_dir / 'password'}')\""
    )


@app.command()
def stop() -> None:
    """Stop the local server (SIGTERM, then SIGKILL after 60 s): no Java process is left behind."""
    try:
        LocalNeo4j().stop(log=console.print)
    except Neo4jServerError as exc:
        _fail(exc)


@app.command()
def status(
    show_password: bool = typer.Option(False, "--show-password", help="Also print the generated password."),
) -> None:
    """Print whether the local server runs, its PID, version, Bolt URI, Browser URL and user (exit 3 if it does
    not run); the password only with --show-password."""
    st = LocalNeo4j().status()
    console.print(f"running:  {'yes' if st.running else 'no'}")
    console.print(f"pid:      {st.pid or '-'}")
    console.print(f"version:  {st.version or '-'}")
    console.print(f"bolt:     {st.bolt_uri}")
    console.print(f"browser:  {st.browser_url}")
    console.print(f"user:     {st.user}")
    if show_password:
        console.print(f"password: {st.password or '(set at first start)'}", highlight=False)
    else:
        console.print("password: (hidden; --show-password prints it)")
    console.print(f"instance: {st.instance_dir}")
    if not st.running:
        raise typer.Exit(3)
