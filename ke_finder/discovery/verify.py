"""`verify`: is every published KE detail still on its source page?

Per entry (a municipality's own KE, a hospital trust's, a cooperation's shared KE) the source page is fetched once
(the same polite crawler as `discover`) and the result is one of:

- confirmed: every published phone and e-mail is on the live page (and it was not redirected);
- changed: a published value is gone (which one), and the page shows others (which);
- moved: the source URL redirects (the new URL is given; its values are compared too);
- gone: 404 or 410;
- unreachable: timeout, connection error, a server error after retries, or robots.txt forbids it;
- no-values: the entry publishes no phone or e-mail, so the page cannot confirm it.

With --apply, only confirmed entries are changed, and only their evidence: `source.evidence: live-page`,
`source.retrieved: <check date>` and a `changes:` item, through the importer's round-trip writer (comments, key
order and quoting kept), and only if the whole data folder still validates. A ke-confirmed entry is never touched:
the KE's own confirmation is stronger evidence than our look at its page.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import lxml.html
from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from ..editor.contact_import import (FileChange, add_change_item, data_file_yaml, dump_text, quoted,
                                     validate_with_changes)
from ..model import Directory, KeUnit
from ..source.errors import DataError, display_path
from . import report
from .extract import EMAIL, body_text, emails_in, phones_in, tel_links

STATUSES = ("confirmed", "changed", "moved", "gone", "unreachable", "no-values")
CHANGE_NOTE = "checked on the live page"
HTTP_STATUSES_READ = [401, 403, 404, 410, 500, 502, 503, 504]


@dataclass
class Entry:
    entry: str            # the KE's id: kommune-3911, helseforetak-unn, samarbeid-<id>
    owner: str            # municipality number, trust id or cooperation id (what --only and --site name)
    name: str
    file: Path
    display: str
    source_url: str
    phones: dict[str, str]     # e164 -> as published
    email: str | None
    evidence: str


@dataclass
class Result:
    entry: Entry
    status: str
    checked_at: str
    http_status: int | None = None
    final_url: str | None = None
    reason: str = ""
    still_there: list[str] = field(default_factory=list)
    gone_values: list[str] = field(default_factory=list)
    new_values: list[str] = field(default_factory=list)


def _entry(ke: KeUnit, owner: str, name: str, source_file: str, data_dir: Path, sites: dict[str, str]) -> Entry:
    path = data_dir.parent / source_file
    return Entry(ke.id, owner, name, path, display_path(path, data_dir.parent), sites.get(owner, ke.source.url),
                 {p.e164: p.display for p in ke.phones}, ke.email, ke.source.evidence)


def entries_of(directory: Directory, data_dir: Path, only: list[str], sites: dict[str, str]) -> list[Entry]:
    entries = [_entry(m.own_ke, m.number, m.name, m.source_file, data_dir, sites)
               for m in directory.municipalities.values() if m.own_ke is not None]
    entries += [_entry(t.ke, t.id, t.name, t.source_file, data_dir, sites)
                for t in directory.hospital_trusts.values() if t.ke is not None]
    entries += [_entry(c.ke, c.id, c.name, c.source_file, data_dir, sites) for c in directory.cooperations.values()]
    known = {e.owner for e in entries}
    unknown = sorted((set(only) | set(sites)) - known)
    if unknown:
        raise SystemExit(f"no published KE entry for: {', '.join(unknown)}")
    return [e for e in entries if not only or e.owner in only]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def compare(entry: Entry, html: str, url: str) -> tuple[list[str], list[str], list[str]]:
    """(still there, gone, new): published values against the whole page's text, tel: and mailto: links."""
    lines = body_text(html).splitlines()
    tree = lxml.html.fromstring(html)
    phones = phones_in(lines, url)
    phones += tel_links(tree, url, {p.e164 for p in phones})
    emails = {e.address: e for e in emails_in(lines, url)}
    for href in tree.xpath("//a/@href"):
        if href.lower().startswith("mailto:"):
            address = href[7:].split("?")[0].strip().lower()
            if EMAIL.fullmatch(address):
                emails.setdefault(address, None)  # type: ignore[arg-type]
    on_page = {p.e164 for p in phones}
    still = [shown for e164, shown in entry.phones.items() if e164 in on_page]
    gone = [shown for e164, shown in entry.phones.items() if e164 not in on_page]
    if entry.email:
        (still if entry.email.lower() in emails else gone).append(entry.email)
    new = [p.number for p in phones if p.e164 not in entry.phones and not p.person]
    published_email = (entry.email or "").lower()
    new += [address for address, found in emails.items()
            if address != published_email and not (found is not None and found.person)]
    return still, gone, new


class VerifySpider(Spider):
    name = "ke-verify"

    def __init__(self, entries: list[Entry], **kwargs: Any):
        super().__init__(**kwargs)
        self.entries = entries
        self.results: list[Result] = []
        self.request_log: list[Any] = []
        self.max_pages = 0

    async def start(self) -> AsyncIterator[Any]:
        for entry in self.entries:
            yield Request(entry.source_url, callback=self.parse, errback=self.failed, dont_filter=True,
                          meta={"entry": entry, "owner": entry.owner, "handle_httpstatus_list": HTTP_STATUSES_READ})

    def parse(self, response: Response) -> None:
        entry: Entry = response.meta["entry"]
        result = Result(entry, "unreachable", _now(), response.status, response.url)
        redirected = bool(response.meta.get("redirect_urls"))
        if response.status in (404, 410):
            result.status, result.reason = "gone", f"the page answers {response.status}"
        elif response.status >= 400:
            result.reason = f"the server answers {response.status}"
        elif not isinstance(response, TextResponse) or "download_stopped" in response.flags:
            result.reason = "the source is not an HTML page"
        else:
            result.still_there, result.gone_values, result.new_values = compare(entry, response.text, response.url)
            if redirected:
                result.status, result.reason = "moved", "the source URL redirects to a new address"
            elif not entry.phones and not entry.email:
                result.status, result.reason = "no-values", "the entry publishes no phone or e-mail to check"
            elif result.gone_values:
                result.status = "changed"
            else:
                result.status = "confirmed"
        self.results.append(result)

    def failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        entry: Entry = request.meta["entry"]
        reason = str(failure.value) or type(failure.value).__name__
        if "robots.txt" in reason:
            reason = "robots.txt forbids fetching this page"
        self.results.append(Result(entry, "unreachable", _now(), None, None, reason[:200]))


def report_document(results: list[Result], today: date) -> dict[str, Any]:
    entries = []
    for r in sorted(results, key=lambda r: r.entry.display):
        entries.append({"entry": r.entry.entry, "owner": r.entry.owner, "name": r.entry.name, "file": r.entry.display,
                        "source_url": r.entry.source_url, "status": r.status, "http_status": r.http_status,
                        "final_url": r.final_url, "reason": r.reason, "evidence": r.entry.evidence,
                        "still_there": r.still_there, "gone_values": r.gone_values, "new_values": r.new_values,
                        "checked_at": r.checked_at})
    counts = Counter(e["status"] for e in entries)
    return {"format": "ke-finder-verify/1", "checked_at": today.isoformat(), "entries": entries,
            "summary": {status: counts[status] for status in STATUSES if counts[status]}, "applied": []}


def upgraded_text(path: Path, checked: date, source_url: str) -> str:
    """The file with its KE's evidence set to live-page on `checked`, and a change item; nothing else changes."""
    yaml = data_file_yaml()
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    document = yaml.load(text)
    source = document["ke"]["source"]
    source["evidence"] = "live-page"
    source["retrieved"] = quoted(checked.isoformat())
    source["confirmed_by_ke"] = False
    add_change_item(document, checked, "corrected", ["evidence"], f"{CHANGE_NOTE}: {source_url}"[:500])
    return dump_text(yaml, document)


def apply(data_dir: Path, doc: dict[str, Any], checked: date) -> tuple[list[str], list[DataError]]:
    """Upgrade the confirmed entries' evidence; write only when the whole folder still validates."""
    changes = []
    for entry in doc["entries"]:
        if entry["status"] != "confirmed" or entry["evidence"] == "ke-confirmed":
            continue
        path = data_dir.parent / entry["file"]
        before = path.read_text(encoding="utf-8")
        after = upgraded_text(path, checked, entry["source_url"])
        if after != before:
            changes.append(FileChange(path, entry["file"], before, after, ()))
    errors, _warnings = validate_with_changes(data_dir, changes, checked)
    if errors:
        return [], errors
    for change in changes:
        change.path.write_text(change.after, encoding="utf-8")
    return [change.display for change in changes], []


def write(doc: dict[str, Any], out: Path) -> None:
    (out / "verify.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report.write_verify_report(out / "verify.html", doc)
