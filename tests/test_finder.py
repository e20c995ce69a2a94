"""The finder: name folding, the index, and typing real queries in headless Chromium."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import ROOT
from ke_finder.exports.finder_index import build_finder_index, search_keys
from ke_finder.source.load import load_directory
from ke_finder.model.names import fold


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data")


@pytest.mark.parametrize("name, folded", [
    ("Bodø", "bodo"), ("Bærum", "baerum"), ("Tromsø", "tromso"), ("Kárášjohka - Karasjok", "karasjohka karasjok"),
    ("Porsáŋgu", "porsangu"), ("Våler (Østfold)", "valer ostfold"), ("Stïentje", "stientje"),
    ("Guovdageaidnu", "guovdageaidnu"), ("Unjárga", "unjarga"), ("Evenášši", "evenassi"), ("  AURLAND ", "aurland"),
    # invisible characters typed or pasted into the box are dropped, not turned into word breaks
    ("Bo\u200bdø", "bodo"), ("\u202eBærum\u202c", "baerum"), ("Trom\u00adsø\ufeff", "tromso"),
    ("Kárá\u2066šjohka\U000E0001", "karasjohka"),
])
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_finder_js_drops_the_same_invisible_characters_as_python() -> None:
    """The mirror of ke_finder/characters.py INVISIBLE in docs/assets/finder.js, character for character."""
    from ke_finder.source.rules import INVISIBLE_JS
    script = (ROOT / "docs/assets/finder.js").read_text(encoding="utf-8")
    assert f"var INVISIBLE = /{INVISIBLE_JS}/gu;" in script
    assert 'String(text).replace(INVISIBLE, "").toLowerCase()' in script


def test_search_keys_cover_both_ways_of_typing_norwegian_letters() -> None:
    keys = search_keys(("Bærum",))
    assert {"baerum", "barum"} <= set(keys)
    assert {"tromso", "tromsoe"} <= set(search_keys(("Tromsø",)))
    assert {"asnes", "aasnes"} <= set(search_keys(("Åsnes",)))


def test_index_has_every_municipality_and_postal_code(directory) -> None:
    index = build_finder_index(directory)
    assert len(index["m"]) == 357
    codes = [entry[:4] for joined in index["p"].values() for entry in joined.split("\t")]
    assert len(codes) == len(set(codes)) == 5122


def test_index_is_within_budget(built_site: Path) -> None:
    raw = (built_site / "assets/finder-index.json").read_bytes()
    size = len(gzip.compress(raw, 9))
    print(f"finder index: {len(raw)} bytes, {size} bytes gzip")
    assert size < 60_000


# ---- in the browser ------------------------------------------------------------------------

def _prepared(page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_function("window.KEFinder !== undefined")
    page.evaluate("""async () => {
        const raw = await (await fetch(document.querySelector('form.ke-finder').dataset.index)).json();
        window.__index = KEFinder.prepare(raw);
    }""")


def test_every_official_name_and_its_ascii_form_finds_the_municipality(page, site_url: str, directory) -> None:
    _prepared(page, site_url)
    queries = []
    for m in directory.municipalities.values():
        for name in set(m.all_names) | {part for n in m.all_names for part in n.split(" - ")}:
            queries.append((m.number, name))
            queries.append((m.number, fold(name)))
    results = page.evaluate("""qs => qs.map(([n, q]) => [n, q, KEFinder.fold(q),
            KEFinder.search(window.__index, q).suggestions.map(s => s.number)])""", queries)
    shared_names = {"heroy", "valer"}
    problems = []
    for number, query, js_folded, found in results:
        if js_folded != fold(query):
            problems.append(f"fold differs for {query!r}: js {js_folded!r} python {fold(query)!r}")
        elif number not in found:
            problems.append(f"{query!r} does not find {number}: {found[:3]}")
        elif found[0] != number and fold(query) not in shared_names:
            problems.append(f"{query!r} finds {found[0]} before {number}")
    assert not problems, problems[:20]
    assert len(results) >= 2 * 357  # every municipality, at least its name and its folded name


INVISIBLE_QUERIES = [
    ("1804", "Bo\u200bdø"), ("1804", "\u202eBodø"), ("3201", "Bæ\u00adrum"), ("5501", "Trom\u2060so\ufe0f"),
    ("5610", "Kárá\u200dšjohka"), ("5622", "Porsá\U000E0020ŋgu"), ("0301", "O\u2067s\u2069lo"),
]


def test_invisible_characters_typed_into_the_finder_still_find_the_name(page, site_url: str) -> None:
    _prepared(page, site_url)
    results = page.evaluate("""qs => qs.map(([n, q]) => [n, q, KEFinder.fold(q),
            KEFinder.search(window.__index, q).suggestions.map(s => s.number)])""", INVISIBLE_QUERIES)
    for number, query, js_folded, found in results:
        assert js_folded == fold(query), (query, js_folded)
        assert found and found[0] == number, (query, found)


def test_ambiguous_names_offer_both_with_their_county(page, site_url: str) -> None:
    _prepared(page, site_url)
    found = page.evaluate("KEFinder.search(window.__index, 'Heroy').suggestions")
    assert [(s["number"], s["detail"]) for s in found[:2]] == [("1515", "Møre og Romsdal"), ("1818", "Nordland")]


def _type(page, text: str) -> None:
    box = page.get_by_role("combobox")
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=20)
    # A status that is not the loading message ("Henter kommunelisten …"): the index is there.
    page.wait_for_function("(s => s.length > 0 && !s.endsWith('…'))"
                           "(document.querySelector('.ke-finder__status').textContent.trim())")


@pytest.mark.parametrize("query, expected", [
    ("Kárášjohka", "kommune/5610/"),
    ("karasjok", "kommune/5610/"),
    ("Porsáŋgu", "kommune/5622/"),
    ("Bodo", "kommune/1804/"),
    ("Baerum", "kommune/3201/"),
    ("Tromso", "kommune/5501/"),
    ("8006", "kommune/1804/"),
    ("0150", "kommune/0301/"),
    ("0301", "kommune/0301/"),
])
def test_typing_and_enter_goes_to_the_municipality(page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    _type(page, query)
    assert page.get_by_role("combobox").get_attribute("aria-expanded") == "true"
    page.get_by_role("combobox").press("Enter")
    page.wait_for_url(site_url + expected)
    assert page.locator("h1").count() == 1


def test_english_finder_leads_to_english_pages(page, site_url: str) -> None:
    page.goto(site_url + "en/kommune/0301/")
    _type(page, "Tromso")
    assert "suggestion" in page.locator(".ke-finder__status").text_content()
    page.get_by_role("combobox").press("Enter")
    page.wait_for_url(site_url + "en/kommune/5501/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_keyboard_only_arrows_escape_and_enter(page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("Tab")  # skip link
    for _ in range(10):
        if page.evaluate("document.activeElement.getAttribute('role')") == "combobox":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ke-finder-input"
    page.keyboard.type("Heroy")
    page.wait_for_selector("#ke-finder-option-1")
    status = page.locator(".ke-finder__status").text_content()
    assert status.startswith("2 forslag")
    box = page.get_by_role("combobox")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "ke-finder-option-0"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "ke-finder-option-1"
    assert page.locator("#ke-finder-option-1").get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "kommune/1818/")


def test_click_on_a_suggestion(page, site_url: str) -> None:
    page.goto(site_url)
    _type(page, "Våler")
    page.get_by_role("option", name=re.compile("Innlandet")).click()
    page.wait_for_url(site_url + "kommune/3419/")


def test_postal_code_outside_any_municipality_gets_an_honest_answer(page, site_url: str) -> None:
    page.goto(site_url)
    _type(page, "9170")
    status = page.locator(".ke-finder__status").text_content()
    assert "Svalbard" in status and "ikke en kommune" in status and "800 30 061" in status
    assert page.get_by_role("combobox").get_attribute("aria-expanded") == "false"


def test_unknown_name_says_so(page, site_url: str) -> None:
    page.goto(site_url + "en/")
    _type(page, "Atlantis")
    assert "No municipality found" in page.locator(".ke-finder__status").text_content()


def test_without_javascript_county_links_lead_to_the_municipality(chromium, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("link", name="Nordland", exact=True).first.click()
    page.wait_for_url(site_url + "fylke/18/")
    page.get_by_role("link", name="Bodø", exact=True).click()
    page.wait_for_url(site_url + "kommune/1804/")
    context.close()


def test_finder_works_at_320px(chromium, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    _type(page, "Bodo")
    option = page.locator("#ke-finder-option-0")
    box = option.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320
    option.tap()
    page.wait_for_url(site_url + "kommune/1804/")
    context.close()


def test_copy_contact_details_for_hospital_staff(chromium, site_url: str) -> None:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "kommune/3911/")
    page.get_by_role("button", name="Kopier kontaktinformasjonen").first.click()
    page.wait_for_function("document.querySelector('.ke-copy-status').textContent === 'Kopiert'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines()[0] == "Koordinerende enhet for Færder kommune"  # whose KE, by name
    assert "Telefon: 95 19 34 80 (Tjenestekontoret - ekspedisjon)" in copied
    assert "Nettside: https://faerder.kommune.no/tjenester/helse-og-omsorg/tjenestekontoret/koordinerende-enhet/" in copied
    assert "Elektronisk adresse" not in copied  # the HER-id is copied only when known
    # How the details were read (a stored copy), never "hentet" (that would claim someone checked the live page).
    assert copied.splitlines()[-1] == (
        "Ikke bekreftet av koordinerende enhet. Kilde (lest 23. november 2026 fra en lagret kopi av siden): "
        "https://faerder.kommune.no/tjenester/helse-og-omsorg/tjenestekontoret/koordinerende-enhet/")
    assert "hentet" not in copied
    context.close()


def test_finder_at_200_percent_zoom(chromium, site_url: str) -> None:
    """200 % zoom of a 1280×900 window is a 640×450 CSS-pixel viewport at twice the pixel density."""
    context = chromium.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + "en/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    _type(page, "Porsanger")
    option = page.locator("#ke-finder-option-0")
    option.scroll_into_view_if_needed()
    box = option.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 640
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "en/kommune/5622/")
    context.close()
