"""Apply a spreadsheet of KE contact updates to data/municipalities/*.yaml.

Regional KE networks keep contacts in spreadsheets; this turns one exported CSV into
edits of the municipality files while keeping everything a person wrote in them:
comments, the `# yaml-language-server` line, key order and quoting (ruamel.yaml round
trip). Every row is checked with the project's own field rules before anything is
touched, and a bad row is refused as a whole while the good rows are applied: one typo
in a 200-row sheet should not hold back 199 correct updates, and a row that is half
applied would be worse than one that is not applied at all.

No printing and no argparse here; scripts/import_contacts.py is the command.
"""
from __future__ import annotations

import csv
import difflib
import io
import os
import stat
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..source.checks import check_characters, check_email, check_link, check_past_date, check_phone, check_text_is_inert
from ..source.errors import DataError, display_path
from ..source.load import check_data
from ..model import Phone
from ..source.phones import normalise_phone
from ..source.rules import MAX_CSV_BYTES, excerpt
from ..source.yamlsource import YamlDocument, load_yaml, read_text

COLUMNS = ("kommunenummer", "unit", "phone", "phone_label", "email", "web", "visiting_address", "postal_address",
           "opening_hours", "her_id", "source_url", "retrieved", "confirmed_by_ke", "evidence")
CLEAR = "-"  # a cell holding only this sets the field to null
PHONE_SEPARATOR = "/"  # "69 22 55 00 / 800 30 061"; a phone number never contains a slash

# The order of a new KE block: the order of data/schemas/ke-unit.schema.json (tests check it).
KE_KEYS = ("unit", "serves", "phones", "email", "web", "web_kind", "related_topic", "visiting_address",
           "postal_address", "opening_hours", "phone_hours", "her_id", "source")
SOURCE_KEYS = ("url", "evidence", "retrieved", "page_date", "confirmed_by_ke")
# What the importer's user did to get the details (source.evidence); confirmed_by_ke follows from it.
EVIDENCE_KINDS = ("stored-copy", "live-page", "ke-confirmed")

# Column -> where the value goes in the `ke:` block. `phone` and `phone_label` go to `phones` together.
KE_TARGETS: dict[str, tuple[str, ...]] = {
    "unit": ("unit",),
    "email": ("email",),
    "web": ("web",),
    "visiting_address": ("visiting_address",),
    "postal_address": ("postal_address",),
    "opening_hours": ("opening_hours",),
    "her_id": ("her_id",),
    "source_url": ("source", "url"),
    "retrieved": ("source", "retrieved"),
    "confirmed_by_ke": ("source", "confirmed_by_ke"),
    "evidence": ("source", "evidence"),
}
REQUIRED_FOR_NEW_KE = ("source_url", "retrieved")
CANNOT_CLEAR = {"kommunenummer", "source_url", "retrieved", "confirmed_by_ke", "evidence"}  # required by the schema

# The same limits as data/schemas/ke-unit.schema.json (tests check them against the schema).
MAX_TEXT_LENGTH = 300
HER_ID = re.compile(r"^[0-9]{1,9}$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

YES = {"ja", "yes", "true"}
NO = {"nei", "no", "false"}


# ---------------------------------------------------------------- results


@dataclass(frozen=True, order=True)
class RowProblem:
    """One refused cell, located the way the spreadsheet user sees it (the header is row 1)."""

    csv_name: str
    row: int
    column: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.csv_name}:row {self.row}" + (f":column {self.column}" if self.column else "")
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class PhoneUpdate:
    """The phone column of a row: the complete new list of the unit's phones."""

    phones: tuple[Phone, ...]
    labels_given: bool  # False: a number that is already listed keeps its label


@dataclass
class ContactUpdate:
    """One valid row: only the cells that were filled in (None = clear the field)."""

    row: int
    number: str
    values: dict[str, Any] = field(default_factory=dict)
    phones: PhoneUpdate | None = None


@dataclass(frozen=True)
class FileChange:
    """A municipality file before and after the import."""

    path: Path
    display: str
    before: str
    after: str
    rows: tuple[int, ...]

    def diff(self) -> str:
        """A unified diff, the form an editor (and `git diff`) already knows."""
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True),
                                            self.after.splitlines(keepends=True),
                                            fromfile=f"a/{self.display}", tofile=f"b/{self.display}"))


@dataclass
class ImportResult:
    rows_read: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    applied_rows: list[int] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)
    validation_errors: list[DataError] = field(default_factory=list)
    validation_warnings: list[DataError] = field(default_factory=list)
    written: bool = False


class CellError(ValueError):
    """A cell that breaks a rule; becomes a RowProblem once its row is known.

    `column` is set when the rule knows better than its caller which column is at fault
    (phone and phone_label are read together; a new KE block lacks source_url).
    """

    def __init__(self, message: str, hint: str = "", column: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.column = column


# ---------------------------------------------------------------- YAML round trip


class _PyYamlWrappingEmitter(Emitter):
    """ruamel's emitter, but wrapping long plain scalars exactly as PyYAML does.

    The data files were written by PyYAML (scripts/import_shared.py, width 110). ruamel wraps
    differently (a long URL moves to its own line, a long note breaks one word earlier), which
    would turn an untouched line into a diff. Borrowing PyYAML's own method keeps every untouched
    file byte-identical; tests/test_contact_import.py checks this on every real municipality file.
    """

    write_plain = pyyaml.emitter.Emitter.write_plain


def data_file_yaml() -> YAML:
    """A round-trip YAML set up like the data files: 2-space maps, list dashes not indented."""
    yaml = YAML()
    yaml.Emitter = _PyYamlWrappingEmitter
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 110
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def _represent_null(representer: Any, _value: None) -> Any:
    """`null`, as the files write it (ruamel would write an empty value)."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def dump_text(yaml: YAML, document: Any) -> str:
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def quoted(text: str) -> SingleQuotedScalarString:
    """Identifiers, phone numbers and dates in single quotes, so YAML 1.1 keeps them text."""
    return SingleQuotedScalarString(text)


def add_change_item(document: CommentedMap, day: date, kind: str, fields: list[str], note: str | None = None) -> None:
    """One `changes:` item, newest first, as the schema and the change feed expect (every editor tool writes it so)."""
    item = CommentedMap([("date", quoted(day.isoformat())), ("change", kind), ("fields", CommentedSeq(fields))])
    if note is not None:
        item["note"] = note
    changes = document.get("changes")
    if not isinstance(changes, CommentedSeq):
        changes = CommentedSeq()
        document["changes"] = changes
    changes.insert(0, item)


# ---------------------------------------------------------------- reading the spreadsheet


def read_updates(csv_path: Path, today: date) -> tuple[list[ContactUpdate], list[RowProblem], int]:
    """The valid rows, the problems of the others, and how many data rows there were."""
    name = csv_path.name
    # The data files' bounded reader: a size limit, and a wrong byte named with its line. It also drops
    # the byte order mark that Excel's "CSV UTF-8" starts with.
    text, errors = read_text(csv_path, name, MAX_CSV_BYTES)
    if text is None:
        error = errors[0]
        hint = "in Excel, save it as 'CSV UTF-8 (comma delimited)'" if "UTF-8" in error.message else error.hint
        return [], [RowProblem(name, error.line, "", error.message, hint)], 0
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    if not rows:
        return [], [RowProblem(name, 1, "", "the file is empty",
                               f"the first row names the columns: {', '.join(COLUMNS)}")], 0
    header = [cell.strip().lower() for cell in rows[0]]
    problems = check_header(name, header)
    data_rows = [(number, cells) for number, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]
    if problems:
        return [], problems, len(data_rows)  # a misread column would put values in the wrong fields
    updates = []
    for row_number, cells in data_rows:
        update, row_problems = parse_row(name, row_number, header, cells, today)
        problems += row_problems
        if update is not None:
            updates.append(update)
    return updates, problems, len(data_rows)


def sniff_delimiter(text: str) -> str:
    """Comma or semicolon (Excel in Norwegian exports with semicolons), decided by the header row."""
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;").delimiter
    except csv.Error:
        return ","  # one column only: the delimiter does not matter


def check_header(name: str, header: list[str]) -> list[RowProblem]:
    """Every column must be one we know: a misspelt column would silently drop its values.

    Columns without a name are allowed (spreadsheets export empty trailing columns); a value
    in one is refused row by row.
    """
    problems = []
    for column in header:
        if column and column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the columns are: {', '.join(COLUMNS)}"
            problems.append(RowProblem(name, 1, column, f"unknown column '{column}'", hint))
    for column in sorted(set(c for c in header if c and header.count(c) > 1)):
        problems.append(RowProblem(name, 1, column, f"the column '{column}' is there twice", "keep one"))
    if "kommunenummer" not in header:
        problems.append(RowProblem(name, 1, "kommunenummer", "the column 'kommunenummer' is missing",
                                   "every row needs the 4-digit municipality number"))
    return problems


def parse_row(name: str, row_number: int, header: list[str], cells: list[str],
              today: date) -> tuple[ContactUpdate | None, list[RowProblem]]:
    """Check every cell of one row; the row is kept only if all of them pass."""
    if any(cell.strip() for cell in cells[len(header):]):
        return None, [RowProblem(name, row_number, "", f"the row has values in {len(cells)} cells but the header "
                                 f"has {len(header)} columns", "remove the extra cells or name their column")]
    if any(cell.strip() for column, cell in zip(header, cells) if not column):
        return None, [RowProblem(name, row_number, "", "a cell in a column without a name has a value",
                                 "name the column in row 1, or delete the cell")]
    row = {column: cell.strip() for column, cell in zip(header, cells) if column}
    problems: list[RowProblem] = []
    update = ContactUpdate(row=row_number, number="")

    def problem(column: str, error: CellError) -> None:
        problems.append(RowProblem(name, row_number, error.column or column, error.message, error.hint))

    for column, text in row.items():
        if text:
            try:
                refuse_markup(text)
            except CellError as error:
                problem(column, error)
    try:
        update.number = parse_municipality_number(row.get("kommunenummer", ""))
    except CellError as error:
        problem("kommunenummer", error)
    for column, text in row.items():
        if column in KE_TARGETS and text:
            try:
                update.values[column] = parse_cell(column, text, today)
            except CellError as error:
                problem(column, error)
    try:
        update.phones = parse_phones(row.get("phone", ""), row.get("phone_label", ""))
    except CellError as error:
        problem("phone", error)
    if problems:
        return None, sorted(set(problems))
    return update, []


def parse_cell(column: str, text: str, today: date) -> Any:
    """The value a cell asks for; None when it says `-` (clear the field)."""
    if text == CLEAR:
        if column in CANNOT_CLEAR:
            raise CellError(f"{column} cannot be cleared", "every KE block needs a source page, the date it "
                            "was read and whether the KE confirmed it; leave the cell empty to keep it")
        return None
    parsers: dict[str, Callable[[str], Any]] = {
        "email": parse_email,
        "web": parse_link,
        "source_url": parse_link,
        "her_id": parse_her_id,
        "retrieved": lambda value: parse_date(value, today),
        "confirmed_by_ke": parse_yes_no,
        "evidence": parse_evidence,
    }
    return parsers.get(column, parse_text)(text)


def parse_evidence(text: str) -> str:
    value = text.strip().lower()
    if value not in EVIDENCE_KINDS:
        raise CellError(f"'{text}' is not a kind of evidence",
                        "write live-page (you checked the live page), ke-confirmed (the KE confirmed) or stored-copy")
    return value


def parse_municipality_number(text: str) -> str:
    if not text:
        raise CellError("the municipality number is missing", "write the 4-digit number, like 3911")
    if not text.isdigit():
        raise CellError(f"{excerpt(text)} is not a municipality number", "write the 4-digit number, like 3911")
    if len(text) < 4:
        raise CellError(f"{excerpt(text)} has only {len(text)} digits; municipality numbers have 4",
                        "a spreadsheet drops leading zeros: format the column as text and write all 4 digits, "
                        "like 0301 for Oslo")
    if len(text) > 4:
        raise CellError(f"{excerpt(text)} has {len(text)} digits; municipality numbers have 4",
                        "write the 4-digit 2024 municipality number, like 3911")
    return text


def parse_phones(phone_cell: str, label_cell: str) -> PhoneUpdate | None:
    """The full new phone list of the unit, labels paired with numbers by position."""
    if not phone_cell:
        if label_cell:
            raise CellError("a label without a phone number", "write the phone numbers in the phone column of "
                            "the same row, in the same order as the labels", column="phone_label")
        return None
    if phone_cell == CLEAR:
        if label_cell:
            raise CellError("labels are given but the phone column clears every number",
                            "leave phone_label empty when phone is -", column="phone_label")
        return PhoneUpdate((), labels_given=True)
    numbers = [part.strip() for part in phone_cell.split(PHONE_SEPARATOR)]
    labels = parse_labels(label_cell, len(numbers))
    phones = []
    for number, label in zip(numbers, labels):
        errors = _rule(check_phone, number)
        if errors:
            raise CellError(errors[0].message, errors[0].hint + "; separate several numbers with ' / '",
                            column="phone")
        phones.append(normalise_phone(number, label))
    return PhoneUpdate(tuple(phones), labels_given=bool(label_cell))


def parse_labels(label_cell: str, count: int) -> list[str | None]:
    """One label per number; `-` or an empty part means no label."""
    if not label_cell or label_cell == CLEAR:
        return [None] * count
    labels = [part.strip() for part in label_cell.split(PHONE_SEPARATOR)]
    if len(labels) != count:
        raise CellError(f"{len(labels)} label(s) for {count} phone number(s)",
                        "give one label per number, separated by ' / ', in the same order", column="phone_label")
    for label in labels:
        try:
            parse_text(label)
        except CellError as error:
            raise CellError(error.message, error.hint, column="phone_label") from None
    return [label if label and label != CLEAR else None for label in labels]


def parse_text(text: str) -> str:
    if len(text) > MAX_TEXT_LENGTH:
        raise CellError(f"the text is {len(text)} characters long", f"keep it to {MAX_TEXT_LENGTH} characters")
    return text


def parse_email(text: str) -> str:
    _raise_first(_rule(check_email, text))
    return text


def parse_link(text: str) -> str:
    _raise_first(_rule(check_link, text))
    return text


def parse_her_id(text: str) -> SingleQuotedScalarString:
    if not HER_ID.match(text):
        raise CellError(f"{excerpt(text)} is not a HER-id", "write the digits only, as in Adresseregisteret, like 12345")
    return quoted(text)


def parse_date(text: str, today: date) -> SingleQuotedScalarString:
    if not ISO_DATE.match(text):
        raise CellError(f"{excerpt(text)} is not a date written as YYYY-MM-DD",
                        f"write it like {today.isoformat()}; format the column as text so the spreadsheet keeps it")
    _raise_first(_rule(check_past_date, text, today))
    return quoted(text)


def parse_yes_no(text: str) -> bool:
    answer = text.lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise CellError(f"{excerpt(text)} is not yes or no", "write ja or nei (yes/no, true/false also work)")


def refuse_markup(text: str) -> None:
    """Plain, visible text only: no markup, no invisible or control characters (as in the data files)."""
    _raise_first(_rule(check_text_is_inert, text))
    _raise_first(_rule(check_characters, text))


def _rule(check: Callable[..., list[DataError]], value: str, *extra: Any) -> list[DataError]:
    """Run one of ke_finder/checks.py's rules on a cell, so the import is exactly as strict as the build."""
    cell = YamlDocument(path=Path("<cell>"), display="<cell>", data=None)
    if check is check_text_is_inert:
        return check(cell, value, ("cell",))
    return check(cell, ("cell",), value, *extra)


def _raise_first(errors: list[DataError]) -> None:
    if errors:
        raise CellError(errors[0].message, errors[0].hint)


# ---------------------------------------------------------------- applying rows to files


@dataclass
class MunicipalityFile:
    """A municipality file held in memory while rows are applied to it."""

    path: Path
    before: str
    document: CommentedMap
    rows: list[int] = field(default_factory=list)


def find_municipality_file(data_dir: Path, number: str) -> Path:
    matches = sorted((data_dir / "municipalities").glob(f"{number}-*.yaml"))
    if not matches:
        raise CellError(f"there is no municipality {number} in data/municipalities",
                        "check the number against the 2024 list of municipalities")
    if len(matches) > 1:
        raise CellError(f"municipality {number} has {len(matches)} files", "run scripts/validate.py and keep one")
    return matches[0]


def cooperation_memberships(data_dir: Path) -> dict[str, str]:
    """municipality number -> cooperation file, for municipalities whose KE is shared."""
    members: dict[str, str] = {}
    for path in sorted((data_dir / "cooperations").glob("*.yaml")):
        display = display_path(path, data_dir.parent)
        doc, _errors = load_yaml(path, display)  # a broken file is reported by the validator at the end
        data = doc.data if doc is not None else None
        for number in (data.get("members") if isinstance(data, dict) else None) or []:
            if isinstance(number, (str, int)):
                members[str(number)] = display
    return members


def open_municipality_file(yaml: YAML, path: Path) -> MunicipalityFile:
    """The file for a round trip, after the build's own reader has accepted it (limits, tags, characters):
    a file the build would refuse is not edited."""
    doc, errors = load_yaml(path, path.name)
    if errors:
        first = errors[0]
        raise CellError(f"{path.name}:{first.line}: {first.message}", "fix the file first; scripts/validate.py shows "
                        "every problem")
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    try:
        document = yaml.load(text)
    except YAMLError as exc:
        raise CellError(f"{path.name} cannot be read: {str(exc).splitlines()[0]}",
                        "fix the file first; scripts/validate.py shows where") from None
    if not isinstance(document, CommentedMap) or "ke" not in document:
        raise CellError(f"{path.name} has no 'ke:' field", "fix the file first; scripts/validate.py shows where")
    return MunicipalityFile(path, text, document)


def check_update_fits(update: ContactUpdate, document: CommentedMap) -> None:
    """Rules that depend on the file: a new KE block needs to say where its details come from."""
    ke = document.get("ke")
    if ke is not None and not isinstance(ke, CommentedMap):
        raise CellError("the file's 'ke:' field is not a block", "fix the file first; scripts/validate.py shows where")
    if ke is None or not isinstance(ke.get("source"), CommentedMap):
        missing = [column for column in REQUIRED_FOR_NEW_KE if column not in update.values]
        if "evidence" not in update.values and update.values.get("confirmed_by_ke") is not True:
            missing.append("evidence")
        if missing:
            raise CellError(f"the municipality has no KE block yet; a new one needs {' and '.join(missing)}",
                            "fill in source_url (the page the details come from), retrieved (YYYY-MM-DD) and "
                            "evidence (live-page, ke-confirmed or stored-copy)",
                            column=missing[0])


def apply_update(document: CommentedMap, update: ContactUpdate) -> None:
    """Write one checked row into the document; fields whose cell was empty stay as they are."""
    if document["ke"] is None:
        document["ke"] = new_ke_block()
    ke = document["ke"]
    if not isinstance(ke.get("source"), CommentedMap):
        put(ke, "source", new_source_block(), KE_KEYS)
    for column, value in update.values.items():
        *parents, key = KE_TARGETS[column]
        block = ke
        for parent in parents:
            block = block[parent]
        put(block, key, value, SOURCE_KEYS if parents else KE_KEYS)
    if update.phones is not None:
        replace_phones(ke, update.phones)
    # evidence and confirmed_by_ke say the same thing: set the one the row left out from the other
    source, values = ke["source"], update.values
    if "evidence" in values and "confirmed_by_ke" not in values:
        put(source, "confirmed_by_ke", values["evidence"] == "ke-confirmed", SOURCE_KEYS)
    elif values.get("confirmed_by_ke") is True and "evidence" not in values:
        put(source, "evidence", "ke-confirmed", SOURCE_KEYS)


def new_ke_block() -> CommentedMap:
    """Every key, in the schema's order, so the file shows an editor what can be filled in."""
    ke = CommentedMap((key, None) for key in KE_KEYS)
    ke["phones"] = CommentedSeq()
    ke["web_kind"] = "ke-page"
    ke["source"] = new_source_block()
    return ke


def new_source_block() -> CommentedMap:
    source = CommentedMap((key, None) for key in SOURCE_KEYS)
    source["confirmed_by_ke"] = False  # only the KE itself can say true
    return source


def put(block: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set a value, leaving an equal one untouched (its quoting too); a missing key goes in schema order."""
    if key in block:
        if block[key] != value:  # an unquoted date or number in the file is not equal: it gets quoted
            block[key] = value
        return
    position = sum(1 for existing in block if existing in order and order.index(existing) < order.index(key))
    block.insert(position, key, value)


def replace_phones(ke: CommentedMap, update: PhoneUpdate) -> None:
    """The row's numbers become the unit's phone list; numbers already listed keep their entry."""
    old = ke.get("phones") or CommentedSeq()
    existing = {_e164(entry): entry for entry in old if isinstance(entry, CommentedMap)}

    def label_of(phone: Phone) -> str | None:
        kept = existing.get(phone.e164)
        return kept.get("label") if kept is not None and not update.labels_given else phone.label

    now = [(_e164(entry), entry.get("label") if isinstance(entry, CommentedMap) else None) for entry in old]
    if now == [(phone.e164, label_of(phone)) for phone in update.phones]:
        return  # the same numbers and labels: leave the lines exactly as written
    trailing = take_trailing_comment(old)
    new = CommentedSeq()
    for phone in update.phones:
        entry = existing.get(phone.e164)
        if entry is None:
            entry = CommentedMap([("number", quoted(phone.display)), ("label", phone.label)])
        elif update.labels_given:
            put(entry, "label", phone.label, ("number", "label"))
        new.append(entry)
    put(ke, "phones", new, KE_KEYS)
    give_trailing_comment(ke, new, trailing)


def _e164(entry: Any) -> str | None:
    try:
        return normalise_phone(str(entry.get("number"))).e164
    except (ValueError, AttributeError):
        return None


def take_trailing_comment(phones: CommentedSeq) -> CommentToken | None:
    """Comment lines written after the last phone, which ruamel files under that phone's last key.

    They belong to what follows in the file, not to that phone, so they must survive its removal.
    The phone's own end-of-line comment stays with it.
    """
    if not phones or not isinstance(phones[-1], CommentedMap) or not phones[-1]:
        return None
    last = phones[-1]
    slot = last.ca.items.get(list(last)[-1])
    if not slot or len(slot) < 3 or slot[2] is None or "\n" not in slot[2].value:
        return None
    own_line, following = slot[2].value.split("\n", 1)
    if not following.strip():
        return None
    taken = CommentToken("\n" + following, slot[2].start_mark)
    slot[2].value = own_line + "\n" if own_line.strip() else "\n"
    return taken


def give_trailing_comment(ke: CommentedMap, phones: CommentedSeq, token: CommentToken | None) -> None:
    """Put the comment lines taken from the old list after the new one."""
    if token is None:
        return
    if phones:
        last = phones[-1]
        last.ca.items.setdefault(list(last)[-1], [None, None, None, None])[2] = token
    else:
        ke.ca.items.setdefault("phones", [None, None, None, None])[2] = token


# ---------------------------------------------------------------- the whole import


def import_contacts(csv_path: Path, data_dir: Path, *, write: bool = False,
                    today: date | None = None) -> ImportResult:
    """Apply every valid row; write only when asked; always run the full validator on the result.

    A dry run validates a temporary copy of the data folder with the changes in it, so an editor
    sees the validator's verdict before anything is written.
    """
    today = today or date.today()
    result = ImportResult()
    updates, result.problems, result.rows_read = read_updates(csv_path, today)
    files = apply_updates(csv_path.name, data_dir, updates, result)
    changes = (file_change(data_dir, file) for file in files.values())
    result.changes = sorted((change for change in changes if change), key=lambda change: change.display)
    if write:
        for change in result.changes:
            change.path.write_text(change.after, encoding="utf-8")
        result.written = True
        result.validation_errors, result.validation_warnings = check_data(data_dir, today)
    else:
        result.validation_errors, result.validation_warnings = validate_with_changes(data_dir, result.changes, today)
    result.problems.sort()
    return result


def apply_updates(csv_name: str, data_dir: Path, updates: list[ContactUpdate],
                  result: ImportResult) -> dict[Path, MunicipalityFile]:
    """Apply rows in sheet order (a later row for the same municipality wins), each all or nothing."""
    yaml = data_file_yaml()
    shared = cooperation_memberships(data_dir)
    files: dict[Path, MunicipalityFile] = {}
    for update in updates:
        try:
            if update.number in shared:
                raise CellError(f"municipality {update.number} shares its KE with others",
                                f"update the shared KE in {shared[update.number]} instead")
            path = find_municipality_file(data_dir, update.number)
            if path not in files:
                files[path] = open_municipality_file(yaml, path)
            check_update_fits(update, files[path].document)
        except CellError as error:
            result.problems.append(RowProblem(csv_name, update.row, error.column or "kommunenummer",
                                              error.message, error.hint))
            continue
        apply_update(files[path].document, update)
        files[path].rows.append(update.row)
        result.applied_rows.append(update.row)
    return files


def file_change(data_dir: Path, file: MunicipalityFile) -> FileChange | None:
    after = dump_text(data_file_yaml(), file.document)
    if after == file.before:
        return None
    return FileChange(file.path, display_path(file.path, data_dir.parent), file.before, after, tuple(file.rows))


def validate_with_changes(data_dir: Path, changes: list[FileChange],
                          today: date) -> tuple[list[DataError], list[DataError]]:
    """The validator's verdict (errors, warnings) on the data as it would be, from a temporary copy."""
    with tempfile.TemporaryDirectory(prefix="ke-import-") as tmp:
        copy = Path(tmp) / data_dir.name
        _copy_tree(data_dir, copy)
        for change in changes:
            (copy / change.path.relative_to(data_dir)).write_text(change.after, encoding="utf-8")
        return check_data(copy, today)


def _copy_tree(source: Path, target: Path) -> None:
    """A copy the validator sees exactly as it would see the original: links stay links (even broken
    ones, like an editor's lock file) and a named pipe stays a named pipe; reading one would block."""
    target.mkdir()
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_symlink():
            destination.symlink_to(os.readlink(entry))
        elif entry.is_dir():
            _copy_tree(entry, destination)
        elif stat.S_ISFIFO(entry.lstat().st_mode):
            os.mkfifo(destination)
        elif entry.is_file():
            shutil.copy2(entry, destination)
