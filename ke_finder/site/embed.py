"""The KE card other sites embed: `/embed/<id>/` (and `/nn/embed/<id>/`, `/en/embed/<id>/`) for every
municipality and hospital trust.

KE is hard to find, and a common logo helps people recognise it; so a municipality or hospital can show its KE's
card on its own pages, in an iframe, always as current as this site. The cards are small standalone HTML files
written in the extras step (templates/embed.html.j2, autoescaped like every page), not MkDocs pages: 1,100-odd
more Markdown pages would slow the whole build for files that need no theme, navigation or search.

Each card shows what the KE's page shows, decided by the same model helpers (coverage.shows_as_ke: a related page
or an old lead is never shown as the KE's contact), with the evidence sentence and date, and links with
target="_top" so the full page opens in the window, not inside the host's frame. No script, no cookies, no
third-party request: the site's one content security policy (site/csp.py, the same meta tag every page carries)
allows only the site's own stylesheet and logo; the card holds no script for it to allow.
`/embed/` is the only part of the site other sites may frame (see the sample host configurations).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment

from ..model import Directory
from ..model.coverage import shows_as_ke
from ..paths import LANGUAGES, language_prefix, municipality_path, relative_url, trust_path
from .csp import with_policy
from .render import BABEL_LOCALE
from .templating import make_environment, translator

EMBED_DIR = "embed"


def embed_id(entity: Any) -> str:
    """'kommune-1804', 'helseforetak-unn': the card's folder, the same id as the KE's."""
    return f"helseforetak-{entity.id}" if hasattr(entity, "region_id") else f"kommune-{entity.number}"


def embed_path(entity: Any) -> str:
    return f"{EMBED_DIR}/{embed_id(entity)}"


def _card(env: Environment, directory: Directory, lang: str, entity: Any) -> str:
    if hasattr(entity, "region_id"):
        ke, owner, page, unknown = entity.ke, entity.name, trust_path(entity.id), "unknown_ke_trust"
        place = entity.name
    else:
        ke, page, unknown = directory.ke_for(entity), municipality_path(entity.number), "unknown_ke"
        owner = str(translator(lang)("municipality_org", name=entity.name))
        place = entity.name
    path = embed_path(entity)
    root = "../" * (path.count("/") + 1 + language_prefix(lang).count("/"))  # to the site's root (assets/)
    return with_policy(env.get_template("embed.html.j2").render(
        lang=lang, tr=translator(lang), ke=ke, shown=shows_as_ke(ke, directory.today), owner=owner, place=place,
        unknown=unknown, full_page=relative_url(path, page), assets=root + "assets/",
        fmt_date=lambda value: format_date(value, "long", locale=BABEL_LOCALE[lang])))


def embed_cards(directory: Directory) -> dict[str, str]:
    """Site-relative path -> HTML of every card in every language."""
    env = make_environment()
    owners: list[Any] = [*directory.municipalities.values(), *directory.hospital_trusts.values()]
    cards = {}
    for lang in LANGUAGES:
        for entity in owners:
            cards[f"{language_prefix(lang)}{embed_path(entity)}/index.html"] = _card(env, directory, lang, entity)
    return cards


def write_embed_cards(directory: Directory, site_dir: Path) -> int:
    """Write the cards into the built site; returns how many."""
    cards = embed_cards(directory)
    for rel, html in cards.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return len(cards)
