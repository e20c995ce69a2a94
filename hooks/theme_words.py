"""MkDocs adapter: the theme overrides take their words from the i18n table (ke_t, ke_root, ke_feed).

A hook of its own because the words belong to the theme, not to the data layer: `scripts/bench.py` builds its
plain reference site with the same overrides and this hook, and without the data hooks.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ke_finder.exports.feed import FEED_FILES
from ke_finder.site.templating import theme_globals


def on_env(env, *, config: MkDocsConfig, files):
    env.globals.update(theme_globals(FEED_FILES))
    return env
