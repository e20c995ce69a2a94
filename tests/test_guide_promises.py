"""What the guides promise KE staff and user organisations, checked against what the built site does: one test
per promise (issue 20). The form's behaviour in a build with and without the editors' address is walked in a
browser by tests/test_correction.py; here the guides' words are held to the labels and pages that exist."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ke_finder.i18n import t
from ke_finder.paths import LANGUAGES, language_prefix
from test_js_text import text_literal

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = {"nb": "", "nn": ".nn", "en": ".en"}


def guide(name: str, lang: str) -> str:
    return (ROOT / f"docs/guides/{name}{SUFFIX[lang]}.md").read_text(encoding="utf-8")


def built_guide(site: Path, name: str, lang: str) -> str:
    return (site / language_prefix(lang) / f"guides/{name}/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def form_words() -> dict[str, dict[str, str]]:
    """The correction form's words per language, as its script has them (docs/assets/correction.js)."""
    node = shutil.which("node")
    assert node, "node is needed (npm tools need it too)"
    literal = text_literal((ROOT / "docs/assets/correction.js").read_text(encoding="utf-8"))
    out = subprocess.run([node, "-e", 'process.stdout.write(JSON.stringify(eval("(" + require("fs")'
                          '.readFileSync(0, "utf8") + ")")))'], input=literal, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


QUOTE = {"nb": ("«", "»"), "nn": ("«", "»"), "en": ('"', '"')}


def quoted(text: str, lang: str) -> str:
    left, right = QUOTE[lang]
    return f"{left}{text}{right}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ke_staff_guide_names_the_forms_buttons_as_the_form_labels_them(form_words, lang: str) -> None:
    """Send e-post (a build with the editors' address), Copy the change (one without), everything is correct."""
    text, words = guide("ke-staff", lang), form_words[lang]
    for key in ("sendMail", "copy", "allButton"):
        assert quoted(words[key], lang) in text, (lang, key, words[key])
    assert quoted(t("suggest_correction", lang), lang) in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_page_promises_the_message_and_the_one_step_confirmation(form_words, lang: str) -> None:
    page = (ROOT / f"docs/correction{SUFFIX[lang]}.md").read_text(encoding="utf-8")
    assert "laste ned og sende" not in page and "download and send" not in page
    assert form_words[lang]["allButton"]  # the one step the page promises is a button of the form


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_guide_sends_corrections_to_websites_or_promises_the_footer_address(lang: str) -> None:
    for name in ("ke-staff", "user-organisations"):
        text = guide(name, lang).lower()
        for promise in ("nederst på hver side", "nedst på kvar side", "bottom of every page", "not ready yet",
                        "ikke ferdig ennå", "ikkje ferdig enno", "makes the file and the e-mail for you",
                        "lager fila og e-posten for deg", "lagar fila og e-posten for deg"):
            assert promise not in text, (name, lang, promise)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_card_addresses_the_guide_gives_exist(built_site: Path, lang: str) -> None:
    text = guide("ke-staff", lang)
    for path in re.findall(r"`((?:nn/|en/)?embed/[a-z0-9-]+/)`", text) + re.findall(
            r'https://nettstedet\.example/((?:nn/|en/)?embed/[a-z0-9-]+/)"', text):
        assert (built_site / path / "index.html").is_file(), path
    iframe = re.search(r'<iframe src="https://nettstedet\.example/([^"]+)"', text).group(1)
    assert iframe.startswith(f"{language_prefix(lang)}embed/")
    card = (built_site / iframe / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in card
    page = re.search(r'<a href="https://nettstedet\.example/([^"]+)">', text).group(1)
    assert (built_site / page / "index.html").is_file(), page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coverage_overview_the_guide_links_is_there_with_map_tables_and_figures(built_site: Path,
                                                                                     lang: str) -> None:
    html = built_guide(built_site, "user-organisations", lang)
    assert 'href="../../dekning/"' in html
    coverage = (built_site / language_prefix(lang) / "dekning/index.html").read_text(encoding="utf-8")
    for key in ("coverage_map", "coverage_map_table", "coverage_by_county", "coverage_by_trust"):
        assert t(key, lang) in coverage, key
    assert quoted(t("suggest_correction", lang), lang) in guide("user-organisations", lang)
    assert t("suggest_correction", lang) in (built_site / language_prefix(lang) / "kommune/3911/index.html").read_text(
        encoding="utf-8")
