"""`make audit` (issue 19, item 8) without the network: a source that cannot be reached, or that does not answer for a
package, is reported as NOT CHECKED with exit 2, never as "no known vulnerabilities". Everything stays on loopback:
a closed port stands for an unreachable index and registry, a small server for an index that answers 404."""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from ke_finder.editor import audit


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_sources_are_said_plainly(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    lock = tmp_path / "requirements.txt"
    # One locked package with its hashes, as pip-compile writes it: pip-audit asks the index about each one alike.
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    start = text.index("\npyyaml==") + 1
    lock.write_text(text[start:text.index("\n", text.index("    # via", start))] + "\n", encoding="utf-8")
    assert lock.read_text().startswith("pyyaml==") and "--hash=sha256:" in lock.read_text()
    for name in ("package.json", "package-lock.json"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "HTTPS_PROXY": dead, "HTTP_PROXY": dead, "https_proxy": dead, "http_proxy": dead,
           "NO_PROXY": "", "no_proxy": "", "npm_config_fetch_retries": "0", "npm_config_offline": "false"}
    code = ("import sys; from pathlib import Path; from ke_finder.editor.audit import main; "
            f"sys.exit(main(Path({str(tmp_path)!r}), {dead + '/pypi'!r}, {dead + '/'!r}, 3))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=240)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "no known vulnerabilities" not in run.stdout.lower()
    python, npm = run.stdout.splitlines()[0], run.stdout.splitlines()[-1]
    assert python.startswith("Python packages") and "NOT CHECKED" in python and "not a clean result" in python
    assert npm.startswith("npm packages") and "NOT CHECKED" in npm and "not a clean result" in npm


class _Index(http.server.BaseHTTPRequestHandler):
    """An index that, like the one here, answers 404 for a version and only the project page for the newest."""
    projects = {"pyyaml": {"info": {"version": "6.0.4"}, "vulnerabilities": []},
                "babel": {"info": {"version": "2.20.0"}, "vulnerabilities": []},
                "jinja2": {"info": {"version": "3.1.6"}, "vulnerabilities": [{"id": "GHSA-test-0000-0000"}]}}

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        name = self.path.strip("/").split("/")[0]
        if self.path.count("/") == 2 and name in self.projects:
            body = json.dumps(self.projects[name]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def index() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_skipped_packages_are_not_clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """pip-audit says "No known vulnerabilities found" when the index skipped every package: here they are counted."""
    skipped = {"dependencies": [
        {"name": n, "skip_reason": f"Dependency not found on PyPI and could not be audited: {n} ({v})"}
        for n, v in (("pyyaml", "6.0.4"), ("babel", "2.19.0"), ("jinja2", "3.1.6"), ("nowhere", "1.0"))]}

    def fake_pip_audit(command: list[str], **_: object) -> subprocess.CompletedProcess:
        Path(command[command.index("--output") + 1]).write_text(json.dumps(skipped), encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, "", "No known vulnerabilities found")

    monkeypatch.setattr(audit.subprocess, "run", fake_pip_audit)
    with index() as url:
        result = audit.python_audit(tmp_path / "requirements.txt", url, timeout=3)
    assert result.error is None and result.checked == 2
    assert result.vulnerable == ["jinja2 3.1.6: GHSA-test-0000-0000"]
    assert any(s.startswith("babel 2.19.0: the index answers only for the newest release, 2.20.0") for s in result.not_checked)
    assert any(s.startswith("nowhere 1.0: no answer") for s in result.not_checked)
    text, code = audit.report([result])
    assert code == 1 and "NOT CHECKED" in text and "VULNERABLE: jinja2" in text
    result.vulnerable.clear()
    assert audit.report([result])[1] == 2
    assert audit.report([audit.SourceResult("x", checked=3)]) == ("x: 3 checked, no known vulnerabilities.", 0)
