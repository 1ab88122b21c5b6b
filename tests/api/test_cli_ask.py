"""`calcigraph ask`: the API's questions from the terminal — the same answers as GraphQL, as tables, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from api.cli import app
from api.cli_ask import QUESTIONS
from graph.memory_store import MemoryStore
from tests.api.conftest import make_api

runner = CliRunner()


def ask(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ask", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_json_is_exactly_the_apis_answer(memory_store: MemoryStore) -> None:
    code, out, _ = ask("inhibitors", "--include-harmed", "--format", "json")
    assert code == 0
    variables = {"process": "ectopic-calcification", "disease": None, "phase": None, "tissue": None,
                 "minEvidence": None, "includeHarmed": True, "verifiedOnly": True, "clinical": True}
    api = make_api(memory_store).data(QUESTIONS["inhibitors"].document, variables)
    assert json.loads(out) == api


def test_csv_has_one_row_per_answer_with_a_verdict_and_reason_per_facet() -> None:
    code, out, _ = ask("inhibitors", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    _, as_json, _ = ask("inhibitors", "--format", "json")
    assert [r["agent"] for r in rows] == [a["agent"]["id"] for a in json.loads(as_json)["inhibitorsWithoutHarm"]]
    for row in rows:
        assert row["verdict"] in ("benefit", "no_harm", "no_data")
        assert row["fracture_healing"] and row["fracture_healing_reason"].startswith(row["fracture_healing"])


def test_the_table_shows_verdicts_and_reasons() -> None:
    code, out, _ = ask("inhibitors", "--include-harmed", "--disease", "acquired-ho")
    assert code == 0
    assert "Bone-safety verdict per facet" in out and "indomethacin" in out and "harm" in out
    assert "fracture:" in out  # the per-facet reason column


def test_the_other_questions_answer_in_every_format() -> None:
    for args in (["studied-in", "fop"], ["acting-on", "cox2-pge2"], ["gaps", "--by-disease"],
                 ["phase", "--disease", "acquired-ho"], ["search", "etidron"]):
        for fmt in ("table", "csv", "json"):
            code, out, err = ask(*args, "--format", fmt)
            assert code == 0, (args, fmt, err)
            assert out.strip()


def test_a_bad_argument_is_an_error_naming_the_option_with_exit_code_2() -> None:
    code, _, err = ask("studied-in", "no-such-disease")
    assert code == 2 and "--disease" in err and "no-such-disease" in err
    code, _, err = ask("inhibitors", "--min-evidence", "trial")
    assert code == 2 and "--min-evidence" in err and "Traceback" not in err
    code, _, err = ask("phase", "--disease", "calciphylaxis")
    assert code == 2 and "no phases" in err
