"""Issue 21, points 7, 8 and 13: names people use (Sami and Kven town names, "<place> sentrum", postal codes
typed with a space, hospitals by their own names), a topic typed into the finder, and a shareable message-helper
link. The names come from data/place-names.yaml, each with its source."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ke_finder.exports.finder_index import build_finder_index
from ke_finder.source.errors import DataInvalid
from ke_finder.source.load import load_directory

PREFIX = {"nb": "", "nn": "nn/", "en": "en/"}


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data")


def test_every_name_has_its_source_and_reaches_the_index(directory) -> None:
    assert {(t.name, t.municipality_number) for t in directory.town_names} >= {("Romsa", "5501"), ("Tromssa", "5501")}
    names = {h.name: h.trust_id for h in directory.hospital_names}
    assert names["Rikshospitalet"] == names["Radiumhospitalet"] == names["Aker sykehus"] == "ous"
    assert names["Haukeland universitetssjukehus"] == "helse-bergen"
    assert all(re.match(r"https://\S+$", n.source) for n in [*directory.town_names, *directory.hospital_names])
    index = build_finder_index(directory)
    tromso = next(row for row in index["m"] if row[0] == "5501")
    assert {"romsa", "tromssa"} <= set(tromso[3].split("|"))
    assert {row[2] for row in index["h"] if row[1] != row[3]} == {"ous", "helse-bergen", "vestre-viken", "st-olavs", "unn",
                                                               "helse-more-og-romsdal"}
    assert {row[2] for row in index["h"] if row[1] == row[3]} == set(directory.hospital_trusts)


def test_a_name_for_an_unknown_municipality_or_trust_or_a_name_twice_is_an_error(data_dir) -> None:
    (data_dir / "place-names.yaml").write_text(
        "towns:\n"
        "- {name: Romsa, language: se, municipality: '9999', source: 'https://example.org/a'}\n"
        "hospitals:\n"
        "- {name: Ullevål sykehus, hospital_trust: nope, source: 'https://example.org/b'}\n"
        "- {name: Romsa, hospital_trust: nope, source: 'https://example.org/c'}\n", encoding="utf-8")
    with pytest.raises(DataInvalid) as failed:
        load_directory(data_dir)
    said = str(failed.value)
    assert "place-names.yaml:2:" in said and "no municipality has the number 9999" in said
    assert "no hospital trust has the id 'nope'" in said and "'Romsa' is listed twice" in said


def _type(page, text: str) -> str:
    box = page.get_by_role("combobox")
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=5)
    page.wait_for_function("document.querySelector('.ke-finder__status').textContent.length > 0")
    return page.locator(".ke-finder__status").text_content()


def _enter(page, site_url: str, prefix: str, query: str) -> str:
    """Type on the language's home page and press Enter; the path it leads to."""
    page.goto(site_url + prefix)
    _type(page, query)
    with page.expect_navigation():
        page.get_by_role("combobox").press("Enter")
    return page.url[len(site_url) - 1:]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_names_people_use_lead_to_the_right_page(page, site_url: str, lang: str) -> None:
    prefix = PREFIX[lang]
    root = "/" + prefix
    for query, path in [("Romsa", "kommune/5501/"), ("Tromssa", "kommune/5501/"), ("Stryn sentrum", "kommune/4651/"),
                        ("Bodø sentrum", "kommune/1804/"), ("0 450", "kommune/0301/"), ("04 50 Oslo", "kommune/0301/"),
                        ("Rikshospitalet", "helseforetak/ous/"), ("Ullevål", "helseforetak/ous/"),
                        ("Radiumhospitalet", "helseforetak/ous/"), ("Aker sykehus", "helseforetak/ous/"),
                        ("Haukeland universitetssykehus", "helseforetak/helse-bergen/"),
                        ("Orkdal sjukehus", "helseforetak/st-olavs/"), ("UNN Harstad", "helseforetak/unn/"),
                        ("Drammen sykehus", "helseforetak/vestre-viken/"),
                        # a trust by its own name, with or without "HF"
                        ("Sørlandet sykehus", "helseforetak/sorlandet-sykehus/"),
                        ("Helse Stavanger HF", "helseforetak/helse-stavanger/")]:
        assert _enter(page, site_url, prefix, query) == root + path, query
    # "Haukeland" is a hospital and a postal place in Bergen: both are offered, Enter does not choose.
    page.goto(site_url + prefix)
    _type(page, "Haukeland")
    options = page.get_by_role("option").all_inner_texts()
    assert len(options) == 2 and any("Helse Bergen HF" in o for o in options) and any("Bergen" in o for o in options)
    page.get_by_role("combobox").press("Enter")
    page.wait_for_timeout(300)
    assert page.url == site_url + prefix


@pytest.mark.parametrize("lang, topic, guide", [("nb", "koordinator for barn", "guides/coordinator/"),
                                                ("nn", "koordinator for barn", "nn/guides/coordinator/"),
                                                ("en", "care coordinator", "en/guides/coordinator/")])
def test_a_topic_in_the_finder_is_answered_with_a_search(page, site_url: str, lang: str, topic: str,
                                                         guide: str) -> None:
    page.goto(site_url + PREFIX[lang])
    status = _type(page, topic)
    assert topic in status and not re.search(r"stavemåten|spelling", status)
    assert topic in page.get_by_role("option").inner_text()
    with page.expect_navigation():
        page.get_by_role("combobox").press("Enter")
    assert page.url.startswith(site_url + PREFIX[lang] + "search/?q=")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.locator(".pagefind-ui__result-link").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert "/" + guide in links[:3], links


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_message_helpers_choice_is_in_its_address(page, site_url: str, lang: str) -> None:
    page.goto(site_url + PREFIX[lang] + "message-helper/", wait_until="networkidle")
    page.select_option("#ke-message-municipality", "3911")
    assert page.url.endswith("message-helper/?kommune=3911")
    shared = page.url
    text = page.input_value("#ke-message-text")
    page.goto(shared, wait_until="networkidle")  # the shared link opens with the same choice and text
    page.wait_for_selector("#ke-message-text")
    assert page.input_value("#ke-message-municipality") == "3911"
    assert page.input_value("#ke-message-text") == text
    page.select_option("#ke-message-municipality", "")
    assert "kommune=" not in page.url


def test_a_disguised_source_link_is_an_error(data_dir) -> None:
    """A name's source is a link like every other in data: no user-info or backslash that sends a browser elsewhere."""
    (data_dir / "place-names.yaml").write_text(
        "towns: []\n"
        "hospitals:\n"
        "- {name: Ullevål sykehus, hospital_trust: nope, source: 'https://evil.example\\@ous-hf.no/'}\n",
        encoding="utf-8")
    with pytest.raises(DataInvalid) as failed:
        load_directory(data_dir)
    assert "place-names.yaml:3:" in str(failed.value) and "source" in str(failed.value)
