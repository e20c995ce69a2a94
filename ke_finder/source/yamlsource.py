"""Read YAML while remembering where every value came from.

PyYAML's safe_load throws away line numbers and silently applies YAML 1.1 rules
(`no` -> False, `0301` -> 193, duplicate keys -> last one wins). We compose the node
tree instead, so validation can say *where* a value is and *what was written*.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

Path_ = tuple[str | int, ...]

STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass
class Position:
    line: int
    column: int
    plain_text: str | None = None  # the text as written, for unquoted non-string scalars
    tag: str = STR_TAG


@dataclass
class YamlDocument:
    """A parsed data file: plain Python data plus a position for every path in it."""

    path: Path
    display: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_) -> Position:
        """The closest known position: the value itself, else its nearest parent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def key_position(self, path: Path_) -> Position:
        """Where the key of a mapping entry is written (for unknown-key errors)."""
        return self.positions.get(tuple(path) + ("<key>",), self.position(path))

    def error(self, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> DataError:
        pos = self.key_position(path) if at_key else self.position(path)
        return DataError(self.display, pos.line, pos.column, dotted(path), message, hint)


def dotted(path: Path_) -> str:
    """`phones[0].number` style names, as an editor sees them in the file."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# libyaml's composer keeps line and column marks too, and is several times faster than PyYAML's.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Constructor(yaml.SafeLoader):
    """Only used for its scalar constructors; never parses a stream itself."""


def _scalar_value(node: yaml.ScalarNode) -> Any:
    if node.tag == STR_TAG:
        return node.value
    if node.tag == TIMESTAMP_TAG:
        # Dates stay text: the schema checks their format and the model parses them.
        return node.value
    return _Constructor("").construct_object(node)


def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse one file; on a syntax error return no document and one error with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [DataError(display, 1, 1, "", f"cannot read the file: {exc}", "save it as UTF-8 text")]
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        return None, [DataError(display, line, col, "", f"YAML syntax error: {problem}",
                                "check indentation, colons and quotes on this line and the one above")]
    doc = YamlDocument(path=path, display=display, data=None)
    errors: list[DataError] = []
    doc.data = _walk(node, (), doc, errors) if node is not None else None
    return doc, errors


def _walk(node: yaml.Node, path: Path_, doc: YamlDocument, errors: list[DataError]) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        plain = node.value if (not node.style and node.tag != STR_TAG) else None  # libyaml: style ""
        doc.positions[path] = Position(line, col, plain, node.tag)
        return _scalar_value(node)
    doc.positions[path] = Position(line, col, None, node.tag)
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, path + (i,), doc, errors) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            key_path = path + (key,)
            kpos = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                errors.append(DataError(doc.display, kpos.line, kpos.column, dotted(key_path),
                                        "this key is written twice in the same block",
                                        "keep one of them; YAML would silently use the last"))
            doc.positions[key_path + ("<key>",)] = kpos
            result[key] = _walk(value_node, key_path, doc, errors)
        return result
    return None
