"""What the correction form (docs/correction.md + docs/assets/correction.js) reads: per-entry files and the rules.

The form runs without a server, so it needs, for the one entry it corrects, the data file's text exactly as in
the repository (it edits that text the way scripts/import_contacts.py edits it, and offers the result for
download), the current values to prefill, and the owner's website. One small file per entry
(assets/entries/<id>.json) keeps the form's download the same size whatever the number of municipalities.

The browser checks input with the build's own rules, exported here from the same constants and libraries the
build uses (libphonenumber's metadata for Norway, the link and markup patterns of source/checks.py, the schema's
limits), so the two cannot drift apart by hand. tests/test_correction.py runs the JavaScript and the Python
rules over one table of examples.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import email_validator
import phonenumbers
import yaml

from ..characters import ONE_LINE_PATTERN, YAML_LINE_BREAKS
from ..exports.common import json_text, page_urls
from ..links import LINK_PATTERN, MAILBOX_PATTERN, MAX_LINK_LENGTH, MAX_MAILBOX_LENGTH
from ..model import Directory
from ..model.records import municipality_org_name
from ..paths import CORRECTION_ENTRY_DIR, LANGUAGES, correction_entry_id, municipality_path, trust_path
from ..source import checks, rules
from . import contact_import
from . import change_block
from .change_block import base_hash

# The number types libphonenumber knows for Norway; a number is valid when it matches one of them.
PHONE_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip",
               "pager", "uan", "voicemail")
# Where the unit's contacts are edited; the order of a new block (contact_import keeps the schema's order).
CORRECTION_RULES_FILE = "assets/correction-rules.json"
# Common mail clients open a mailto link of up to about 2,000 characters; the form keeps its links below this.
MAILTO_LIMIT = 1800


def phone_rules() -> dict[str, Any]:
    """libphonenumber's metadata for +47: the patterns that decide validity and the national grouping."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region("NO")
    if meta is None or meta.general_desc is None:
        raise RuntimeError("phonenumbers has no metadata for Norway: the phone rules cannot be exported")
    types = {}
    for name in PHONE_TYPES:
        desc = getattr(meta, name)
        if desc is not None and desc.national_number_pattern:
            types[name] = {"pattern": desc.national_number_pattern, "lengths": list(desc.possible_length)}
    formats = [{"pattern": f.pattern, "format": f.format,
                "leading": f.leading_digits_pattern[-1] if f.leading_digits_pattern else None}
               for f in meta.number_format]
    return {"country_code": str(meta.country_code), "international_prefix": meta.international_prefix,
            "general": {"pattern": meta.general_desc.national_number_pattern,
                        "lengths": list(meta.general_desc.possible_length)},
            "types": types, "formats": formats}


def browser_rules() -> dict[str, Any]:
    """Every rule the form checks, from the build's own constants."""
    return {
        "phone": phone_rules(),
        "link": LINK_PATTERN,  # plus the WHATWG parser's host (new URL), as ke_finder/links.py does with ada
        "max_link_length": MAX_LINK_LENGTH,
        "markup": checks._MARKUP.pattern,  # case-insensitive, as in checks.py
        "email": {"max_length": MAX_MAILBOX_LENGTH, "pattern": MAILBOX_PATTERN,
                  "special_use_domains": list(email_validator.SPECIAL_USE_DOMAIN_NAMES)},
        # The data rules' forbidden characters (invisible and control characters, U+2028/U+2029/U+0085
        # included) for every field, and what a one-line field and the YAML writer refuse besides.
        "forbidden": rules.rules_json()["forbidden_text_regex"],
        "one_line": ONE_LINE_PATTERN,
        "yaml_line_breaks": YAML_LINE_BREAKS,
        "her_id": contact_import.HER_ID.pattern,
        "max_text_length": contact_import.MAX_TEXT_LENGTH,
        "ke_keys": list(contact_import.KE_KEYS),
        "source_keys": list(contact_import.SOURCE_KEYS),
        "yaml_width": 110,
        # The block the form mails and `python -m ke_finder apply` reads (change_block.py): its fields and the
        # longest mailto URL the form writes, so the script has no list of its own.
        "change_block": {"version": change_block.VERSION, "fields": list(change_block.FIELDS),
                         "mailto_limit": MAILTO_LIMIT},
    }


def _current_ke(document: dict) -> dict[str, Any] | None:
    """The KE block as written in the file (strings as strings), to prefill the form."""
    ke = document.get("ke")
    if not isinstance(ke, dict):
        return None
    current = {key: ke.get(key) for key in contact_import.KE_KEYS if key not in ("phones", "source")}
    current["phones"] = [{"number": str(p.get("number")), "label": p.get("label")}
                         for p in ke.get("phones") or [] if isinstance(p, dict)]
    source = ke.get("source") or {}
    current_source: dict[str, Any] = {key: (str(source.get(key)) if source.get(key) is not None else None)
                                      for key in ("url", "evidence", "retrieved", "page_date")}
    current_source["confirmed_by_ke"] = bool(source.get("confirmed_by_ke"))
    current["source"] = current_source
    return current


def _same_name(name: str) -> dict[str, str]:
    """A proper name is not translated: the same in every language of the site."""
    return {lang: name for lang in LANGUAGES}


def correction_entries(directory: Directory, data_dir: Path) -> dict[str, dict[str, Any]]:
    """Entry id -> what the form needs for it: file, text and its version, current values, the owner's website.

    Corrections go to the editors only (KE_EDITOR_EMAIL): the form never sends people to the municipality's or
    hospital's website, which does not edit this site. The owner's website only prefills an empty source field.
    """
    root = data_dir.parent
    entries: dict[str, dict[str, Any]] = {}

    def add(entity: Any, kind: str, owner: dict[str, str], page: str, services: Any, owner_web: str | None) -> None:
        text = (root / entity.source_file).read_text(encoding="utf-8")
        entry_id = correction_entry_id(entity)
        entries[entry_id] = {"id": entry_id, "kind": kind, "owner": owner, "file": entity.source_file,
                             "page": page_urls(page), "yaml": text, "base": base_hash(text),
                             "ke": _current_ke(yaml.safe_load(text)), "services": services, "owner_web": owner_web}

    for m in directory.municipalities.values():
        if m.cooperation_id:
            continue  # corrected in the cooperation's file
        add(m, "municipality", {**_same_name(municipality_org_name(m)), "en": f"{m.name} municipality"},
            municipality_path(m.number), list(m.services) if m.services is not None else None, m.website)
    for trust in directory.hospital_trusts.values():
        add(trust, "hospital_trust", _same_name(trust.name), trust_path(trust.id), None, trust.website)
    for coop in directory.cooperations.values():
        add(coop, "cooperation", _same_name(coop.name), f"samarbeid/{coop.id}", None,
            directory.municipalities[coop.host].website)
    return dict(sorted(entries.items()))


def correction_files(directory: Directory, data_dir: Path) -> dict[str, str]:
    """Site-relative path -> text: one JSON per entry, and the rules."""
    files = {f"{CORRECTION_ENTRY_DIR}/{entry_id}.json": json_text(entry)
             for entry_id, entry in correction_entries(directory, data_dir).items()}
    files[CORRECTION_RULES_FILE] = json_text(browser_rules())
    return files


def write_correction_files(directory: Directory, site_dir: Path, data_dir: Path) -> None:
    """The form's per-entry files and rules, into the built site."""
    for rel, text in correction_files(directory, data_dir).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: the data file's text must reach the form unchanged
