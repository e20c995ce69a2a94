"""From the pages read for an owner to its candidate (the contract in data/api-schemas/candidates.schema.json).

The choices an editor must be able to trust are made here, in one place: which page is the KE's (the best-scored
KE page, else the closest related page), which numbers are the unit's (those on that page, never one next to a
person's name, never the switchboard's), and what is only a flag for the editor to judge.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from .extract import Found, FoundEmail, FoundPhone, Page, looks_like_switchboard_email
from .items import OwnerPages

FORMAT = "ke-finder-candidates/1"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "api-schemas" / "candidates.schema.json"
OLD_PAGE_MONTHS = 24


class CandidatesInvalid(ValueError):
    """The candidates do not match their schema: a bug in the crawler, never written."""


def _found(value: Found | None) -> dict[str, str] | None:
    return None if value is None else {"text": value.text, "quote": value.quote, "url": value.url}


def _phone(phone: FoundPhone) -> dict[str, Any]:
    return {"number": phone.number, "e164": phone.e164, "label": phone.label, "quote": phone.quote, "url": phone.url}


def _email(email: FoundEmail) -> dict[str, str]:
    return {"address": email.address, "quote": email.quote, "url": email.url}


def _flag(code: str, detail: str, value: str | None = None) -> dict[str, Any]:
    return {"code": code, "detail": detail[:500], "value": value[:300] if value else value}


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def choose_page(pages: list[Page]) -> Page | None:
    """The KE page (highest score; then more contact details; then the shallower URL), else a related page."""
    ke_pages = [p for p in pages if p.kind == "ke-page"]
    if ke_pages:
        return max(ke_pages, key=lambda p: (p.ke_score, len(p.phones) + len(p.emails) > 0, -p.url.count("/")))
    order = {"individual-plan": 0, "child-coordinator": 1, "allocation-office": 2}
    related = sorted((p for p in pages if p.kind == "related-page"),
                     key=lambda p: (order.get(p.related_topic or "", 9), p.url.count("/")))
    return related[0] if related else None


def choose_contact(pages: list[Page]) -> Page | None:
    contacts = [p for p in pages if p.contact and (p.phones or p.emails)]
    return min(contacts, key=lambda p: (p.depth, p.url.count("/"))) if contacts else None


def switchboard(contact: Page | None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    if contact is None:
        return None, []
    flags = [_flag("near-person-name", f"next to the name {p.person} on the contact page", p.number)
             for p in contact.phones if p.person]
    phones = [p for p in contact.phones if not p.person]
    emails = [e for e in contact.emails if not e.person]
    # The general mailbox first (postmottak@, post@); other functional addresses after it.
    emails.sort(key=lambda e: not looks_like_switchboard_email(e.address))
    if not phones and not emails:
        return None, flags
    quote = phones[0].quote if phones else emails[0].quote
    return ({"phones": [_phone(p) for p in phones], "emails": [_email(e) for e in emails], "url": contact.url,
             "quote": quote}, flags)


def candidate(found: OwnerPages, today: date) -> dict[str, Any]:
    owner = found.owner
    pages = found.pages
    page = choose_page(pages)
    contact = choose_contact(pages)
    board, flags = switchboard(contact)
    board_numbers = {p["e164"] for p in board["phones"]} if board else set()
    board_emails = {e["address"] for e in board["emails"]} if board else set()
    phones: list[dict[str, Any]] = []
    emails: list[dict[str, str]] = []
    if page is not None:
        for phone in page.phones:
            if phone.person:
                flags.append(_flag("near-person-name", f"next to the name {phone.person}: a personal contact, "
                                   "never published", phone.number))
            elif phone.e164 in board_numbers:
                continue  # the switchboard, printed on every page: reported as the switchboard
            else:
                phones.append(_phone(phone))
                if phone.mobile:
                    flags.append(_flag("mobile-number", "a mobile number: publish it only if it is the unit's own "
                                       "line, not a person's", phone.number))
        for email in page.emails:
            if email.person:
                flags.append(_flag("near-person-name", f"next to the name {email.person}: a personal contact, "
                                   "never published", email.address))
            elif email.address not in board_emails:
                emails.append(_email(email))
        if page.page_date and months_between(date.fromisoformat(page.page_date), today) > OLD_PAGE_MONTHS:
            flags.append(_flag("old-page", f"the page's own date is more than {OLD_PAGE_MONTHS} months old",
                               page.page_date))
    # Named people elsewhere on the site: shown to the editor as flags only (never as the unit's contact).
    for other in pages:
        if other is page or other is contact:
            continue
        for phone in other.phones:
            if phone.person and (other.kind or "koordin" in phone.quote.lower()):
                flags.append(_flag("near-person-name", f"on {other.url}, next to the name {phone.person}",
                                   phone.number))
    for url, why in sorted(found.other_hosts.items()):
        flags.append(_flag("other-host", f"another host than the owner's website, not read: {why}", url))
    if page is None:
        flags.append(_flag("no-ke-page", "no KE page and no related page found within the page cap"))
    if contact is None:
        flags.append(_flag("no-contact-page", "no contact page with a phone or e-mail found"))
    if not pages:
        flags.append(_flag("unreachable", "no HTML page could be read from the website"))
    services = []
    seen_codes: set[str] = set()
    for other in pages:
        for code, where in other.services:
            if code not in seen_codes:
                seen_codes.add(code)
                services.append({"code": code, "url": where.url, "quote": where.quote})
    unit = None
    if page is not None and page.kind == "ke-page" and page.heading:
        unit = {"text": page.heading[:300], "quote": page.heading[:300], "url": page.url}
    fetched = found.fetched_at.get(page.url) if page else None
    return {
        "owner": owner.id,
        "kind": owner.kind,
        "website": owner.start_url or owner.website,
        "url": page.url if page else None,
        "web_kind": page.kind if page else None,
        "related_topic": page.related_topic if page else None,
        "unit": unit,
        "phones": phones,
        "emails": emails,
        "visiting_address": _found(page.visiting_address) if page else None,
        "postal_address": _found(page.postal_address) if page else None,
        "phone_hours": _found(page.phone_hours) if page else None,
        "page_date": page.page_date if page else None,
        "switchboard": board,
        "services": sorted(services, key=lambda s: s["code"]),
        "fetched_at": fetched or (max(found.fetched_at.values()) if found.fetched_at else None),
        "http_date": page.http_date if page else None,
        "flags": flags,
    }


def document(owners: list[OwnerPages], today: date, now: datetime) -> dict[str, Any]:
    return {"format": FORMAT, "generated_at": now.isoformat(timespec="seconds"),
            "owners": [candidate(found, today) for found in owners]}


def validate(doc: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(doc), key=str)
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path)
        raise CandidatesInvalid(f"{len(errors)} schema error(s); first at {where}: {first.message}")


def write(doc: dict[str, Any], path: Path) -> None:
    """Validated before writing: a file that breaks the contract is never handed to `accept`."""
    validate(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
