"""Accept a reviewed crawl candidate (candidates.json from `discover`) into one owner's data file.

The editor has read the candidate in report.html; this writes the chosen values into the municipality's or
hospital trust's YAML file with the importer's round-trip writer (comments, key order and quoting kept), so the
result is the same kind of edit as `scripts/import_contacts.py` makes:

- the KE values go into `ke:` and the owner's general contact into `switchboard:` (never into `ke:`);
- the evidence is `live-page` dated the day the crawler fetched the page (it read the live page), with the
  candidate page as the source, and a `changes:` item records what was accepted;
- a value the crawler flagged `near-person-name` or `mobile-number` is refused unless the editor names that
  value explicitly (`--fields phone=+4790267497`); an accepted flagged number loses its label, which was page
  text next to a person's name; a unit name flagged `near-person-name` is never taken (a person's name never
  enters data), and quotes never enter data at all;
- a KE block the KE itself confirmed is not overwritten by a crawl;
- nothing is written unless the whole data folder validates with the change in it.

No printing and no argparse here; `python -m ke_finder accept` is the command.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model import Phone
from ..source.errors import DataError, display_path
from ..source.load import check_data
from ..source.phones import InvalidPhone, normalise_phone
from .contact_import import (KE_KEYS, SOURCE_KEYS, CellError, FileChange, PhoneUpdate, add_change_item,
                             cooperation_memberships, data_file_yaml, dump_text, find_municipality_file, new_ke_block,
                             open_municipality_file, parse_email, parse_link, parse_text, put, quoted, replace_phones,
                             validate_with_changes)

CANDIDATES_SCHEMA = Path(__file__).resolve().parents[2] / "data" / "api-schemas" / "candidates.schema.json"
CANDIDATES_FORMAT = "ke-finder-candidates/1"

# Flags that keep a value out of data unless the editor names it (the data rule: no personal contacts).
PERSONAL_FLAGS = frozenset({"near-person-name", "mobile-number"})
# What --fields may name as a whole: each takes every unflagged value of that kind.
FIELD_GROUPS = ("unit", "phones", "email", "web", "visiting_address", "postal_address", "phone_hours",
                "switchboard")
# Explicit values: phone=NUMBER, email=ADDRESS (KE) and switchboard-phone=NUMBER, switchboard-email=ADDRESS.
VALUE_KINDS = ("phone", "email", "switchboard-phone", "switchboard-email")
SWITCHBOARD_KEYS = ("phones", "email", "url", "source")
SWITCHBOARD_SOURCE_KEYS = ("url", "evidence", "retrieved", "page_date", "note")


class AcceptError(ValueError):
    """Why a candidate cannot be accepted as asked; `hint` says what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        text = self.args[0]
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class Choice:
    """What the editor asked for: whole field groups, and values named one by one."""

    groups: frozenset[str]
    values: frozenset[tuple[str, str]]  # (kind, normalised value)

    def named(self, kind: str, value: str) -> bool:
        return (kind, value) in self.values


@dataclass
class AcceptResult:
    change: FileChange | None = None
    accepted: list[str] = field(default_factory=list)     # "phones: 33 03 51 00", for the editor's summary
    refused: list[str] = field(default_factory=list)      # flagged values left out, with the reason
    cleared: list[str] = field(default_factory=list)      # details of another page taken out of the KE block
    validation_errors: list[DataError] = field(default_factory=list)
    written: bool = False


# ---------------------------------------------------------------- reading the candidate and the choice


def read_candidates(path: Path) -> dict[str, Any]:
    """candidates.json, checked against the shared schema (the contract with `discover`)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AcceptError(f"{path.name} cannot be read: {exc}", "give the candidates.json that discover wrote") from None
    schema = json.loads(CANDIDATES_SCHEMA.read_text(encoding="utf-8"))
    problems = sorted(Draft202012Validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    if problems:
        first = problems[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise AcceptError(f"{path.name}: {where}: {first.message[:200]}",
                          f"the file does not follow {CANDIDATES_SCHEMA.name} ({len(problems)} problem(s))")
    return document


def find_owner(document: dict[str, Any], owner: str) -> dict[str, Any]:
    for candidate in document["owners"]:
        if candidate["owner"] == owner:
            return candidate
    known = ", ".join(c["owner"] for c in document["owners"][:12])
    raise AcceptError(f"there is no candidate for {owner!r}", f"the file has: {known}")


def parse_choice(fields: list[str] | None) -> Choice:
    """--fields unit phones phone=+4790267497 …; none given = every unflagged value of every field."""
    if not fields:
        return Choice(frozenset(FIELD_GROUPS), frozenset())
    groups, values = set(), set()
    for item in fields:
        for part in filter(None, (p.strip() for p in item.split(","))):
            kind, sep, value = part.partition("=")
            if not sep:
                if part not in FIELD_GROUPS:
                    raise AcceptError(f"--fields: unknown field {part!r}",
                                      f"use {', '.join(FIELD_GROUPS)}, or name one value as "
                                      f"{', '.join(k + '=…' for k in VALUE_KINDS)}")
                groups.add(part)
            elif kind not in VALUE_KINDS:
                raise AcceptError(f"--fields: unknown value kind {kind!r}", f"use {', '.join(VALUE_KINDS)}")
            else:
                values.add((kind, _normalise(kind, value)))
    return Choice(frozenset(groups), frozenset(values))


def _normalise(kind: str, value: str) -> str:
    """A phone as E.164, an e-mail in lower case: how values are compared with flags and candidates."""
    if kind.endswith("phone"):
        try:
            return normalise_phone(value.strip()).e164
        except InvalidPhone as exc:
            raise AcceptError(f"--fields: {exc}", "write the number as the candidate shows it") from None
    return value.strip().lower()


def flags_on(candidate: dict[str, Any], kind: str, value: str) -> list[str]:
    """The personal-contact flags that name this value (a phone in any written form, an address in any case)."""
    found = []
    for flag in candidate["flags"]:
        if flag["code"] not in PERSONAL_FLAGS or not flag.get("value"):
            continue
        try:
            flagged = _normalise(kind, flag["value"])
        except AcceptError:
            flagged = flag["value"].strip().lower()
        if flagged == value:
            found.append(flag["code"])
    return found


# ---------------------------------------------------------------- choosing the values


@dataclass
class Accepted:
    """The values that go into data, already checked with the data's own rules."""

    unit: str | None = None
    phones: list[Phone] = field(default_factory=list)
    email: str | None = None
    web: bool = False
    visiting_address: str | None = None
    postal_address: str | None = None
    phone_hours: str | None = None
    switchboard_phones: list[Phone] = field(default_factory=list)
    switchboard_email: str | None = None


def choose(candidate: dict[str, Any], choice: Choice, result: AcceptResult) -> Accepted:
    """The candidate's values the editor chose; flagged ones only when named, never a person's name."""
    out = Accepted()

    def want(group: str) -> bool:
        return group in choice.groups

    def phones(items: list[dict[str, Any]], group: str, kind: str) -> list[Phone]:
        chosen = []
        for item in items:
            try:
                phone = normalise_phone(item["number"], item.get("label"))
            except InvalidPhone as exc:
                result.refused.append(f"{kind} {item['number']}: {exc}")
                continue
            flags = flags_on(candidate, kind, phone.e164)
            named = choice.named(kind, phone.e164)
            if flags and not named:
                result.refused.append(f"{kind} {phone.display}: flagged {', '.join(flags)}; name it with "
                                      f"--fields {kind}={phone.e164} to accept it")
                continue
            if named or want(group):
                label = None if flags else _clean_label(item.get("label"))
                chosen.append(Phone(phone.e164, phone.display, label))
        return chosen

    def email(items: list[dict[str, Any]], group: str, kind: str) -> str | None:
        for item in items:
            address = item["address"].strip().lower()
            flags = flags_on(candidate, kind, address)
            named = choice.named(kind, address)
            if flags and not named:
                result.refused.append(f"{kind} {address}: flagged {', '.join(flags)}; name it with "
                                      f"--fields {kind}={address} to accept it")
                continue
            if named or want(group):
                return _checked(parse_email, item["address"].strip(), kind)
        return None

    def text(value: dict[str, Any] | None, group: str) -> str | None:
        if value is None or not want(group):
            return None
        return _checked(parse_text, value["text"].strip(), group)

    if candidate["url"] is not None:
        unit_flagged = candidate["unit"] is not None and flags_on(candidate, "unit", candidate["unit"]["text"].strip().lower())
        if unit_flagged and want("unit"):
            result.refused.append("unit: flagged near a person's name; a person's name never enters data")
        elif candidate["unit"] is not None and want("unit"):
            out.unit = text(candidate["unit"], "unit")
        out.phones = phones(candidate["phones"], "phones", "phone")
        out.email = email(candidate["emails"], "email", "email")
        out.visiting_address = text(candidate["visiting_address"], "visiting_address")
        out.postal_address = text(candidate["postal_address"], "postal_address")
        out.phone_hours = text(candidate["phone_hours"], "phone_hours")
        out.web = want("web") or bool(out.unit or out.phones or out.email or out.visiting_address
                                      or out.postal_address or out.phone_hours)
    sb = candidate["switchboard"]
    if sb is not None:
        out.switchboard_phones = phones(sb["phones"], "switchboard", "switchboard-phone")
        out.switchboard_email = email(sb["emails"], "switchboard", "switchboard-email")
    return out


def _clean_label(label: str | None) -> str | None:
    """A label is the page's short name for a number; anything longer is page text, not a label."""
    if not label:
        return None
    label = re.sub(r"\s+", " ", label).strip(" :")
    return label if 0 < len(label) <= 60 else None


def _checked(parse: Any, value: str, what: str) -> Any:
    try:
        return parse(value)
    except CellError as exc:
        raise AcceptError(f"{what}: {exc}", exc.hint) from None


# ---------------------------------------------------------------- writing the file


def owner_file(data_dir: Path, candidate: dict[str, Any]) -> Path:
    if candidate["kind"] == "municipality":
        try:
            return find_municipality_file(data_dir, candidate["owner"])
        except CellError as exc:
            raise AcceptError(str(exc), exc.hint) from None
    path = data_dir / "hospital-trusts" / f"{candidate['owner']}.yaml"
    if not path.is_file():
        raise AcceptError(f"there is no hospital trust {candidate['owner']!r} in data/hospital-trusts",
                          "check the trust id")
    return path


def fetched_day(candidate: dict[str, Any]) -> str:
    """The day the crawler read the live page: the evidence's date."""
    return datetime.fromisoformat(candidate["fetched_at"]).date().isoformat()


# KE fields a crawl candidate can give: when the accepted page is another page than the block's source, those not
# taken from it are cleared, so that nothing read elsewhere is published as checked on this live page.
CRAWLED_FIELDS = ("unit", "phones", "email", "visiting_address", "postal_address", "opening_hours", "phone_hours")


def apply_ke(document: CommentedMap, candidate: dict[str, Any], chosen: Accepted,
             result: AcceptResult | None = None) -> list[str]:
    """Write the chosen KE values; return the changed fields (for the change log).

    One block has one source: if the candidate's page is not the block's current source, the block's other details
    (read from that other page) are cleared and reported, and the old source's note goes with them."""
    ke = document.get("ke")
    if isinstance(ke, CommentedMap) and isinstance(ke.get("source"), CommentedMap) \
            and ke["source"].get("evidence") == "ke-confirmed":
        raise AcceptError("the KE itself confirmed the details in this file; a crawl does not overwrite them",
                          "ask the KE to confirm the change, or edit the file by hand")
    if ke is None:
        ke = document["ke"] = new_ke_block()
    before = {key: _plain(ke.get(key)) for key in KE_KEYS}
    url = _checked(parse_link, candidate["url"], "url")
    old_source = ke.get("source")
    old_url = str(old_source.get("url")) if isinstance(old_source, CommentedMap) and old_source.get("url") else None
    if old_url is not None and old_url != url:
        for key in CRAWLED_FIELDS:
            if before.get(key) not in (None, [], "") and not getattr(chosen, key, None):
                put(ke, key, CommentedSeq() if key == "phones" else None, KE_KEYS)
                if result is not None:
                    result.cleared.append(f"{key} (read from {old_url}, not taken from the accepted page)")
        if "note" in old_source:
            del old_source["note"]
    if chosen.unit:
        put(ke, "unit", chosen.unit, KE_KEYS)
    if chosen.phones:
        replace_phones(ke, PhoneUpdate(tuple(chosen.phones), labels_given=True))
    if chosen.email:
        put(ke, "email", chosen.email, KE_KEYS)
    put(ke, "web", url, KE_KEYS)
    put(ke, "web_kind", candidate["web_kind"] or "ke-page", KE_KEYS)
    put(ke, "related_topic", candidate["related_topic"] if candidate["web_kind"] == "related-page" else None, KE_KEYS)
    for key in ("visiting_address", "postal_address", "phone_hours"):
        if getattr(chosen, key):
            put(ke, key, getattr(chosen, key), KE_KEYS)
    source = ke["source"]
    put(source, "url", url, SOURCE_KEYS)
    put(source, "evidence", "live-page", SOURCE_KEYS)
    put(source, "retrieved", quoted(fetched_day(candidate)), SOURCE_KEYS)
    put(source, "page_date", quoted(candidate["page_date"]) if candidate["page_date"] else None, SOURCE_KEYS)
    put(source, "confirmed_by_ke", False, SOURCE_KEYS)
    changed = [key for key in KE_KEYS if key != "source" and _plain(ke.get(key)) != before[key]]
    return changed + ["evidence"]


def _plain(value: Any) -> Any:
    """A comparable copy of a YAML value (ruamel's containers and quoted strings as plain Python)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def apply_switchboard(document: CommentedMap, candidate: dict[str, Any], chosen: Accepted) -> bool:
    """Write the owner's general contact into `switchboard:`; True when it changed."""
    sb = candidate["switchboard"]
    before = _plain(document.get("switchboard"))
    phones = CommentedSeq()
    for phone in chosen.switchboard_phones:
        phones.append(CommentedMap([("number", quoted(phone.display)), ("label", phone.label)]))
    page = sb["url"] or next((p["url"] for p in sb["phones"] + sb["emails"]), None)
    if page is None:
        raise AcceptError("the switchboard candidate names no page", "re-run discover for this owner")
    page = _checked(parse_link, page, "switchboard url")
    source = CommentedMap([("url", page), ("evidence", "live-page"), ("retrieved", quoted(fetched_day(candidate))),
                           ("page_date", None), ("note", None)])
    block = CommentedMap([("phones", phones), ("email", chosen.switchboard_email),
                          ("url", _checked(parse_link, sb["url"], "switchboard url") if sb["url"] else None),
                          ("source", source)])
    if "switchboard" in document:
        document["switchboard"] = block
    else:
        position = list(document).index("ke") + 1
        document.insert(position, "switchboard", block)
    return _plain(block) != before


def accept_candidate(candidates_path: Path, owner: str, data_dir: Path, *, fields: list[str] | None = None,
                     write: bool = False, today: date | None = None) -> AcceptResult:
    """Accept one owner's candidate: the diff always, the file only with write=True and only when data validates."""
    today = today or date.today()
    result = AcceptResult()
    candidate = find_owner(read_candidates(candidates_path), owner)
    choice = parse_choice(fields)
    chosen = choose(candidate, choice, result)
    path = owner_file(data_dir, candidate)
    try:
        file = open_municipality_file(data_file_yaml(), path)
    except CellError as exc:
        raise AcceptError(str(exc), exc.hint) from None
    document = file.document
    ke_changed = sb_changed = False
    if candidate["url"] is not None and chosen.web:
        shared = cooperation_memberships(data_dir) if candidate["kind"] == "municipality" else {}
        if owner in shared:
            raise AcceptError(f"municipality {owner} shares its KE with others",
                              f"update the shared KE in {shared[owner]}, or accept only --fields switchboard here")
        had_ke = document.get("ke") is not None
        before = _plain(document.get("ke"))
        fields_changed = apply_ke(document, candidate, chosen, result)
        ke_changed = _plain(document.get("ke")) != before
        if ke_changed:
            add_change_item(document, today, "updated" if had_ke else "added", fields_changed)
    if chosen.switchboard_phones or chosen.switchboard_email:
        had_switchboard = document.get("switchboard") is not None
        sb_changed = apply_switchboard(document, candidate, chosen)
        if sb_changed:
            add_change_item(document, today, "updated" if had_switchboard else "added", ["switchboard"])
    result.accepted = _summary(chosen, ke_changed, sb_changed)
    after = dump_text(data_file_yaml(), document)
    if after != file.before:
        result.change = FileChange(path, display_path(path, data_dir.parent), file.before, after, ())
    changes = [result.change] if result.change else []
    result.validation_errors = validate_with_changes(data_dir, changes, today)[0]
    if write and result.change and not result.validation_errors:
        path.write_text(after, encoding="utf-8")
        result.written = True
        result.validation_errors = check_data(data_dir, today)[0]
    return result


def _summary(chosen: Accepted, ke: bool, switchboard: bool) -> list[str]:
    lines = []
    if ke:
        lines += [f"unit: {chosen.unit}"] if chosen.unit else []
        lines += [f"phone: {p.display}" for p in chosen.phones]
        lines += [f"email: {chosen.email}"] if chosen.email else []
        lines += [f"{k}: {getattr(chosen, k)}" for k in ("visiting_address", "postal_address", "phone_hours")
                  if getattr(chosen, k)]
    if switchboard:
        lines += [f"switchboard phone: {p.display}" for p in chosen.switchboard_phones]
        lines += [f"switchboard email: {chosen.switchboard_email}"] if chosen.switchboard_email else []
    return lines
