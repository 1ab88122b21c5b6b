"""Read a YAML file into plain Python data *and* remember the line of every key and list item.

PyYAML's composer keeps marks on every node; we walk that tree once, so a validation error at
`agents[3].effects[0].direction` can name the line a curator must fix. Duplicate keys — which PyYAML would
silently resolve to the last value, losing a fact — are reported as errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. YAML 1.1 would read `on:` (a field of ours) or a `no` as booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class SourceIssue:
    line: int
    message: str


@dataclass
class YamlDoc:
    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    issues: list[SourceIssue] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known location on `loc`'s path (1-based; 1 when nothing matches)."""
        for cut in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:cut]))
            if line is not None:
                return line
        return 1


def read(path: Path) -> YamlDoc:
    """Parse one file. Syntax errors come back as issues with the parser's line, not as exceptions."""
    doc = YamlDoc(path=path, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.issues.append(SourceIssue(1, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        doc.issues.append(SourceIssue(line, f"YAML syntax error: {exc.problem or exc}; check indentation and quoting"))
        return doc
    if node is None:
        doc.data = {}
        return doc
    doc.lines[()] = node.start_mark.line + 1
    doc.data = _build(node, (), doc)
    return doc


def _build(node: yaml.Node, loc: Loc, doc: YamlDoc) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key in out:
                doc.issues.append(SourceIssue(line, f"duplicate key {key!r} at {_fmt(loc) or 'top level'}; "
                                                    "merge the two entries (YAML keeps only the last)"))
            doc.lines[(*loc, key)] = line
            out[key] = _build(value_node, (*loc, key), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_build(item, (*loc, index), doc))
        return items
    return _Loader("").construct_object(node, deep=True)


def _fmt(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


format_loc = _fmt
