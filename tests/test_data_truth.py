"""Issue 9, data part: what the built site says about the data is exactly what we know.

Each test pins one fix that could regress: evidence and its date, old leads, phone hours, scope, flagged hosts,
hospital blocks that never send people to the municipality, related pages never labelled as the KE's page,
organisation numbers on every municipality page, and the Atom change feed.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ke_finder.exports.feed import ATOM_NS, FEED_FILES, atom_feed, feed_files
from ke_finder.source.load import load_directory

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
A = f"{{{ATOM_NS}}}"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def ke_section(html: str) -> str:
    """The municipality's or trust's own KE section (not the hospital section below it)."""
    return re.search(r'<section class="ke-section ke-section--ke".*?</section>', html, re.S).group(0)


def municipality_data() -> dict[str, dict]:
    return {p.name[:4]: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((DATA / "municipalities").glob("*.yaml"))}


@pytest.fixture(scope="module")
def real():
    return load_directory(DATA)


# ---------------------------------------------------------------- evidence and dates


def test_seeded_details_say_they_were_read_from_a_stored_copy(built_site: Path) -> None:
    for number, data in municipality_data().items():
        if data["ke"] is None:
            continue
        assert data["ke"]["source"]["evidence"] == "stored-copy", number  # nobody checked a live page
    nb, en = ke_section(read(built_site, "kommune/4204")), ke_section(read(built_site, "en/kommune/4204"))
    assert "Lest 30. november 2026 fra en lagret kopi av siden" in nb  # ke-sources-more.yaml collected_on
    assert "Read on 30 November 2026 from a stored copy of the page" in en
    assert "Siden viser ingen dato." in nb and "The page shows no date." in en


def test_kragero_2015_details_are_an_old_lead_not_the_current_contact(built_site: Path) -> None:
    nb, en = ke_section(read(built_site, "kommune/4014")), ke_section(read(built_site, "en/kommune/4014"))
    assert "Gammelt spor som må sjekkes." in nb and "9. september 2015" in nb
    assert "An old lead to check." in en and "9 September 2015" in en
    for html in (nb, en):
        assert "35 98 62 87" in html and "tel:+4735986287" not in html  # shown as text to check, not to call
        assert "ke-old-lead" in html and "Save as contact" not in html and "Lagre som kontakt" not in html
    page = read(built_site, "kommune/4014")
    assert "data-pagefind-meta=\"phone:" not in page and "application/ld+json" not in page


def test_coverage_tables_count_related_pages_and_old_leads_among_the_unknown(built_site: Path) -> None:
    html = read(built_site, "dekning")
    # total, then confirmed / not confirmed / unknown each with its share, then the two "of the unknown" counts
    share = r'&nbsp;<span class="ke-pct">\(\d+ %\)</span>'
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td>' + (r'<td>(\d+)' + share + '</td>') * 3
                      + r'<td>(\d+)</td>' * 2, html)
    by_county = rows[:15]
    summary = re.search(r"Av 357 kommuner: (\d+) bekreftet \(\d+ %\), (\d+) ikke bekreftet \(\d+ %\), (\d+) ukjent "
                        r"\(\d+ %\)\.(?:</strong>)? Av de ukjente har "
                        r"(\d+) bare en beslektet side og (\d+) bare et gammelt spor", html)
    assert len(by_county) == 15 and summary
    for column, figure in ((4, 3), (5, 4), (6, 5)):
        assert sum(int(r[column]) for r in by_county) == int(summary.group(figure)), column
    for name, _total, _confirmed, _unconfirmed, unknown, related, old in rows:
        assert int(related) + int(old) <= int(unknown), name
    assert sum(int(r[5]) for r in by_county) >= 21 and sum(int(r[6]) for r in by_county) >= 1
    kragero_county = next(r for r in by_county if r[0] == "Telemark")
    assert int(kragero_county[6]) >= 1


def test_old_leads_count_as_unknown_in_coverage(real) -> None:
    from ke_finder.model.coverage import coverage_total, lead_kind, municipality_status
    kragero = real.municipalities["4014"]
    assert municipality_status(real, kragero) == "unknown" and lead_kind(real, kragero) == "old"
    total = coverage_total(real)
    assert total.leads["old"] >= 1 and total.counts["unknown"] >= total.leads["old"] + total.leads["related"]


def test_faerder_hours_are_phone_hours_with_nothing_added(built_site: Path) -> None:
    data = municipality_data()["3911"]["ke"]
    assert data["phone_hours"] == "kl. 09:00–14:00" and data["opening_hours"] is None
    nb, en = ke_section(read(built_site, "kommune/3911")), ke_section(read(built_site, "en/kommune/3911"))
    # the label is kept out of the search index (data-pagefind-ignore), the hours are shown as the source gives them
    assert re.search(r"<dt[^>]*>Telefontid</dt> <dd>kl\. 09:00–14:00</dd>", nb)
    assert re.search(r"<dt[^>]*>Phone hours</dt> <dd>kl\. 09:00–14:00</dd>", en)
    assert "mandag" not in nb and "Åpningstid" not in nb and "Opening hours" not in en


def test_every_hours_value_is_in_its_source_text() -> None:
    """No hours value in the data adds weekdays or times its shared source does not give."""
    shared = Path("/work/shared/data")
    if not shared.is_dir():
        pytest.skip("the shared sources are not on this machine")
    names = ("ke-sources.yaml", "ke-sources-more.yaml", "ke-sources-part3.yaml")
    # whitespace as YAML reads it: a quote folded over two lines is one line of text
    text = " ".join("".join((shared / n).read_text(encoding="utf-8") for n in names).split())
    checked = 0
    for number, data in municipality_data().items():
        for key in ("opening_hours", "phone_hours"):
            value = (data["ke"] or {}).get(key)
            if value:
                assert " ".join(value.split()) in text, (number, key, value)
                checked += 1
    assert checked == 6  # Færder, Nordre Land; part 3: Haugesund (phone and opening hours), Giske, Meløy


# ---------------------------------------------------------------- scope


def test_trondheim_unit_is_shown_as_for_0_18_only(built_site: Path) -> None:
    nb, en = ke_section(read(built_site, "kommune/5001")), ke_section(read(built_site, "en/kommune/5001"))
    assert re.search(r'<p class="ke-serves"><strong>Denne enheten er bare for barn og unge 0–18 år[^<]*ikke voksne',
                     nb)
    assert re.search(r'<p class="ke-serves"><strong>This unit is only for children and young people aged 0–18[^<]*'
                     r'not adults', en)
    # shown before the contact details, so no adult is sent there by mistake
    assert nb.index("ke-serves") < nb.index("ke-contact")


def test_oslo_says_the_ke_is_per_district_and_the_city_page_is_not_the_ke(built_site: Path) -> None:
    nb, en = ke_section(read(built_site, "kommune/0301")), ke_section(read(built_site, "en/kommune/0301"))
    assert "organisert i bydelene" in nb and "ikke koordinerende enhet" in nb
    assert "organised by district" in en and "not the coordinating unit" in en
    assert "Nettsiden til koordinerende enhet" not in nb and "The coordinating unit&#39;s web page" not in en


# ---------------------------------------------------------------- related pages and hosts


def test_a_related_page_is_never_labelled_as_the_kes_page(built_site: Path) -> None:
    related = {n: d["ke"]["web"] for n, d in municipality_data().items()
               if d["ke"] and d["ke"].get("web_kind") == "related-page"}
    assert len(related) >= 12 + 9  # ke-sources-more.yaml's related pages and the seed's
    for number, web in related.items():
        for lang, label in (("", "Nettsiden til koordinerende enhet"), ("en/", "The coordinating unit&#39;s web page")):
            section = ke_section(read(built_site, f"{lang}kommune/{number}"))
            assert label not in section, (number, lang)
            link = re.search(r'<dt[^>]*>([^<]+)</dt> <dd><a href="' + re.escape(web.replace("&", "&amp;")) + '"', section)
            assert link and link.group(1) in ("Beslektet side", "Related page"), (number, lang)


def test_pages_on_hosts_that_are_not_the_official_site_are_flagged(built_site: Path) -> None:
    for number, host in (("4003", "muniskien.azurewebsites.net"), ("4635", "nyweb.gulen.kommune.no"),
                         ("4617", "kvinnherad.custompublish.com"), ("1818", "www.heroyfjerdingen.no"),
                         ("4621", "voss.herad.no")):
        for lang, word in (("", "Må sjekkes:"), ("en/", "Needs checking:")):
            section = ke_section(read(built_site, f"{lang}kommune/{number}"))
            assert f'<span class="ke-flag"><strong>{word}</strong>' in section and host in section, (number, lang)
    # Sør-Varanger's wap.svk.no page is dated 2023: an old lead, and its host is still flagged
    assert "wap.svk.no" in ke_section(read(built_site, "kommune/5605")) and "ke-flag" in read(built_site, "kommune/5605")
    assert "ke-flag" not in ke_section(read(built_site, "kommune/3911"))  # faerder.kommune.no is the official site


def test_hospital_blocks_never_send_people_to_the_municipality(built_site: Path) -> None:
    banned = ("kommunens sentralbord", "spør kommunen", "spørre kommunen", "municipality&#39;s switchboard",
              "ask the municipality", "med kommunen")
    trusts = sorted(p.name for p in (built_site / "helseforetak").iterdir() if p.is_dir())
    assert len(trusts) >= 17
    for trust in trusts:
        for lang in ("", "en/"):
            html = read(built_site, f"{lang}helseforetak/{trust}")
            main = re.search(r'<div class="ke-page".*?<section class="ke-section" aria-labelledby="served-heading"',
                             html, re.S)
            text = (main.group(0) if main else html).lower()
            assert not any(b in text for b in banned), (trust, lang)
    # the hospital section of a municipality page, too (Ålesund: Helse Møre og Romsdal has a KE)
    for lang in ("", "en/"):
        html = read(built_site, f"{lang}kommune/1508")
        hospital = html[html.index('id="hospital-heading"'):html.index('id="facts-heading"')].lower()
        assert "helseforetak" in hospital or "hospital" in hospital
        assert not any(b in hospital for b in banned), lang


# ---------------------------------------------------------------- coverage and organisation numbers


def test_at_least_78_municipalities_show_a_ke_page_a_related_page_or_a_dated_old_page(built_site: Path) -> None:
    labels = ("Nettsiden til koordinerende enhet", "Beslektet side", "Gammel side")
    shown = [n for n in sorted(p.name for p in (built_site / "kommune").iterdir() if p.is_dir())
             if any(label in ke_section(read(built_site, f"kommune/{n}")) for label in labels)]
    assert len(shown) >= 78, len(shown)


def test_every_municipality_page_shows_its_organisation_number(built_site: Path) -> None:
    pages = sorted(p.name for p in (built_site / "kommune").iterdir() if p.is_dir())
    assert len(pages) == 357
    numbers = set()
    for n in pages:
        for lang in ("", "en/"):
            html = read(built_site, f"{lang}kommune/{n}")
            match = re.search(r'href="https://data\.brreg\.no/enhetsregisteret/oppslag/enheter/(\d{9})">'
                              r'(\d{3} \d{3} \d{3}) (i Enhetsregisteret|in the Central)', html)
            assert match and match.group(1) == match.group(2).replace(" ", ""), (lang, n)
            numbers.add(match.group(1))
    assert len(numbers) == 357
    assert 'enheter/958935420"' in read(built_site, "kommune/0301")  # Oslo


def test_hsds_organization_identifiers(built_site: Path) -> None:
    import json
    rows = json.loads((built_site / "api/v1/hsds/organization_identifier.json").read_text(encoding="utf-8"))
    orgs = {o["id"] for o in json.loads((built_site / "api/v1/hsds/organization.json").read_text(encoding="utf-8"))}
    assert len(rows) == 357 and all(r["identifier_scheme"] == "NO-BRC" and r["organization_id"] in orgs for r in rows)


# ---------------------------------------------------------------- the change feed


def test_feed_is_atom_with_required_elements(built_site: Path) -> None:
    for rel in FEED_FILES.values():
        root = ET.parse(built_site / rel).getroot()
        assert root.tag == f"{A}feed"
        for tag in ("id", "title", "updated"):
            assert root.find(f"{A}{tag}") is not None and root.find(f"{A}{tag}").text, tag
        entries = root.findall(f"{A}entry")
        assert len(entries) > 80
        dates = []
        for entry in entries:
            for tag in ("id", "title", "updated"):
                assert (entry.find(f"{A}{tag}").text or "").strip(), tag
            assert entry.find(f"{A}id").text.startswith("urn:uuid:")
            assert entry.find(f"{A}link").get("href").startswith("../../")
            dates.append(entry.find(f"{A}updated").text)
        assert dates == sorted(dates, reverse=True)  # newest first
        assert root.find(f"{A}updated").text == dates[0]
        assert len({e.find(f"{A}id").text for e in entries}) == len(entries)
    titles = [e.find(f"{A}title").text for e in ET.parse(built_site / FEED_FILES["nb"]).getroot().iter(f"{A}entry")]
    assert "Færder: rettet (hva vi vet om kilden og datoen, telefontid)" in titles
    nn = ET.parse(built_site / FEED_FILES["nn"]).getroot()
    assert nn.get("{http://www.w3.org/XML/1998/namespace}lang") == "nn"
    nn_titles = [e.find(f"{A}title").text for e in nn.iter(f"{A}entry")]
    assert "Færder: retta (kva vi veit om kjelda og datoen, telefontid)" in nn_titles
    assert all(e.find(f"{A}link").get("href").startswith("../../nn/") for e in nn.iter(f"{A}entry"))
    summaries = [e.find(f"{A}summary").text for e in ET.parse(built_site / FEED_FILES["en"]).getroot().iter(f"{A}entry")]
    assert any("Færder: corrected" in t and "were phone hours, not opening hours" in t for t in summaries)


def test_feed_words_exist_for_every_change_and_field_the_schema_allows() -> None:
    """The feed says every kind of change and every field in words of the i18n table (which the i18n test holds
    complete in every language); a kind or field added to the schema without its words fails here, not in a build."""
    import json

    from ke_finder.i18n import STRINGS

    schema = json.loads((ROOT / "data" / "schemas" / "changes.schema.json").read_text(encoding="utf-8"))
    kinds = schema["items"]["properties"]["change"]["enum"]
    fields = schema["items"]["properties"]["fields"]["items"]["enum"]
    missing = [key for key in [f"feed_change_{k}" for k in kinds] + [f"feed_field_{f}" for f in fields] + ["feed_author"]
               if key not in STRINGS]
    assert not missing, missing
    assert any(key.startswith("feed_note_") for key in STRINGS)


def test_feed_links_resolve_to_built_pages(built_site: Path) -> None:
    from urllib.parse import urljoin
    for rel in FEED_FILES.values():
        base = "http://x/" + rel
        for entry in ET.parse(built_site / rel).getroot().iter(f"{A}entry"):
            target = urljoin(base, entry.find(f"{A}link").get("href"))[len("http://x/"):]
            assert (built_site / target / "index.html").is_file(), target


def test_feed_is_byte_identical_across_builds(real) -> None:
    again = load_directory(DATA)
    assert feed_files(real) == feed_files(again)
    assert len({atom_feed(real, lang) for lang in ("nb", "nn", "en")}) == 3
    assert set(FEED_FILES) == {"nb", "nn", "en"} and FEED_FILES["nn"] == "api/v1/changes.nn.atom"


def test_feed_is_linked_from_every_page_head_and_the_coverage_and_about_pages(built_site: Path) -> None:
    for path in ("", "kommune/3911", "helseforetak/unn", "guides/ke-staff", "about/data", "dekning"):
        for lang, feed in (("", "changes.atom"), ("nn/", "changes.nn.atom"), ("en/", "changes.en.atom")):
            html = read(built_site, f"{lang}{path}".rstrip("/"))
            head = html[:html.index("</head>")]
            assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[./]*api/v1/'
                             + re.escape(feed) + '"', head), (lang, path)
    for lang, feed in (("", "changes.atom"), ("nn/", "changes.nn.atom"), ("en/", "changes.en.atom")):
        for path in ("dekning", "about/data"):
            body = read(built_site, f"{lang}{path}")
            body = body[body.index("</head>"):]
            assert re.search(r'href="[./]*api/v1/' + re.escape(feed) + '"', body), (lang, path)


def test_flagged_host_is_not_claimed_in_json_ld_or_vcard(built_site: Path) -> None:
    skien = read(built_site, "kommune/4003")
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', skien, re.S).group(1)
    assert "muniskien" not in ld
    card = (built_site / "api/v1/vcard/kommune-4003.vcf").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "URL:" not in card and "muniskien.azurewebsites.net" in card and "må sjekkes" in card
