"""What to visit: one generic spider for every municipality and hospital trust, and a small hints table.

Each owner's crawl starts at its website (and its /sitemap.xml) and follows only links on the owner's own host,
most promising first: links whose words name the KE, then related pages and the contact page, then offers, then
the health-and-care sections. Scrapy does the rest (robots.txt, per-host delay, cache, retries).
"""
from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

from .extract import analyse
from .items import Owner, OwnerPages

# Start pages for sites whose front page the generic crawl cannot get past (a JavaScript-only menu, a search-only
# front page). owner id -> extra start URLs on the owner's own host. Add a line, with the reason, when a run's
# report shows "no-ke-page" for a site that has one.
HINTS: dict[str, tuple[str, ...]] = {}

LINK_SCORES = (
    (100, re.compile(r"koordinerende|koordinerande|koordinering", re.I)),
    (70, re.compile(r"individuell[\s-]+plan|barnekoordinator|tildeling|tjenestekontor|tenestekontor|forvaltning", re.I)),
    (60, re.compile(r"kontakt|servicetorg|sentralbord|contact", re.I)),
    (50, re.compile(r"rehabilitering|habilitering|mestring|meistring|hjelpemid|fysioterapi|ergoterapi|syn[s-]|"
                    r"hørsel|høyrsel|korttid|dagsenter", re.I)),
    (20, re.compile(r"helse|omsorg|tjenester|tenester|behandling|pasient|avdeling", re.I)),
)


KE_LINK_SCORE = 100


def link_score(text: str, url: str) -> int:
    words = f"{text} {urlsplit(url).path}"
    return max((score for score, pattern in LINK_SCORES if pattern.search(words)), default=0)


class OwnerSpider(Spider):
    """Crawls every owner in one run; every request carries its owner in meta, so pages are kept apart."""

    name = "ke-discover"

    def __init__(self, owners: list[Owner], max_pages: int, terms: dict[str, tuple[str, ...]], today: date,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.owners = {owner.id: owner for owner in owners}
        self.max_pages = max_pages
        self.terms = terms
        self.today = today
        self.found: dict[str, OwnerPages] = {owner.id: OwnerPages(owner) for owner in owners}
        self.request_log: list[Any] = []
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",), unique=True)

    async def start(self) -> AsyncIterator[Any]:
        for owner in self.owners.values():
            if not owner.start_url:
                continue
            for url in (owner.start_url, *owner.extra_starts, *HINTS.get(owner.id, ())):
                yield Request(url, callback=self.parse, errback=self.failed, meta={"owner": owner.id}, priority=10)
            root = f"{urlsplit(owner.start_url).scheme}://{urlsplit(owner.start_url).netloc}"
            yield Request(f"{root}/sitemap.xml", callback=self.parse_sitemap, errback=self.failed, priority=30,
                          meta={"owner": owner.id, "ke_sitemap": True})

    def parse(self, response: Response) -> Any:
        owner = self.owners[response.meta["owner"]]
        if not isinstance(response, TextResponse) or "download_stopped" in response.flags:
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if not owner.owns(response.url):
            # A redirect to another host ends here: nothing from it is read, the editor is told.
            self.found[owner.id].other_hosts.setdefault(response.url, "a page of the website redirects there")
            return
        if "html" not in content_type:
            return
        http_date = (response.headers.get(b"Last-Modified") or response.headers.get(b"Date") or b"").decode("latin-1")
        page = analyse(response.url, response.text, self.terms, self.today, http_date or None,
                       int(response.meta.get("depth", 0)))
        found = self.found[owner.id]
        found.pages.append(page)
        found.fetched_at[response.url] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for link in self.links.extract_links(response):
            score = link_score(link.text, link.url)
            if not owner.owns(link.url):
                if score >= KE_LINK_SCORE:
                    found.other_hosts.setdefault(link.url, f"linked from {response.url} as “{link.text.strip()[:80]}”")
                continue
            if score == 0 and int(response.meta.get("depth", 0)) >= 2:
                continue
            yield response.follow(link.url, callback=self.parse, errback=self.failed, meta={"owner": owner.id},
                                  priority=score)

    def robots_sitemaps(self, urls: list[str], request: Request) -> list[Request]:
        """Sitemaps named in robots.txt (the robots middleware hands them over once per host)."""
        owner = self.owners.get(str(request.meta.get("owner", "")))
        if owner is None:
            return []
        return [Request(url, callback=self.parse_sitemap, errback=self.failed, priority=30,
                        meta={"owner": owner.id, "ke_sitemap": True}) for url in urls if owner.owns(url)]

    def failed(self, failure: Any) -> None:
        """A page that could not be read (timeout, refused, robots.txt, page cap, a 4xx/5xx) is already in
        requests.csv; anything else is a fault of the crawler and is logged as one."""
        module = type(failure.value).__module__
        if not module.startswith(("twisted", "scrapy", "OpenSSL", "builtins")) or isinstance(failure.value, (
                AttributeError, TypeError, KeyError, ValueError)):
            self.logger.error("crawler fault on %s: %r", failure.request.url, failure.value)

    def parse_sitemap(self, response: Response) -> Any:
        owner = self.owners[response.meta["owner"]]
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # not a sitemap (an HTML 404 page, a broken file): nothing to follow
            return
        for entry in sitemap:
            url = urljoin(response.url, str(entry.get("loc", "")).strip())
            if not owner.owns(url):
                continue
            if sitemap.type == "sitemapindex":
                yield Request(url, callback=self.parse_sitemap, errback=self.failed, priority=30,
                              meta={"owner": owner.id, "ke_sitemap": True})
                continue
            score = link_score("", url)
            if score:
                yield Request(url, callback=self.parse, errback=self.failed, meta={"owner": owner.id}, priority=score)
