"""The change feed: an Atom 1.0 document (RFC 4287) per language of every dated change to KE details.

For user organisations who want to know when a municipality's or hospital trust's KE details change. Entries
come from the `changes:` list of each data file (see data/schemas/changes.schema.json), never from the clock or
from git: the date of an entry is the date written in the data, so two builds of the same data give the same
bytes, and a rebuild never makes old changes look new.

Written with xml.etree rather than feedgen: feedgen stamps the generation time and its own version into every
feed and pulls in lxml, while this feed needs byte-identical output and only six element types.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from ..i18n import STRINGS, t
from ..model import Change, Directory
from ..paths import LANGUAGES, language_prefix, municipality_path, page_url, source_suffix, trust_path
from .common import API_DIR, LICENCE

ATOM_NS = "http://www.w3.org/2005/Atom"
# Fixed once (uuid4) for this feed, like HSDS_NAMESPACE: entry ids are uuid5(FEED_NAMESPACE, key) and must never
# change, or feed readers show every entry again.
FEED_NAMESPACE = uuid.UUID("6d0f3a52-5c4e-4f0e-9a77-2f1b8e7c9d41")

# changes.atom (bokmål), changes.nn.atom, changes.en.atom: the same suffix scheme as the pages' sources.
FEED_FILES = {lang: f"{API_DIR}/changes{source_suffix(lang)}.atom" for lang in LANGUAGES}


@dataclass(frozen=True)
class FeedEntry:
    owner_key: str       # "kommune-3911", "helseforetak-unn": stable, for the entry id
    owner_name: str
    page_path: str       # "kommune/3911"
    change: Change
    index: int           # position among the owner's changes of that date and kind, for a unique id


def feed_entries(directory: Directory) -> list[FeedEntry]:
    """Every change of every municipality and hospital trust, newest first, then by owner key: a total order."""
    entries: list[FeedEntry] = []
    for m in directory.municipalities.values():
        entries += _owner_entries(f"kommune-{m.number}", m.display_name, municipality_path(m.number), m.changes)
    for trust in directory.hospital_trusts.values():
        entries += _owner_entries(f"helseforetak-{trust.id}", trust.name, trust_path(trust.id), trust.changes)
    return sorted(entries, key=lambda e: (-e.change.date.toordinal(), e.owner_key, e.change.change, e.index))


def _owner_entries(key: str, name: str, path: str, changes: tuple[Change, ...]) -> list[FeedEntry]:
    seen: dict[tuple, int] = {}
    out = []
    for change in changes:
        k = (change.date, change.change)
        seen[k] = seen.get(k, 0) + 1
        out.append(FeedEntry(key, name, path, change, seen[k]))
    return out


def _timestamp(day: date) -> str:
    """RFC 3339 date-time at midnight UTC: the data records days, not times."""
    return f"{day.isoformat()}T00:00:00Z"


def _relative(from_file: str, to_page: str, lang: str) -> str:
    """A link from the feed file to a page, relative like every link of the site (site_url is optional)."""
    depth = from_file.count("/")
    return "../" * depth + language_prefix(lang) + page_url(to_page)


def entry_title(entry: FeedEntry, lang: str) -> str:
    fields = ", ".join(t(f"feed_field_{f}", lang) for f in entry.change.fields)
    change = t("feed_change_" + entry.change.change, lang)
    return f"{entry.owner_name}: {change} ({fields})"


def atom_feed(directory: Directory, lang: str) -> bytes:
    """The feed for one language as UTF-8 bytes; deterministic (no clock, sorted entries, fixed ids)."""
    ET.register_namespace("", ATOM_NS)
    entries = feed_entries(directory)
    path = FEED_FILES[lang]

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    el(feed, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed:' + lang)}")
    el(feed, "title", t("feed_title", lang))
    newest = entries[0].change.date if entries else date(2026, 1, 1)
    el(feed, "updated", _timestamp(newest))
    author = el(feed, "author")
    el(author, "name", t("feed_author", lang))
    el(feed, "link", rel="self", href=path.rsplit("/", 1)[-1], type="application/atom+xml")
    el(feed, "link", rel="alternate", href=_relative(path, "dekning/index", lang), type="text/html")
    el(feed, "rights", LICENCE)
    for entry in entries:
        node = el(feed, "entry")
        key = f"{entry.owner_key}:{entry.change.date.isoformat()}:{entry.change.change}:{entry.index}"
        el(node, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}")
        el(node, "title", entry_title(entry, lang))
        el(node, "updated", _timestamp(entry.change.date))
        el(node, "link", rel="alternate", href=_relative(path, entry.page_path, lang), type="text/html")
        summary = entry_title(entry, lang) + "."
        if entry.change.change == "corrected":
            summary += "".join(" " + t(f"feed_note_{f}", lang) for f in entry.change.fields if f"feed_note_{f}" in STRINGS)
        if entry.change.note:
            summary += " " + entry.change.note
        el(node, "summary", summary)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_files(directory: Directory) -> dict[str, bytes]:
    """Site-relative path -> Atom bytes, one feed per language."""
    return {path: atom_feed(directory, lang) for lang, path in FEED_FILES.items()}


def feed_href(page_path: str, lang: str) -> str:
    """A relative link from a generated page (any language) to that language's feed."""
    depth = len([p for p in (language_prefix(lang) + page_url(page_path)).split("/") if p])
    return "../" * depth + FEED_FILES[lang]
