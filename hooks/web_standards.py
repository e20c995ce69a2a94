"""MkDocs adapter, second half: where MkDocs, Material and mkdocs-static-i18n output falls short of web standards.

Each fix is measured by a tool we did not write (tests/test_web_standards.py: the W3C Nu Html Checker, a browser
recording every request; `make bench`: Lighthouse):

- hreflang alternates and the canonical URL must be absolute, so they exist only when `site_url` is configured
  (SITE_URL); the language switcher stays a plain relative link to the same page in another language;
- Material's JavaScript fetches `sitemap.xml` beside every `<link rel="alternate">` (a 404 on every page, the
  whole sitemap on the home page) to map languages: the switcher does not need it, so that one call is removed
  from the bundle when it is copied into the site;
- Material's two checkbox toggles carry `autocomplete`, which HTML allows on text-like inputs only;
- robots.txt, naming the sitemap when the site's address is known.

MkDocs-specific on purpose (like ke_pages.py): a move to another generator drops or rewrites this file.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def _site_relative(link: str, config: MkDocsConfig) -> str:
    """'/', '/en/' (or '/<base>/…' when site_url has a path) as site-relative '.' and 'en/'.

    mkdocs-static-i18n gives the home pages' alternates root-absolute links (which break when the site is
    served from another folder); every other page's alternates are site-relative already.
    """
    if not link.startswith("/") or link.startswith("//"):
        return link
    base = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    if link.startswith(base):
        link = link[len(base):]
    return link.lstrip("/") or "."


def on_page_context(context: dict, *, page, config: MkDocsConfig, nav) -> dict:
    """Switcher links site-relative; head alternates absolute, or none without a site URL.

    Runs after mkdocs-static-i18n's own on_page_context (priority 50), which fills `config.extra.alternate`
    (an attribute of its LegacyConfig, not a key) with the page's twin in every language.
    """
    alternates = getattr(config.extra, "alternate", None) or []
    for alternate in alternates:
        alternate["link"] = _site_relative(alternate.get("link", ""), config)
    # Relative hreflang fails search engines' checks: absolute from site_url, or left out.
    context["hreflang_links"] = [
        {"lang": alternate["lang"], "href": urljoin(config.site_url, "" if alternate["link"] == "." else alternate["link"])}
        for alternate in alternates
    ] if config.site_url else []
    return context


# Material 9.8.1's bundle sets up "alternate navigation" with this call; it fetches sitemap.xml relative to every
# <link rel="alternate"> to remap switcher clicks. The switcher already links to the same page in the other
# language, so the call is blanked (same length: the source map's columns stay right).
MATERIAL_ALTERNATE_SETUP = "ui({document$:ct});"
BLANKED = "/*ke*/".ljust(len(MATERIAL_ALTERNATE_SETUP))
# Checkboxes may not carry autocomplete (HTML: text-like inputs only); Material's two toggles do.
CHECKBOX_AUTOCOMPLETE = (
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
)


def _valid_toggles(html: str) -> str:
    for old, new in CHECKBOX_AUTOCOMPLETE:
        html = html.replace(old, new)
    return html


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    return _valid_toggles(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """404.html is rendered as a static template, not a page."""
    return _valid_toggles(output_content) if template_name.endswith(".html") else output_content


def drop_alternate_sitemap_fetch(site_dir: Path) -> None:
    """Blank Material's alternate-navigation setup in the copied bundle; fail loudly if Material changed."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"web_standards: expected one Material bundle, found {[b.name for b in bundles]}")
    text = bundles[0].read_text(encoding="utf-8")
    if BLANKED in text and MATERIAL_ALTERNATE_SETUP not in text:
        return  # already done (mkdocs serve copies unchanged theme files only once)
    if text.count(MATERIAL_ALTERNATE_SETUP) != 1:
        raise PluginError(
            f"web_standards: {MATERIAL_ALTERNATE_SETUP!r} not found once in {bundles[0].name}: Material was "
            "upgraded. Find its setupAlternate call (integrations/alternate) in the new bundle, or drop this "
            "step if Material no longer fetches sitemap.xml for <link rel=alternate>.")
    bundles[0].write_text(text.replace(MATERIAL_ALTERNATE_SETUP, BLANKED), encoding="utf-8")


def robots_txt(site_url: str) -> str:
    """Everything may be crawled; the sitemap is named only when its absolute address is known."""
    lines = ["User-agent: *", "Disallow:"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the nested per-language build: the outer build finishes the site once
    site_dir = Path(config.site_dir)
    drop_alternate_sitemap_fetch(site_dir)
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url or ""), encoding="utf-8")
