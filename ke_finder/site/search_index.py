"""Full-text search: Pagefind builds one index per <html lang>, over the built HTML.

Chosen over Material's built-in search (see ARCHITECTURE.md): separate nb/nn/en indexes, Norwegian
stemming (for nb and nn), and only the chunks a query needs are loaded. Runs the Pagefind binary from the pinned
PyPI package (pagefind[bin]); no network.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ENTRY_FILE = "pagefind/pagefind-entry.json"


class SearchIndexFailed(RuntimeError):
    pass


def build_search_index(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SearchIndexFailed(f"pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    _sort_entry_languages(site_dir / ENTRY_FILE)


def _sort_entry_languages(entry: Path) -> None:
    """Pagefind writes its `languages` map in hash-map order, which changes from run to run; sort it, so two
    builds of the same input are byte-identical. Same JSON, same compact form (the UI parses it)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
