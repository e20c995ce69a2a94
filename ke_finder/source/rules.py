"""The one table of limits and forbidden characters for every data file, and its JSON form.

Data files come from many hands (KE staff, editors, spreadsheet imports, one day a public
correction form), so the build treats every one of them as untrusted input:

* **Bounded work.** A YAML file is read only if it is at most ``MAX_FILE_BYTES`` long (a CSV file
  ``MAX_CSV_BYTES``); while it is
  parsed (event by event, before any tree exists) it may nest at most ``MAX_DEPTH`` blocks deep,
  hold at most ``MAX_NODES`` values counting every use of a YAML alias (``*name``) as the whole
  value it repeats (so "billion laughs" files stop at the limit instead of expanding), and no
  single value or key may be longer than ``MAX_VALUE_CHARS`` characters. The real data is far
  inside these limits (largest file 11 KB, depth 5, 293 values, longest value 387 characters).
* **Short messages.** An error quotes at most ``EXCERPT_CHARS`` characters of a value, plus its
  length; a whole message is cut at ``MAX_MESSAGE_CHARS``.
* **Nothing invisible.** Text may not contain characters a reader cannot see or that change the
  direction of text (``INVISIBLE``: bidi controls such as U+202E, zero-width characters, soft
  hyphen, variation selectors, fillers) nor control characters other than tab and line ends
  (``CONTROL``). They are refused with the line, column and name of the character; nothing is
  removed silently. The finder drops ``INVISIBLE`` characters from what a person types
  (``ke_finder.model.names.fold`` and ``docs/assets/finder.js``), so a pasted name still matches.
* **Phones as written.** A phone number may hold only ASCII digits, spaces, ``+``, ``-``, ``.``,
  ``(`` and ``)``; letters (``800 HJELP``) are refused instead of being turned into digits.

The character ranges themselves are in ``ke_finder/characters.py`` (the model's name folding needs them
too and must not import the data source); this module is where every rule is stated and exported.
The same table is published as ``/schemas/data-rules.json`` (``rules_json``) so a browser form can
apply exactly these rules before anything reaches the build.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..characters import CONTROL, INVISIBLE, NOT_IN_ONE_LINE, ONE_LINE_PATTERN, YAML_LINE_BREAKS, char_class
from ..links import LINK_PATTERN, MAILBOX_PATTERN, MAX_LINK_LENGTH, MAX_MAILBOX_LENGTH

MAX_FILE_BYTES = 256 * 1024
MAX_CSV_BYTES = 2 * 1024 * 1024  # data/postal-codes.csv (170 KB) and spreadsheets for the contact importer
MAX_DEPTH = 20
MAX_NODES = 10_000
MAX_VALUE_CHARS = 4_000  # also keeps int() below Python's 4,300-digit limit
EXCERPT_CHARS = 60
MAX_MESSAGE_CHARS = 500

PHONE_CHARACTERS = "0123456789 +-.()"
# Spaces a copy from a web page brings along; they are spaces to a reader too.
PHONE_SPACES = "\u00a0\u202f"


def _js_char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    def one(code: int) -> str:
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}"

    return "[" + "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges) + "]"


FORBIDDEN_RE = re.compile(char_class(INVISIBLE + CONTROL))
# The finder's copy of INVISIBLE, character for character (tests compare it with docs/assets/finder.js).
INVISIBLE_JS = _js_char_class(INVISIBLE)
PHONE_RE = re.compile("^[" + re.escape(PHONE_CHARACTERS + PHONE_SPACES) + "]+$")


def describe_char(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': what an editor can search for in their editor."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "CONTROL CHARACTER")
    return f"U+{ord(ch):04X} {name}"


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def find_forbidden(text: str) -> re.Match[str] | None:
    """The first invisible or control character in text, if any."""
    return FORBIDDEN_RE.search(text)


def shown(text: str) -> str:
    """Text safe to print in one line of a report: forbidden characters as <U+202E>, no line breaks."""
    return FORBIDDEN_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "\\n")


def excerpt(value: Any) -> str:
    """A value as an error message quotes it: in quotes, at most EXCERPT_CHARS characters, with its length."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= EXCERPT_CHARS:
        return f"'{shown(text)}'"
    return f"'{shown(text[:EXCERPT_CHARS])}…' ({len(text):,} characters)"


def clip(message: str) -> str:
    """The last line of defence: no message longer than MAX_MESSAGE_CHARS, whatever produced it."""
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS - 30] + f"… (message cut, {len(message):,} characters)"


def rules_json() -> dict[str, Any]:
    """The table for other checkers (a browser correction form): same numbers, same characters."""
    def ranges(table: tuple[tuple[int, int], ...]) -> list[dict[str, Any]]:
        return [{"from": f"U+{a:04X}", "to": f"U+{b:04X}", "name": describe_char(chr(a)).split(" ", 1)[1]}
                for a, b in table]

    return {
        "description": "Limits and forbidden characters for KE finder data files; the site build applies the "
                       "same rules (ke_finder/source/rules.py). Regular expressions are JavaScript with the u flag.",
        "max_file_bytes": MAX_FILE_BYTES,
        "max_depth": MAX_DEPTH,
        "max_values": MAX_NODES,
        "max_value_characters": MAX_VALUE_CHARS,
        "invisible": ranges(INVISIBLE),
        "control": ranges(CONTROL),
        "forbidden_text_regex": _js_char_class(INVISIBLE + CONTROL),
        "finder_drops_regex": INVISIBLE_JS,
        # Web addresses and mailboxes (ke_finder/links.py): a browser-side checker also parses a link with the
        # WHATWG URL parser (new URL) and requires the same host and no user name or password.
        "link_regex": LINK_PATTERN,
        "max_link_characters": MAX_LINK_LENGTH,
        "mailbox_regex": MAILBOX_PATTERN,
        "max_mailbox_characters": MAX_MAILBOX_LENGTH,
        # What YAML reads as a line break; one-line fields (unit, phone labels, addresses, hours) refuse these
        # and tab, vertical tab and form feed.
        "yaml_line_breaks": [f"U+{ord(c):04X}" for c in YAML_LINE_BREAKS],
        "not_in_one_line": [f"U+{ord(c):04X}" for c in NOT_IN_ONE_LINE],
        "one_line_regex": ONE_LINE_PATTERN,
        "phone_regex": "^[" + "".join("\\" + c if c in "-.()+" else c for c in PHONE_CHARACTERS)
                       + "".join(f"\\u{ord(c):04X}" for c in PHONE_SPACES) + "]+$",
    }


RULES_FILE = "data-rules.json"


def write_rules_json(schemas_dir: Path) -> Path:
    """Publish the table beside the JSON Schemas (the site's /schemas/), byte-identical on every build."""
    schemas_dir.mkdir(parents=True, exist_ok=True)
    path = schemas_dir / RULES_FILE
    path.write_text(json.dumps(rules_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
