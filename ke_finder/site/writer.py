"""Write generated pages into docs/ only where they changed, and remove stale ones.

Writing unchanged files would make `mkdocs serve` see a change and rebuild forever.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Directory
from ..paths import GENERATED_DIRS, HOME_FILES, MAP_FILE
from .map_svg import load_shapes, simplify
from .pages import all_pages
from .render import make_environment, render_page, shared_context, source_file_name

def render_site_pages(directory: Directory, data_dir: Path | None = None) -> dict[str, str]:
    """Relative source path -> Markdown text, for every generated page."""
    env = make_environment()
    shared = shared_context(directory)
    shapes = None
    if data_dir is not None and (data_dir / MAP_FILE).exists():
        shapes = simplify(load_shapes(data_dir / MAP_FILE))
    return {source_file_name(spec): render_page(env, spec, shared) for spec in all_pages(directory, shapes)}


def write_pages(docs_dir: Path, rendered: dict[str, str]) -> tuple[int, int]:
    """Sync docs/ to `rendered`; returns (written, removed) counts."""
    written = removed = 0
    for rel, text in rendered.items():
        target = docs_dir / rel
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    existing = [p for d in GENERATED_DIRS for p in (docs_dir / d).rglob("*.md")]
    existing += [docs_dir / name for name in HOME_FILES if (docs_dir / name).exists()]
    for path in existing:
        if str(path.relative_to(docs_dir)) not in rendered:
            path.unlink()
            removed += 1
    return written, removed

