#!/usr/bin/env python3
"""Check that every web page the data links to still answers (needs network access).

Usage:
  python scripts/check_links.py                    # broken and redirected links
  python scripts/check_links.py --only-broken      # broken links only
  python scripts/check_links.py --timeout 20 --data path/to/data

Each problem is printed as `data/file.yaml: field: URL -> status (final URL)`. A redirected link
still works but should be updated to the final address. The data must validate first
(scripts/validate.py). Exit status: 0 when no link is broken, 1 when some are, 2 when the data is invalid.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ke_finder.source.errors import DataInvalid
from ke_finder.editor.link_check import LinkResult, check_links, collect_links
from ke_finder.source.load import load_directory

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check that the data's web links still answer.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--only-broken", action="store_true", help="do not list redirected links")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (default: 10)")
    parser.add_argument("--workers", type=int, default=8, help="requests at the same time (default: 8)")
    args = parser.parse_args(argv)

    try:
        directory = load_directory(args.data.resolve())
    except DataInvalid as exc:
        print(exc.report(), file=sys.stderr)
        print("Fix the data first (scripts/validate.py), then check the links.", file=sys.stderr)
        return 2
    links = collect_links(directory)
    unique = len({link.url for link in links})
    print(f"Checking {len(links)} links ({unique} different addresses)…", file=sys.stderr)
    results = check_links(links, timeout=args.timeout, max_workers=args.workers)
    for result in results:
        if result.broken or (result.redirected and not args.only_broken):
            print(result.describe())
    print_summary(results)
    return 1 if any(result.broken for result in results) else 0


def print_summary(results: list[LinkResult]) -> None:
    broken = sum(1 for r in results if r.broken)
    redirected = sum(1 for r in results if r.redirected)
    print(f"{len(results)} links checked: {broken} broken, {redirected} redirected, "
          f"{len(results) - broken - redirected} fine.")
    if redirected:
        print("A redirected link still works; update it to the final address shown in brackets.")


if __name__ == "__main__":
    sys.exit(main())
