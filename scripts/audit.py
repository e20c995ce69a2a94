#!/usr/bin/env python3
"""Check the locked dependencies against published advisories (`make audit`; needs the network).

Usage:
  python scripts/audit.py                       # requirements.txt with pip-audit, package-lock.json with npm audit
  python scripts/audit.py --pypi-url URL --npm-registry URL --timeout 15

Exit status: 0 when every package was checked and none has a known vulnerability; 1 when one has; 2 when a
source could not be reached or did not answer for some packages (then the result is NOT clean, and says so).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ke_finder.editor.audit import PYPI_URL, main

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypi-url", default=PYPI_URL, help="the package index's JSON API (default: %(default)s)")
    parser.add_argument("--npm-registry", default=None, help="the npm registry (default: npm's configuration)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds per request (default: %(default)s)")
    args = parser.parse_args()
    sys.exit(main(ROOT, args.pypi_url, args.npm_registry, args.timeout))
