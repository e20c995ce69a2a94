"""The site's three languages (paths.LANGUAGES: bokmål at /, nynorsk at /nn/, English at /en/) have the same
pages, each in its own language: sources, built pages, the finder's links and the search index."""
from __future__ import annotations

import html
import json
import re
import subprocess
from urllib.parse import unquote, urljoin
from pathlib import Path

import yaml

from ke_finder.paths import DEFAULT_LANGUAGE, LANGUAGES, language_prefix, parse_source_file, source_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Folders of the built site that are not pages of one language, or not pages with the site's frame: the KE
# cards (embed/) are standalone pages for other sites' iframes, with no switcher (tests/test_embed.py).
NOT_PAGES = ("api", "assets", "pagefind", "schemas", "embed")


def test_languages_are_bokmal_nynorsk_english_in_that_order() -> None:
    assert LANGUAGES == ("nb", "nn", "en") and DEFAULT_LANGUAGE == "nb"
    assert [source_file("kommune/0301", lang) for lang in LANGUAGES] == [
        "kommune/0301.md", "kommune/0301.nn.md", "kommune/0301.en.md"]
    assert [language_prefix(lang) for lang in LANGUAGES] == ["", "nn/", "en/"]
    for lang in LANGUAGES:   # the inverse, as the hand-written page check and the bench read sources
        assert parse_source_file(source_file("guides/index", lang)) == ("guides/index", lang)


def test_mkdocs_builds_every_language_without_falling_back_to_bokmal() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert [lang["locale"] for lang in i18n["languages"]] == list(LANGUAGES)
    assert [lang["name"] for lang in i18n["languages"]] == ["Norsk (bokmål)", "Norsk (nynorsk)", "English"]
    # mkdocs-static-i18n falls back to the bokmål source for a page without its x.nn.md (its default, kept because
    # the fallback also carries the pages' relative links to docs/assets/); test_every_hand_written_page_exists_in_
    # every_language is what fails then.
    nn = i18n["languages"][1]
    assert nn["site_name"] == "Finn koordinerande eining"
    # Every nav title is translated (the bokmål nav's titles are the keys).
    for lang in i18n["languages"][1:]:
        titles = {title for item in config["nav"] for title in item}
        assert titles <= set(lang["nav_translations"]), (lang["locale"], titles - set(lang["nav_translations"]))


def hand_written_sources() -> dict[str, set[str]]:
    """Hand-written page sources (tracked by git; generated pages are git-ignored), by language."""
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    by_lang: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for name in tracked:
        if not name.endswith(".md"):
            continue
        page, lang = parse_source_file(name.removeprefix("docs/"))
        by_lang[lang].add(page)
    return by_lang


def test_every_hand_written_page_exists_in_every_language() -> None:
    sources = hand_written_sources()
    assert len(sources["nb"]) >= 15
    for lang in LANGUAGES[1:]:
        assert sources[lang] == sources["nb"], (
            lang, f"missing: {sorted(sources['nb'] - sources[lang])}", f"extra: {sorted(sources[lang] - sources['nb'])}")


def built_pages(site: Path, lang: str) -> set[str]:
    """Every HTML page of one language, as its path below that language's root."""
    root = site / language_prefix(lang)
    others = {language_prefix(other).rstrip("/") for other in LANGUAGES if other != lang and language_prefix(other)}
    pages = set()
    for page in root.rglob("*.html"):
        rel = page.relative_to(root).as_posix()
        if rel.split("/", 1)[0] in others or rel.split("/", 1)[0] in NOT_PAGES or rel == "404.html":
            continue
        pages.add(rel)
    return pages


def test_the_three_languages_have_the_same_pages(built_site: Path) -> None:
    pages = {lang: built_pages(built_site, lang) for lang in LANGUAGES}
    assert len(pages["nb"]) > 420 and "kommune/0301/index.html" in pages["nb"]
    for lang in LANGUAGES[1:]:
        assert pages[lang] == pages["nb"], (
            lang, f"missing: {sorted(pages['nb'] - pages[lang])[:20]}", f"extra: {sorted(pages[lang] - pages['nb'])[:20]}")


def test_every_page_says_its_language_and_offers_the_same_page_in_every_language(built_site: Path) -> None:
    for lang in LANGUAGES:
        for rel in sorted(built_pages(built_site, lang)):
            html = (built_site / language_prefix(lang) / rel).read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, (lang, rel)
            switcher = re.search(r'<div class="md-select".*?</div>', html, re.S).group(0)
            links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="\2" class="md-select__link">', switcher)
            assert [hreflang for _, hreflang in links] == list(LANGUAGES), (lang, rel)
            folder = rel[: -len("index.html")]
            here = "http://site/" + language_prefix(lang) + folder
            for href, target in links:
                assert not href.startswith(("/", "http")), (lang, rel, href)  # relative: works from any folder
                assert urljoin(here, href) == "http://site/" + language_prefix(target) + folder, (lang, rel, href)


def test_nynorsk_pages_use_nynorsk_interface_and_dates(built_site: Path) -> None:
    """Material's own nn strings (partials/languages/nn.html) and Babel's nn dates on a generated page."""
    nn = (built_site / "nn/kommune/3911/index.html").read_text(encoding="utf-8")
    nb = (built_site / "kommune/3911/index.html").read_text(encoding="utf-8")
    # Material's interface words: bokmål "Velg språk" / "Innholdsliste", nynorsk "Vel språk" / "Innhaldsliste"
    assert 'aria-label="Vel språk"' in nn and 'aria-label="Velg språk"' in nb
    assert 'aria-label="Innhaldsliste"' in nn and 'aria-label="Innholdsliste"' in nb
    assert "Finn koordinerande eining" in nn and "Finn koordinerende enhet" not in nn
    # the same date in the same form as bokmål ("23. november 2026"), from Babel's nn locale
    date = re.search(r"\d{1,2}\. (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"
                     r" \d{4}", nb).group(0)
    assert date in nn


def test_sitemap_names_every_language_of_every_page(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(entries) == len(built_pages(built_site, "nb")) * len(LANGUAGES)
    for entry in entries:
        assert sorted(re.findall(r'hreflang="([^"]+)"', entry)) == sorted(LANGUAGES), entry


def test_search_index_per_language_with_norwegian_stemming_for_nynorsk(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGUAGES)
    pages = len(built_pages(built_site, "nb"))
    for lang in LANGUAGES:
        assert entry["languages"][lang]["page_count"] >= pages - 5, lang
        # Pagefind ships a stemming WebAssembly for the language (nn, nb: the Snowball Norwegian stemmer).
        assert entry["languages"][lang]["wasm"] == lang
        assert (built_site / f"pagefind/wasm.{lang}.pagefind").is_file()


def test_nynorsk_search_finds_inflected_forms_in_nynorsk_pages(built_site: Path, page, site_url: str) -> None:
    from test_search import SEARCH

    # "habiliteringa" (nn definite singular) is written nowhere on the site: only stemming finds "habilitering".
    assert not any("habiliteringa" in p.read_text(encoding="utf-8").lower() for p in built_site.rglob("*.html"))
    page.goto(site_url + "nn/search/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "nn"
    inflected = page.evaluate(SEARCH, "habiliteringa")
    singular = page.evaluate(SEARCH, "habilitering")
    assert inflected and {r["url"] for r in inflected} & {r["url"] for r in singular}
    assert all(r["url"].startswith("/nn/") for r in singular + inflected), [r["url"] for r in singular + inflected]


def test_finder_on_a_nynorsk_page_leads_to_the_nynorsk_municipality_page(page, site_url: str) -> None:
    page.goto(site_url + "nn/", wait_until="networkidle")
    form = page.locator("form.ke-finder").first
    assert form.get_attribute("data-lang") == "nn"
    box = page.locator("#ke-finder-input")
    box.fill("Færder")
    page.locator("#ke-finder-list [role=option]").first.wait_for()
    box.press("Enter")
    page.wait_for_url("**/nn/kommune/3911/")
    assert page.evaluate("document.documentElement.lang") == "nn"
    # the same index file as every language: one shared finder index
    assert form.get_attribute("data-index").endswith("assets/finder-index.json")


def test_finder_without_javascript_leads_to_the_nynorsk_list(built_site: Path) -> None:
    html = (built_site / "nn/kommune/3911/index.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="ke-finder".*?>', html, re.S).group(0)
    # /nn/kommune/3911/ -> ../../fylke/ is /nn/fylke/; the finder's own links start at /nn/
    assert 'action="../../fylke/"' in form and 'data-root="../../../nn/"' in form and 'data-lang="nn"' in form


def test_nynorsk_page_links_its_nynorsk_vcard_and_carries_nynorsk_json_ld(built_site: Path) -> None:
    html = (built_site / "nn/kommune/3911/index.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+\.vcf)" download>', html).group(1)
    card = built_site / "nn/kommune/3911" / href
    assert href == "../../../api/v1/vcard/nn/kommune-3911.vcf" and card.resolve().is_file()
    assert "FN:Koordinerande eining – Færder kommune" in card.read_text(encoding="utf-8").replace("\r\n ", "")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["mainEntityOfPage"].endswith("/nn/kommune/3911/")
    assert {p["contactType"] for p in ld["contactPoint"]} == {"koordinerande eining"}


def _external_links(page: Path) -> list[str]:
    """Every link out of the site in the page's article, in order: the law and guideline references."""
    text = page.read_text(encoding="utf-8")
    body = text[text.find("<article"):text.rfind("</article>")]
    return [unquote(html.unescape(h)) for h in re.findall(r'<a [^>]*href="(https?://[^"]+)"', body)]


def test_nynorsk_guides_cite_the_same_laws_and_sources_as_bokmal(built_site: Path) -> None:
    """Translated, never rewritten: every Lovdata section, regulation and guideline link of a bokmål guide or
    about page is in its nynorsk twin, in the same order (issue 13: the same facts and law references)."""
    pages = sorted(p.parent.relative_to(built_site) for p in (built_site / "guides").rglob("index.html"))
    pages += [Path("about/data"), Path("about/accessibility"), Path("message-helper"), Path("logo")]
    checked = 0
    for page in pages:
        nb = _external_links(built_site / page / "index.html")
        nn = _external_links(built_site / "nn" / page / "index.html")
        assert nn == nb, f"{page}: nynorsk links differ from bokmål"
        checked += sum("lovdata.no" in h for h in nb)
    assert checked >= 40, checked   # the guides cite the acts dozens of times
