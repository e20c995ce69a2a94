"""The machine-readable block a correction e-mail carries from the form (docs/assets/correction.js) to the editors.

KE staff send their correction as an ordinary e-mail written in plain words; below the words sits a small block
that `python -m ke_finder apply` reads back:

    -----BEGIN KE-FINDER CHANGE v1-----
    entry: "kommune-1804"
    base: "3f2a9c01d4e5b6a7"
    set.phones: [{"number":"75\\u002055\\u002050\\u002000","label":null}]
    claim: "ke"
    date: "2026-12-07"
    sum: "9c0d11aa"
    -----END KE-FINDER CHANGE v1-----

Why this shape: one `key: JSON` line per field keeps the block line-oriented (a person can read it, and it is
valid YAML), and short enough for a mailto link. Spaces inside values are written as \\u0020, so a mail client
that wraps long lines can only break a line where JSON allows no space; a line that does not start with a key is
a continuation and is joined back without a space. `sum` (FNV-1a, 32 bits, of the other lines) tells a block
that a mail client mangled from one that arrived whole; `base` (the start of the SHA-256 of the data file the
form was opened with) tells the editor whether the file changed since.

`claim` is what the sender said of themself: "ke" (I work in this KE and confirm), "live" (I checked the web
page today) or "none". It is shown to the editor; it never becomes `evidence: ke-confirmed` by itself.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

VERSION = "v1"
BEGIN = f"-----BEGIN KE-FINDER CHANGE {VERSION}-----"
END = f"-----END KE-FINDER CHANGE {VERSION}-----"
_ANY_BEGIN = re.compile(r"-----BEGIN KE-FINDER CHANGE (v\d+)-----")
_KEY_LINE = re.compile(r"^([a-z][a-z_]*(?:\.[a-z_]+)?): (.*)$")
CLAIMS = ("ke", "live", "none")
# The ke: fields the form edits (every field a KE block shows), in the schema's order.
FIELDS = ("unit", "phones", "email", "web", "web_kind", "related_topic", "visiting_address", "postal_address",
          "opening_hours", "phone_hours", "her_id")
BASE_LENGTH = 16


class BlockError(ValueError):
    """The text holds no block, or one that cannot be trusted as it arrived."""


@dataclass
class ChangeBlock:
    """One correction as the form made it: which entry, against which file version, what to set."""

    entry: str
    base: str
    claim: str
    date: str
    values: dict[str, Any] = field(default_factory=dict)   # ke field -> new value (None clears it)
    services: list[str] | None = None
    services_changed: bool = False
    source_url: str | None = None

    @property
    def is_confirmation_only(self) -> bool:
        """Nothing changes: the sender says every detail is right ("everything is correct")."""
        return not self.values and not self.services_changed and self.source_url is None


def base_hash(text: str) -> str:
    """The version of a data file a correction was made against (the form gets it in assets/entries/<id>.json)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:BASE_LENGTH]


def fnv1a(text: str) -> str:
    """FNV-1a, 32 bits, of the UTF-8 bytes: the block's checksum (a few lines of JavaScript compute the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def dumps(value: Any) -> str:
    """JSON with no space outside strings and every space inside written as \\u0020 (see the module's doc)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace(" ", "\\u0020")


def format_block(block: ChangeBlock) -> str:
    """The block as the form writes it (tests and the confirmation requests use this; the form has a copy)."""
    lines = [f"entry: {dumps(block.entry)}", f"base: {dumps(block.base)}"]
    lines += [f"set.{key}: {dumps(block.values[key])}" for key in FIELDS if key in block.values]
    if block.services_changed:
        lines.append(f"services: {dumps(block.services)}")
    if block.source_url is not None:
        lines.append(f"source.url: {dumps(block.source_url)}")
    lines += [f"claim: {dumps(block.claim)}", f"date: {dumps(block.date)}"]
    lines.append(f"sum: {dumps(fnv1a(chr(10).join(lines)))}")
    return "\n".join([BEGIN, *lines, END])


def _unquote_mail(line: str) -> str:
    """A line as written, without the '> ' a reply or forward puts before it."""
    return re.sub(r"^(?:>\s?)+", "", line.rstrip("\r\n")).strip()


def find_blocks(text: str) -> list[ChangeBlock]:
    """Every block in a text (a pasted message, or an e-mail's plain body), in order."""
    lines = [_unquote_mail(line) for line in text.splitlines()]
    blocks = []
    index = 0
    while index < len(lines):
        begin = _ANY_BEGIN.fullmatch(lines[index])
        if not begin:
            index += 1
            continue
        if begin.group(1) != VERSION:
            raise BlockError(f"the block is version {begin.group(1)}; this tool reads {VERSION} "
                             "(update the KE finder)")
        try:
            end = lines.index(END, index + 1)
        except ValueError:
            raise BlockError("the block has no end line: the message was cut off") from None
        blocks.append(parse_lines(lines[index + 1:end]))
        index = end + 1
    return blocks


def parse_lines(raw: list[str]) -> ChangeBlock:
    """The block's lines (between the markers) -> ChangeBlock; wrapped lines are joined back first."""
    lines: list[str] = []
    for line in raw:
        if not line:
            continue
        if _KEY_LINE.match(line) or not lines:
            lines.append(line)
        else:
            lines[-1] += line  # a mail client's wrap: no space can have been lost (spaces are \u0020)
    pairs: dict[str, Any] = {}
    checked = []
    for line in lines:
        match = _KEY_LINE.match(line)
        if not match:
            raise BlockError(f"a line of the block cannot be read: {line[:60]!r}")
        key, text = match.groups()
        try:
            pairs[key] = json.loads(text)
        except json.JSONDecodeError:
            raise BlockError(f"the value of {key} is not readable: the message may have been changed on its way "
                             "(ask for the downloaded file instead)") from None
        if key != "sum":
            checked.append(line)
    if pairs.get("sum") != fnv1a("\n".join(checked)):
        raise BlockError("the block's checksum does not match: the message was changed on its way "
                         "(ask the sender for the downloaded file instead)")
    return _block_from(pairs)


def _block_from(pairs: dict[str, Any]) -> ChangeBlock:
    for key in ("entry", "base", "claim", "date"):
        if not isinstance(pairs.get(key), str):
            raise BlockError(f"the block has no {key}")
    if pairs["claim"] not in CLAIMS:
        raise BlockError(f"the block's claim {pairs['claim']!r} is not one of {', '.join(CLAIMS)}")
    if not re.fullmatch(r"[a-z0-9-]{1,80}", pairs["entry"]):
        raise BlockError(f"the block's entry {pairs['entry'][:60]!r} is not an entry id")
    block = ChangeBlock(entry=pairs["entry"], base=pairs["base"], claim=pairs["claim"], date=pairs["date"])
    for key, value in pairs.items():
        if key.startswith("set."):
            name = key[4:]
            if name not in FIELDS:
                raise BlockError(f"the block sets {name}, which the form does not edit")
            block.values[name] = value
        elif key == "services":
            if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise BlockError("the block's services are not a list of service codes")
            block.services, block.services_changed = value, True
        elif key == "source.url":
            if not isinstance(value, str):
                raise BlockError("the block's source.url is not a web address")
            block.source_url = value
        elif key not in ("entry", "base", "claim", "date", "sum"):
            raise BlockError(f"the block has an unknown line {key!r}")
    return block
