"""The link checker, against a server on 127.0.0.1 started here: never the internet."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from typing import Iterator

import pytest

from conftest import ROOT, TODAY
from ke_finder.editor.link_check import USER_AGENT, LinkRef, check_links, collect_links, link_check_opener
from ke_finder.source.load import load_directory

SLOW_SECONDS = 1.0
SHORT_TIMEOUT = 0.3


class FakeSite(BaseHTTPRequestHandler):
    """200, a redirect, 404, a server without HEAD, and one that answers too late."""

    def do_HEAD(self) -> None:
        self.answer()

    def do_GET(self) -> None:
        self.answer()

    def answer(self) -> None:
        self.server.requests.append((self.command, self.path, self.headers.get("User-Agent")))  # type: ignore
        # As a proxy (test_cli_…) the server is asked for an absolute URL: it answers for its path alike.
        path = urlsplit(self.path).path if self.path.startswith("http://") else self.path
        try:
            if path.startswith("/ok"):
                self.reply(200)
            elif path == "/moved":
                self.reply(301, location="/ok/new-place")
            elif path == "/no-head":
                self.reply(405 if self.command == "HEAD" else 200)
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self.reply(200)
            else:
                self.reply(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on /slow, as it should

    def reply(self, status: int, location: str | None = None) -> None:
        body = b"" if self.command == "HEAD" else b"<!doctype html><title>ok</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, list]]:
    """(base URL, request log) of a local server on a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSite)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def ref(url: str, field: str = "ke.web") -> LinkRef:
    return LinkRef(url, "data/municipalities/1804-bodo.yaml", field)


def local_check(links: list[LinkRef], **options: float) -> list:
    return check_links(links, opener=link_check_opener(use_proxy_settings=False), **options)  # type: ignore


def test_statuses_redirects_and_timeouts(site: tuple[str, list]) -> None:
    base, requests = site
    links = [ref(f"{base}/ok"), ref(f"{base}/moved"), ref(f"{base}/missing"), ref(f"{base}/no-head"),
             ref(f"{base}/slow")]
    ok, moved, missing, no_head, slow = local_check(links, timeout=SHORT_TIMEOUT)
    assert [r.ref for r in (ok, moved, missing, no_head, slow)] == links  # results in the order of the links

    assert (ok.status, ok.broken, ok.redirected) == (200, False, False)
    assert (moved.status, moved.final_url, moved.broken, moved.redirected) == (200, f"{base}/ok/new-place", False,
                                                                              True)
    assert moved.describe() == (f"data/municipalities/1804-bodo.yaml: ke.web: {base}/moved -> 200 "
                                f"({base}/ok/new-place)")
    assert (missing.status, missing.broken) == (404, True)
    assert missing.describe() == f"data/municipalities/1804-bodo.yaml: ke.web: {base}/missing -> 404 Not Found"
    assert (no_head.status, no_head.broken) == (200, False)
    assert (slow.status, slow.broken) == (None, True)
    assert slow.describe().endswith(f"{base}/slow -> error: no answer within 0.3 s")

    seen = [(method, path) for method, path, _ in requests]
    assert ("HEAD", "/no-head") in seen and ("GET", "/no-head") in seen
    assert ("HEAD", "/ok/new-place") in seen and ("GET", "/ok/new-place") not in seen  # a redirect stays HEAD
    assert all(agent == USER_AGENT and "KE-finder link check" in agent for _, _, agent in requests)


def test_one_request_per_address(site: tuple[str, list]) -> None:
    base, requests = site
    links = [ref(f"{base}/ok", "ke.web"), ref(f"{base}/ok", "ke.source.url"), ref(f"{base}/ok", "website")]
    results = local_check(links, timeout=2.0, max_workers=4)
    assert [r.status for r in results] == [200, 200, 200]
    assert [r.ref.field for r in results] == ["ke.web", "ke.source.url", "website"]
    assert requests == [("HEAD", "/ok", USER_AGENT)]


def test_only_web_addresses_are_requested(site: tuple[str, list]) -> None:
    _, requests = site
    (result,) = local_check([ref("ftp://127.0.0.1/file")], timeout=1.0)
    assert result.broken and result.status is None
    assert "only http:// and https://" in (result.error or "")
    assert requests == []


def test_nothing_listening_is_broken() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSite)
    port = server.server_address[1]
    server.server_close()  # the port is now closed: connection refused
    (result,) = local_check([ref(f"http://127.0.0.1:{port}/ok")], timeout=1.0)
    assert result.broken and result.status is None and result.error


def test_collect_links_from_the_fixture_data(data_dir: Path) -> None:
    links = collect_links(load_directory(data_dir, today=TODAY))
    written = sum(len(re.findall(r"https?://\S+", path.read_text(encoding="utf-8")))
                  for path in data_dir.rglob("*.yaml") if "schemas" not in path.parts)
    assert len(links) == written == 17  # every link in the data files, none twice
    assert all(link.file.startswith("data/") and link.file.endswith(".yaml") and link.field for link in links)
    found = {(link.file, link.field, link.url) for link in links}
    assert ("data/municipalities/1804-bodo.yaml", "ke.source.url", "https://example.org/bodo/ke") in found
    assert ("data/municipalities/1804-bodo.yaml", "services_source", "https://example.org/bodo/ke") in found
    assert ("data/municipalities/0301-oslo.yaml", "website", "https://example.org/oslo") in found
    assert ("data/hospital-trusts/ous.yaml", "sources[0]", "https://example.org/hf") in found
    assert ("data/cooperations/sor-helgeland.yaml", "ke.source.url", "https://example.org/coop") in found
    assert ("data/regions.yaml", "regions[1].regional_ke.web", "https://example.org/rke") in found
    assert ("data/regions.yaml", "regions[0].sources[0]", "https://example.org/rhf") in found
    assert ("data/regions.yaml", "helpline.source", "https://example.org/helpline") in found


def test_cli_lists_broken_and_redirected_links(site: tuple[str, list], data_dir: Path) -> None:
    """The fixture's example.org links are pointed at a name of the reserved .test domain, and the CLI reaches it
    through the local server as its HTTP proxy: no request leaves 127.0.0.1, no name is looked up, and the data
    stays valid (links to an IP address such as 127.0.0.1 are refused by the data rules, ke_finder/links.py)."""
    proxy, _ = site
    base = "http://ke-finder-links.test"
    for path in data_dir.rglob("*.yaml"):
        if "schemas" not in path.parts:
            text = path.read_text(encoding="utf-8").replace("https://example.org/", f"{base}/ok/")
            path.write_text(text, encoding="utf-8")
    bodo = data_dir / "municipalities" / "1804-bodo.yaml"
    bodo.write_text(bodo.read_text(encoding="utf-8").replace(f"website: {base}/ok/bodo", f"website: {base}/moved")
                    .replace(f"web: {base}/ok/bodo/ke", f"web: {base}/missing"), encoding="utf-8")
    assert "example.org" not in "".join(p.read_text(encoding="utf-8") for p in data_dir.rglob("*.yaml")
                                        if "schemas" not in p.parts)
    env = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    env["http_proxy"] = proxy
    command = [sys.executable, str(ROOT / "scripts" / "check_links.py"), "--data", str(data_dir), "--timeout", "5"]

    everything = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert everything.returncode == 1, everything.stdout + everything.stderr
    lines = everything.stdout.splitlines()
    assert f"data/municipalities/1804-bodo.yaml: website: {base}/moved -> 200 ({base}/ok/new-place)" in lines
    assert f"data/municipalities/1804-bodo.yaml: ke.web: {base}/missing -> 404 Not Found" in lines
    assert "17 links checked: 1 broken, 1 redirected, 15 fine." in lines

    only_broken = subprocess.run(command + ["--only-broken"], capture_output=True, text=True, env=env, timeout=60)
    assert only_broken.returncode == 1
    assert [line for line in only_broken.stdout.splitlines() if " -> " in line] == [
        f"data/municipalities/1804-bodo.yaml: ke.web: {base}/missing -> 404 Not Found"]
