#!/usr/bin/env python3
"""Check the KE finder's data files, with the same messages as the site build.

Usage:
  python scripts/validate.py                      # every file in data/
  python scripts/validate.py data/municipalities/3911-faerder.yaml [...]   # only these files' errors

Each error is printed as `file:line:column: field: what is wrong (what to do)`.
Exit status: 0 when valid, 1 when there are errors.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ke_finder.load import validate_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the KE finder's data files.")
    parser.add_argument("files", nargs="*", type=Path, help="data files to report on (default: all)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    args = parser.parse_args(argv)

    # Cross-file rules (a cooperation naming an unknown municipality…) need the whole folder,
    # so the whole folder is always checked; file arguments only filter what is reported.
    errors = validate_files(args.data.resolve())
    if args.files:
        wanted = {str(f.resolve()) for f in args.files}
        errors = [e for e in errors if str((args.data.resolve().parent / e.file).resolve()) in wanted]
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s).", file=sys.stderr)
        return 1
    checked = ", ".join(str(f) for f in args.files) if args.files else str(args.data)
    print(f"OK: {checked} is valid.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
