"""The theme overrides (overrides/*.html) speak every language of the site: bokmål, nynorsk and English.

The templates take their words from ke_finder/i18n.py through ke_t(key) (ke_finder/site/templating.py
theme_globals, which the MkDocs hook adds to the theme's environment), in the page's config.theme.language; the i18n
tests hold that table complete in every language. These tests check that no override keeps words of its own, that
every key it asks for exists, then render the self-contained partials for each language with StrictUndefined (a
missing word is an error, not an empty string) and check what a nynorsk page gets: nynorsk words and /nn/ links.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from jinja2 import nodes

from ke_finder.exports.feed import FEED_FILES
from ke_finder.i18n import STRINGS
from ke_finder.paths import LANGUAGES
from ke_finder.site.templating import theme_globals

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
TEMPLATES = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html"))
SITE_LANGUAGES = set(LANGUAGES)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES), undefined=jinja2.StrictUndefined,
                             autoescape=True)
    env.filters["url"] = lambda path: "/site/" + path  # MkDocs' url filter: relative to the site root
    env.globals.update(theme_globals(FEED_FILES))
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
def test_no_override_keeps_words_of_its_own(name: str) -> None:
    """Words live in the i18n table; a {"nb": …} table in a template would escape the i18n tests."""
    assert not language_dicts(name), f"{name} has its own table of words: move them to ke_finder/i18n.py"


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_word_an_override_asks_for_exists(name: str) -> None:
    keys = re.findall(r"ke_t\('([a-z_]+)'\)", (OVERRIDES / name).read_text(encoding="utf-8"))
    assert set(keys) <= set(STRINGS), sorted(set(keys) - set(STRINGS))


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_chooses_between_english_and_bokmal_only(name: str) -> None:
    source = (OVERRIDES / name).read_text(encoding="utf-8")
    assert not re.search(r"""language\s*==\s*["']en["']""", source), name
    assert not re.search(r"""\bif\s+(ke_)?en\b""", source), name


def test_templates_with_words_take_them_from_the_i18n_table() -> None:
    wordy = {"main.html", "partials/header.html", "partials/copyright.html", "partials/ke-correction.html",
             "partials/ke-finder.html"}
    assert wordy <= set(TEMPLATES)
    for name in wordy:
        assert "ke_t('" in (OVERRIDES / name).read_text(encoding="utf-8"), f"{name} asks the i18n table for no word"


def test_a_language_the_table_lacks_is_an_error_not_bokmal() -> None:
    with pytest.raises(KeyError):
        render("partials/copyright.html", "se")


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
