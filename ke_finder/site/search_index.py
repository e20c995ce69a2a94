"""Full-text search: Pagefind builds one index per <html lang>, over the built HTML.

Chosen over Material's built-in search (see ARCHITECTURE.md): separate nb/en indexes, Norwegian
stemming, and only the chunks a query needs are loaded. Runs the Pagefind binary from the pinned
PyPI package (pagefind[bin]); no network.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexFailed(RuntimeError):
    pass


def build_search_index(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SearchIndexFailed(f"pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
