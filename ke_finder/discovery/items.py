"""The things a crawl is about: an owner (a municipality or hospital trust and its website) and its pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

if TYPE_CHECKING:  # extract needs trafilatura and htmldate; the command-line module must not import them
    from .extract import Page


def host_key(url: str) -> str:
    """host[:port] without a leading www.: the owner's own host, with or without www."""
    netloc = urlsplit(url).netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


@dataclass
class Owner:
    id: str                 # municipality number or hospital-trust id
    kind: str               # municipality | hospital-trust
    name: str
    website: str | None
    start_url: str | None   # the website, or the --site override
    extra_starts: tuple[str, ...] = ()   # hints: start pages where the generic crawl fails

    @property
    def hosts(self) -> set[str]:
        return {host_key(url) for url in (self.start_url, self.website, *self.extra_starts) if url}

    def owns(self, url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https") and host_key(url) in self.hosts


@dataclass
class OwnerPages:
    """Every HTML page read for one owner, in the order they arrived."""

    owner: Owner
    pages: list["Page"] = field(default_factory=list)
    fetched_at: dict[str, str] = field(default_factory=dict)   # url -> ISO time of the fetch
    other_hosts: dict[str, str] = field(default_factory=dict)  # KE-looking link or redirect off the owner's host -> why


@dataclass
class RequestRow:
    url: str
    status: str
    bytes: int
    seconds: float
    robots: str        # allowed | allowed (robots.txt unreadable) | disallowed | robots.txt (the file itself)
    started_at: float  # Unix time the request was sent (or refused)
    owner: str = ""
    note: str = ""

    FIELDS: ClassVar[tuple[str, ...]] = ("url", "status", "bytes", "seconds", "robots", "started_at", "owner", "note")
