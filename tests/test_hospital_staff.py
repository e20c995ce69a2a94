"""Hospital staff in the browser: copy a KE block, print a municipality page on one A4 sheet, the message helper."""
from __future__ import annotations

import re

import pytest


def test_copy_names_whose_ke_it_is(chromium, site_url: str) -> None:
    """Halden's page has its own KE and Sykehuset Østfold's: each copied block says whose it is, and its source."""
    context = chromium.new_context(locale="nb-NO", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "kommune/3101/", wait_until="networkidle")
    name = "Kopier kontaktinformasjonen: Koordinerende enhet for Sykehuset Østfold HF"
    page.get_by_role("button", name=name).click()
    page.wait_for_selector(".ke-copy-status:has-text('Kopiert')")
    hospital = page.evaluate("navigator.clipboard.readText()")
    lines = hospital.splitlines()
    assert lines[0] == "Koordinerende enhet for Sykehuset Østfold HF"
    assert lines[1] == "Enhet: Samhandlingsavdelingen (ansvarlig for koordinerende enhet)"
    assert "E-post: samhandling@so-hf.no" in lines
    # how we know it, never "retrieved" (nobody checked the live page that day)
    assert lines[-1].startswith("Ikke bekreftet av koordinerende enhet. Kilde (lest 23. november 2026 fra en "
                                "lagret kopi av siden): https://sykehuset-ostfold.no/")
    assert "Halden" not in hospital
    assert not any(line.startswith("Elektronisk adresse") for line in lines)  # HER-id unknown: left out

    page.get_by_role("button", name="Kopier kontaktinformasjonen: Koordinerende enhet for Halden kommune").click()
    municipality = page.evaluate("navigator.clipboard.readText()")
    assert municipality.splitlines()[0] == "Koordinerende enhet for Halden kommune"
    assert "Enhet: Forvaltningsenheten helse og mestring (koordinerende enhet)" in municipality
    assert "Østfold" not in municipality
    context.close()


def test_an_old_lead_offers_nothing_to_copy(page, site_url: str) -> None:
    """Balsfjord's and UNN's details are from pages dated 2023 (old leads): not an address to paste into a
    patient message, so neither block has a copy button."""
    page.goto(site_url + "kommune/5532/", wait_until="networkidle")
    assert page.locator(".ke-old-lead").count() == 2
    assert page.locator("button.ke-copy").count() == 0


def test_copy_in_english(chromium, site_url: str) -> None:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "en/helseforetak/sykehuset-ostfold/", wait_until="networkidle")
    page.get_by_role("button", name="Copy contact details: Coordinating unit of Sykehuset Østfold HF").click()
    page.wait_for_selector(".ke-copy-status:has-text('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.splitlines()[0] == "Coordinating unit of Sykehuset Østfold HF"
    assert ("Not confirmed by the coordinating unit. Source (read on 23 November 2026 from a stored copy of the "
            "page): https://sykehuset-ostfold.no/") in text
    context.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", ["kommune/0301/", "en/kommune/0301/", "kommune/3911/", "en/kommune/3911/",
                                  "kommune/5532/", "en/kommune/5610/", "kommune/1505/"])
def test_municipality_page_prints_on_one_a4_page(page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".ke-finder").is_hidden()
    assert page.locator(".ke-correction").is_hidden() and page.locator(".md-footer").is_hidden()
    assert page.locator(".ke-print-url__href").inner_text() == site_url + path
    assert page.locator("#ke-heading").is_visible() and page.locator("#hospital-heading").is_visible()
    provenance = page.locator(".ke-provenance")  # source and date, wherever a KE is known
    assert provenance.count() == 0 or provenance.first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1


def test_a_long_page_would_count_as_more_than_one(page, site_url: str) -> None:
    """The counter itself: the glossary guide is longer than one sheet."""
    page.goto(site_url + "guides/glossary/")
    assert pdf_pages(page.pdf(format="A4")) > 1


def message_text(page, site_url: str, path: str) -> str:
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_selector("#ke-message-text")
    return page.input_value("#ke-message-text")


def test_message_helper_with_a_known_ke(page, site_url: str) -> None:
    text = message_text(page, site_url, "message-helper/?kommune=3911")
    lines = text.splitlines()
    assert lines[0] == ("Til: Tjenestekontoret (koordinerende enhet for barn og unge og for voksne og eldre) – "
                        "Koordinerende enhet for Færder kommune")
    assert lines[1].startswith("Elektronisk adresse (HER-id): Ikke kjent her. Søk etter kommunens koordinerende "
                               "enhet i Adresseregisteret")
    assert "(helsepersonelloven § 38 a)" in text
    for item in ("Pasienten har sagt ja til at denne meldingen sendes", "Pasienten vil ha individuell plan",
                 "«Hva er viktig for deg?»", "Behov for rehabilitering", "Kontaktpersoner hos oss",
                 "Forventet utskrivingsdato"):
        assert item in text
    result = page.locator(".ke-message__result").inner_text()
    assert "95 19 34 80" in result and "Ikke bekreftet av koordinerende enhet" in result
    assert "Sykehuset i Vestfold HF" in result  # the hospital's KE, for staff in the hospital (§ 38 a)


def test_message_helper_without_a_known_ke(page, site_url: str) -> None:
    text = message_text(page, site_url, "en/message-helper/?kommune=5612")
    assert text.splitlines()[0] == "To: Coordinating unit of Kautokeino municipality"
    assert "Search the national address register (Adresseregisteret)" in text.splitlines()[1]
    assert "We do not know the coordinating unit of Kautokeino yet." in page.locator(".ke-message__result").inner_text()
    # Choosing another municipality in the list replaces the text.
    page.select_option("#ke-message-municipality", "3911")
    page.wait_for_function("document.getElementById('ke-message-text').value.includes('Færder')")


def test_message_helper_is_linked_from_municipality_pages_and_the_guide(site_url: str, built_site) -> None:
    assert 'href="../../message-helper/?kommune=3911"' in (built_site / "kommune/3911/index.html").read_text()
    assert 'href="../../message-helper/?kommune=0301"' in (built_site / "en/kommune/0301/index.html").read_text()
    assert "message-helper/" in (built_site / "guides/health-personnel/index.html").read_text()
    assert "message-helper/" in (built_site / "en/guides/health-personnel/index.html").read_text()
