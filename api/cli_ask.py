"""`calcigraph ask`: the questions from the terminal, as tables with reasons, or CSV / JSON for scripts.

Each command runs the same GraphQL document a frontend would send, in-process, against the embedded store (or Neo4j
with --neo4j), so `ask`, the API and GraphiQL cannot disagree: `--format json` prints exactly the API's `data`.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True, soft_wrap=True)

app = typer.Typer(
    help=(
        "Ask calcigraph's questions from the terminal: tables with reasons, or --format csv|json.\n\n"
        "Examples:\n\n"
        "  calcigraph ask inhibitors                       # inhibit ectopic calcification without bone harm\n\n"
        "  calcigraph ask inhibitors --disease acquired-ho --include-harmed --reasons\n\n"
        "  calcigraph ask studied-in fop --format csv > fop.csv\n\n"
        "  calcigraph ask gaps --kind COMPARATOR_ONLY --kind NONE\n\n"
        "Ids are the graph's (find one with `calcigraph ask search WORD`)."
    ),
    no_args_is_help=True,
)


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


EVIDENCE = "evidence { pub level verified exposure regimen timing intent }"
FACETS = ("OSTEOBLAST", "BONE_FORMATION", "MINERALIZATION", "FRACTURE_HEALING", "BONE_MASS", "SKELETAL_GROWTH")
SHORT = {"OSTEOBLAST": "osteobl.", "BONE_FORMATION": "formation", "MINERALIZATION": "mineral.",
         "FRACTURE_HEALING": "fracture", "BONE_MASS": "mass", "SKELETAL_GROWTH": "growth"}
COLOUR = {"BENEFIT": "green", "NO_HARM": "green", "NO_DATA": "dim", "CONFLICTING": "yellow", "HARM": "red"}


@dataclass(frozen=True)
class Question:
    root: str
    document: str
    rows: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
    """The answer as flat rows (table and CSV columns)."""


def _pubs(claims: list[dict[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(f"{e['pub']}{'' if e['verified'] else ' (unverified)'}"
                                   for c in claims for e in c["evidence"]))


def _levels(claims: list[dict[str, Any]]) -> str:
    return ", ".join(sorted({c["bestLevel"].lower() for c in claims if c.get("bestLevel")}))


def _inhibitor_rows(answer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for r in answer:
        facets = {f["facet"]: f for f in r["facets"] if f["facet"]}
        row = {"agent": r["agent"]["id"], "verdict": r["verdict"].lower(), "reason": r["reason"],
               "qualified_by": "+".join(r["qualifiedBy"]), "strength": r["strength"]["score"],
               "qualifying_levels": _levels(r["inhibitions"] + r["efficacy"]),
               "qualifying_publications": _pubs(r["inhibitions"] + r["efficacy"])}
        for name in FACETS:
            f = facets.get(name)
            row[name.lower()] = f["verdict"].lower() if f else ""
            row[f"{name.lower()}_reason"] = f["reason"] if f else ""
        rows.append(row)
    return rows


QUESTIONS: dict[str, Question] = {
    "inhibitors": Question("inhibitorsWithoutHarm", f"""
query($process: ID!, $disease: ID, $phase: ID, $tissue: ID, $minEvidence: EvidenceLevel, $includeHarmed: Boolean!,
      $verifiedOnly: Boolean!, $clinical: Boolean!) {{
  inhibitorsWithoutHarm(process: $process, disease: $disease, phase: $phase, tissue: $tissue,
                        minEvidence: $minEvidence, includeHarmed: $includeHarmed, verifiedOnly: $verifiedOnly,
                        clinical: $clinical) {{
    agent {{ id name }} verdict reason qualifiedBy strength {{ score tier musculoskeletal bestLevel publications }}
    facets {{ facet verdict reason counted setAside contexts {{ regimen timing verdict reason }} }}
    inhibitions {{ key target {{ id }} bestLevel {EVIDENCE} }}
    efficacy {{ key target {{ id }} outcome disease bestLevel {EVIDENCE} }}
  }}
}}""", _inhibitor_rows),
    "studied-in": Question("agentsStudiedIn", f"""
query($disease: ID!, $outcomes: [Outcome!], $intent: Intent, $minEvidence: EvidenceLevel, $verifiedOnly: Boolean!) {{
  agentsStudiedIn(disease: $disease, outcomes: $outcomes, intent: $intent, minEvidence: $minEvidence,
                  verifiedOnly: $verifiedOnly) {{
    agent {{ id }} disease {{ id }} phase {{ id }} outcome intents strength {{ score bestLevel publications }}
    claim {{ key bestLevel {EVIDENCE} }}
  }}
}}""", lambda answer: [{"agent": r["agent"]["id"], "disease": r["disease"]["id"],
                        "phase": (r["phase"] or {}).get("id", ""), "outcome": r["outcome"].lower(),
                        "intents": ", ".join(i.lower() for i in r["intents"]),
                        "best_level": (r["strength"]["bestLevel"] or "").lower(),
                        "publications": _pubs([r["claim"]])} for r in answer]),
    "acting-on": Question("agentsActingOn", """
query($node: ID!, $minEvidence: EvidenceLevel, $verifiedOnly: Boolean!) {
  agentsActingOn(node: $node, minEvidence: $minEvidence, verifiedOnly: $verifiedOnly) {
    agent { id } direct chains { length nodes { id } relationships { type bestLevel evidence { pub verified } } }
  }
}""", lambda answer: [{"agent": r["agent"]["id"], "direct": "yes" if r["direct"] else "no",
                       "chains": " | ".join(" → ".join(n["id"] for n in p["nodes"]) for p in r["chains"]),
                       "levels": _levels([x for p in r["chains"] for x in p["relationships"]])} for r in answer]),
    "gaps": Question("evidenceGaps", """
query($scope: GapScope!, $kinds: [GapKind!]) {
  evidenceGaps(scope: $scope, kinds: $kinds) {
    node { id name } kind claims publications bestLevel controlled agents { id }
  }
}""", lambda answer: [{"id": r["node"]["id"], "kind": r["kind"].lower(), "claims": r["claims"],
                       "publications": r["publications"], "best_level": (r["bestLevel"] or "").lower(),
                       "controlled_trial": "yes" if r["controlled"] else "no",
                       "agents": ", ".join(a["id"] for a in r["agents"])} for r in answer]),
    "phase": Question("agentsInPhase", f"""
query($phase: ID, $disease: ID, $agent: ID) {{
  agentsInPhase(phase: $phase, disease: $disease, agent: $agent) {{
    agent {{ id }} disease {{ id }} scheme {{ id }} phase {{ id }} order outcome claim {{ key bestLevel {EVIDENCE} }}
  }}
}}""", lambda answer: [{"agent": r["agent"]["id"], "disease": r["disease"]["id"], "scheme": r["scheme"]["id"],
                        "phase": r["phase"]["id"], "order": r["order"], "outcome": r["outcome"].lower(),
                        "best_level": (r["claim"]["bestLevel"] or "").lower(),
                        "publications": _pubs([r["claim"]])} for r in answer]),
    "search": Question("search", """
query($text: String!) { search(text: $text, limit: 20) { id name kind } }""",
                       lambda answer: [{"id": r["id"], "kind": r["kind"], "name": r["name"]} for r in answer]),
}
OPTION = {"process": "--process", "disease": "--disease", "phase": "--phase", "tissue": "--tissue",
          "minEvidence": "--min-evidence", "node": "NODE", "text": "TEXT", "outcomes": "--outcome",
          "intent": "--intent", "scope": "--scope", "kinds": "--kind", "agent": "--agent"}


def open_store(neo4j: bool, data: Path | None) -> Any:
    """The embedded store over data/ (default), or the configured Neo4j."""
    from api.cli import load_kb_or_exit

    if neo4j:
        from api.cli_graph import neo4j_store_or_exit

        return neo4j_store_or_exit()[0]
    from graph.paths import data_dir

    root = (data or data_dir()).resolve()
    stamp = max((f.stat().st_mtime_ns for f in root.rglob("*.yaml")), default=0) if root.is_dir() else 0
    if _EMBEDDED.get(root, (None, -1))[1] != stamp:
        from graph.memory_store import MemoryStore

        _EMBEDDED[root] = (MemoryStore.from_records(load_kb_or_exit(data).records()), stamp)
    return _EMBEDDED[root][0]


@cache
def _schema() -> Any:
    from api.graphql.schema import create_schema

    return create_schema()


_EMBEDDED: dict[Path, tuple[Any, int]] = {}
"""Embedded stores already built in this process, per data folder and its newest file's time (a script or test
that asks many questions validates data/ once)."""


def answer(name: str, variables: dict[str, Any], neo4j: bool = False, data: Path | None = None) -> list[Any]:
    """Run question `name` in-process through the GraphQL schema; exit 2 naming the option on a bad argument."""
    from api.graphql.context import Context, Limits

    store = open_store(neo4j, data)
    try:
        result = asyncio.run(_schema().execute(QUESTIONS[name].document, variable_values=variables,
                                                     context_value=Context(store=store, limits=Limits())))
    finally:
        if neo4j:
            store.close()
    if result.errors:
        error = result.errors[0]
        argument = (error.extensions or {}).get("argument")
        variable = re.search(r"Variable '\$(\w+)'", error.message)
        argument = argument or (variable.group(1) if variable else None)
        message = re.sub(r"^\w+: |^Variable '\$\w+' (got )?", "", error.message) if argument else error.message
        where = f" ({OPTION.get(argument, argument)})" if argument else ""
        err.print(f"[bold red]error{where}:[/] {message}")
        raise typer.Exit(2)
    return (result.data or {})[QUESTIONS[name].root]


def show(name: str, result: list[Any], fmt: Format, reasons: bool = False) -> None:
    if fmt is Format.JSON:
        print(json.dumps({QUESTIONS[name].root: result}, indent=2, ensure_ascii=False))
        return
    rows = QUESTIONS[name].rows(result)
    if fmt is Format.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["agent"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        console.print("[dim]no answers[/]")
        return
    if name == "inhibitors":
        _verdict_table(rows, reasons)
        return
    table = Table(show_lines=False)
    for column in rows[0]:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)


def _verdict_table(rows: list[dict[str, Any]], reasons: bool) -> None:
    table = Table(title="Bone-safety verdict per facet (rule: docs/verdicts.md)", show_lines=True)
    table.add_column("agent", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for facet in FACETS:
        table.add_column(SHORT[facet], no_wrap=True)
    table.add_column("qualified by", overflow="fold")
    table.add_column("why (per facet)", overflow="fold")
    for row in rows:
        verdict = row["verdict"]
        cells = [f"[{COLOUR[row[f.lower()].upper()]}]{row[f.lower()].replace('_', ' ')}[/]" for f in FACETS]
        shown = [f for f in FACETS if reasons or row[f.lower()] != "no_data"]
        why = "\n".join(f"{SHORT[f]}: {row[f.lower() + '_reason']}" for f in shown)
        table.add_row(row["agent"], f"[bold {COLOUR[verdict.upper()]}]{verdict.replace('_', ' ')}[/]", *cells,
                      f"{row['qualified_by']} ({row['qualifying_levels']})", why or row["reason"])
    console.print(table)


FormatOpt = typer.Option(Format.TABLE, "--format", "-f", help="table (people), csv or json (scripts; json is the "
                         "API's answer).")
Neo4jOpt = typer.Option(False, "--neo4j", help="Ask the configured Neo4j (NEO4J_URI, else the local server) "
                        "instead of the embedded store.")
DataOpt = typer.Option(None, "--data", help="Data folder for the embedded store (default: data/).", show_default=False)
MinEvidence = typer.Option(None, "--min-evidence", help="Qualifying claims need at least this level, e.g. RCT "
                           "(IN_VITRO, ANIMAL, CASE_REPORT, REVIEW, CASE_SERIES, COHORT, GUIDELINE, RCT, "
                           "META_ANALYSIS).", show_default=False)


@app.command()
def inhibitors(
    process: str = typer.Option("ectopic-calcification", help="The process to inhibit (its subtypes count)."),
    disease: str | None = typer.Option(None, help="Only agents studied with success in this disease (or a "
                                       "subtype), e.g. acquired-ho.", show_default=False),
    phase: str | None = typer.Option(None, help="Only agents studied with success in this phase.",
                                     show_default=False),
    tissue: str | None = typer.Option(None, help="Only agents acting in this tissue, e.g. tendon.",
                                      show_default=False),
    min_evidence: str | None = MinEvidence,
    include_harmed: bool = typer.Option(False, "--include-harmed", help="Also list harm and conflicting verdicts."),
    all_citations: bool = typer.Option(False, "--all-citations", help="Also count qualifying claims whose "
                                       "citations are not verified yet (verifiedOnly: false)."),
    no_clinical: bool = typer.Option(False, "--no-clinical", help="Count inhibits claims only, not clinical "
                                     "studies in diseases that manifest the process."),
    reasons: bool = typer.Option(False, "--reasons", help="Also show the no-data facets' notes (table format)."),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Agents that inhibit ectopic calcification without harming the skeleton, with a verdict per bone facet.

    Example: calcigraph ask inhibitors --disease acquired-ho --include-harmed --reasons
    """
    variables = {"process": process, "disease": disease, "phase": phase, "tissue": tissue,
                 "minEvidence": min_evidence.upper() if min_evidence else None, "includeHarmed": include_harmed,
                 "verifiedOnly": not all_citations, "clinical": not no_clinical}
    show("inhibitors", answer("inhibitors", variables, neo4j, data), fmt, reasons)


@app.command("studied-in")
def studied_in(
    disease: str = typer.Argument(..., help="A disease id, e.g. fop (its subtypes count)."),
    outcome: list[str] = typer.Option([], "--outcome", help="Keep these outcomes (repeatable): effective, mixed, "
                                      "ineffective, harmful."),
    intent: str | None = typer.Option(None, help="prevention or treatment.", show_default=False),
    min_evidence: str | None = MinEvidence,
    verified_only: bool = typer.Option(False, "--verified-only", help="Only claims citing a verified paper."),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Every agent studied in a disease or its subtypes, with outcome, phase, intent and papers.

    Example: calcigraph ask studied-in acquired-ho --intent prevention --min-evidence rct
    """
    variables = {"disease": disease, "outcomes": [o.upper() for o in outcome] or None,
                 "intent": intent.upper() if intent else None,
                 "minEvidence": min_evidence.upper() if min_evidence else None, "verifiedOnly": verified_only}
    show("studied-in", answer("studied-in", variables, neo4j, data), fmt)


@app.command("acting-on")
def acting_on(
    node: str = typer.Argument(..., help="A target, pathway or mechanism id, e.g. cox2-pge2 or ptgs2."),
    min_evidence: str | None = MinEvidence,
    verified_only: bool = typer.Option(False, "--verified-only", help="Only chains whose claims cite verified "
                                       "papers."),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Agents acting on a target, pathway or mechanism, with each claim chain.

    Example: calcigraph ask acting-on cox2-pge2
    """
    variables = {"node": node, "minEvidence": min_evidence.upper() if min_evidence else None,
                 "verifiedOnly": verified_only}
    show("acting-on", answer("acting-on", variables, neo4j, data), fmt)


@app.command()
def gaps(
    by_disease: bool = typer.Option(False, "--by-disease", help="One row per disease instead of per agent class."),
    kind: list[str] = typer.Option([], "--kind", help="Keep these kinds (repeatable): MSK_HUMAN, MSK_ANIMAL, "
                                   "MSK_IN_VITRO, COMPARATOR_ONLY, NONE."),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Which agent classes (or diseases) lack musculoskeletal efficacy evidence; weakest first.

    Example: calcigraph ask gaps --kind COMPARATOR_ONLY --kind NONE
    """
    variables = {"scope": "DISEASE" if by_disease else "AGENT_CLASS", "kinds": [k.upper() for k in kind] or None}
    show("gaps", answer("gaps", variables, neo4j, data), fmt)


@app.command()
def phase(
    disease: str | None = typer.Option(None, help="Studies of this disease or its subtypes, by phase.",
                                       show_default=False),
    phase_id: str | None = typer.Option(None, "--phase", help="One phase, e.g. ho-inflammatory.",
                                        show_default=False),
    agent: str | None = typer.Option(None, help="The phases one agent was studied in.", show_default=False),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Agents studied in a disease phase (give --disease, --phase or --agent).

    Example: calcigraph ask phase --disease acquired-ho
    """
    variables = {"disease": disease, "phase": phase_id, "agent": agent}
    show("phase", answer("phase", variables, neo4j, data), fmt)


@app.command()
def search(
    text: str = typer.Argument(..., help="Part of a name, synonym, brand name, gene symbol or title."),
    fmt: Format = FormatOpt,
    neo4j: bool = Neo4jOpt,
    data: Path | None = DataOpt,
) -> None:
    """Find ids by name: every other question takes ids.

    Example: calcigraph ask search etidron
    """
    show("search", answer("search", {"text": text}, neo4j, data), fmt)
