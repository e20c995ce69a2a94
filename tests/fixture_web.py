"""The fixture web: tests/fixtures/web/ served on several loopback addresses, one "site" per address.

A tiny threaded HTTP server per site (127.0.0.2 … 127.0.0.9: Linux routes all of 127/8 to lo), each on a free
port. Besides files it does what real sites do (tests/fixtures/web/sites.json): 301 redirects, 404/410/500
answers, a slow host, a huge generated page, a PDF without a .pdf name, a Latin-1 page declared in the header,
and cache validators (ETag, Last-Modified, Cache-Control: max-age=0) answered with 304. `{{other}}` and
`{{self}}` in a file become the other host's and the site's own base URL. Every request is recorded.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
HUGE_BYTES = 3 * 1024 * 1024


@dataclass
class Site:
    name: str
    folder: Path
    config: dict[str, Any]
    base: str = ""
    requests: list[tuple[float, str, int]] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a timeout, the size cap, an idle keep-alive) is normal here."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def _handler(site: Site, web: "FixtureWeb") -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            started = time.time()
            site.agents.add(self.headers.get("User-Agent", ""))
            try:
                status = self._answer()
            except (BrokenPipeError, ConnectionResetError):  # the crawler gave up (timeout, size cap)
                status = -1
            site.requests.append((started, self.path, status))

        def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> int:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
            return status

        def _answer(self) -> int:
            config = site.config
            if config.get("slow_seconds"):
                time.sleep(float(config["slow_seconds"]))
            path = urlsplit(self.path).path
            if path in config.get("redirects", {}):
                self.send_response(301)
                self.send_header("Location", site.base + config["redirects"][path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return 301
            if path in config.get("errors", {}):
                code = int(config["errors"][path])
                return self._send(code, f"<!DOCTYPE html><title>{code}</title><p>Feil {code}</p>".encode())
            if path == config.get("huge"):
                filler = b"<p>Nyheter fra sykehuset. Ring 77 99 06 66 for mer.</p>\n"
                body = b"<!DOCTYPE html><html><head><title>Nyheter</title></head><body><main><h1>Koordinerende enhet" \
                       b" nyheter</h1>" + filler * (HUGE_BYTES // len(filler)) + b"</main></body></html>"
                return self._send(200, body)
            if path == config.get("pdf"):
                return self._send(200, b"%PDF-1.4\n% Koordinerende enhet 77 99 07 77\n%%EOF\n", "application/pdf")
            file = self._file(path)
            if file is None:
                return self._send(404, b"<!DOCTYPE html><title>Finnes ikke</title><p>Siden finnes ikke.</p>")
            body = file.read_bytes()
            if file.suffix in (".html", ".xml", ".txt"):
                charset = config.get("charset", {}).get(path, "utf-8")
                text = body.decode(charset).replace("{{other}}", web.base("other")).replace("{{self}}", site.base)
                body = text.encode(charset)
                kinds = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}
                content_type = f"{kinds[file.suffix]}; charset={charset}"
            else:
                content_type = "application/pdf" if file.suffix == ".pdf" else "application/octet-stream"
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            validators = {"ETag": etag, "Last-Modified": web.last_modified, "Cache-Control": "max-age=0"}
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                for key, value in validators.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return 304
            return self._send(200, body, content_type, validators)

        def _file(self, path: str) -> Path | None:
            target = (site.folder / path.lstrip("/")).resolve()
            if site.folder.resolve() not in (target, *target.parents):
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

    return Handler


class FixtureWeb:
    def __init__(self, root: Path = WEB):
        spec = json.loads((root / "sites.json").read_text(encoding="utf-8"))
        self.last_modified: str = spec["last_modified"]
        self.sites = {name: Site(name, root / name, config) for name, config in spec["sites"].items()}
        self.servers: list[_Server] = []

    def base(self, name: str) -> str:
        return self.sites[name].base

    def start(self) -> None:
        for site in self.sites.values():
            server = _Server((site.config["address"], 0), _handler(site, self))
            site.base = f"http://{site.config['address']}:{server.server_address[1]}"
            self.servers.append(server)
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


@contextmanager
def serve(root: Path = WEB) -> Iterator[FixtureWeb]:
    web = FixtureWeb(root)
    web.start()
    try:
        yield web
    finally:
        web.stop()
