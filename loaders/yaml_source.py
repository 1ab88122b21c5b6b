"""Read a YAML file into plain Python data *and* remember the line of every key and list item.

PyYAML's composer keeps marks on every node; we walk that tree once, so a validation error at
`agents[3].effects[0].direction` can name the line a curator must fix. Duplicate keys — which PyYAML would
silently resolve to the last value, losing a fact — are reported as errors.

Data files are plain data, and every way a file can fail to be plain data is an issue with its line, never a
traceback: unreadable files, text that is not UTF-8 or holds control characters, explicit tags other than the
standard scalar ones (`!foo`, `!!python/...`, `!!binary`), values a tag cannot read (`!!int abc`), nesting deeper
than `MAX_DEPTH`, recursive aliases, and aliases that would expand past `MAX_VALUES` values (an "alias bomb":
ten lines of nested `*a` can stand for billions of values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]


MAX_DEPTH = 64
"""Deepest nesting of mappings and lists in a data file (the schema needs under 10)."""
MAX_VALUES = 200_000
"""Most values one file may hold once aliases are expanded (the largest shipped file has a few thousand)."""
ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. YAML 1.1 would read `on:` (a field of ours) or a `no` as booleans.
    The composer stops at `MAX_DEPTH` levels (PyYAML's own recursion would end in a RecursionError)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read(path: Path) -> YamlDoc:
    """Parse one file. Every problem comes back as an issue with its line, never as an exception."""
    doc = YamlDoc(path=path, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.issues.append(SourceIssue(1, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return doc
    except OSError as exc:
        doc.issues.append(SourceIssue(1, _unreadable(path, exc)))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if exc.problem and exc.problem.startswith("nested deeper"):
            doc.issues.append(SourceIssue(line, f"{exc.problem}; a data file needs only a few levels"))
        else:
            doc.issues.append(SourceIssue(line, f"YAML syntax error: {exc.problem or exc}; check indentation and "
                                                "quoting"))
        return doc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        doc.issues.append(SourceIssue(line, f"control character #x{code:04x} is not allowed in YAML; delete it "
                                            "(such characters often come from copy-paste)"))
        return doc
    except yaml.YAMLError as exc:
        doc.issues.append(SourceIssue(1, f"YAML error: {exc}"))
        return doc
    if node is None:
        doc.data = {}
        return doc
    doc.lines[()] = node.start_mark.line + 1
    try:
        doc.data = _Builder(doc).build(node, ())
    except _Refused as exc:
        doc.issues.append(SourceIssue(exc.line, exc.message))
        doc.data = None
    return doc


def _unreadable(path: Path, exc: OSError) -> str:
    if path.is_symlink() and not path.exists():
        return f"a symbolic link to {path.readlink()}, which does not exist; fix or delete the link"
    return f"cannot be read ({exc.strerror or exc}); check its permissions, or delete it"


class _Builder:
    """Walks the composed nodes into Python data, recording lines; refuses what plain data cannot be."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.values = 0
        self.active: set[int] = set()  # nodes on the current path: an alias back to one of them is a cycle
        self.constructor = _Loader("")

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        line = node.start_mark.line + 1
        self.values += 1
        if self.values > MAX_VALUES:  # name the entry being expanded, not the anchor deep inside it
            raise _Refused(self.doc.line_of(loc[:2]), f"more than {MAX_VALUES:,} values once aliases (*name) are "
                                                      "expanded; write the values out instead of nesting aliases")
        if node.tag not in ALLOWED_TAGS:
            raise _Refused(line, f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in data "
                                 "files; write the value plainly (quote it if it must stay text)")
        if id(node) in self.active:
            raise _Refused(line, "a recursive alias (an anchor &name used inside itself as *name); write the value "
                                 "out")
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
                key_line = key_node.start_mark.line + 1
                if key in out:
                    self.doc.issues.append(SourceIssue(key_line, f"duplicate key {key!r} at {_fmt(loc) or 'top level'}"
                                                                 "; merge the two entries (YAML keeps only the last)"))
                self.doc.lines[(*loc, key)] = key_line
                out[key] = self.build(value_node, (*loc, key))
            self.active.discard(id(node))
            return out
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            items = []
            for index, item in enumerate(node.value):
                self.doc.lines[(*loc, index)] = item.start_mark.line + 1
                items.append(self.build(item, (*loc, index)))
            self.active.discard(id(node))
            return items
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"{node.value!r} cannot be read as {tag} ({exc}); fix the value or drop the "
                                 "tag") from None


def _fmt(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


format_loc = _fmt
