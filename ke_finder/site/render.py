"""Render page specs to Markdown files whose body is escaped HTML.

The body is one raw HTML block, so Markdown never interprets data (a unit name like
`[x](javascript:…)` stays text) and Jinja's autoescape makes every value inert.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from jinja2 import Environment

from ..paths import relative_url, source_file
from ..model import Directory
from .pages import PageSpec
from .templating import SAFE_SCHEMES, front_matter_value, make_environment, safe_href, translator

__all__ = ["SAFE_SCHEMES", "front_matter_value", "make_environment", "render_page", "safe_href", "shared_context",
           "source_file_name"]

# Babel's locale per site language (dates such as "1. desember 2026"; nynorsk has its own month and weekday names).
BABEL_LOCALE = {"nb": "nb", "nn": "nn", "en": "en_GB"}


def shared_context(directory: Directory, today: date | None = None) -> dict[str, Any]:
    """Data every template may use, computed once per build rather than once per page."""
    return {"helpline": directory.helpline, "service_catalog": directory.services,
            "trust_names": {t.id: t.name for t in directory.hospital_trusts.values()},
            "today": today or directory.today}


def render_page(env: Environment, spec: PageSpec, shared: dict[str, Any]) -> str:
    """The Markdown source of one page (front matter + HTML body)."""

    def url(to_path: str) -> str:
        return relative_url(spec.path, to_path)

    def fmt_date(value: date) -> str:
        return format_date(value, "long", locale=BABEL_LOCALE[spec.lang])

    template = env.get_template(spec.template)
    return template.render(page=spec, lang=spec.lang, url=url, fmt_date=fmt_date, tr=translator(spec.lang), **shared, **spec.context)


def source_file_name(spec: PageSpec) -> str:
    """'kommune/0301' -> 'kommune/0301.md' (bokmål), 'kommune/0301.nn.md', 'kommune/0301.en.md'."""
    return source_file(spec.path, spec.lang)
