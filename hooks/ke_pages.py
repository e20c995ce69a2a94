"""MkDocs adapter: data/ -> validated model -> generated pages and exports.

Thin on purpose: all logic lives in ke_finder (plain Python, no MkDocs), so a move to
another site generator only rewrites this file. MkDocs loads hooks by file path; `ke_finder` is importable
because `make venv` installs it (`pip install -e .`). mkdocs-static-i18n runs every hook once
per language; the model is reloaded only when a data file changed.
"""
from __future__ import annotations

import logging
import os
from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from ke_finder import pipeline
from ke_finder.model import Directory
from ke_finder.settings import BuildSettings, is_release
from ke_finder.source.errors import DataInvalid

log = logging.getLogger("mkdocs.hooks.ke_pages")
# Missing deployment settings are said even under `mkdocs build --quiet` (make site), which silences warnings.
settings_log = logging.getLogger("mkdocs.hooks.ke_pages.settings")
settings_log.setLevel(logging.WARNING)
_cache: dict[str, object] = {}


def _project(config: MkDocsConfig) -> pipeline.Project:
    return pipeline.Project(Path(config.config_file_path).resolve().parent, Path(config.docs_dir))


def _fingerprint(data_dir: Path) -> tuple:
    """Names, kinds, sizes and mtimes of every entry under data/: cheap, and changes whenever an editor
    saves, and also when a link, a lock file or a folder comes or goes (the loader reports those too)."""
    entries = []
    for p in data_dir.rglob("*"):
        st = p.lstat()
        entries.append((str(p), st.st_mode, st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


def _directory(config: MkDocsConfig) -> Directory:
    project = _project(config)
    key = _fingerprint(project.data_dir)
    if _cache.get("key") != key:
        try:
            _cache["directory"] = pipeline.load(project)
        except DataInvalid as exc:
            _cache.clear()
            for error in exc.errors:
                log.error(str(error))
            for warning in exc.warnings:
                log.warning(str(warning))
            raise Abort(f"Aborted: {len(exc.errors)} data error(s). The previous site was left as it was.") from exc
        for warning in pipeline.warnings(project):  # files in data/ the build does not read
            log.warning(str(warning))
        _cache["key"] = key
        _cache.pop("pages", None)
    return _cache["directory"]  # type: ignore[return-value]


def _check_settings(config: MkDocsConfig) -> None:
    """Say once per process which deployment settings are missing; a release build refuses without them."""
    extra = config.extra
    settings = BuildSettings(site_url=config.site_url or "", editor_email=extra.get("editor_email") or "",
                             data_edit_url=extra.get("data_edit_url") or "")
    if not settings.missing():
        return
    if is_release(dict(os.environ)):
        raise Abort("Release build refused: set " + "; ".join(settings.missing()) + " (see README, 'Build settings').")
    if not _cache.get("settings_reported"):
        settings_log.warning(settings.missing_message())
        _cache["settings_reported"] = True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate before MkDocs cleans site_dir, so bad data never replaces a good site."""
    _check_settings(config)
    _directory(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    directory = _directory(config)
    project = _project(config)
    if "pages" not in _cache:
        _cache["pages"] = pipeline.render(project, directory)
    written, removed = pipeline.stage(project, directory, _cache["pages"])  # type: ignore[arg-type]
    if written or removed:
        log.info(f"ke_pages: wrote {written} and removed {removed} generated page(s)")


GENERATED_BODY_START = '<div class="ke-page"'
_bodies: dict[str, str] = {}


def on_page_markdown(markdown: str, *, page, config: MkDocsConfig, files) -> str:
    """Generated pages are finished, escaped HTML: skip Markdown for them (a third of the build time).

    The body passes through unchanged either way (it is one raw HTML block); this only saves the parse.
    """
    if markdown.lstrip().startswith(GENERATED_BODY_START):
        _bodies[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, *, page, config: MkDocsConfig, files) -> str:
    return _bodies.pop(page.file.src_uri, html)


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page is one page for every language: its switcher offers every front page.

    Without this it would inherit the alternates of whichever page the plugin rendered last.
    """
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None and getattr(i18n, "extra_alternate", None):
        config.extra.alternate = deepcopy(i18n.extra_alternate)
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    """Exports and the search index, once, over the finished site of every language.

    The nested nynorsk and English builds run this hook too (with i18n.building set): it is skipped there.
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    pipeline.extras(_project(config), Path(config.site_dir), _directory(config))
