"""The `calcigraph` command line: one entry point for curators, loaders, analysts and operators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from api import cli_ask, cli_graph, cli_neo4j
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
        "  calcigraph ask inhibitors     # the flagship question as a table, with reasons\n\n"
        "  calcigraph neo4j start        # a local Neo4j (Browser on :7474)"
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(cli_neo4j.app, name="neo4j")
app.add_typer(cli_ask.app, name="ask")
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

    from graph.kb_stats import compute, floors

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
    console.print(f"ontology identifiers: {st.identifiers}, verified: {st.verified_identifiers}")
    if st.leads:
        console.print(f"leads (data/leads.yaml, not in the graph): {st.leads} papers, {st.lead_uses} evidence items — "
                      f"{st.leads_pending} pending (not yet seen on an authoritative page), {st.leads_rejected} "
                      f"rejected with reasons, {st.leads_unexplained} without a reason")
    if st.screening:
        table = Table(title="screening logs (data/screening/): queries, hits screened, papers, in/out, absences",
                      box=None, pad_edge=False)
        table.add_column("scope", no_wrap=True)
        for column in ("q", "hits", "papers", "in", "out", "gaps"):
            table.add_column(column, justify="right", no_wrap=True)
        for c in st.screening:
            table.add_row(f"{c.scope.replace('agent_class', 'class')}:{c.about}",
                          *(str(x) for x in (c.queries, c.screened, c.records, c.included, c.excluded, c.absences)))
        console.print(table)
    if st.unscreened:
        console.print(f"[yellow]without a screening log:[/] {', '.join(st.unscreened)}")
    if st.agents_without_bone_evidence:
        names = ", ".join(st.agents_without_bone_evidence)
        console.print(f"[yellow]agents with no bone-safety evidence at all:[/] {names}")
    if st.agents_with_bone_gaps:
        console.print("[yellow]agents with bone-safety facets neither evidenced nor marked no_data:[/]")
        for agent, missing in st.agents_with_bone_gaps.items():
            console.print(f"  {agent}: {', '.join(missing)}")
    table = Table(title="curation floors (issue #14; docs/curation.md)")
    for column in ("floor", "target", "now", ""):
        table.add_column(column)
    for f in floors(st):
        table.add_row(f.name, f.target, f.actual, "[green]met[/]" if f.met else "[red]not met[/]")
    console.print(table)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 to expose it)."),
    port: int = typer.Option(8000, help="HTTP port."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Serve from Neo4j (NEO4J_URI, else the local server) "
                               "instead of the embedded store. Also chosen when NEO4J_URI is set."),
    embedded: bool = typer.Option(False, "--embedded", help="Force the embedded store even if NEO4J_URI is set."),
    data: Path | None = typer.Option(None, help="Data folder for the embedded store (default: data/).",
                                     show_default=False),
    cors: list[str] = typer.Option([], "--cors", help="Allowed browser origin (repeatable), e.g. "
                                   "--cors http://localhost:3000"),
    max_depth: int = typer.Option(12, help="Deepest query nesting allowed."),
    max_tokens: int = typer.Option(2000, help="Largest query (GraphQL tokens) allowed."),
    max_page_size: int = typer.Option(500, help="Largest limit/first allowed."),
    max_cost: int = typer.Option(250_000, min=1, help="Largest estimated answer (values; list fields count once per "
                                 "item of their page, relationship lists as 20): costlier queries are refused."),
    timeout: float = typer.Option(10.0, help="Seconds a request (and its Neo4j transaction) may take."),
    max_body_bytes: int = typer.Option(262_144, min=1, help="Largest request body accepted; larger ones get 413."),
    header_timeout: float = typer.Option(10.0, min=0.1, help="Seconds a client may take to send a request's line "
                                         "and headers; slower connections are closed."),
    max_header_bytes: int = typer.Option(16_384, min=1024, help="Largest request line plus headers; larger: 400."),
    max_connections: int = typer.Option(256, min=1, help="Open connections served at once; beyond: 503."),
    keep_alive: int = typer.Option(5, min=1, help="Seconds an idle keep-alive connection stays open."),
    response_cache: int = typer.Option(256, help="Answers kept per query text and variables on the embedded store "
                                       "(the graph never changes while serving); 0 turns the cache off."),
    generation_cache: bool = typer.Option(False, help="Neo4j: cache answers too, keyed by the loaded graph's "
                                          "generation (a `calcigraph load` invalidates them; edits made outside it "
                                          "do not)."),
    generation_check: float = typer.Option(1.0, min=0.0, help="With --generation-cache: seconds a generation read "
                                           "serves all requests (a reload is served at most this late); 0: each "
                                           "request reads it."),
    workers: int = typer.Option(1, min=1, max=64, help="Server processes (forked, one socket). A request is "
                                "CPU-bound Python, so one process uses one core: under concurrent load use about "
                                "one per core. Connection limits and caches are per worker."),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log", help="Log a line per request (uvicorn's "
                                    "access log)."),
) -> None:
    """Run the GraphQL API: http://HOST:PORT/graphql (GraphiQL in a browser), /healthz, /readyz.

    Every request and connection limit is explicit and has a flag below; docs/limits.md explains each.

    Examples:

      calcigraph serve                                   # embedded store, no server needed

      calcigraph neo4j start && calcigraph load && calcigraph serve --neo4j

      calcigraph serve --workers 2                       # one process per core, for concurrent clients

      curl -s localhost:8000/graphql -H 'content-type: application/json' \\
        -d '{"query": "{ inhibitorsWithoutHarm { agent { name } safety } }"}'
    """
    import os

    from api.app import create_app
    from api.graphql.context import Limits
    from api.serving import ServerLimits, run_workers
    from graph.store import GraphStore

    limits = Limits(max_depth=max_depth, max_tokens=max_tokens, max_page_size=max_page_size, max_cost=max_cost,
                    timeout_seconds=timeout, response_cache_size=response_cache, max_body_bytes=max_body_bytes,
                    generation_cache=generation_cache, generation_check_seconds=generation_check)
    problem = address_problem(host, port)
    if problem:
        err.print(f"[bold red]error:[/] {problem}")
        raise typer.Exit(2)
    store: GraphStore
    remote = bool((neo4j or os.environ.get("NEO4J_URI")) and not embedded)
    if remote:
        from api.cli_graph import neo4j_store_or_exit

        store, where = neo4j_store_or_exit(timeout)  # fails here, once, when Neo4j cannot be reached
    else:
        from graph.memory_store import MemoryStore

        store = MemoryStore.from_records(load_kb_or_exit(data).records())  # built once; workers share it
        where = "the embedded store"
    plural = f" in {workers} worker processes" if workers > 1 else ""
    console.print(f"calcigraph on http://{host}:{port}/ (the workbench; GraphQL and GraphiQL at /graphql) — serving "
                  f"{where}{plural}; health: /healthz, readiness: /readyz")
    server_limits = ServerLimits(header_timeout=header_timeout, max_header_bytes=max_header_bytes,
                                 max_connections=max_connections, keep_alive_timeout=keep_alive)
    if remote and workers > 1:
        store.close()  # a driver must not cross a fork: each worker opens its own

    def build_app() -> Any:
        worker_store = neo4j_store_or_exit(timeout)[0] if remote and workers > 1 else store
        return create_app(worker_store, limits, cors_origins=cors)

    run_workers(build_app, host, port, server_limits, workers, access_log=access_log)


def address_problem(host: str, port: int) -> str | None:
    """Why `serve` cannot listen on host:port (taken, or not an address of this machine), in words; None if it can.
    Checked before the store is built, so a taken port is one clear line, not a banner and a uvicorn traceback."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"{host!r} is not a host name or address this machine knows; try --host 127.0.0.1"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is already in use (another `calcigraph serve`?); stop it, or choose "
                        f"another port: calcigraph serve --port {port + 1} (make serve PORT={port + 1})")
            return f"cannot listen on {host}:{port}: {exc.strerror}; try --host 127.0.0.1 or another --port"
    return None


@app.command()
def schema(
    cypher: bool = typer.Option(False, "--cypher", help="Instead: rewrite the generated Cypher files "
                                "(cypher/schema.cypher, cypher/load/*.cypher) from graph/schema.py, and the "
                                "question blocks of the Browser guide from cypher/questions/."),
) -> None:
    """Print the GraphQL schema (SDL); it is committed as api/schema.graphql and a test fails when it drifts.

    Example: calcigraph schema > api/schema.graphql
    """
    if cypher:
        from graph.cypher_gen import write_all
        from graph.guide import GUIDE, sync_guide

        for path in write_all():
            console.print(f"rewrote {path}")
        if sync_guide():
            console.print(f"rewrote {GUIDE}")
        return
    from api.graphql.schema import create_schema

    print(str(create_schema()))


if __name__ == "__main__":
    app()
