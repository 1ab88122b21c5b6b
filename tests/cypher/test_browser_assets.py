"""What a newcomer opens in Neo4j Browser is complete and current: the guide (`:guide <url>` of
cypher/guide/calcigraph.md) carries each question of cypher/questions/ verbatim with its parameters, every block in
it runs, the `.grass` style sheet styles every node label of the schema, and the local server lets Browser fetch
both from the loopback address calcigraph serves them on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph import cypher_files
from graph.guide import PARAM_LINE, TABLE_FILE, TABLE_OF, flagship_table_cypher, params_block, synced_guide
from graph.neo4j_server import LocalNeo4j
from graph.paths import cypher_dir
from graph.schema import NodeKind, RelKind
from tests.conftest import Neo4jGraph

GUIDE = cypher_dir() / "guide" / "calcigraph.md"
GRASS = cypher_dir() / "calcigraph.grass"
QUESTIONS = sorted((cypher_dir() / "questions").glob("*.cypher"))
SLIDE_BREAK = re.compile(r"\r?\n---\r?\n")
"""How Browser 5 splits a markdown guide into slides."""
CYPHER_BLOCK = re.compile(r"^```cypher\n(.*?)^```", re.M | re.S)
"""Browser makes exactly these fenced blocks clickable ("runnable")."""


def guide_blocks_for(question: Path) -> tuple[str, str]:
    """The two runnable blocks a question becomes in the guide: `:params {…}` from its header, then the query."""
    return params_block(question), cypher_files.text(f"questions/{question.name}")


def browser_parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser 5's own GraSS parser (graphStyle `parse`), transcribed: selectors are everything outside braces
    with whitespace dropped, quotes are stripped, and a declaration is kept only if it has exactly one `:` — so a
    comment or a URL would silently corrupt the sheet, which is why the test uses the same rules."""
    rules: dict[str, str] = {}
    in_quote = in_rule = False
    selector = body = ""
    for ch in text:
        if ch in "'\"":
            in_quote = not in_quote
            continue
        if ch == "{" and not in_quote:
            in_rule = True
            continue
        if ch == "}" and not in_quote:
            in_rule = False
            rules[selector], selector, body = body, "", ""
            continue
        if in_rule:
            body += ch
        elif not ch.isspace():
            selector += ch
    parsed: dict[str, dict[str, str]] = {}
    for sel, decls in rules.items():
        parsed[sel] = {}
        for decl in decls.split(";"):
            parts = decl.split(":")
            if len(parts) == 2:
                parsed[sel][parts[0].strip()] = parts[1].strip()
    return parsed


# ---- the guide ----------------------------------------------------------------------------------------------------

def test_the_guide_exists_as_a_multi_slide_markdown_guide() -> None:
    slides = SLIDE_BREAK.split(GUIDE.read_text())
    assert len(slides) >= 2 + len(QUESTIONS), "expected intro and schema slides plus one slide per question"
    assert "AS source, type(r) AS relationship" in slides[0] + slides[1], "the schema (domain labels) comes first"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda p: p.stem)
def test_the_guide_carries_each_question_verbatim_with_its_parameters(question: Path) -> None:
    guide = GUIDE.read_text()
    assert f"cypher/questions/{question.name}" in guide, f"the guide does not name {question.name}"
    blocks = [block.strip() for block in CYPHER_BLOCK.findall(guide)]
    params, query = guide_blocks_for(question)
    assert query in blocks, f"the guide's query for {question.name} differs from the file: `calcigraph schema --cypher`"
    assert blocks[blocks.index(query) - 1] == params, f"the guide's :params block for {question.name} is not current"


def test_the_guide_is_what_the_sync_writes() -> None:
    assert synced_guide(GUIDE.read_text()) == GUIDE.read_text(), "run `calcigraph schema --cypher`"


def test_the_guide_references_the_style_sheet_it_ships_with() -> None:
    styles = re.findall(r"^:style (\S+)$", GUIDE.read_text(), re.M)
    assert styles, "the guide should show how to apply the style sheet"
    assert all(url.endswith("/" + GRASS.name) for url in styles)


@pytest.mark.neo4j
def test_every_runnable_block_of_the_guide_runs_and_finds_something(neo4j_graph: Neo4jGraph) -> None:
    """Each block runs as Browser runs it: a `:params {…}` block sets the parameters for the blocks after it (its map
    evaluated as Cypher), `:param` lines set one, then the statement runs. Blocks holding only other Browser commands
    (`:style ...`) have no Cypher to check."""
    neo4j_graph.ensure_shipped()
    driver = neo4j_graph.driver
    checked = 0
    params: dict[str, Any] = {}
    for block in CYPHER_BLOCK.findall(GUIDE.read_text()):
        cypher_lines = []
        for line in block.splitlines():
            match = re.match(r"^:param\s+(\w+)\s*=>\s*(.+?);?\s*$", line)
            many = re.match(r"^:params\s+(\{.*\})\s*$", line)
            if many:
                records, _, _ = driver.execute_query(f"RETURN {many.group(1)} AS v")
                params = dict(records[0]["v"])
            elif match:
                records, _, _ = driver.execute_query(f"RETURN {match.group(2)} AS v")
                params[match.group(1)] = records[0]["v"]
            elif not line.startswith(":"):
                cypher_lines.append(line)
        statement = "\n".join(cypher_lines).strip()
        if not statement:
            continue
        records, _, _ = driver.execute_query(statement, params)
        assert records, f"this guide block returned no rows:\n{block}"
        checked += 1
    assert checked >= len(QUESTIONS) + 1


# ---- the style sheet ------------------------------------------------------------------------------------------------

def test_the_style_sheet_colours_and_captions_every_node_label_distinctly() -> None:
    sheet = browser_parse_grass(GRASS.read_text())
    colours = {}
    for kind in NodeKind:
        rule = sheet.get(f"node.{kind.value}")
        assert rule is not None, f"{GRASS.name} has no rule for node.{kind.value}"
        assert rule.get("caption") == "{name}", f"node.{kind.value} should be captioned by {{name}}"
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule.get("color", "")), f"node.{kind.value} needs a colour"
        colours[kind.value] = rule["color"].upper()
    assert len(set(colours.values())) == len(colours), f"two labels share a colour: {colours}"


QUALIFIED_CAPTIONS = {"TARGETS": "{action}", "MODULATES": "{direction}", "REGULATES": "{direction}",
                      "AFFECTS": "{direction}", "STUDIED_IN": "{outcome}"}
"""Claims are captioned by what they say (inhibits / promotes / no_effect, effective / ineffective …), so the
bone-safety story is visible in the picture; structural links by their type."""


def test_the_style_sheet_captions_claims_by_what_they_say_and_links_by_type() -> None:
    sheet = browser_parse_grass(GRASS.read_text())
    assert sheet["relationship"]["caption"] == "<type>"
    for kind in RelKind:
        expected = QUALIFIED_CAPTIONS.get(kind.value, "<type>")
        assert sheet.get(f"relationship.{kind.value}", {}).get("caption", "<type>") == expected, kind.value


def test_the_style_sheet_has_only_selectors_browser_understands() -> None:
    """Browser's parser has no comments: stray text would become a bogus selector and be ignored silently."""
    known = {"node", "relationship"}
    known |= {f"node.{k.value}" for k in NodeKind} | {f"relationship.{k.value}" for k in RelKind}
    assert set(browser_parse_grass(GRASS.read_text())) <= known


# ---- the local server lets Browser fetch them ---------------------------------------------------------------------

def test_the_local_server_allows_guides_from_loopback_and_keeps_browsers_defaults(tmp_path: Path) -> None:
    """Browser fetches `:guide`/`:style` URLs only from `browser.remote_content_hostname_whitelist`; its built-in
    default (guides.neo4j.com, localhost) rejects http://127.0.0.1:8000/..., the address `calcigraph serve` prints."""
    server = LocalNeo4j("conf-only", root=tmp_path)
    server._write_conf()
    conf = (server.conf_dir / "neo4j.conf").read_text()
    match = re.search(r"^browser\.remote_content_hostname_whitelist=(.*)$", conf, re.M)
    assert match, "neo4j.conf does not set browser.remote_content_hostname_whitelist"
    hosts = {h.strip() for h in match.group(1).split(",")}
    assert {"127.0.0.1", "localhost", "guides.neo4j.com"} <= hosts


# ---- the flagship as a flat table -----------------------------------------------------------------------------

def test_the_flat_table_is_derived_from_the_flagships_own_query() -> None:
    table = (cypher_dir() / "questions" / TABLE_FILE).read_text()
    assert table == flagship_table_cypher(), "run `calcigraph schema --cypher`"
    question = cypher_files.text(f"questions/{TABLE_OF}")
    assert cypher_files.text(f"questions/{TABLE_FILE}").startswith(question.partition("\nRETURN a.id AS agent")[0])


@pytest.mark.neo4j
def test_the_flat_table_lists_exactly_the_flagships_agents_one_row_per_bone_claim(neo4j_graph) -> None:
    neo4j_graph.ensure_shipped()
    question = (cypher_dir() / "questions" / TABLE_OF)
    params = dict(param_line.groups() for line in question.read_text().splitlines()
                  if (param_line := PARAM_LINE.match(line.strip())))
    values = {k: neo4j_graph.driver.execute_query(f"RETURN {v} AS v").records[0]["v"] for k, v in params.items()}
    rows, _, _ = neo4j_graph.driver.execute_query(cypher_files.text(f"questions/{TABLE_FILE}"), values)
    answers, _, _ = neo4j_graph.driver.execute_query(cypher_files.text(f"questions/{TABLE_OF}"), values)
    assert {r["agent"] for r in rows} == {a["agent_props"]["name"] for a in answers}
    claims = {a["agent_props"]["name"]: len(a["bone_claims"]) + len(a["indirect"]) for a in answers}
    for name, count in claims.items():
        mine = [r for r in rows if r["agent"] == name]
        assert len(mine) == max(count, 1)
        assert all(r["facet"] and r["direction"] for r in mine) or (count == 0 and mine[0]["facet"] is None)
