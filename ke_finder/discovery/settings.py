"""Politeness: how the crawler behaves on other people's servers, as Scrapy settings.

One place for every limit (robots.txt, delay per host, concurrency, size cap, timeout, retries, HTTP cache), so
`discover` and `verify` behave the same and a reviewer reads the whole policy here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_UA = "ke-finder-crawler/1 (Finn koordinerende enhet, a national directory of coordinating units"
EDITOR_EMAIL_ENV = "KE_EDITOR_EMAIL"  # the same build setting as the site's (ke_finder/settings.py, README)

DEFAULT_DELAY = 1.0          # seconds between two requests to one host
DEFAULT_MAX_PAGES = 60       # pages per owner (municipality or hospital trust)
DEFAULT_TIMEOUT = 20.0       # seconds per request
DEFAULT_MAX_BYTES = 2 * 1024 * 1024   # a municipal HTML page is far smaller; larger answers are dropped unread
DEFAULT_CONCURRENCY = 32     # hosts fetched at the same time (one request at a time per host)
MAX_BACKOFF_DELAY = 30.0     # a host that fails is slowed down to at most this many seconds between requests
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Politeness:
    delay: float = DEFAULT_DELAY
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    concurrency: int = DEFAULT_CONCURRENCY
    retries: int = 2


def editor_email(environ: dict[str, str] | None = None) -> str:
    return (environ if environ is not None else dict(os.environ)).get(EDITOR_EMAIL_ENV, "").strip()


def user_agent(email: str) -> str:
    """Names the project and the editors' contact, so a site owner knows who is visiting and whom to ask."""
    contact = f"contact: {email}" if email else "no editors' contact configured (KE_EDITOR_EMAIL)"
    return f"{PROJECT_UA}; {contact})"


def scrapy_settings(politeness: Politeness, cache_dir: Path | None, email: str, log_level: str = "WARNING") -> dict[str, Any]:
    """Scrapy's settings for one run. `cache_dir` None: no HTTP cache (every request goes to the network)."""
    settings: dict[str, Any] = {
        "USER_AGENT": user_agent(email),
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_PARSER": "scrapy.robotstxt.ProtegoRobotParser",
        # Politeness per host: one request at a time, at least `delay` apart, no random shortening of the delay.
        "DOWNLOAD_DELAY": politeness.delay,
        "DOWNLOAD_DELAY_JITTER": 0.0,
        "CONCURRENT_REQUESTS": politeness.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        # AutoThrottle only ever slows down below the delay floor (DOWNLOAD_DELAY is its minimum).
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": politeness.delay,
        "AUTOTHROTTLE_MAX_DELAY": MAX_BACKOFF_DELAY,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": politeness.timeout,
        "DOWNLOAD_MAXSIZE": politeness.max_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": politeness.retries,
        "RETRY_GIVE_UP_LOG_LEVEL": "INFO",   # every failure is in requests.csv
        "DEPTH_LIMIT": 5,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": log_level,
        "LOG_INSTALL_ROOT_HANDLER": True,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "ke_finder.discovery.middlewares.PoliteRobotsTxtMiddleware": 100,
            "ke_finder.discovery.middlewares.PageCapMiddleware": 110,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "ke_finder.discovery.middlewares.BackoffRetryMiddleware": 550,
            "ke_finder.discovery.middlewares.RequestLogMiddleware": 950,
        },
        "DOWNLOAD_HANDLERS": {"http": "ke_finder.discovery.middlewares.TimedHTTPDownloadHandler",
                              "https": "ke_finder.discovery.middlewares.TimedHTTPDownloadHandler"},
        "EXTENSIONS": {"ke_finder.discovery.middlewares.HtmlOnly": 0},
    }
    if cache_dir is not None:
        settings.update({
            # RFC 2616 policy: a stored page is revalidated with If-None-Match / If-Modified-Since, so a weekly
            # re-run costs a 304 per unchanged page.
            "HTTPCACHE_ENABLED": True,
            "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
            "HTTPCACHE_DIR": str(cache_dir.resolve()),
            "HTTPCACHE_GZIP": True,
            "HTTPCACHE_IGNORE_HTTP_CODES": [408, 429, 500, 502, 503, 504],   # retried, never kept
        })
    return settings
