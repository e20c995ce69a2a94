"""Apply what the correction form produced to the data files: the editors' side of the KE staff loop.

`python -m ke_finder apply FILE…` reads a saved e-mail (.eml), a text file holding the pasted block
(editor/change_block.py), or the YAML file the form offered for download, and turns each into one change of
the entry's data file:

- the values are checked with the build's own rules (the parsers of contact_import, which use source/checks.py),
  and the data folder with the change in it must pass the full validator before anything is written;
- the file is edited by the same round-trip writer as the spreadsheet importer (comments, key order and quoting
  kept), and a `changes:` item (date, kind, fields) is added at the top, so the change feed names it;
- what the sender said of themself ("I work in this KE and confirm") is shown, never written: only the editor's
  `--confirmed-by-ke DATE` records `evidence: ke-confirmed`. A sender whose e-mail domain is not the owner's
  (the municipality's or hospital's website, or the KE's own mailbox) is flagged as a hint to check.

No printing and no argparse here; ke_finder/__main__.py is the command.
"""
from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml.comments import CommentedSeq

from ..model import Directory
from ..paths import correction_entry_id
from ..source.errors import DataError
from ..source.load import host_of, load_directory
from ..source.phones import InvalidPhone, normalise_phone
from ..source.yamlsource import load_yaml
from . import contact_import as ci
from .change_block import FIELDS, BlockError, ChangeBlock, base_hash, find_blocks

TEXT_FIELDS = ("unit", "visiting_address", "postal_address", "opening_hours", "phone_hours")
MAX_EML_BYTES = 1_000_000


class ApplyError(ValueError):
    """An input that cannot be applied, with what to do about it."""


@dataclass
class Incoming:
    """One change as it arrived: the block, where it came from, and the sender when an e-mail says so."""

    block: ChangeBlock
    origin: str
    sender: str | None = None


@dataclass
class Applied:
    """One change worked out against the data: what it does, and what the editor should know before writing."""

    incoming: Incoming
    path: Path
    display: str
    before: str
    after: str
    summary: list[str]            # "phones: 75 55 50 00 (was: none)"
    hints: list[str] = field(default_factory=list)

    def diff(self) -> str:
        return ci.FileChange(self.path, self.display, self.before, self.after, ()).diff()


@dataclass
class ApplyResult:
    applied: list[Applied] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    validation_errors: list[DataError] = field(default_factory=list)
    written: bool = False


# ---------------------------------------------------------------- reading what arrived


def read_incoming(path: Path, directory: Directory, data_dir: Path, today: date) -> list[Incoming]:
    """The changes one input file holds: an e-mail, pasted text, or the downloaded data file."""
    raw = path.read_bytes()
    if len(raw) > MAX_EML_BYTES:
        raise ApplyError(f"{path.name} is {len(raw)} bytes; a correction is far smaller (is it the right file?)")
    if path.suffix.lower() in (".yaml", ".yml"):
        return [Incoming(block_from_downloaded_file(path, directory, data_dir, today), path.name)]
    if path.suffix.lower() == ".eml":
        message = email.message_from_bytes(raw, policy=email.policy.default)
        sender = parseaddr(str(message.get("From", "")))[1] or None
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
    else:
        sender, text = None, raw.decode("utf-8", errors="replace")
    try:
        blocks = find_blocks(text)
    except BlockError as error:
        raise ApplyError(str(error)) from None
    if not blocks:
        raise ApplyError("it holds no KE-FINDER CHANGE block (a saved e-mail, pasted text or the "
                         "downloaded .yaml file is expected)")
    return [Incoming(block, path.name, sender) for block in blocks]


def block_from_downloaded_file(path: Path, directory: Directory, data_dir: Path, today: date) -> ChangeBlock:
    """The downloaded file is the whole corrected data file: its change is where its ke: block differs."""
    doc, errors = load_yaml(path, path.name)  # the build's bounded reader: limits, no tags, no hidden characters
    if errors or doc is None or not isinstance(doc.data, dict):
        first = errors[0] if errors else None
        raise ApplyError(f"{path.name}: " + (f"line {first.line}: {first.message}" if first else "not a data file"))
    new = doc.data
    entry = _entry_of(new)
    entity = entities(directory).get(entry)
    if entity is None:
        raise ApplyError(f"{path.name} is not the file of a known entry ({entry})")
    current_text = (data_dir.parent / entity.source_file).read_text(encoding="utf-8")
    current = pyyaml.safe_load(current_text)
    old_ke, new_ke = current.get("ke") or {}, new.get("ke") or {}
    block = ChangeBlock(entry=entry, base="", claim="none", date=today.isoformat())
    for key in FIELDS:
        if _plain(old_ke.get(key)) != _plain(new_ke.get(key)):
            block.values[key] = _plain(new_ke.get(key))
    if "services" in new and _plain(current.get("services")) != _plain(new.get("services")):
        block.services, block.services_changed = new.get("services"), True
    old_source, new_source = old_ke.get("source") or {}, new_ke.get("source") or {}
    if new_source.get("url") != old_source.get("url"):
        block.source_url = new_source.get("url")
    newly_confirmed = bool(new_source.get("confirmed_by_ke")) and not old_source.get("confirmed_by_ke")
    confirmed_again = (new_source.get("evidence") == "ke-confirmed"
                       and str(new_source.get("retrieved")) != str(old_source.get("retrieved")))
    if newly_confirmed or confirmed_again:
        block.claim, block.date = "ke", str(new_source.get("retrieved"))
    elif new_source.get("evidence") == "live-page" and str(new_source.get("retrieved")) != str(
            old_source.get("retrieved")):
        block.claim, block.date = "live", str(new_source.get("retrieved"))
    return block


def _entry_of(data: dict) -> str:
    if "members" in data:
        return f"samarbeid-{data.get('id')}"
    if "region" in data and "number" not in data:
        return f"helseforetak-{data.get('id')}"
    return f"kommune-{data.get('number')}"


def _plain(value: Any) -> Any:
    """A value as the form sees it: phones as number/label pairs with numbers as text, dates as text."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (int, date)) and not isinstance(value, bool):
        return str(value)
    return value


# ---------------------------------------------------------------- working it out against the data


def entities(directory: Directory) -> dict[str, Any]:
    """Entry id -> the municipality, hospital trust or cooperation whose file the form edits."""
    found: dict[str, Any] = {correction_entry_id(m): m for m in directory.municipalities.values()
                             if not m.cooperation_id}
    found.update({correction_entry_id(t): t for t in directory.hospital_trusts.values()})
    found.update({correction_entry_id(c): c for c in directory.cooperations.values()})
    return found


def owner_domains(directory: Directory, entity: Any) -> list[str]:
    """The e-mail domains a message from this KE may come from: the owner's website and the KE's mailbox."""
    website = entity.website if hasattr(entity, "website") else directory.municipalities[entity.host].website
    ke = entity.ke if hasattr(entity, "ke") else entity.own_ke
    domains = [host_of(website)]
    if ke is not None and ke.email:
        domains.append(ke.email.rsplit("@", 1)[-1].lower())
    return sorted({d for d in domains if d})


def sender_hint(sender: str | None, domains: list[str]) -> str | None:
    """A hint when the sender's domain is not (under) one of the owner's domains; None when it is."""
    if not sender:
        return None
    domain = sender.rsplit("@", 1)[-1].lower()
    if any(domain == d or domain.endswith("." + d) for d in domains):
        return None
    return (f"the sender {sender} writes from {domain}, not from the owner's domain ({', '.join(domains) or 'unknown'}):"
            " check that the message comes from the KE before you apply it")


def checked_values(block: ChangeBlock, directory: Directory) -> tuple[dict[str, Any], ci.PhoneUpdate | None]:
    """The block's values, each through the same rule the spreadsheet importer and the build apply."""
    values: dict[str, Any] = {}
    phones = None
    try:
        for key, value in block.values.items():
            if key == "phones":
                phones = _phones(value)
                continue
            if value is None:
                values[key] = None
                continue
            if not isinstance(value, str):
                raise ci.CellError(f"{key} is not text")
            ci.refuse_markup(value)
            if key == "email":
                values[key] = ci.parse_email(value)
            elif key == "web":
                values[key] = ci.parse_link(value)
            elif key == "her_id":
                values[key] = ci.parse_her_id(value)
            elif key == "web_kind":
                if value != "ke-page":
                    raise ci.CellError("the form only marks a web page as the KE's own page (web_kind: ke-page)")
                values[key] = value
            elif key == "related_topic":
                raise ci.CellError("the form only clears related_topic")
            else:
                values[key] = ci.parse_text(value)
        if block.source_url is not None:
            ci.refuse_markup(block.source_url)
            ci.parse_link(block.source_url)
        if block.services_changed and block.services is not None:
            unknown = [code for code in block.services if code not in directory.services]
            if unknown:
                raise ci.CellError(f"unknown service code(s): {', '.join(unknown)}")
    except ci.CellError as error:
        raise ApplyError(f"{error.message}" + (f" ({error.hint})" if error.hint else "")) from None
    return values, phones


def _phones(value: Any) -> ci.PhoneUpdate:
    if not isinstance(value, list):
        raise ci.CellError("phones is not a list")
    found = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("number"), str):
            raise ci.CellError("a phone has no number")
        label = item.get("label")
        if label is not None:
            if not isinstance(label, str):
                raise ci.CellError("a phone's label is not text")
            ci.refuse_markup(label)
            ci.parse_text(label)
        try:
            phone = normalise_phone(item["number"])
        except (InvalidPhone, ValueError) as error:
            raise ci.CellError(f"{item['number'][:40]!r} is not a valid phone number ({error})") from None
        found.append(ci.Phone(phone.e164, phone.display, label))
    return ci.PhoneUpdate(tuple(found), labels_given=True)


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(empty)"
    if isinstance(value, list):
        return "; ".join(f"{p.get('number')}" + (f" ({p.get('label')})" if p.get("label") else "")
                         if isinstance(p, dict) else str(p) for p in value)
    return str(value)


def work_out(incoming: Incoming, directory: Directory, data_dir: Path, *, confirmed_by_ke: date | None,
             checked_live: date | None, today: date) -> Applied:
    """The data file as it would be after this change, and what it says in plain words."""
    block = incoming.block
    entity = entities(directory).get(block.entry)
    if entity is None:
        raise ApplyError(f"no entry {block.entry} in the data (a municipality that shares its KE is corrected in "
                         "the cooperation's entry)")
    path = data_dir.parent / entity.source_file
    yaml = ci.data_file_yaml()
    try:
        file = ci.open_municipality_file(yaml, path)
    except ci.CellError as error:
        raise ApplyError(f"{error.message} ({error.hint})") from None
    values, phones = checked_values(block, directory)
    hints = []
    if block.base and block.base != base_hash(file.before):
        hints.append("the data file changed after the sender opened the form: compare the change with the file")
    hint = sender_hint(incoming.sender, owner_domains(directory, entity))
    if hint:
        hints.append(hint)
    elif incoming.sender is None and block.claim == "ke":
        hints.append("who sent it is not known (pasted text or a downloaded file): find out before --confirmed-by-ke")
    claims = {"ke": f"the sender says they work in this KE and confirm the details (on {block.date})",
              "live": f"the sender says they checked the details on the web page on {block.date}",
              "none": "the sender does not say they work in the KE"}
    hints.append(claims[block.claim])
    if block.claim == "ke" and confirmed_by_ke is None:
        hints.append("not recorded as confirmed by the KE: pass --confirmed-by-ke DATE once you know it is the KE")

    document = file.document
    old_ke = _plain(pyyaml.safe_load(file.before).get("ke") or {})
    was_new = document.get("ke") is None
    if was_new:
        document["ke"] = ci.new_ke_block()
    ke = document["ke"]
    summary = []
    changed_fields: list[str] = []
    for key in FIELDS:
        if key == "phones" and phones is not None:
            ci.replace_phones(ke, phones)
            new = [{"number": p.display, "label": p.label} for p in phones.phones]
        elif key in values:
            ci.put(ke, key, values[key], ci.KE_KEYS)
            new = values[key]
        else:
            continue
        if _plain(new) != _plain(old_ke.get(key)) and not (
                key == "phones" and [(p.get("number"), p.get("label")) for p in old_ke.get("phones") or []]
                == [(p["number"], p["label"]) for p in new]):
            summary.append(f"{key}: {_shown(new)} (was: {_shown(old_ke.get(key))})")
            changed_fields.append(key)
    if block.services_changed:
        services = CommentedSeq(block.services) if block.services is not None else None
        if _plain(document.get("services")) != _plain(block.services):
            summary.append(f"services: {_shown(block.services)} (was: {_shown(document.get('services'))})")
            ci.put(document, "services", services, tuple(document))
    source = ke["source"]
    if block.source_url is not None and block.source_url != source.get("url"):
        summary.append(f"source.url: {block.source_url} (was: {_shown(source.get('url'))})")
        ci.put(source, "url", block.source_url, ci.SOURCE_KEYS)
    evidence = None
    if confirmed_by_ke is not None:
        evidence = ("ke-confirmed", True, confirmed_by_ke)
    elif checked_live is not None:
        evidence = ("live-page", False, checked_live)
    if evidence is not None:
        kind, confirmed, when = evidence
        if (source.get("evidence"), str(source.get("retrieved"))) != (kind, when.isoformat()):
            summary.append(f"evidence: {kind} on {when.isoformat()} (was: {source.get('evidence')} on "
                           f"{source.get('retrieved')})")
            changed_fields.append("evidence")
        ci.put(source, "evidence", kind, ci.SOURCE_KEYS)
        ci.put(source, "retrieved", ci.quoted(when.isoformat()), ci.SOURCE_KEYS)
        ci.put(source, "confirmed_by_ke", confirmed, ci.SOURCE_KEYS)
    if changed_fields:
        kind = "added" if was_new else (
            "confirmed" if changed_fields == ["evidence"] and confirmed_by_ke is not None else "updated")
        ci.add_change_item(document, today, kind, changed_fields)
    after = ci.dump_text(yaml, document)
    if not summary:
        summary.append("nothing changes" + (" (the sender says everything is correct)" if block.is_confirmation_only
                                            else ""))
    return Applied(incoming, path, ci.display_path(path, data_dir.parent), file.before, after, summary, hints)


# ---------------------------------------------------------------- the whole run


def apply_files(paths: list[Path], data_dir: Path, *, write: bool = False, confirmed_by_ke: date | None = None,
                checked_live: date | None = None, today: date | None = None) -> ApplyResult:
    """Work out every input's change; validate the data with all of them; write only when asked and valid."""
    today = today or date.today()
    result = ApplyResult()
    directory = load_directory(data_dir, today)
    incoming: list[Incoming] = []
    for path in paths:
        try:
            incoming += read_incoming(path, directory, data_dir, today)
        except (ApplyError, OSError) as error:
            result.problems.append(f"{path}: {error}")
    touched: set[Path] = set()
    for item in incoming:
        try:
            applied = work_out(item, directory, data_dir, confirmed_by_ke=confirmed_by_ke,
                               checked_live=checked_live, today=today)
        except ApplyError as error:
            result.problems.append(f"{item.origin}: {error}")
            continue
        if applied.path in touched:
            result.problems.append(f"{item.origin}: a second change to {applied.display} in one run: apply it "
                                   "after the first one is written")
            continue
        touched.add(applied.path)
        result.applied.append(applied)
    changes = [ci.FileChange(a.path, a.display, a.before, a.after, ()) for a in result.applied if a.after != a.before]
    result.validation_errors, _warnings = ci.validate_with_changes(data_dir, changes, today)
    if write and not result.validation_errors and not result.problems:
        for change in changes:
            change.path.write_text(change.after, encoding="utf-8")
        result.written = True
    return result
