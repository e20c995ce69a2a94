#!/usr/bin/env python3
"""Lighthouse (mobile, simulated throttling) on the built site served on loopback; part of `make bench`.

Scores accessibility, best practices and SEO (budget 1.00 each), performance (budget 0.95) and the largest
contentful paint (budget 2.5 s) on the home page, a municipality page and Oslo's page (Norwegian), median of 3
runs each. Lighthouse comes from npm (pinned in package.json), Chromium from Debian. The site is served with
gzip, as any real host serves it.

Standalone: `.venv/bin/python scripts/lighthouse.py SITE_DIR [RUNS]` measures an already built site (build it with
SITE_URL set, as a deployment does, so canonical and hreflang are there to be checked). `scripts/bench.py`
builds the site with SITE_URL and calls `measure()`.

Chromium runs with its background networking off: the machine may have no internet, and a measurement must
contact nothing but 127.0.0.1.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser import chromium_path, serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "municipality": "kommune/3911/", "oslo": "kommune/0301/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "lcp_ms": 2500}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run")


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as deployments have one: text compressed with gzip when the browser accepts it.

    Python's plain server sends everything uncompressed, which no real host does; Lighthouse would then
    measure Material's 138 KB stylesheet instead of the 20 KB a visitor downloads.
    """

    _cache: dict[str, bytes] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the standard redirect to the slash-terminated address
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not content_type.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        key = str(path)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve_compressed(folder: Path) -> Any:
    """Serve a folder on 127.0.0.1 with a free port, gzip for text; a context manager yielding the base URL."""
    return serve(folder, _CompressingHandler)


def run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run (its default: mobile form factor, simulated slow 4G and 4x CPU slowdown)."""
    chrome = chromium_path()
    if chrome is None:
        raise SystemExit("chromium is not installed (make browser-deps)")
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed (make browser-deps runs npm ci)")
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    if result.returncode != 0 or not output.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """Scores per category, LCP, and the audits that lost points (what to fix)."""
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        f"{ref['id']} ({name})" for name in CATEGORIES for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"))
    return {"scores": scores,
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 4),
            "not_full_marks": failing,
            "runtime_error": report.get("runtimeError", {}).get("message")}


def checks(figures: dict[str, dict[str, Any]]) -> dict[str, bool]:
    """Budget verdicts per page and category."""
    verdicts: dict[str, bool] = {}
    for page, summary in figures.items():
        for name in CATEGORIES:
            score = summary["scores"][name]
            verdicts[f"lighthouse_{page}_{name}"] = score is not None and score >= BUDGETS[name]
        verdicts[f"lighthouse_{page}_lcp"] = summary["lcp_ms"] < BUDGETS["lcp_ms"]
    return verdicts


def measure(site: Path, runs: int = 3, work: Path | None = None) -> dict[str, dict[str, Any]]:
    """Serve `site` on loopback and run Lighthouse `runs` times on every page of PAGES.

    The median run by performance score is reported (Lighthouse's own advice against run-to-run noise, which
    is large on a shared 2-core machine); every run's performance score and LCP are kept beside it.
    """
    work = work or Path(tempfile.mkdtemp(prefix="ke-lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict[str, Any]] = {}
    with serve_compressed(site) as base:
        for name, path in PAGES.items():
            summaries = [summarise(run_lighthouse(base + path, work / f"{name}-{run}.json")) for run in range(runs)]
            summaries.sort(key=lambda s: (s["scores"]["performance"] or 0, -s["lcp_ms"]))
            figures[name] = {"path": "/" + path, **summaries[len(summaries) // 2],
                             "runs": len(summaries),
                             "performance_runs": [s["scores"]["performance"] for s in summaries],
                             "lcp_runs_ms": [s["lcp_ms"] for s in summaries]}
    return figures


def table_rows(figures: dict[str, dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    verdicts = checks(figures)
    rows = []
    for page, summary in figures.items():
        scores = summary["scores"]
        ok = all(verdicts[f"lighthouse_{page}_{name}"] for name in CATEGORIES)
        rows.append((f"Lighthouse mobile {summary['path']} (median of {summary['runs']}): perf / a11y / BP / SEO",
                     " / ".join(f"{scores[name]:.2f}" if scores[name] is not None else "?" for name in CATEGORIES),
                     ">= 0.95 / 1 / 1 / 1", "PASS" if ok else "FAIL"))
        rows.append((f"  largest contentful paint (FCP {summary['fcp_ms']} ms, TBT {summary['tbt_ms']} ms, "
                     f"CLS {summary['cls']})", f"{summary['lcp_ms'] / 1000:.2f} s", "< 2.5 s",
                     "PASS" if verdicts[f"lighthouse_{page}_lcp"] else "FAIL"))
        if summary["not_full_marks"]:
            rows.append(("  audits below full marks", ", ".join(summary["not_full_marks"]), "", ""))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ke-lighthouse-") as work:
        figures = measure(Path(argv[0]), runs=int(argv[1]) if len(argv) == 2 else 3, work=Path(work))
    for row in table_rows(figures):
        print("  ".join(row).rstrip())
    print(json.dumps(figures, indent=1))
    return 0 if all(checks(figures).values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
