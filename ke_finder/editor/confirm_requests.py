"""Confirmation requests: one e-mail per KE owner for the editors to send, asking "are these details right?".

`python -m ke_finder confirm-requests --out DIR --date YYYY-MM-DD` writes, for every municipality with its own
KE entry, every hospital trust and every shared KE (cooperation), an RFC 5322 message (`<entry>.eml`, built with
the standard library's `email` package) and one `requests.csv` for a mail merge. It never sends mail.

- **To whom**: the KE's own e-mail when we publish one; else the owner's post address from the data (the
  `switchboard: {phones, email, url, source}` block the discovery command writes, read as `switchboard.email`
  when the key is there); else nobody: the CSV says "no address known — send by hand" and the .eml has no To.
- **In which written standard**: a municipality's `language_form` (nynorsk -> nn, bokmål -> nb). A neutral
  municipality ("nøytral") has chosen neither, so either is correct; it gets bokmål, the site's default
  language, so that the message and the pages its links open (the site's default pages) are in one standard.
  Hospital trusts and shared KEs without a host's choice get bokmål.
- **What it says**: the details the site shows as the KE's (model.coverage.shows_as_ke: a related page is named
  as such, never as the KE's page), each with the same evidence sentence and date as the page, and two links:
  the prefilled correction form and its "everything is correct" step (absolute, from SITE_URL or --site-url).
- **Deterministic**: the date comes from --date, never from the clock; Message-ID from the entry and the date.
"""
from __future__ import annotations

import csv
import email.policy
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel.dates import format_date

from ..i18n import t
from ..model import Directory
from ..model.coverage import shows_as_ke
from ..model.records import municipality_org_name
from ..paths import language_url, municipality_path, trust_path
from .apply_change import entities

LANGUAGE_OF_FORM = {"nynorsk": "nn", "bokmål": "nb", "nøytral": "nb"}
# Python's folding breaks a long all-ASCII Subject right after "Subject:" at 78 characters; lines up to 998 are
# allowed (RFC 5322 2.1.1), and 120 keeps the longest trust's subject on one line.
MAIL_POLICY = email.policy.default.clone(max_line_length=120)
NO_ADDRESS = "no address known — send by hand"
CSV_COLUMNS = ("entry", "owner", "language", "to", "to_source", "note", "subject", "file", "form_url", "confirm_url")


@dataclass(frozen=True)
class Request:
    """One message to write: whose KE, to whom (or nobody), in which written standard, with its text."""

    entry: str
    owner: str
    lang: str
    to: str | None
    to_source: str             # ke-email | post-address | none
    subject: str
    body: str
    form_url: str
    confirm_url: str


def post_address(data_dir: Path, source_file: str) -> str | None:
    """The owner's post address from its data file's `switchboard.email`, when the file has one."""
    data = yaml.safe_load((data_dir.parent / source_file).read_text(encoding="utf-8"))
    board = data.get("switchboard") if isinstance(data, dict) else None
    email = board.get("email") if isinstance(board, dict) else None
    return email if isinstance(email, str) and "@" in email else None


def _owner(directory: Directory, entity: Any) -> tuple[str, str, str, str]:
    """(owner's name, page path, written standard, source file of the owner's post address) of an entry."""
    if hasattr(entity, "members"):
        host = directory.municipalities[entity.host]
        return entity.name, f"samarbeid/{entity.id}", LANGUAGE_OF_FORM.get(host.language_form or "", "nb"), \
            host.source_file
    if hasattr(entity, "region_id"):
        return entity.name, trust_path(entity.id), "nb", entity.source_file
    return (municipality_org_name(entity), municipality_path(entity.number),
            LANGUAGE_OF_FORM.get(entity.language_form or "", "nb"), entity.source_file)


def babel_locale(lang: str) -> str:
    """The locale the site's pages write dates in (site/render.py): nb, nn, and British English."""
    return "en_GB" if lang == "en" else lang


def _details(ke: Any, lang: str, today: date) -> list[str]:
    """The KE's details as the page shows them, one line each, ending with where they come from and when."""
    if ke is None:
        return [t("confirm_request_none", lang)]
    if not shows_as_ke(ke, today):
        return [t("confirm_request_related", lang, url=ke.web) if ke.is_related_page and ke.web
                else t("confirm_request_none", lang)]
    lines = []
    if ke.unit:
        lines.append(f"{t('unit', lang)}: {ke.unit}")
    for phone in ke.phones:
        lines.append(f"{t('phone', lang)}: {phone.display}" + (f" ({phone.label})" if phone.label else ""))
    shown = ((t("email", lang), ke.email), (t("web", lang), ke.web),
             (t("visiting_address", lang), ke.visiting_address), (t("postal_address", lang), ke.postal_address),
             (t("opening_hours", lang), ke.opening_hours), (t("phone_hours", lang), ke.phone_hours),
             (t("her_id", lang), ke.her_id))
    lines += [f"{label}: {value}" for label, value in shown if value]
    day = format_date(ke.source.retrieved, "long", locale=babel_locale(lang))
    lines.append(t(f"evidence_{ke.source.evidence}", lang, link=ke.source.url, date=day))
    if ke.source.page_date:
        lines.append(t("provenance_page_date", lang, date=format_date(ke.source.page_date, "long",
                                                                       locale=babel_locale(lang))))
    return lines


def build_requests(directory: Directory, data_dir: Path, site_url: str, only: set[str] | None = None) -> list[Request]:
    """Every request, in entry order; `only` keeps the entries (ids or municipality numbers) named."""
    if not site_url.startswith(("https://", "http://")):
        raise ValueError("the links in the messages need the site's public address (SITE_URL or --site-url)")
    base = site_url.rstrip("/")
    requests = []
    for entry, entity in sorted(entities(directory).items()):
        if only and entry not in only and getattr(entity, "number", None) not in only:
            continue
        owner, path, lang, owner_file = _owner(directory, entity)
        ke = entity.ke if hasattr(entity, "ke") else entity.own_ke
        to, to_source = (ke.email, "ke-email") if ke is not None and ke.email else (None, "none")
        if to is None:
            post = post_address(data_dir, owner_file)
            if post:
                to, to_source = post, "post-address"
        form_url = f"{base}{language_url('correction', lang)}?entry={entry}"
        confirm_url = f"{form_url}&step=confirm"
        parts = [
            t("confirm_request_greeting", lang),
            t("confirm_request_intro", lang, site=base + "/", owner=owner),
            t("confirm_request_published", lang) + "\n"
            + "\n".join(f"- {line}" for line in _details(ke, lang, directory.today)),
            t("confirm_request_page", lang, owner=owner) + "\n" + base + language_url(path, lang),
            # "everything is correct" needs the KE's own details to confirm (as the form offers it)
            t("confirm_request_correct", lang) + "\n" + confirm_url
            if ke is not None and not ke.is_related_page else "",
            t("confirm_request_fix", lang) + "\n" + form_url,
            t("confirm_request_private", lang),
            t("confirm_request_forward", lang) if to_source == "post-address" else "",
            t("confirm_request_regards", lang),
        ]
        body = "\n\n".join(part for part in parts if part) + "\n"
        requests.append(Request(entry, owner, lang, to, to_source, t("confirm_request_subject", lang, owner=owner),
                                body, form_url, confirm_url))
    return requests


def message(request: Request, sender: str, day: date, site_host: str) -> EmailMessage:
    """The RFC 5322 message of one request (plain text, UTF-8), dated `day`, never the clock."""
    mail = EmailMessage()
    mail["From"] = sender
    if request.to:
        mail["To"] = request.to
    mail["Subject"] = request.subject
    mail["Date"] = format_datetime(datetime.combine(day, time(8, 0), tzinfo=timezone.utc))
    mail["Message-ID"] = f"<confirm-{request.entry}-{day.isoformat()}@{site_host}>"
    mail.set_content(request.body)
    mail["Content-Language"] = request.lang  # after set_content, which clears the Content-* headers
    return mail


def write_requests(requests: list[Request], out: Path, sender: str, day: date, site_url: str) -> Path:
    """`<entry>.eml` per request and `requests.csv`; returns the CSV's path."""
    out.mkdir(parents=True, exist_ok=True)
    host = urlsplit(site_url).hostname or "localhost"
    rows = io.StringIO(newline="")
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for request in requests:
        name = f"{request.entry}.eml"
        (out / name).write_bytes(message(request, sender, day, host).as_bytes(policy=MAIL_POLICY))
        writer.writerow([request.entry, request.owner, request.lang, request.to or "", request.to_source,
                         "" if request.to else NO_ADDRESS, request.subject, name, request.form_url,
                         request.confirm_url])
    path = out / "requests.csv"
    path.write_text(rows.getvalue(), encoding="utf-8")
    return path

