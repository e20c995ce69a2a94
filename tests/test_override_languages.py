"""The theme overrides (overrides/*.html) speak every language of the site: bokmål, nynorsk and English.

The templates keep their words in small dicts keyed by language ({"nb": …, "nn": …, "en": …}) and look them up with
the page's config.theme.language. These tests parse every override with Jinja and check that each such dict has all
three languages, then render the self-contained partials for each language with StrictUndefined (a missing word is
an error, not an empty string) and check what a nynorsk page gets: nynorsk words and /nn/ links.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from jinja2 import nodes

from ke_finder.paths import LANGUAGES

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
TEMPLATES = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html"))
SITE_LANGUAGES = {"nb", "nn", "en"}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES), undefined=jinja2.StrictUndefined,
                             autoescape=True)
    env.filters["url"] = lambda path: "/site/" + path  # MkDocs' url filter: relative to the site root
    return env


def language_dicts(name: str) -> list[nodes.Dict]:
    env = environment()
    tree = env.parse(env.loader.get_source(env, name)[0])
    return [d for d in tree.find_all(nodes.Dict)
            if any(isinstance(p.key, nodes.Const) and p.key.value in SITE_LANGUAGES for p in d.items)]


def render(name: str, lang: str, **extra: object) -> str:
    config = SimpleNamespace(theme=SimpleNamespace(language=lang),
                             extra=SimpleNamespace(editor_email="post@example.no", data_edit_url="https://example.no/edit/"))
    page = SimpleNamespace(title="Bodø", meta=SimpleNamespace(data_file="data/municipalities/1804-bodo.yaml",
                                                              correction_entry="1804"))
    return environment().get_template(name).render(config=config, page=page, base_url="/site", **extra)


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_word_table_has_every_language(name: str) -> None:
    for table in language_dicts(name):
        keys = {p.key.value for p in table.items if isinstance(p.key, nodes.Const)}
        assert keys == SITE_LANGUAGES, f"{name} line {table.lineno}: {sorted(keys)}"
        values = {p.value.value for p in table.items if isinstance(p.value, nodes.Const)}
        if values == {"", "nn/", "en/"}:
            continue  # the URL prefix of each language: bokmål's is the site root
        for pair in table.items:
            value = pair.value
            assert not (isinstance(value, nodes.Const) and not str(value.value).strip()), \
                f"{name} line {table.lineno}: empty {pair.key.value}"
    assert set(LANGUAGES) <= SITE_LANGUAGES


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_chooses_between_english_and_bokmal_only(name: str) -> None:
    source = (OVERRIDES / name).read_text(encoding="utf-8")
    assert not re.search(r"""language\s*==\s*["']en["']""", source), name
    assert not re.search(r"""\bif\s+(ke_)?en\b""", source), name


def test_word_tables_exist_where_there_are_words() -> None:
    wordy = {"main.html", "partials/header.html", "partials/copyright.html", "partials/ke-correction.html",
             "partials/ke-finder.html"}
    assert wordy <= set(TEMPLATES)
    for name in wordy:
        assert language_dicts(name), f"{name} has no word table"


@pytest.mark.parametrize("lang", sorted(SITE_LANGUAGES))
@pytest.mark.parametrize("name", ["partials/copyright.html", "partials/ke-correction.html", "partials/ke-finder.html"])
def test_partials_render_in_every_language(name: str, lang: str) -> None:
    html = render(name, lang)
    prefix = "" if lang == "nb" else lang + "/"
    assert f'href="/site/{prefix}' in html
    for other in SITE_LANGUAGES - {lang, "nb"}:
        assert f'href="/site/{other}/' not in html, f"{name} in {lang} links to {other}"


def test_nynorsk_finder_leads_to_nynorsk_pages() -> None:
    html = render("partials/ke-finder.html", "nn")
    assert 'data-lang="nn"' in html and 'data-root="/site/nn/"' in html
    assert 'action="/site/nn/fylke/"' in html
    assert "Til dømes Bodø" in html and "Eller sjå alle kommunane" in html


def test_nynorsk_footer_and_correction_box_are_nynorsk() -> None:
    footer = render("partials/copyright.html", "nn")
    assert "Tilgjengelegheitserklæring" in footer and "Kjelder" in footer and "Om nettstaden" in footer
    assert 'href="/site/nn/about/accessibility/"' in footer
    box = render("partials/ke-correction.html", "nn")
    assert "Føreslå ei retting" in box and "Opplysningane på sida ligg i fila" in box
    assert 'href="/site/nn/correction/?entry=1804"' in box
    assert "Retting%3A%20Bod" in box or "Retting:" in box
    for bokmål in ("ikke", "Opplysningene", "Kilder", "Foreslå en rettelse"):
        assert bokmål not in footer and bokmål not in box


def test_404_speaks_all_three_languages_with_lang_attributes() -> None:
    source = (OVERRIDES / "404.html").read_text(encoding="utf-8")
    for lang, words, front in (("nb", "Fant ikke siden", "{{ root }}\""), ("nn", "Fann ikkje sida", "{{ root }}nn/\""),
                               ("en", "Page not found", "{{ root }}en/\"")):
        assert f'<span lang="{lang}">{words}</span>' in source
        assert f'<div lang="{lang}">' in source
        assert f'href="{front}' in source
