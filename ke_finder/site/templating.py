"""The one Jinja2 environment of the site: autoescaping, strict, with the project's filters and globals.

Separate from render.py (which knows page specs) so that fragment templates such as the coverage map and the
quiz can be rendered on their own, by tests and helpers, without importing the page list.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .. import paths as P
from ..exports.jsonld import json_ld_text
from ..links import is_safe_link, mailto_href
from ..i18n import bcp47, language_name, law_name, t
from ..model.coverage import is_old_lead, is_stale, shows_as_ke
from .map_svg import svg_number

SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def safe_href(url: str) -> str:
    """Only http(s), mailto and tel links, and an http(s) link only with a host every browser reads alike
    (ke_finder/links.py: no backslash, no name@ before the host); anything else becomes a dead '#'.

    Validation already refuses other schemes and disguised hosts; this is the second lock on the door.
    """
    if not isinstance(url, str) or not url.lower().startswith(SAFE_SCHEMES):
        return "#"
    if url.lower().startswith(("https://", "http://")) and not is_safe_link(url):
        return "#"
    return url


def front_matter_value(text: str) -> Markup:
    """A YAML-safe, HTML-escaped scalar: Material prints page titles into <title> unescaped."""
    return Markup(json.dumps(html.escape(text, quote=True), ensure_ascii=False))


def json_ld_filter(data: dict[str, Any]) -> Markup:
    """JSON-LD text that is safe between <script> tags (see exports.jsonld.json_ld_text)."""
    return Markup(json_ld_text(data))


def law_citation(citation: str, lang: str) -> Markup:
    """An act cited from the data, as the page's language says it: nynorsk pages use the acts' nynorsk short names;
    English pages keep the Norwegian name and mark it lang="nb", so a screen reader pronounces it as Norwegian."""
    if lang == "en":
        return Markup('<span lang="nb">%s</span>') % citation
    return Markup.escape(law_name(citation, lang))


def address_breaks(text: str) -> Markup:
    """A web or e-mail address as shown, escaped, with a line-break opportunity (<wbr>) after each dot, slash
    and @: on a phone "www.kristiansand.kommune.no" wraps after "kristiansand." instead of inside a word."""
    return Markup(re.sub(r"([./@])(?=.)", r"\1<wbr>", str(Markup.escape(text))))


def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("ke_finder.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)  # one build, no stat() per page
    env.globals.update(t=t, language_name=language_name, law_citation=law_citation, bcp47=bcp47, is_stale=is_stale, is_old_lead=is_old_lead,
                       shows_as_ke=shows_as_ke, P=P, Markup=Markup)
    env.filters.update(safe_href=safe_href, mailto=mailto_href, address_breaks=address_breaks, fm=front_matter_value, json_ld=json_ld_filter, svg_number=svg_number)
    return env


def translator(lang: str) -> Any:
    """`tr(key, **values)` for templates: values are escaped first, so a template may pass Markup links in."""

    def tr(key: str, **values: object) -> Markup:
        escaped = {k: v if isinstance(v, Markup) else Markup.escape(v) for k, v in values.items()}
        return Markup(t(key, lang)).format(**escaped) if values else Markup.escape(t(key, lang))

    return tr


@lru_cache(maxsize=1)
def _fragment_environment() -> Environment:
    return make_environment()


def render_fragment(template: str, lang: str, **context: Any) -> str:
    """One fragment template (e.g. "_quiz.html.j2") rendered on its own, as a page would include it."""
    if lang not in P.LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; use one of: {', '.join(P.LANGUAGES)}")
    return _fragment_environment().get_template(template).render(lang=lang, tr=translator(lang), **context)


def _page_language(context: Context) -> str:
    """The language MkDocs builds the page in (mkdocs-static-i18n sets theme.language per language)."""
    env = context.environment
    return str(env.getattr(env.getattr(context["config"], "theme"), "language"))


@pass_context
def _theme_word(context: Context, key: str) -> str:
    return t(key, _page_language(context))


@pass_context
def _theme_root(context: Context) -> str:
    return P.language_prefix(_page_language(context))


def theme_globals(feed_files: Mapping[str, str]) -> dict[str, Any]:
    """What the theme overrides (overrides/*.html) call: ke_t(key) — a word of the i18n table in the page's
    language, a KeyError for a language the table lacks (never another language's word) —, ke_root() — the
    language's folder ('', 'nn/', 'en/') —, ke_feed() — its change feed — and ke_mailto(address, subject=…) — a
    mailto: link with every part percent-encoded (ke_finder/links.py). One table of words for the theme and
    the generated pages; the MkDocs hook adds these to the theme's Jinja environment, with the exports' feed files."""

    @pass_context
    def feed(context: Context) -> str:
        return feed_files[_page_language(context)]

    return {"ke_t": _theme_word, "ke_root": _theme_root, "ke_feed": feed, "ke_mailto": mailto_href}
