"""Render page specs to Markdown files whose body is escaped HTML.

The body is one raw HTML block, so Markdown never interprets data (a unit name like
`[x](javascript:…)` stays text) and Jinja's autoescape makes every value inert.
"""
from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import paths as P
from ..paths import relative_url
from ..i18n import bcp47, language_name, t
from ..model import Directory
from ..model.coverage import is_old_lead, is_stale, shows_as_ke
from .pages import PageSpec

_BABEL_LOCALE = {"nb": "nb", "en": "en_GB"}
SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def safe_href(url: str) -> str:
    """Only http(s), mailto and tel links; anything else becomes a dead '#'.

    Validation already refuses other schemes; this is the second lock on the door.
    """
    return url if isinstance(url, str) and url.lower().startswith(SAFE_SCHEMES) else "#"


def front_matter_value(text: str) -> str:
    """A YAML-safe, HTML-escaped scalar: Material prints page titles into <title> unescaped."""
    return Markup(json.dumps(html.escape(text, quote=True), ensure_ascii=False))


def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("ke_finder.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)  # one build, no stat() per page
    env.globals.update(t=t, language_name=language_name, bcp47=bcp47, is_stale=is_stale, is_old_lead=is_old_lead,
                       shows_as_ke=shows_as_ke, P=P, Markup=Markup)
    env.filters.update(safe_href=safe_href, fm=front_matter_value)
    return env


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
        return format_date(value, "long", locale=_BABEL_LOCALE[spec.lang])

    def tr(key: str, **values: object) -> Markup:
        """Translate with values escaped first, so a template may pass Markup links in."""
        escaped = {k: v if isinstance(v, Markup) else Markup.escape(v) for k, v in values.items()}
        return Markup(t(key, spec.lang)).format(**escaped) if values else Markup.escape(t(key, spec.lang))

    template = env.get_template(spec.template)
    return template.render(page=spec, lang=spec.lang, url=url, fmt_date=fmt_date, tr=tr, **shared, **spec.context)


def source_file_name(spec: PageSpec) -> str:
    """'kommune/0301' -> 'kommune/0301.md' (bokmål) or 'kommune/0301.en.md' (English)."""
    return f"{spec.path}.md" if spec.lang == "nb" else f"{spec.path}.{spec.lang}.md"
