"""Who offers what: static service pages, and filters that combine in the browser."""
from __future__ import annotations

import re
from pathlib import Path


def test_service_page_lists_known_offers_and_counts_the_unknown(built_site: Path) -> None:
    html = (built_site / "tjeneste/barnekoordinator/index.html").read_text(encoding="utf-8")
    numbers = set(re.findall(r'href="\.\./\.\./kommune/(\d{4})/"', html))
    assert numbers == {"5001", "5510", "4624", "1505", "3412", "3201"}  # sources quoting "barnekoordinator"
    # a right in every municipality (hol § 7-2 a): unknown means "no details", never "may not have it"
    assert "For 351 kommuner har vi ingen opplysninger eller kontakt for dette ennå. De skal likevel gi det." in html
    assert "vet vi ikke om de har tilbudet" not in html
    en = (built_site / "en/tjeneste/hverdagsrehabilitering/index.html").read_text(encoding="utf-8")
    assert "We do not yet know of any municipality that offers this." in en
    assert "For 357 municipalities we do not know whether they offer it." in en


def test_municipality_with_unknown_offers_says_unknown_not_no(built_site: Path) -> None:
    html = (built_site / "kommune/5610/index.html").read_text(encoding="utf-8")
    assert "Vi vet ikke hvilke andre tilbud Karasjok har. Spør koordinerende enhet." in html


def test_filters_combine_on_a_service_page(page, site_url: str) -> None:
    page.goto(site_url + "tjeneste/barnekoordinator/")
    rows = page.locator("table[data-services-table] tbody tr")
    assert rows.count() == 6
    page.select_option("#ke-filter-county", "55")  # Troms
    visible = [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()]
    assert visible == ["Kvæfjord"]
    # The count is for the chosen county (issue 10), not "1 of the 6 in the whole country".
    assert page.locator(".ke-filter-status").inner_text() == "Viser 1 kommune i Troms som vi vet har tilbudet."
    page.select_option("#ke-filter-trust", "unn")
    assert [r for r in rows.all() if r.is_visible()] != []
    page.select_option("#ke-filter-trust", "helse-bergen")
    assert [r for r in rows.all() if r.is_visible()] == []
    assert page.url.endswith("?fylke=55&hf=helse-bergen")


def test_services_index_leads_to_the_filtered_service_page(page, site_url: str) -> None:
    page.goto(site_url + "en/tjeneste/")
    page.select_option("#ke-filter-service", label="Child coordinator")
    page.select_option("#ke-filter-county", "46")  # Vestland
    page.get_by_role("button", name="Show the municipalities").click()
    page.wait_for_url(re.compile(r"/en/tjeneste/barnekoordinator/\?fylke=46$"))
    rows = page.locator("table[data-services-table] tbody tr")
    assert [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()] == ["Bjørnafjorden"]
