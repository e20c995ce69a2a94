#!/usr/bin/env python3
"""Lighthouse (mobile, simulated throttling) on the built site served on loopback; part of `make bench`.

Scores accessibility, best practices and SEO (budget 1.00 each), performance (budget 0.95) and the largest
contentful paint (budget 2.5 s) on the home page, a municipality page and Oslo's page, in both languages' home
pages' language (Norwegian). Lighthouse comes from npm (pinned in package.json), Chromium from Debian.

Standalone: `.venv/bin/python scripts/lighthouse.py SITE_DIR` measures an already built site (build it with
SITE_URL set, as a deployment does, so canonical and hreflang are there to be checked). `scripts/bench.py`
builds the site with SITE_URL and calls `measure()`.

Chromium runs with its background networking off: the machine may have no internet, and a measurement must
contact nothing but 127.0.0.1.
"""
from __future__ import annotations

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
# The site URL the measured build is made with (as a deployment would set it); tests use the same.
MEASURE_SITE_URL = "https://example.org/ke/"


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


def measure(site: Path, work: Path | None = None) -> dict[str, dict[str, Any]]:
    """Serve `site` on loopback and run Lighthouse on every page of PAGES."""
    work = work or Path(tempfile.mkdtemp(prefix="ke-lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict[str, Any]] = {}
    with serve(site) as base:
        for name, path in PAGES.items():
            figures[name] = {"path": "/" + path, **summarise(run_lighthouse(base + path, work / f"{name}.json"))}
    return figures


def table_rows(figures: dict[str, dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    verdicts = checks(figures)
    rows = []
    for page, summary in figures.items():
        scores = summary["scores"]
        ok = all(verdicts[f"lighthouse_{page}_{name}"] for name in CATEGORIES)
        rows.append((f"Lighthouse mobile {summary['path']}: perf / a11y / best practices / SEO",
                     " / ".join(f"{scores[name]:.2f}" if scores[name] is not None else "?" for name in CATEGORIES),
                     ">= 0.95 / 1 / 1 / 1", "PASS" if ok else "FAIL"))
        rows.append((f"  largest contentful paint (FCP {summary['fcp_ms']} ms, TBT {summary['tbt_ms']} ms, "
                     f"CLS {summary['cls']})", f"{summary['lcp_ms'] / 1000:.2f} s", "< 2.5 s",
                     "PASS" if verdicts[f"lighthouse_{page}_lcp"] else "FAIL"))
        if summary["not_full_marks"]:
            rows.append(("  audits below full marks", ", ".join(summary["not_full_marks"]), "", ""))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    figures = measure(Path(argv[0]))
    for row in table_rows(figures):
        print("  ".join(row).rstrip())
    print(json.dumps(figures, indent=1))
    return 0 if all(checks(figures).values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
