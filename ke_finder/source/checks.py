"""Field rules that JSON Schema cannot say well: phones, e-mail, links, dates, inert text."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email

from ..links import is_mailbox, link_problem
from .errors import DataError
from .phones import InvalidPhone, normalise_phone
from .rules import describe_char, excerpt, find_forbidden
from .yamlsource import YamlDocument

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|\{\{|\{%|javascript:|data:text/html", re.IGNORECASE)


def check_text_is_inert(doc: YamlDocument, value: Any = None, path: tuple = ()) -> list[DataError]:
    """Free text must be plain text: markup is refused here and escaped on the page anyway."""
    value = doc.data if path == () and value is None else value
    errors: list[DataError] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            errors += check_text_is_inert(doc, sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            errors += check_text_is_inert(doc, sub, path + (i,))
    elif isinstance(value, str) and _MARKUP.search(value):
        errors.append(doc.error(path, "the text contains HTML, script or template code",
                                "write plain text only; remove <…>, {{ }}, {% %} and javascript:"))
    return errors


def check_link(doc: YamlDocument, path: tuple, value: Any) -> list[DataError]:
    """A web address whose host Python and every browser read alike (ke_finder/links.py)."""
    if value is None or not isinstance(value, str):
        return []
    problem = link_problem(value)
    if problem is not None:
        return [doc.error(path, f"{excerpt(value)} is not a web address: {problem}",
                          "write the address as the browser's address bar shows it, starting with https://")]
    return []


# Fields that hold a web address, wherever they are in a file (a list under "sources" holds addresses too).
LINK_KEYS = frozenset({"web", "website", "url", "services_source", "law_url", "sources"})


def check_every_link(doc: YamlDocument, value: Any = None, path: tuple = ()) -> list[DataError]:
    """Every web address of a file, in every kind of file: one rule, not one per block."""
    value = doc.data if path == () and value is None else value
    errors: list[DataError] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            if key in LINK_KEYS and isinstance(sub, str):
                errors += check_link(doc, path + (key,), sub)
            elif key in LINK_KEYS and isinstance(sub, list):
                for i, item in enumerate(sub):
                    if isinstance(item, str):
                        errors += check_link(doc, path + (key, i), item)
                    else:
                        errors += check_every_link(doc, item, path + (key, i))
            else:
                errors += check_every_link(doc, sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            errors += check_every_link(doc, sub, path + (i,))
    return errors


def check_email(doc: YamlDocument, path: tuple, value: Any) -> list[DataError]:
    if not isinstance(value, str):
        return []
    if not is_mailbox(value):
        return [doc.error(path, f"{excerpt(value)} is not a valid e-mail address: only a plain mailbox is allowed",
                          "write one shared mailbox of the unit, like post@kommune.no: letters, digits and . _ + - "
                          "before the @, no %, ?, & or spaces")]
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        reason = str(exc).replace(value, "…") if len(value) > 60 else str(exc)
        return [doc.error(path, f"{excerpt(value)} is not a valid e-mail address: {reason}",
                          "write one shared mailbox of the unit, like post@kommune.no")]
    return []


def check_phone(doc: YamlDocument, path: tuple, value: Any) -> list[DataError]:
    if not isinstance(value, str):
        return []
    try:
        normalise_phone(value)
    except InvalidPhone as exc:
        return [doc.error(path, str(exc), "write 8 digits, like '69 22 55 00', or with +47 in front")]
    return []


def check_characters(doc: YamlDocument, path: tuple, value: Any) -> list[DataError]:
    """No invisible or control characters (for text that does not come through the YAML reader, which
    checks every file itself): what is published must be what a reader sees."""
    if not isinstance(value, str):
        return []
    bad = find_forbidden(value)
    if bad is None:
        return []
    return [doc.error(path, f"invisible or control character {describe_char(bad.group())} at character "
                      f"{bad.start() + 1}", "delete it: readers cannot see it, and it can change how the text "
                      "around it is shown")]


def check_past_date(doc: YamlDocument, path: tuple, value: Any, today: date) -> list[DataError]:
    if not isinstance(value, str):
        return []
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return [doc.error(path, f"{excerpt(value)} is not a real date", "write the date as YYYY-MM-DD")]
    if parsed > today:
        return [doc.error(path, f"{value} is in the future", f"use the date the details were read, {today} or earlier")]
    return []


def check_contacts(doc: YamlDocument, path: tuple, block: dict) -> list[DataError]:
    """Phones and the mailbox of a block, a KE's or an owner's switchboard: one set of rules for every contact."""
    errors: list[DataError] = []
    for i, phone in enumerate(block.get("phones") or []):
        if isinstance(phone, dict):
            errors += check_phone(doc, path + ("phones", i, "number"), phone.get("number"))
    if block.get("email") is not None:
        errors += check_email(doc, path + ("email",), block.get("email"))
    return errors


def check_ke_block(doc: YamlDocument, path: tuple, block: Any, today: date) -> list[DataError]:
    """Rules for one KE block (a municipality's, a trust's, a cooperation's or a region's)."""
    if not isinstance(block, dict):
        return []
    errors: list[DataError] = []
    errors += check_contacts(doc, path, block)
    if block.get("web_kind") == "related-page" and not block.get("related_topic"):
        errors.append(doc.error(path + ("web_kind",), "a related page needs related_topic",
                                "say what the page is about: individual-plan, child-coordinator or allocation-office"))
    source = block.get("source")
    if isinstance(source, dict):
        evidence, confirmed = source.get("evidence"), source.get("confirmed_by_ke")
        if isinstance(confirmed, bool) and evidence in ("stored-copy", "live-page", "ke-confirmed") \
                and confirmed != (evidence == "ke-confirmed"):
            errors.append(doc.error(path + ("source", "confirmed_by_ke"),
                                    f"confirmed_by_ke is {str(confirmed).lower()} but evidence is '{evidence}'",
                                    "set evidence: ke-confirmed and confirmed_by_ke: true only when the KE itself "
                                    "checked the details; otherwise both say what was done"))
        for key in ("retrieved", "page_date"):
            errors += check_past_date(doc, path + ("source", key), source.get(key), today)
    return errors


def check_switchboard(doc: YamlDocument, path: tuple, block: Any, today: date) -> list[DataError]:
    """The same rules as a KE block's phones, mailbox, links and dates, for the owner's general contact."""
    if not isinstance(block, dict):
        return []
    errors: list[DataError] = []
    errors += check_contacts(doc, path, block)
    if not block.get("phones") and not block.get("email"):
        errors.append(doc.error(path, "a switchboard block needs a phone number or an e-mail address",
                                "write 'switchboard: null' when neither is known"))
    source = block.get("source")
    if isinstance(source, dict):
        for key in ("retrieved", "page_date"):
            errors += check_past_date(doc, path + ("source", key), source.get(key), today)
    return errors
