"""What a finding is (ke_finder/discovery/extract.py, candidates.py): one page's HTML in, values with quotes out."""
from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from ke_finder.discovery import candidates, extract
from ke_finder.discovery.items import Owner, OwnerPages

TODAY = date(2026, 12, 7)
TERMS = {"hverdagsrehabilitering": ("hverdagsrehabilitering", "kvardagsrehabilitering"),
         "dagrehabilitering": ("dagrehabilitering",)}


@pytest.mark.parametrize("written", ["33 99 01 10", "33990110", "+47 33 99 01 10", "(+47) 339 90 110",
                                     "tlf. 33 99 01 10", "Tlf: 33 99 01 10", "0047 33 99 01 10"])
def test_every_common_spelling_of_a_number(written: str) -> None:
    (phone,) = extract.phones_in([f"Ring koordinerende enhet på {written} i dag."], "https://x.example/")
    assert phone.e164 == "+4733990110" and not phone.mobile and phone.person is None
    assert written.removeprefix("tlf. ").removeprefix("Tlf: ") in phone.number or phone.number in written


def test_number_only_in_a_tel_link() -> None:
    tree = lxml.html.fromstring('<html><body><main><p><a href="tel:+4733990110">Ring oss</a></p></main>'
                                '<footer><a href="tel:+4733990000">Sentralbord</a></footer></body></html>')
    (phone,) = extract.tel_links(tree, "https://x.example/", set())
    assert (phone.e164, phone.number) == ("+4733990110", "Ring oss")   # the footer's link is boilerplate


def test_mobile_range_and_person_names() -> None:
    kari, unit = extract.phones_in(["Kari Nordmann, koordinator, mobil 912 34 567",
                                    "Helse Bergen HF, sentralbord 55 97 50 00"], "https://x.example/")
    assert kari.mobile and kari.person == "Kari Nordmann"
    assert unit.person is None
    for line in ("Sykehuset Innlandet", "Universitetssykehuset Nord-Norge", "Fiktiv kommune B, Kyrkjevegen 2",
                 "Mandag Fredag kl. 09", "Ring Tildelingskontoret"):
        assert extract.person_on(line) is None, line
    assert extract.person_on("Vilde Hansen, fagleder") == "Vilde Hansen"


@pytest.mark.parametrize(("title", "heading", "text", "expected"), [
    ("Koordinerende enhet - Fiktiv kommune", "Koordinerende enhet", "", ("ke-page", None)),
    ("Koordinerande eining", "Koordinerande eining", "", ("ke-page", None)),
    ("Tildelingskontoret", "Tildelingskontoret", "Tildelingskontoret er kommunens koordinerende enhet.", ("ke-page", None)),
    ("Tildelingskontoret", "Tildelingskontoret", "Send søknaden til koordinerende enhet.", ("related-page", "allocation-office")),
    ("Individuell plan og koordinator", "Individuell plan og koordinator", "", ("related-page", "individual-plan")),
    ("Barnekoordinator", "Barnekoordinator", "", ("related-page", "child-coordinator")),
    ("Ansatte", "Ansatte i helse og omsorg", "Disse arbeider med koordinerende enhet.", (None, None)),
])
def test_classify(title: str, heading: str, text: str, expected: tuple[str | None, str | None]) -> None:
    assert extract.classify(title, heading, text)[:2] == expected


def test_offers_need_a_heading_not_a_link_list() -> None:
    html = ("<html><head><title>Helse</title></head><body><main><h1>Helse og omsorg</h1><ul><li>"
            "<a href='/h'>Hverdagsrehabilitering</a></li></ul><h2>Dagrehabilitering på helsehuset</h2>"
            "<p>Dagrehabilitering er trening på dagtid for deg som bor hjemme.</p></main></body></html>")
    page = extract.analyse("https://x.example/helse/", html, TERMS, TODAY)
    assert [code for code, _ in page.services] == ["dagrehabilitering"]


def test_switchboard_is_not_the_units_number_and_people_are_flags() -> None:
    owner = Owner("3911", "municipality", "Færder", "https://x.example", "https://x.example")
    ke = extract.analyse("https://x.example/ke/", (
        "<html><head><title>Koordinerende enhet</title></head><body><main><h1>Koordinerende enhet</h1>"
        "<p>Telefon: 33 99 01 10</p><p>Sentralbord 33 99 00 00</p><p>Kari Nordmann, mobil 912 34 567</p>"
        "<p>Vakttelefon 912 00 000</p><p>Oppdatert</p></main></body></html>"), TERMS, TODAY)
    contact = extract.analyse("https://x.example/kontakt-oss/", (
        "<html><head><title>Kontakt oss</title></head><body><main><h1>Kontakt oss</h1><p>Sentralbord: 33 99 00 00</p>"
        "<p>E-post: postmottak@x.example</p></main></body></html>"), TERMS, TODAY)
    found = OwnerPages(owner, [ke, contact])
    result = candidates.candidate(found, TODAY)
    assert [p["e164"] for p in result["phones"]] == ["+4733990110", "+4791200000"]
    assert [p["e164"] for p in result["switchboard"]["phones"]] == ["+4733990000"]
    codes = {(f["code"], f["value"]) for f in result["flags"]}
    assert ("near-person-name", "912 34 567") in codes and ("mobile-number", "912 00 000") in codes
    candidates.validate({"format": candidates.FORMAT, "generated_at": "2026-12-07T10:00:00+00:00",
                         "owners": [result]})


def test_old_page_flag_after_24_months() -> None:
    assert candidates.months_between(date(2024, 12, 8), TODAY) == 23
    assert candidates.months_between(date(2024, 12, 7), TODAY) == 24
    assert candidates.months_between(date(2024, 11, 30), TODAY) == 24
