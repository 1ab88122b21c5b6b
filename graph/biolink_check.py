"""Check calcigraph's interchange with the Biolink community's own tools, offline.

Our mapping table (graph/biolink.py) is only as good as our reading of the Biolink Model, so the KGX export is
checked by outside tools: the Biolink Model Toolkit (`bmt`) confirms every category and predicate we emit, and the
KGX validator (`kgx validate`) checks the exported files. Both tools fetch the model from GitHub by default, which
breaks the offline rule (nothing we run downloads at run time), so this module points them at the model file the
`biolink-model` registry package ships:

- `bmt.Toolkit(schema=...)` takes a local schema; its predicate-mapping table (`predicate_mapping.yaml`, used only
  for mapping free-text predicates, which we never ask for) has no local copy and is read as empty;
- `kgx` builds a default Toolkit when imported and reads the Biolink JSON-LD context; both are redirected to the
  packaged model and its packaged prefix map before `kgx` is first imported.

The tools are an optional extra (`pip install 'calcigraph[interchange]'`; part of `dev`), imported lazily.
"""

from __future__ import annotations

import importlib.resources
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import biolink

DECLARED_PREFIXES: frozenset[str] = frozenset({biolink.CURIE_PREFIX})
"""Prefixes our export uses that the Biolink context cannot know: only our own slug namespace, declared here (and
in the export's docs) — every other prefix must be one Biolink's JSON-LD context defines."""


class InterchangeToolsMissing(RuntimeError):
    """The optional Biolink tools are not installed."""


def _model_files() -> tuple[str, dict[str, str]]:
    try:
        package = importlib.resources.files("biolink_model")
    except ModuleNotFoundError as exc:
        raise InterchangeToolsMissing(
            "the Biolink tools are not installed: pip install 'calcigraph[interchange]' (kgx, bmt, biolink-model)"
        ) from exc
    schema = str(package.joinpath("schema/biolink_model.yaml"))
    prefixes = json.loads(package.joinpath("prefixmaps/biolink-model-prefix-map.json").read_text())
    return schema, prefixes


class _EmptyPredicateMap:
    """Stands in for bmt's download of predicate_mapping.yaml (only used to map non-Biolink predicates)."""

    text = "{}"

    @classmethod
    def get(cls, url: str, *args: Any, **kwargs: Any) -> type[_EmptyPredicateMap]:
        return cls


_offline = False


def _go_offline() -> None:
    """Point bmt's and kgx's defaults at the packaged model — once, and before kgx is imported (it builds a
    Toolkit at import time)."""
    global _offline
    if _offline:
        return
    if "kgx.utils.kgx_utils" in sys.modules:
        raise RuntimeError("kgx was imported before graph.biolink_check could point it at the local model")
    schema, prefixes = _model_files()
    try:
        import bmt.toolkit as bmt_toolkit
        import kgx.config as kgx_config
    except ModuleNotFoundError as exc:
        raise InterchangeToolsMissing(
            "the Biolink tools are not installed: pip install 'calcigraph[interchange]' (kgx, bmt, biolink-model)"
        ) from exc
    bmt_toolkit.requests = _EmptyPredicateMap  # type: ignore[assignment]  # the only network call bmt makes
    bmt_toolkit.Toolkit.__init__.__defaults__ = (schema, bmt_toolkit.PREDICATE_MAP)
    kgx_config.jsonld_context_map["biolink"] = prefixes
    _offline = True


def toolkit() -> Any:
    """A Biolink Model Toolkit on the packaged model (no network)."""
    _go_offline()
    from bmt import Toolkit
    return Toolkit()


@dataclass
class MappingReport:
    model_version: str
    problems: list[str] = field(default_factory=list)


def check_mapping() -> MappingReport:
    """Every category and predicate in graph/biolink.py is a current Biolink class/predicate, per bmt.

    A category must be a (non-mixin) class descending from `biolink:NamedThing`; a predicate must be a slot
    descending from `biolink:related_to`. Deprecated terms are reported too.
    """
    tk = toolkit()
    report = MappingReport(tk.get_model_version())
    for kind, category in sorted(biolink.CATEGORY.items()):
        if not tk.is_category(category):
            report.problems.append(f"{kind.value}: {category} is not a Biolink category")
        elif tk.is_mixin(category) or "biolink:NamedThing" not in tk.get_ancestors(category, formatted=True):
            report.problems.append(f"{kind.value}: {category} is a mixin or not a NamedThing")
        elif _deprecated(tk, category):
            report.problems.append(f"{kind.value}: {category} is deprecated in Biolink {report.model_version}")
    for kind, predicate in sorted(biolink.PREDICATE.items()):
        if not tk.is_predicate(predicate):
            report.problems.append(f"{kind.value}: {predicate} is not a Biolink predicate")
        elif _deprecated(tk, predicate):
            report.problems.append(f"{kind.value}: {predicate} is deprecated in Biolink {report.model_version}")
    return report


def _deprecated(tk: Any, name: str) -> bool:
    element = tk.get_element(name)
    return bool(element is not None and getattr(element, "deprecated", None))


@dataclass
class KgxReport:
    model_version: str
    errors: dict[str, dict[str, list[str]]]
    """kgx's own report: error type -> message -> offending ids (ERROR level only)."""

    @property
    def error_count(self) -> int:
        return sum(len(ids) for messages in self.errors.values() for ids in messages.values())


def kgx_validate(files: list[Path]) -> KgxReport:
    """Run the KGX validator (the code behind `kgx validate`) on exported KGX TSV files.

    The validator is kgx's own, against Biolink's own JSON-LD context; the one thing added is our declared slug
    prefix (DECLARED_PREFIXES), which no outside context can define.
    """
    _go_offline()
    from kgx.transformer import Transformer
    from kgx.validator import Validator

    Validator.set_biolink_model(None)
    validator = Validator()
    validator.prefixes = set(validator.prefixes) | DECLARED_PREFIXES
    transformer = Transformer(stream=True)
    transformer.transform(
        input_args={"filename": [str(f) for f in files], "format": "tsv"},
        output_args={"format": "null"},
        inspector=validator,
    )
    return KgxReport(validator.get_validation_model_version(), _plain(validator.get_errors().get("ERROR", {})))


def _plain(errors: Any) -> dict[str, dict[str, list[str]]]:
    return {str(kind): {str(msg): sorted(map(str, ids)) for msg, ids in messages.items()}
            for kind, messages in dict(errors).items()}
