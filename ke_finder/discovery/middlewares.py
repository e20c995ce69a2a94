"""Scrapy components that make the crawl polite and auditable.

- PoliteRobotsTxtMiddleware: Scrapy's robots.txt middleware (Protego), plus what it lacks: Crawl-delay raises the
  host's delay, the sitemaps robots.txt names go to the spider, every refusal is written to requests.csv, and a
  host given up (see BackoffRetryMiddleware) is not asked again.
- PageCapMiddleware: at most `max_pages` fetched pages per owner.
- BackoffRetryMiddleware: Scrapy's retries, and a host that fails is slowed down (its delay doubles, capped).
- RequestLogMiddleware: one row per request that went to the network (url, status, bytes, seconds, robots
  decision, started_at), as the server answered it (a revalidated page shows its 304).
- HtmlOnly: stops a download as soon as its headers say it is not HTML (PDFs are never read).
"""
from __future__ import annotations

import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.robotstxt import RobotParser

from .items import RequestRow
from .settings import HTML_TYPES, MAX_BACKOFF_DELAY


class TimedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler, noting when the host's download slot released the request (after the host's
    delay) for requests.csv: the politeness figures are measured on that moment, not on when a busy event loop
    got round to the request or its response."""

    async def download_request(self, request: Request) -> Response:
        now = time.time()
        released = now
        engine = self._crawler.engine
        slot = engine.downloader.slots.get(request.meta.get("download_slot", "")) if engine is not None else None
        if slot is not None and slot.lastseen:
            released = now - max(0.0, time.monotonic() - slot.lastseen)
        request.meta["ke_sent_at"] = released
        return await super().download_request(request)


def run_log(crawler: Crawler) -> list[RequestRow]:
    spider = crawler.spider
    log = getattr(spider, "request_log", None)
    if log is None:
        log = []
        if spider is not None:
            spider.request_log = log  # type: ignore[attr-defined]
    return log


def _owner(request: Request) -> str:
    return str(request.meta.get("owner", ""))


def dead_hosts(crawler: Crawler) -> set[str]:
    spider = crawler.spider
    hosts = getattr(spider, "dead_hosts", None)
    if hosts is None:
        hosts = set()
        if spider is not None:
            spider.dead_hosts = hosts  # type: ignore[attr-defined]
    return hosts


def _host(request: Request) -> str:
    return urlsplit(request.url).netloc.lower()


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if _host(request) in dead_hosts(self.crawler):
            raise IgnoreRequest("the host did not answer: not asked again in this run")
        await super().process_request(request)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        # requests.csv says what robots.txt decided; a host whose robots.txt could not be read is crawled as
        # Scrapy does (allowed), and the row says so.
        request.meta["ke_robots"] = "allowed" if rp is not None else "allowed (robots.txt unreadable)"
        if rp is not None:
            self._honour_crawl_delay(rp, request)
            self._offer_sitemaps(rp, request)
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            run_log(self.crawler).append(RequestRow(request.url, "", 0, 0.0, "disallowed", time.time(),
                                                    _owner(request), "robots.txt disallows"))
            raise

    def _offer_sitemaps(self, rp: RobotParser, request: Request) -> None:
        """The sitemaps robots.txt names (as Scrapy's SitemapSpider reads them), handed once per host to the
        spider, which follows those on the owner's host."""
        seen = self.__dict__.setdefault("_sitemap_hosts", set())
        host = _host(request)
        follow = getattr(self.crawler.spider, "robots_sitemaps", None)
        if host in seen or follow is None:
            return
        seen.add(host)
        sitemaps = list(getattr(getattr(rp, "rp", None), "sitemaps", None) or [])
        robots_url = f"{urlsplit(request.url).scheme}://{host}/robots.txt"
        for request_to_add in follow([urljoin(robots_url, url) for url in sitemaps], request):
            if self.crawler.engine is not None:
                self.crawler.engine.crawl(request_to_add)

    def _honour_crawl_delay(self, rp: RobotParser, request: Request) -> None:
        agent = request.headers.get(b"User-Agent") or self._default_useragent
        delay = rp.crawl_delay(agent)
        if not delay:
            return
        delay = min(float(delay), MAX_BACKOFF_DELAY)
        engine = self.crawler.engine
        if engine is None:
            return
        _key, slot = engine.downloader._get_slot(request)
        if slot.delay < delay:
            slot.delay = delay
        # AutoThrottle must not bring this host below its own Crawl-delay.
        request.meta["autothrottle_dont_adjust_delay"] = True


class PageCapMiddleware:
    """At most `max_pages` pages per owner go to the network; the rest of the queue is dropped unread."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.fetched: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "PageCapMiddleware":
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        owner = _owner(request)
        cap = getattr(self.crawler.spider, "max_pages", 0)
        if not owner or not cap or request.meta.get("dont_obey_robotstxt") or request.meta.get("retry_times"):
            return
        if self.fetched.get(owner, 0) >= cap:
            raise IgnoreRequest(f"page cap of {cap} reached for {owner}")
        self.fetched[owner] = self.fetched.get(owner, 0) + 1


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries as Scrapy does, and backs off: each retry doubles the failing host's delay (up to a cap). A host
    that still does not answer after the retries (timeouts, refused connections) is not asked again in this run."""

    def __init__(self, settings: Any):
        super().__init__(settings)
        self._usual_delay: dict[str, float] = {}

    def _slot(self, request: Request) -> tuple[str, Any] | None:
        engine = self.crawler.engine if hasattr(self, "crawler") else None
        return None if engine is None else engine.downloader._get_slot(request)

    def _slow_down(self, request: Request) -> None:
        found = self._slot(request)
        if found is None:
            return
        key, slot = found
        self._usual_delay.setdefault(key, slot.delay)
        slot.delay = min(max(slot.delay * 2, 1.0), MAX_BACKOFF_DELAY)

    def _recover(self, request: Request) -> None:
        """A host that answers again gets its usual delay back (never less than its Crawl-delay)."""
        found = self._slot(request)
        if found is not None and found[0] in self._usual_delay:
            found[1].delay = self._usual_delay.pop(found[0])

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            self._slow_down(request)
        elif response.status < 500:
            self._recover(request)
        return result

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> Any:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            self._slow_down(request)
        elif result is None and isinstance(exception, tuple(self.exceptions_to_retry)):
            dead_hosts(self.crawler).add(_host(request))
        return result


class RequestLogMiddleware:
    """Next to the downloader (after the HTTP cache): sees what really went over the network."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RequestLogMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        latency = float(request.meta.get("download_latency") or 0.0)
        started = float(request.meta.get("ke_sent_at") or time.time() - latency)
        robots = "robots.txt" if request.meta.get("dont_obey_robotstxt") else request.meta.get("ke_robots", "allowed")
        note = "stopped: not HTML" if "download_stopped" in response.flags else ""
        run_log(self.crawler).append(RequestRow(request.url, str(response.status), len(response.body), round(latency, 3),
                                                robots, round(started, 3), _owner(request), note))
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> None:
        if isinstance(exception, IgnoreRequest):
            return None  # refused before the network (robots.txt, page cap): logged where it was refused
        now = time.time()
        sent = float(request.meta.get("ke_sent_at") or now)
        took = now - sent
        robots = "robots.txt" if request.meta.get("dont_obey_robotstxt") else request.meta.get("ke_robots", "allowed")
        reason = type(exception).__name__
        detail = str(exception).splitlines()[0][:120] if str(exception) else ""
        run_log(self.crawler).append(RequestRow(request.url, "error", 0, round(took, 3), robots,
                                                round(sent, 3), _owner(request), f"{reason}: {detail}".rstrip(": ")))
        return None


class HtmlOnly:
    """Stops a download once its headers say it is not HTML; robots.txt and sitemaps are let through."""

    def __init__(self, crawler: Crawler):
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HtmlOnly":
        return cls(crawler)

    def headers_received(self, headers: Any, body_length: int, request: Request, spider: Spider) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.meta.get("ke_sitemap"):
            return
        content_type = (headers.get(b"Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
        if content_type and content_type not in HTML_TYPES:
            raise StopDownload(fail=False)
