"""Read YAML while remembering where every value came from, with bounded work for any input.

PyYAML's safe_load throws away line numbers and silently applies YAML 1.1 rules
(`no` -> False, `0301` -> 193, duplicate keys -> last one wins). We build the data from
libyaml's event stream instead, so validation can say *where* a value is and *what was written*.

Building from events (not from a composed node tree) is also what makes hostile files cheap:
the limits of ``rules.py`` (file size, nesting depth, values counted with every alias expanded,
value length) are checked as the events arrive, before any tree exists. libyaml's own composer
recurses in C and crashes the process on deeply nested input; the event parser does not.
An alias shares the anchored value instead of copying it, and its size counts against the limit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from . import rules
from .errors import DataError

Path_ = tuple[str | int, ...]

STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# YAML 1.1 reads a plain `=` or `<<` as special values; in a data file they are just what was written.
_AS_WRITTEN = {"tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}
_WORDS = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "a yes/no value"}
TAG_HINT = "remove the tag; data files hold only text, numbers, true/false, lists and blocks"


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
            out += ("." if out else "") + rules.shown(str(part))[:rules.EXCERPT_CHARS]
    return out


# --- reading the bytes ---------------------------------------------------------------------------

def read_text(path: Path, display: str, limit: int = rules.MAX_FILE_BYTES) -> tuple[str | None, list[DataError]]:
    """The file as text, or one error: not a plain file, too large, or not UTF-8 (with line and byte)."""
    def fail(message: str, hint: str, line: int = 1, column: int = 1) -> tuple[None, list[DataError]]:
        return None, [DataError(display, line, column, "", message, hint)]

    if not path.is_file():  # follows links: a FIFO, a device or a dangling link is not a data file
        what = "a link to nothing" if path.is_symlink() and not path.exists() else "not a plain file"
        return fail(f"cannot read the file: it is {what}", "data files are plain UTF-8 text files")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}", "check that the file exists and can be read")
    if len(data) > limit:
        return fail(f"the file is larger than the limit of {limit:,} bytes",
                    "a data file is a few kilobytes; is this the right file?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8")) + 1
        byte = data[exc.start]
        latin = bytes([byte]).decode("cp1252", "replace")
        guess = f" (in Latin-1/Windows-1252 that byte is '{latin}')" if latin.isprintable() else ""
        return fail(f"byte 0x{byte:02X} at byte {exc.start + 1:,} of the file is not UTF-8 text{guess}",
                    "save the file with the encoding UTF-8", line, column)
    return text.removeprefix("\ufeff"), []  # a byte order mark is how some editors say UTF-8


def _line_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def forbidden_in_text(text: str, display: str) -> tuple[str, list[DataError]]:
    """Invisible and control characters anywhere in the file, comments included (a bidi override in a
    comment can hide what a reviewer reads). Each is reported and replaced by a space, so the rest of
    the file is still checked and every position stays where it was."""
    errors: list[DataError] = []
    for match in rules.FORBIDDEN_RE.finditer(text):
        if len(errors) == 20:
            break
        line, column = _line_column(text, match.start())
        errors.append(_char_error(display, line, column, "", match.group()))
    if errors:
        text = rules.FORBIDDEN_RE.sub(" ", text)
    return text, errors


def _char_error(display: str, line: int, column: int, where: str, ch: str) -> DataError:
    return DataError(display, line, column, where, f"invisible or control character {rules.describe_char(ch)}",
                     "delete it: readers cannot see it, and it can change how the text around it is shown")


# --- parsing -------------------------------------------------------------------------------------

def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse one file; on a syntax error or a limit return no document and the error with its line."""
    text, errors = read_text(path, display)
    if text is None:
        return None, errors
    return parse_yaml(text, path, display)


def parse_yaml(text: str, path: Path, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    text, errors = forbidden_in_text(text, display)
    doc = YamlDocument(path=path, display=display, data=None)
    builder = _Builder(doc, errors)
    try:
        builder.run(text)
    except _Stop as stop:
        return None, errors + [stop.error]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _line_col(mark)
        problem = rules.clip(exc.problem or str(exc))
        if "maximum nesting depth" in problem:
            # PyYAML 6.0.4's scanner refuses deep flow brackets ([[[…) while it looks ahead, before the events
            # reach the depth check in _Builder.start: the same rule, in the same words.
            return None, errors + [DataError(display, line, col, "", f"the blocks and lists are nested more than "
                                             f"{rules.MAX_DEPTH} deep", "a data file nests a few levels; check the "
                                             "indentation and the brackets")]
        return None, errors + [DataError(display, line, col, "", f"YAML syntax error: {problem}",
                                         "check indentation, colons and quotes on this line and the one above")]
    except yaml.YAMLError as exc:  # the reader: characters YAML does not allow
        index = len(text.encode("utf-8")[:getattr(exc, "position", 0)].decode("utf-8", "ignore"))
        line, col = _line_column(text, index)
        return None, errors + [DataError(display, line, col, "", f"YAML cannot read the text here: "
                                         f"{rules.clip(str(getattr(exc, 'reason', exc)))}",
                                         "save the file as plain UTF-8 text")]
    return doc, [_with_field(doc, error) for error in errors]


def _with_field(doc: YamlDocument, error: DataError) -> DataError:
    """Name the field of an error found in the raw text: the last key or value that starts before it
    on the same line."""
    if error.field:
        return error
    best: tuple[int, Path_] | None = None
    for path, pos in doc.positions.items():
        if pos.line == error.line and pos.column <= error.column and (best is None or pos.column > best[0]):
            best = (pos.column, path[:-1] if path and path[-1] == "<key>" else path)
    if best is None or not best[1]:
        return error
    return DataError(error.file, error.line, error.column, dotted(best[1]), error.message, error.hint, error.severity)


def _line_col(mark: Any) -> tuple[int, int]:
    """1-based line and column of a libyaml mark; (1, 1) when the event carries none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Stop(Exception):
    """A limit or a broken structure: the file is not read further."""

    def __init__(self, error: DataError):
        self.error = error


class _Frame:
    __slots__ = ("container", "path", "key", "anchor", "start", "is_map")

    def __init__(self, container: Any, path: Path_, anchor: str | None, start: int):
        self.container = container
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value
        self.anchor = anchor
        self.start = start  # values counted before this block began
        self.is_map = isinstance(container, dict)


_RESOLVER = yaml.resolver.Resolver()
# (plain scalar text, implicit) -> YAML 1.1 tag: the same few words recur in every file. Bounded.
_PLAIN_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}


def _resolve_plain(text: str, implicit: tuple[bool, bool]) -> str:
    key = (text, implicit)
    tag = _PLAIN_TAGS.get(key)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
        if len(_PLAIN_TAGS) < 50_000:
            _PLAIN_TAGS[key] = tag
    return tag


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONSTRUCT = {_INT: _CONSTRUCTOR.construct_yaml_int, _FLOAT: _CONSTRUCTOR.construct_yaml_float,
              _BOOL: _CONSTRUCTOR.construct_yaml_bool}
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed; the same events either way


class _Builder:
    """Turns parser events into plain data and positions, counting and bounding as it goes."""

    def __init__(self, doc: YamlDocument, errors: list[DataError]):
        self.doc = doc
        self.errors = errors
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, values it holds)
        self.values = 0
        self.documents = 0

    def run(self, text: str) -> None:
        parser = _EVENTS(text)
        get_event = parser.get_event
        handlers: dict[type, Callable[[Any], None]] = {yaml.ScalarEvent: self.scalar, yaml.MappingStartEvent: self.start,
                    yaml.SequenceStartEvent: self.start, yaml.MappingEndEvent: self.end,
                    yaml.SequenceEndEvent: self.end, yaml.AliasEvent: self.alias,
                    yaml.DocumentStartEvent: self.document}
        try:
            while True:
                event = get_event()
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
                elif isinstance(event, yaml.StreamEndEvent):
                    return
        finally:
            parser.dispose()

    def document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            self.stop(event, "", "YAML syntax error: a second document starts here (a line with ---)",
                      "a data file holds one document; remove the second one")

    # -- limits and errors

    def stop(self, event: yaml.Event, where: str, message: str, hint: str) -> None:
        mark = event.start_mark
        raise _Stop(DataError(self.doc.display, *_line_col(mark), where, message, hint))

    def count(self, event: yaml.Event, amount: int = 1) -> None:
        self.values += amount
        if self.values > rules.MAX_NODES:
            self.stop(event, dotted(self.child_path()),
                      f"the file holds more than {rules.MAX_NODES:,} values (every use of an alias *name counts "
                      "all the values it repeats)", "a data file has a few hundred values; remove the repetition")

    def report(self, event: yaml.Event, path: Path_, message: str, hint: str) -> None:
        mark = event.start_mark
        self.errors.append(DataError(self.doc.display, *_line_col(mark), dotted(path), message, hint))

    # -- where the next value goes

    def child_path(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.is_map:
            return top.path + (top.key,) if top.key is not None else top.path
        return top.path + (len(top.container),)

    def add(self, value: Any, event: yaml.Event | None) -> None:
        """Put a finished value into the block it belongs to."""
        if not self.stack:
            self.doc.data = value
            return
        top = self.stack[-1]
        if not top.is_map:
            top.container.append(value)
            return
        top.container[top.key] = value
        top.key = None

    def add_key(self, key: str, event: yaml.Event) -> None:
        """A mapping's key: remembered (with where it is written) until its value arrives."""
        top = self.stack[-1]
        mark = event.start_mark
        if key in top.container:
            self.errors.append(DataError(self.doc.display, *_line_col(mark),
                                         dotted(top.path + (key,)), "this key is written twice in the same block",
                                         "keep one of them; YAML would silently use the last"))
        self.doc.positions[top.path + (key, "<key>")] = Position(*_line_col(mark))
        top.key = key

    # -- events

    def scalar(self, event: yaml.ScalarEvent) -> None:
        text = event.value
        if len(text) > rules.MAX_VALUE_CHARS:
            self.stop(event, dotted(self.child_path()), f"the value is {len(text):,} characters long; the limit is "
                      f"{rules.MAX_VALUE_CHARS:,}: {rules.excerpt(text)}", "shorten it; is this the right text?")
        self.values += 1
        if self.values > rules.MAX_NODES:
            self.count(event, 0)
        style, tag = event.style, event.tag
        if style == '"':  # only escapes (\u202E) can bring characters the raw-text check did not see
            bad = rules.find_forbidden(text)
            if bad:
                mark = event.start_mark
                self.errors.append(_char_error(self.doc.display, *_line_col(mark),
                                               dotted(self.child_path()), bad.group()))
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_map and top.key is None:  # a key: kept as written
            if tag is not None and tag != "!" and tag != STR_TAG:
                self.report(event, top.path, f"the tag {_short_tag(tag)} is not allowed in a data file", TAG_HINT)
            if event.anchor:
                self.anchors[event.anchor] = (text, 1)
            self.add_key(text, event)
            return
        path = self.child_path()
        if tag is None or tag == "!":
            tag = STR_TAG if style else _resolve_plain(text, event.implicit)
        value = text if tag == STR_TAG else self.construct(event, path, tag, text)
        mark = event.start_mark
        self.doc.positions[path] = Position(*_line_col(mark),
                                            text if (not style and tag != STR_TAG) else None, tag)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add(value, event)

    def construct(self, event: yaml.ScalarEvent, path: Path_, tag: str, text: str) -> Any:
        if tag in (STR_TAG, TIMESTAMP_TAG) or tag in _AS_WRITTEN:
            return text  # dates stay text: the schema checks their form and the model parses them
        if tag == _NULL:
            return None
        if tag in _WORDS:
            try:
                return _CONSTRUCT[tag](yaml.ScalarNode(tag, text))
            except (ValueError, KeyError):
                self.report(event, path, f"{rules.excerpt(text)} is tagged {_short_tag(tag)} but is not "
                            f"{_WORDS[tag]}", TAG_HINT)
                return text
        self.report(event, path, f"the tag {_short_tag(tag)} is not allowed in a data file", TAG_HINT)
        return text

    def start(self, event: yaml.CollectionStartEvent) -> None:
        path = self.child_path()
        if len(self.stack) >= rules.MAX_DEPTH:
            self.stop(event, dotted(path), f"the blocks and lists are nested more than {rules.MAX_DEPTH} deep",
                      "a data file nests a few levels; check the indentation and the brackets")
        self.count(event)
        is_map = isinstance(event, yaml.MappingStartEvent)
        default = _MAP if is_map else _SEQ
        if event.tag not in (None, "!", default):
            self.report(event, path, f"the tag {_short_tag(event.tag)} is not allowed in a data file", TAG_HINT)
        expecting_key = bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None
        if expecting_key:
            self.stop(event, dotted(self.stack[-1].path), "a key must be a plain name, not a list or a block",
                      "write the key as text followed by a colon")
        mark = event.start_mark
        self.doc.positions[path] = Position(*_line_col(mark), None, default)
        self.stack.append(_Frame({} if is_map else [], path, event.anchor, self.values))

    def end(self, _event: yaml.Event) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, self.values - frame.start + 1)
        self.add(frame.container, None)  # a block never stands where a key is due: start() stops that

    def alias(self, event: yaml.AliasEvent) -> None:
        name = event.anchor or ""
        path = self.child_path()
        if name not in self.anchors:
            inside = any(frame.anchor == name for frame in self.stack)
            self.stop(event, dotted(path),
                      f"the alias *{rules.shown(name)[:40]} is used inside the block it names, which would never end"
                      if inside else f"the alias *{rules.shown(name)[:40]} names no anchor (&name) above it",
                      "write the value out instead of using an alias")
        value, size = self.anchors[name]
        self.count(event, size)
        mark = event.start_mark
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_map and top.key is None:
            if not isinstance(value, str):
                self.stop(event, dotted(top.path), "a key must be a plain name, not a list or a block",
                          "write the key as text followed by a colon")
            self.add_key(value, event)
            return
        self.doc.positions[path] = Position(*_line_col(mark))
        self.add(value, event)


def _short_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/name:os.system' -> '!!python/name:os.system', as it was written."""
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return rules.excerpt(shown)


