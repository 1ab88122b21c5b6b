"""The KGX export passes the Biolink community's own tools — kgx's validator and the Biolink Model Toolkit — run
offline on the model file the `biolink-model` package ships (issue #14, item 7)."""

from __future__ import annotations

import csv
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph import biolink, biolink_check
from graph import schema as s
from graph.exports import ExportFormat, export
from graph.kb import Records


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection fails the test: the tools must not download the model."""

    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield


def test_bmt_confirms_every_category_and_predicate_we_map_to(no_network: None) -> None:
    report = biolink_check.check_mapping()
    assert report.problems == []
    assert report.model_version.startswith("4.")


def test_bmt_catches_a_term_that_is_not_biolink(no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(biolink.PREDICATE, s.RelKind.TARGETS, "biolink:zaps")
    monkeypatch.setitem(biolink.CATEGORY, s.NodeKind.TISSUE, "biolink:Blob")
    problems = biolink_check.check_mapping().problems
    assert "TARGETS: biolink:zaps is not a Biolink predicate" in problems
    assert "Tissue: biolink:Blob is not a Biolink category" in problems


def test_kgx_validate_finds_no_error_in_the_shipped_export(no_network: None, shipped_records: Records,
                                                           tmp_path: Path) -> None:
    report = biolink_check.kgx_validate(export(shipped_records, ExportFormat.KGX, tmp_path))
    assert report.errors == {} and report.error_count == 0


def test_kgx_validate_is_not_vacuous(no_network: None, shipped_records: Records, tmp_path: Path) -> None:
    nodes_path, edges_path = export(shipped_records, ExportFormat.KGX, tmp_path)
    rows = list(csv.DictReader(nodes_path.open(), delimiter="\t"))
    rows[0]["id"] = "NOTAPREFIX:thing"
    with nodes_path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    report = biolink_check.kgx_validate([nodes_path, edges_path])
    assert report.error_count >= 1
    assert any("NOTAPREFIX" in message for messages in report.errors.values() for message in messages)


def test_a_doi_keyed_publication_becomes_a_valid_biolink_curie() -> None:
    assert biolink.publication_curie("DOI:10.1038/bjp.2008.167") == "doi:10.1038%2Fbjp.2008.167"
    assert biolink.publication_curie("PMID:16885182") == "PMID:16885182"


def test_export_check_reports_both_tools_and_exits_zero(no_network: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "kgx", "--out", str(tmp_path), "--check"])
    assert result.exit_code == 0, result.output
    assert "bmt found 0 mapping problems, kgx validate 0 errors" in " ".join(result.output.split())


def test_export_check_needs_the_kgx_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "json", "--out", str(tmp_path), "--check"])
    assert result.exit_code == 2 and "use it with --format kgx" in result.output
