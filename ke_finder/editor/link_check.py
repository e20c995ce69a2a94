"""Check that the web pages the data points to still answer.

KE pages move when a municipality rebuilds its site; a dead "source" link makes an entry
unverifiable and a dead `ke.web` sends a citizen nowhere. This finds them for an editor
with network access. It is never part of the build or the test suite's network use:
the site must build offline, and tests talk only to a local server.
"""
from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterable

from ..model import Directory, KeUnit

USER_AGENT = "KE-finder link check (checks that the public pages behind the KE directory still answer)"
REGIONS_FILE = "data/regions.yaml"  # the model does not keep where regions came from; the loader's path
RETRY_WITH_GET = {405, 501}  # servers that do not implement HEAD


@dataclass(frozen=True)
class LinkRef:
    """One link in the data, and where an editor finds it."""

    url: str
    file: str   # data/municipalities/3911-faerder.yaml
    field: str  # ke.source.url


@dataclass(frozen=True)
class UrlOutcome:
    """What one request (after redirects) gave; shared by every reference to the same URL."""

    status: int | None  # None: no HTTP answer at all
    final_url: str
    error: str | None = None


@dataclass(frozen=True)
class LinkResult:
    ref: LinkRef
    status: int | None
    final_url: str
    error: str | None = None

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return not self.broken and self.final_url != self.ref.url

    def describe(self) -> str:
        """`data/file.yaml: field: URL -> status (final URL)`, one line for the editor."""
        outcome = str(self.status) if self.status is not None else f"error: {self.error}"
        if self.status is not None and self.error:
            outcome += f" {self.error}"
        if self.final_url != self.ref.url:
            outcome += f" ({self.final_url})"
        return f"{self.ref.file}: {self.ref.field}: {self.ref.url} -> {outcome}"


# ---------------------------------------------------------------- what to check


def collect_links(directory: Directory) -> list[LinkRef]:
    """Every link an editor is responsible for, in file order, each with its file and field."""
    links: list[LinkRef] = []
    for municipality in directory.municipalities.values():
        file = municipality.source_file
        links += _refs(file, "website", municipality.website)
        links += _ke_refs(file, "ke", municipality.own_ke)
        links += _refs(file, "services_source", municipality.services_source)
    for trust in directory.hospital_trusts.values():
        links += _refs(trust.source_file, "website", trust.website)
        links += _ke_refs(trust.source_file, "ke", trust.ke)
        links += [LinkRef(url, trust.source_file, f"sources[{i}]") for i, url in enumerate(trust.sources)]
    for cooperation in directory.cooperations.values():
        links += _ke_refs(cooperation.source_file, "ke", cooperation.ke)
    for i, region in enumerate(directory.regions.values()):
        links += _refs(REGIONS_FILE, f"regions[{i}].website", region.website)
        links += _ke_refs(REGIONS_FILE, f"regions[{i}].regional_ke", region.regional_ke)
        links += [LinkRef(url, REGIONS_FILE, f"regions[{i}].sources[{j}]") for j, url in enumerate(region.sources)]
    if directory.helpline is not None:
        links += _refs(REGIONS_FILE, "helpline.source", directory.helpline.source)
    return links


def _refs(file: str, field: str, url: str | None) -> list[LinkRef]:
    return [LinkRef(url, file, field)] if url else []


def _ke_refs(file: str, prefix: str, ke: KeUnit | None) -> list[LinkRef]:
    if ke is None:
        return []
    return _refs(file, f"{prefix}.web", ke.web) + _refs(file, f"{prefix}.source.url", ke.source.url)


# ---------------------------------------------------------------- checking


class _KeepHeadOnRedirect(urllib.request.HTTPRedirectHandler):
    """Python 3.11 follows a redirected HEAD with a GET; stay with HEAD so a redirect costs no page download."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def link_check_opener(use_proxy_settings: bool = True) -> urllib.request.OpenerDirector:
    """The opener used by default; tests pass use_proxy_settings=False to talk to 127.0.0.1 directly."""
    handlers: list[urllib.request.BaseHandler] = [_KeepHeadOnRedirect()]
    if not use_proxy_settings:
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def check_links(links: Iterable[LinkRef], timeout: float = 10.0, max_workers: int = 8,
                opener: urllib.request.OpenerDirector | None = None) -> list[LinkResult]:
    """One result per link, in order; each distinct URL is requested once, a few at a time."""
    links = list(links)
    opener = opener or link_check_opener()
    unique = list(dict.fromkeys(ref.url for ref in links))
    web = [url for url in unique if is_web_url(url)]
    outcomes = {url: UrlOutcome(None, url, "not checked: only http:// and https:// links are requested")
                for url in unique if not is_web_url(url)}
    if web:
        with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(web)))) as pool:
            outcomes.update(zip(web, pool.map(lambda url: check_url(url, opener, timeout), web)))
    return [LinkResult(ref, outcomes[ref.url].status, outcomes[ref.url].final_url, outcomes[ref.url].error)
            for ref in links]


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def check_url(url: str, opener: urllib.request.OpenerDirector, timeout: float) -> UrlOutcome:
    """HEAD first (no page download); GET when the server does not implement HEAD."""
    outcome = request(url, "HEAD", opener, timeout)
    if outcome.status in RETRY_WITH_GET:
        outcome = request(url, "GET", opener, timeout)
    return outcome


def request(url: str, method: str, opener: urllib.request.OpenerDirector, timeout: float) -> UrlOutcome:
    """The final status and address after redirects, or why there was no answer."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(req, timeout=timeout) as response:
            return UrlOutcome(response.status, response.geturl())
    except urllib.error.HTTPError as exc:
        exc.close()
        return UrlOutcome(exc.code, exc.geturl() or url, exc.reason if isinstance(exc.reason, str) else None)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return UrlOutcome(None, url, f"no answer within {timeout:g} s")
        return UrlOutcome(None, url, str(reason))
    except (TimeoutError, socket.timeout):
        return UrlOutcome(None, url, f"no answer within {timeout:g} s")
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return UrlOutcome(None, url, f"{type(exc).__name__}: {exc}")
