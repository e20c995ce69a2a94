#!/usr/bin/env python3
"""Check the KE finder's data files, with the same messages as the site build.

Usage:
  python scripts/validate.py                      # every file in data/
  python scripts/validate.py data/municipalities/3911-faerder.yaml [...]   # only these files' errors

Each error is printed as `file:line:column: field: what is wrong (what to do)`.
Exit status: 0 when valid, 1 when there are errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ke_finder.__main__ import main

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(["--project", str(ROOT), "validate", *sys.argv[1:]]))
