"""The embeddable KE card, /embed/<id>/ in every language (ke_finder/site/embed.py, templates/embed.html.j2)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ke_finder.paths import LANGUAGES, language_prefix
from ke_finder.site.csp import policy_for
from ke_finder.source.load import load_directory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data")


def card(site: Path, lang: str, entry: str) -> str:
    return (site / f"{language_prefix(lang)}embed/{entry}/index.html").read_text(encoding="utf-8")


def test_every_municipality_and_trust_has_a_card_in_every_language(built_site: Path, directory) -> None:
    for lang in LANGUAGES:
        folder = built_site / language_prefix(lang) / "embed"
        names = {p.name for p in folder.iterdir()}
        assert names == ({f"kommune-{n}" for n in directory.municipalities}
                         | {f"helseforetak-{t}" for t in directory.hospital_trusts}), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_card_has_no_script_no_third_party_request_and_its_own_policy(built_site: Path, lang: str) -> None:
    html = card(built_site, lang, "kommune-3911")
    assert f'<html lang="{lang}">' in html
    assert "<script" not in html and "style=" not in html and "<iframe" not in html
    # the site's one policy (site/csp.py), once, first in <head>: the card's links and images are the site's own
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    assert f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">' in html
    assets = "../../" + "../" * language_prefix(lang).count("/") + "assets/"
    assert f'href="{assets}embed.css"' in html and f'src="{assets}logo.svg"' in html
    assert (built_site / "assets/embed.css").is_file() and (built_site / "assets/logo.svg").is_file()
    # every src/href is the site's own or a contact link; nothing loads from another host
    for attr, url in re.findall(r'(src|href)="([^"]+)"', html):
        assert attr == "href" or not url.startswith(("http:", "https:", "//")), url


def test_a_card_shows_the_ke_as_the_page_does_and_opens_the_full_page_on_top(built_site: Path) -> None:
    html = card(built_site, "nb", "kommune-3911")
    page = (built_site / "kommune/3911/index.html").read_text(encoding="utf-8")
    for shown in ('href="tel:+4795193480">95 19 34 80</a>', "Tjenestekontoret - ekspedisjon", "kl. 09:00–14:00",
                  "Lest 23. november 2026 fra en lagret kopi av siden"):
        assert shown in html and shown in page, shown
    assert '<a href="../../kommune/3911/" target="_top">Mer om koordinerende enhet for Færder kommune</a>' in html
    assert all('target="_top"' in a for a in re.findall(r'<a href="http[^>]*>', html))


def test_a_related_page_is_never_shown_as_the_kes_page(built_site: Path) -> None:
    html = card(built_site, "nb", "kommune-1804")
    assert "https://bodo.kommune.no/IP/" in html
    assert "Nettsiden til koordinerende enhet" not in html and "Vi vet ennå ikke hvordan du kontakter" in html
