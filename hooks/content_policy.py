"""MkDocs adapter: every built HTML page gets its content security policy (ke_finder/site/csp.py) as a meta tag.

Runs once over the finished site, after every other hook (the other languages, the exports, the search index and
any page an export writes), so the hashes are those of the scripts each page finally holds.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from ke_finder.site.csp import with_policy


@event_priority(-300)  # after mkdocs-static-i18n (-100), web_standards (-150) and ke_pages (-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the nested per-language build: the outer build finishes the site once
    for path in sorted(Path(config.site_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        updated = with_policy(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
