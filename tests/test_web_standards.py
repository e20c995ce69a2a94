"""Web standards, measured by tools we did not write (issue 12).

- canonical and hreflang: absolute URLs from the configured site URL (SITE_URL), or left out without one;
- the W3C Nu Html Checker (vnu, pinned in package.json) finds no error on one page per template per language,
  in both build modes;
- Chromium loading pages of the built site, served as a host serves it (under a sub-folder, 404.html for a
  missing address), sees no request fail or answer 4xx/5xx, and the language switcher leads to the same page
  in the other language;
- ProperDocs (the maintained continuation of MkDocs 1.6) builds the same site from the same mkdocs.yml.

Lighthouse is a measurement, not a test: `make bench` (scripts/lighthouse.py).
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import ROOT
from ke_finder.paths import DEFAULT_LANGUAGE, LANGUAGES, language_prefix
from conftest import FIXTURE_DATA
from sitebuild import TEST_SITE_URL, build_site, copy_project, mkdocs_build

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = LANGUAGES

# One page per template (the real data set), in every language.
TEMPLATE_PAGES = {
    "home": "index.html",
    "county index": "fylke/index.html",
    "county": "fylke/18/index.html",
    "municipality, own KE": "kommune/3911/index.html",
    "municipality, unknown KE": "kommune/5610/index.html",
    "municipality, Oslo": "kommune/0301/index.html",
    "hospital trust": "helseforetak/unn/index.html",
    "hospital trust, no KE": "helseforetak/helse-stavanger/index.html",
    "hospital trusts index": "helseforetak/index.html",
    "cooperations index": "samarbeid/index.html",
    "service": "tjeneste/barnekoordinator/index.html",
    "services index": "tjeneste/index.html",
    "coverage": "dekning/index.html",
    "quiz": "quiz/index.html",
    "guides index": "guides/index.html",
    "guide": "guides/ke-staff/index.html",
    "search": "search/index.html",
    "logo": "logo/index.html",
    "about": "about/accessibility/index.html",
}
# The embeddable KE cards (templates/embed.html.j2), written by the extras step, not by MkDocs: a few of them.
EMBED_PAGES = {
    "embed card, own KE": "embed/kommune-3911/index.html",
    "embed card, related page only": "embed/kommune-1804/index.html",
    "embed card, hospital trust": "embed/helseforetak-unn/index.html",
    "embed card, no KE": "embed/kommune-5610/index.html",
}
# Templates only the fixture data set has (the real data has no KE shared by several municipalities yet).
FIXTURE_PAGES = {
    "municipality, shared KE": "kommune/1812/index.html",
    "cooperation": "samarbeid/sor-helgeland/index.html",
}


def _in_lang(rel: str, lang: str) -> str:
    return language_prefix(lang) + rel


def _lang_of(rel: str) -> str:
    """The language of a built file from its folder: 'nn/…' nynorsk, 'en/…' English, else bokmål."""
    return next((lang for lang in LANGS if language_prefix(lang) and rel.startswith(language_prefix(lang))),
                DEFAULT_LANGUAGE)


def _html_pages(site: Path) -> list[str]:
    """The site's pages; the embeddable KE cards (embed/, ke_finder/site/embed.py) are frames for other sites,
    marked noindex, with no canonical, hreflang or switcher of their own."""
    return sorted(rel for p in site.rglob("*.html") for rel in [p.relative_to(site).as_posix()]
                  if rel.split("/")[0 if rel.split("/")[0] not in ("nn", "en") else 1] != "embed")


@pytest.fixture(scope="module")
def fixture_site_with_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture data set (with a shared KE and a cooperation) built with the real project and SITE_URL."""
    workdir = tmp_path_factory.mktemp("fixture-site-with-url")
    project = copy_project(workdir / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURE_DATA, project / "data")
    shutil.copytree(ROOT / "data" / "schemas", project / "data" / "schemas")
    result = mkdocs_build(project, workdir / "site", site_url=TEST_SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"


# ---- canonical and hreflang ------------------------------------------------------------------------------

class _Head(HTMLParser):
    """<html lang>, and the canonical and hreflang <link>s of the <head> (stops at <body>)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.canonical: list[str] = []
        self.hreflang: list[tuple[str, str]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_body:
            return
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "body":
            self.in_body = True
        elif tag == "link" and "canonical" in rel:
            self.canonical.append(a.get("href", ""))
        elif tag == "link" and "alternate" in rel and "hreflang" in a:
            self.hreflang.append((a["hreflang"], a.get("href", "")))


def head_of(path: Path) -> _Head:
    parser = _Head()
    text = path.read_text(encoding="utf-8")
    parser.feed(text[: text.find("<body")] + "<body>")
    return parser


def _url_of(rel: str) -> str:
    """The absolute address of a built file, as a deployment at TEST_SITE_URL serves it."""
    return TEST_SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _twin(rel: str, lang: str) -> str:
    """The same page in another language."""
    return _in_lang(rel[len(language_prefix(_lang_of(rel))):], lang)


def test_without_a_site_url_no_page_has_canonical_or_hreflang(built_site: Path) -> None:
    """Relative canonical and hreflang fail search engines' checks: without SITE_URL they are left out."""
    pages = _html_pages(built_site)
    assert len(pages) > 800
    failures = [f"{rel}: canonical {head.canonical}, hreflang {head.hreflang}"
                for rel in pages for head in [head_of(built_site / rel)] if head.canonical or head.hreflang]
    assert not failures, "\n".join(failures[:20])


@pytest.mark.site
def test_with_a_site_url_canonical_and_hreflang_are_absolute_and_name_the_page_and_its_twin(
        built_site_with_url: Path) -> None:
    site = built_site_with_url
    pages = _html_pages(site)
    failures: list[str] = []
    twins = 0
    for rel in pages:
        head = head_of(site / rel)
        if rel == "404.html":  # one page for every missing address, both languages: no twin, no canonical
            if head.canonical or head.hreflang:
                failures.append(f"{rel}: canonical {head.canonical}, hreflang {head.hreflang}")
            continue
        if head.canonical != [_url_of(rel)]:
            failures.append(f"{rel}: canonical {head.canonical}, expected [{_url_of(rel)}]")
        own = _lang_of(rel)
        expected = {own: _url_of(rel)}
        for other in LANGS:
            if other == own or not (site / _twin(rel, other)).is_file():
                continue
            twins += 1
            expected[other] = _url_of(_twin(rel, other))
            if head_of(site / _twin(rel, other)).lang != other:
                failures.append(f"{rel}: twin {_twin(rel, other)} is not <html lang={other}>")
        if sorted(head.hreflang) != sorted(expected.items()):
            failures.append(f"{rel}: hreflang {sorted(head.hreflang)}, expected {sorted(expected.items())}")
    assert twins > 2400, twins  # every page of every language names its two twins
    assert not failures, f"{len(failures)} pages:\n" + "\n".join(failures[:20])


def test_robots_txt_names_the_sitemap_only_when_its_address_is_known(built_site: Path,
                                                                     built_site_with_url: Path) -> None:
    assert (built_site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow:\n"
    assert (built_site_with_url / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nDisallow:\nSitemap: {TEST_SITE_URL}sitemap.xml\n")


# ---- W3C Nu Html Checker ---------------------------------------------------------------------------------

def run_vnu(files: list[Path]) -> list[dict]:
    """One JVM start for every file: `java -jar vnu.jar --errors-only --format json …` (messages on stderr)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make browser-deps` (installs Debian's default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail("vnu-jar is missing: run `make browser-deps` (npm ci)")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr)["messages"]


def test_the_nu_html_checker_reports_no_errors_on_any_template(built_site: Path, built_site_with_url: Path,
                                                               fixture_site_with_url: Path,
                                                               tmp_path: Path) -> None:
    files = [site / _in_lang(rel, lang) for site in (built_site, built_site_with_url)
             for rel in TEMPLATE_PAGES.values() for lang in LANGS]
    files += [built_site / _in_lang(rel, lang) for rel in EMBED_PAGES.values() for lang in LANGS]
    files += [built_site / "404.html", built_site_with_url / "404.html"]
    files += [fixture_site_with_url / _in_lang(rel, lang) for rel in FIXTURE_PAGES.values() for lang in LANGS]
    missing = [str(f) for f in files if not f.is_file()]
    assert not missing, missing
    # A control file with the two errors this test was written for: proves the checker ran and reports them.
    control = tmp_path / "control.html"
    control.write_text('<!doctype html><html lang="en"><head><title>control</title></head><body>'
                       '<div markdown="0"><input type="checkbox" autocomplete="off"></div></body></html>',
                       encoding="utf-8")
    messages = run_vnu([*files, control])
    control_messages = [m for m in messages if m.get("url", "").endswith("/control.html")]
    assert len(control_messages) == 2, control_messages
    errors = [f"{urlsplit(m.get('url', '')).path}:{m.get('lastLine')}: {m.get('message')}"
              for m in messages if m not in control_messages]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:40])


# ---- requests in the browser ----------------------------------------------------------------------------

class _HostHandler(http.server.SimpleHTTPRequestHandler):
    """Like a web host: the site lives under a sub-folder, and a missing address gets 404.html with status 404."""

    not_found_page: Path

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_as_host(site: Path, workdir: Path, prefix: str = urlsplit(TEST_SITE_URL).path.strip("/")) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port>/<prefix>/ (default: the path of TEST_SITE_URL); yields that URL.

    A build without SITE_URL assumes the host's root for its 404 page (the only page with root-absolute
    links): serve it with prefix "".
    """
    root = workdir / "webroot"
    if prefix:
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix).symlink_to(site, target_is_directory=True)
    else:
        root.symlink_to(site, target_is_directory=True)
    handler = type("Handler", (_HostHandler,), {"not_found_page": site / "404.html"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def host_url(built_site_with_url: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_as_host(built_site_with_url, tmp_path_factory.mktemp("host")) as url:
        yield url


class RequestLog:
    """Every request of a page: failures, 4xx/5xx answers, and requests leaving the page's host."""

    def __init__(self, page, base: str) -> None:
        self.base, self.problems, self.count = base, [], 0
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url} ({r.failure})"))

    def _request(self, request) -> None:
        self.count += 1
        if urlsplit(request.url).netloc != urlsplit(self.base).netloc and not request.url.startswith("data:"):
            self.problems.append(f"other host {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status} {response.url}")


BROWSED_PAGES = ["", "en/", "kommune/3911/", "en/kommune/0301/", "kommune/5610/", "fylke/18/",
                 "helseforetak/unn/", "guides/individual-plan/", "en/guides/ke-staff/", "quiz/", "search/",
                 "dekning/", "nn/", "nn/kommune/0301/", "nn/search/", "nn/dekning/"]


@pytest.mark.parametrize("path", BROWSED_PAGES)
def test_no_request_fails_or_answers_an_error(page, host_url: str, path: str) -> None:
    log = RequestLog(page, host_url)
    response = page.goto(host_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    page.wait_for_timeout(300)  # Material's language and sitemap handling runs after DOMContentLoaded
    assert log.count > 3, log.count
    assert not log.problems, log.problems


@pytest.fixture(scope="module")
def root_host_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The build without SITE_URL, served at the host's root."""
    with serve_as_host(built_site, tmp_path_factory.mktemp("root-host"), prefix="") as url:
        yield url


@pytest.mark.parametrize("path", ["", "en/", "kommune/3911/", "en/guides/individual-plan/", "nn/kommune/3911/"])
def test_no_request_fails_or_answers_an_error_without_a_site_url(page, root_host_url: str, path: str) -> None:
    log = RequestLog(page, root_host_url)
    response = page.goto(root_host_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    page.wait_for_timeout(300)
    assert log.count > 3 and not log.problems, log.problems


@pytest.mark.parametrize("with_site_url", [True, False])
@pytest.mark.parametrize("path", ["kommune/9999/", "en/no-such-page/", "nn/no-such-page/"])
def test_the_404_page_loads_everything_it_needs(page, host_url: str, root_host_url: str, path: str,
                                                with_site_url: bool) -> None:
    host_url = host_url if with_site_url else root_host_url
    log = RequestLog(page, host_url)
    response = page.goto(host_url + path, wait_until="networkidle")
    assert response is not None and response.status == 404
    page.wait_for_timeout(300)
    assert page.locator("h1").inner_text().startswith("Fant ikke siden")
    other = [p for p in log.problems if p != f"404 {host_url + path}"]
    assert log.count > 3 and not other, log.problems


@pytest.mark.parametrize("start, target", [("", "en/"), ("en/", ""), ("kommune/3911/", "en/kommune/3911/"),
                                           ("en/kommune/0301/", "kommune/0301/"),
                                           ("guides/individual-plan/", "en/guides/individual-plan/"),
                                           ("", "nn/"), ("nn/", "en/"), ("nn/kommune/3911/", "kommune/3911/"),
                                           ("kommune/0301/", "nn/kommune/0301/"),
                                           ("en/guides/individual-plan/", "nn/guides/individual-plan/")])
def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(page, host_url: str, start: str,
                                                                            target: str) -> None:
    log = RequestLog(page, host_url)
    page.goto(host_url + start, wait_until="networkidle")
    lang = _lang_of(target)
    page.hover(".md-select")
    with page.expect_navigation():
        page.locator(f'.md-select a[hreflang="{lang}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == host_url + target
    assert page.evaluate("document.documentElement.lang") == lang
    assert not log.problems, log.problems


@pytest.mark.site
def test_material_no_longer_fetches_the_sitemap(built_site_with_url: Path) -> None:
    """The call that fetched sitemap.xml beside every alternate is blanked in the copied bundle (web_standards.py)."""
    bundle = next((built_site_with_url / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "ui({document$:ct});" not in bundle
    assert bundle.count("/*ke*/") == 1


# ---- ProperDocs ------------------------------------------------------------------------------------------

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _comparable(rel: str, data: bytes) -> bytes:
    """Bytes as compared between generators: without a generator tag and the sitemap's build dates."""
    if rel.endswith(".html"):
        return GENERATOR_TAG.sub(b"", data)
    if rel == "sitemap.xml.gz":
        import gzip
        data = gzip.decompress(data)
    if rel.startswith("sitemap.xml"):
        return re.sub(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>", b"", data)
    return data


def test_properdocs_builds_the_same_site_from_the_same_mkdocs_yml(built_site: Path, tmp_path: Path) -> None:
    """ProperDocs 1.6 (requirements.txt) reads mkdocs.yml as it is, runs the same hooks, theme and plugins."""
    other = build_site(tmp_path, generator="properdocs")
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    other_files = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    assert len(files) > 1500
    assert files == other_files, (sorted(files - other_files)[:20], sorted(other_files - files)[:20])
    different = []
    for rel in sorted(files):
        a, b = (built_site / rel).read_bytes(), (other / rel).read_bytes()
        if a == b or _comparable(rel, a) == _comparable(rel, b):
            continue
        if rel == "pagefind/pagefind-entry.json" and json.loads(a) == json.loads(b):
            continue  # Pagefind writes this map in hash order (see test_site_quality.UNORDERED_FILES)
        different.append(rel)
    assert not different, f"{len(different)} files differ: {different[:20]}"
