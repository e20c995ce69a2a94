#!/usr/bin/env python3
"""How long would a national `discover` run take? Measure a scaled fixture web, then project.

Builds a temporary fixture web of --hosts sites on loopback (127.0.1.1, 127.0.1.2, …), each a copy of the
bokmål fixture site (tests/fixtures/web/a) plus --filler news pages of realistic size (about 60 KB of HTML with
navigation and footer), so the page cap is reached as on a real municipal site. Runs
`python -m ke_finder discover` over as many real municipalities (their start URLs overridden with --site) with
the real politeness defaults (1 request per second per host, 60 pages per owner), and reports from requests.csv:
requests, wall time, requests per host per second, the crawler's CPU time per page, and the projection for
357 municipalities + 24 hospital trusts.

Usage: .venv/bin/python scripts/bench_discovery.py [--hosts 40] [--filler 70] [--delay 1.0] [--max-pages 60]
Not a test (no network beyond loopback; about 1–2 minutes).
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixture_web import WEB, serve  # noqa: E402  (the tests' fixture server)

NATIONAL_OWNERS = 357 + 24
FILLER = ("<p>Kommunen informerer om arbeid på vegnettet, endringar i rutetabellar og nye tilbod i kulturskulen. "
          "Les meir om korleis du søkjer, kva det kostar og kven du kan kontakte.</p>\n")


def build_web(target: Path, hosts: int, filler: int) -> list[str]:
    """A web root with `hosts` copies of site a (each with `filler` extra pages) and the other host."""
    names = []
    sites: dict[str, dict[str, object]] = {}
    for number in range(1, hosts + 1):
        name = f"s{number:03d}"
        shutil.copytree(WEB / "a", target / name)
        links = "".join(f'<li><a href="/helse-og-omsorg/aktuelt/{i}/">Aktuelt {i}</a></li>' for i in range(filler))
        nav = "<header><nav><ul>" + "".join(f'<li><a href="/tema/{i}/">Tema {i}</a></li>' for i in range(40)) + \
              "</ul></nav></header>"
        for i in range(filler):
            page = target / name / "helse-og-omsorg" / "aktuelt" / str(i)
            page.mkdir(parents=True)
            page.joinpath("index.html").write_text(
                f"<!DOCTYPE html><html lang=\"nn\"><head><meta charset=\"utf-8\"><title>Aktuelt {i}</title></head>"
                f"<body>{nav}<main><h1>Aktuelt {i}</h1>{FILLER * 120}</main>"
                f"<footer><p>Sentralbord 33 99 00 00</p></footer></body></html>", encoding="utf-8")
        index = target / name / "helse-og-omsorg" / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace("</ul>\n</main>", links + "</ul>\n</main>"),
                         encoding="utf-8")
        sites[name] = {"address": f"127.0.1.{number}", "redirects": {"/helse/koordinerende-enhet":
                                                                     "/helse-og-omsorg/koordinerende-enhet/"},
                       "errors": {"/feil/": 500}}
        names.append(name)
    shutil.copytree(WEB / "other", target / "other")
    sites["other"] = {"address": "127.0.0.9"}
    spec = json.loads((WEB / "sites.json").read_text(encoding="utf-8"))
    (target / "sites.json").write_text(json.dumps({"sites": sites, "last_modified": spec["last_modified"]}),
                                       encoding="utf-8")
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--filler", type=int, default=70)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--max-pages", type=int, default=60)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from ke_finder.source.load import load_directory

    numbers = sorted(load_directory(ROOT / "data").municipalities)[: args.hosts]
    with tempfile.TemporaryDirectory(prefix="ke-bench-discovery-") as tmp:
        web_root = Path(tmp) / "web"
        web_root.mkdir()
        names = build_web(web_root, args.hosts, args.filler)
        out = Path(tmp) / "out"
        with serve(web_root) as web:
            command = [sys.executable, "-m", "ke_finder", "discover", "--out", str(out), "--delay", str(args.delay),
                       "--max-pages", str(args.max_pages), "--no-cache", "--only", *numbers]
            for number, name in zip(numbers, names):
                command += ["--site", f"{number}={web.base(name)}/"]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
            seconds = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode:
            print(result.stderr[-3000:], file=sys.stderr)
            return 1
        with (out / "requests.csv").open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["status"]]
        found = json.loads((out / "candidates.json").read_text(encoding="utf-8"))["owners"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    by_host: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        by_host[row["url"].split("/")[2]].append(float(row["started_at"]))
    rates, gaps = [], []
    for times in by_host.values():
        times.sort()
        if len(times) > 1:
            rates.append((len(times) - 1) / (times[-1] - times[0]))
            gaps.append(min(b - a for a, b in zip(times, times[1:])))
    pages = sum(1 for r in rows if r["status"] == "200")
    throughput = len(rows) / seconds
    per_owner = len(rows) / args.hosts
    # Hosts are crawled in parallel (up to CONCURRENT_REQUESTS at once), each at most 1 request per delay: the
    # national run sends per_owner × 381 requests at the measured throughput, and takes at least one host's time.
    projected = max(seconds, per_owner * NATIONAL_OWNERS / throughput)
    cpu_national = cpu / args.hosts * NATIONAL_OWNERS
    print(f"hosts {args.hosts}, page cap {args.max_pages}, delay {args.delay} s, filler pages per host {args.filler}")
    print(f"requests {len(rows)} ({pages} answered 200), {per_owner:.0f} per owner; KE page found for "
          f"{sum(1 for o in found if o['url'])}/{len(found)} owners")
    print(f"wall time {seconds:.1f} s; crawler CPU {cpu:.1f} s ({1000 * cpu / max(pages, 1):.0f} ms per page)")
    print(f"requests per host per second: max {max(rates):.2f}, median {sorted(rates)[len(rates) // 2]:.2f}; "
          f"smallest gap between two requests to one host {min(gaps):.3f} s")
    print(f"throughput {throughput:.1f} requests/s over all hosts")
    print(f"projection for {NATIONAL_OWNERS} owners: {per_owner * NATIONAL_OWNERS:.0f} requests, about "
          f"{projected / 60:.0f} min wall time at this throughput, {cpu_national / 60:.0f} min of CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
