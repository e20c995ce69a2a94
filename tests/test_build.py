"""Build the real data into a temp dir and assert on the HTML of every language (bokmål, nynorsk, English)."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import html5lib

from conftest import edit
from sitebuild import copy_project, mkdocs_build


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_municipality_has_a_page_in_every_language(built_site: Path) -> None:
    for lang_prefix in ("", "nn/", "en/"):
        pages = sorted(p.name for p in (built_site / lang_prefix / "kommune").iterdir() if p.is_dir())
        assert len(pages) == 357, lang_prefix
        assert "0301" in pages and "5636" in pages


def test_html_lang_and_hreflang_alternates(built_site: Path, built_site_with_url: Path) -> None:
    nb, en = read(built_site, "kommune/0301"), read(built_site, "en/kommune/0301")
    assert '<html lang="nb"' in nb and '<html lang="en"' in en
    assert '<html lang="nn"' in read(built_site, "nn/kommune/0301")
    # Without SITE_URL no hreflang at all (a relative one fails search engines' checks); with it, absolute.
    # The Atom change feed is a rel=alternate link too (type="application/atom+xml", no hreflang): count only
    # the language alternates, i.e. rel=alternate links that carry hreflang.
    hreflang_alternate = re.compile(r'<link rel="alternate"[^>]*\bhreflang=')
    assert not hreflang_alternate.search(nb) and not hreflang_alternate.search(en)
    assert 'type="application/atom+xml"' in nb and 'type="application/atom+xml"' in en
    for path in ("kommune/0301", "guides/coordinator", "", "quiz", "search"):
        for prefix in ("", "nn/", "en/"):
            html = read(built_site_with_url, (prefix + path).rstrip("/"))
            page = f"{path}/" if path else ""
            assert [(m.group(2), m.group(1)) for m in re.finditer(
                r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)] == [
                (lang, f"https://example.org/ke/{folder}{page}") for lang, folder in (("nb", ""), ("nn", "nn/"), ("en", "en/"))
            ], (prefix, path)


def switcher_links(html: str) -> list[tuple[str, str, str]]:
    """(hreflang, href, name) of every language in the page's switcher, in its order."""
    switcher = re.search(r'<div class="md-select".*?</div>', html, re.S).group(0)
    return [(m.group(2), m.group(1), m.group(3).strip()) for m in re.finditer(
        r'<a href="([^"]+)" hreflang="([^"]+)" lang="\2" class="md-select__link">\s*([^<]*?)\s*</a>', switcher)]


def test_language_switcher_goes_to_the_same_page(built_site: Path) -> None:
    names = ["Norsk (bokmål)", "Norsk (nynorsk)", "English"]
    for prefix, own in (("", "nb"), ("nn/", "nn"), ("en/", "en")):
        for path in ("kommune/3911", "guides/coordinator", "dekning"):
            links = switcher_links(read(built_site, prefix + path))
            assert [(lang, name) for lang, _, name in links] == list(zip(("nb", "nn", "en"), names)), (prefix, path)
            depth = "../" * (path.count("/") + 1 + (prefix != ""))
            assert [href for _, href, _ in links] == [
                "./" if own == "nb" else f"{depth}{path}/",
                "./" if own == "nn" else f"{depth}nn/{path}/",
                "./" if own == "en" else f"{depth}en/{path}/"], (prefix, path)


def test_known_ke_shows_contacts_as_links_and_provenance(built_site: Path) -> None:
    nb, en = read(built_site, "kommune/3911"), read(built_site, "en/kommune/3911")
    for html in (nb, en):
        assert '<a href="tel:+4795193480">95 19 34 80</a>' in html
        assert "https://faerder.kommune.no/tjenester/helse-og-omsorg/tjenestekontoret/koordinerende-enhet/" in html
    assert "Ikke bekreftet av koordinerende enhet" in nb
    assert "Not confirmed by the coordinating unit" in en
    assert "Lest 23. november 2026 fra en lagret kopi av siden. Vi vet ikke når kopien ble laget" in nb
    assert "Read on 23 November 2026 from a stored copy of the page. We do not know when the copy was made" in en
    assert "hentet" not in nb and "retrieved" not in en  # nobody checked the live page that day


def test_unknown_ke_page_says_so_and_tells_where_to_turn(built_site: Path) -> None:
    nb, en = read(built_site, "kommune/5612"), read(built_site, "en/kommune/5612")  # Kautokeino: no KE details
    assert "Vi vet ennå ikke hvordan du kontakter koordinerende enhet i Kautokeino." in nb
    assert "We do not know yet how to contact the coordinating unit in Kautokeino." in en
    for html in (nb, en):
        assert '<a href="tel:+4780030061">800 30 061</a>' in html  # ReHabiliteringstelefonen
        assert 'href="https://www.kautokeino.kommune.no"' in html
        assert 'href="../../helseforetak/finnmarkssykehuset/"' in html
        assert 'href="../../guides/ke-staff/"' in html
    assert '<span lang="se">Guovdageaidnu</span> (nordsamisk)' in nb
    assert '<span lang="se">Guovdageaidnu</span> (Northern Sami)' in en


def test_personal_contacts_are_never_published(built_site: Path) -> None:
    # Balsfjord and Rakkestad's sources show an employee's own number: left out.
    assert "400 31 899" not in read(built_site, "kommune/5532")
    assert "+4740031899" not in read(built_site, "kommune/5532")
    assert "+4769225500" not in read(built_site, "kommune/3120")


def test_oslo_page_lets_the_district_decide_the_hospital(built_site: Path) -> None:
    nb = read(built_site, "kommune/0301")
    assert "I Oslo avgjør bydelen hvilket sykehus du hører til" in nb
    row = re.search(r"<tr id=\"bydel-030110\"><th scope=\"row\">Grorud</th><td><a href=\"([^\"]+)\">([^<]+)</a>", nb)
    assert row.groups() == ("../../helseforetak/ahus/", "Akershus universitetssykehus HF")


def test_hospital_trust_page_lists_municipalities_and_region(built_site: Path) -> None:
    nb, en = read(built_site, "helseforetak/unn"), read(built_site, "en/helseforetak/unn")
    # UNN's page says "Oppdatert 10.11.23": more than 24 months old, so its mailbox is an old lead to check
    assert "<dd>UNN-koordinerende.enhet@unn.no</dd>" in nb and "mailto:UNN-koordinerende" not in nb
    assert "Gammelt spor som må sjekkes." in nb and "Sjekk med sykehuset" in nb and "An old lead to check." in en
    assert "Helse Nord RHF" in nb
    assert 'href="../../kommune/5501/">Tromsø</a>' in nb
    assert "Municipalities the hospital serves" in en


def test_county_page_links_all_its_municipalities(built_site: Path) -> None:
    nb = read(built_site, "fylke/56")
    links = re.findall(r'href="\.\./\.\./kommune/(\d{4})/"', nb)
    assert len(set(links)) == 18 and all(n.startswith("56") for n in links)


def test_generated_pages_are_not_listed_in_the_navigation(built_site: Path) -> None:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', read(built_site, "kommune/0301"), re.S).group(0)
    assert "kommune/" not in nav
    sizes = [len(read(built_site, f"kommune/{n}")) for n in ("0301", "3911", "5612")]
    assert max(sizes) < 40_000, sizes


def test_pages_parse_as_html5_with_one_h1(built_site: Path) -> None:
    parser = html5lib.HTMLParser(strict=False)
    for path in ("", "en", "kommune/0301", "en/kommune/5612", "helseforetak/ous", "fylke/03", "fylke",
                 "tjeneste/barnekoordinator"):
        html = read(built_site, path)
        parser.parse(html)
        assert not [e for e in parser.errors if e[1] not in ("unknown-doctype",)], (path, parser.errors[:3])
        assert html.count("<h1") == 1, path


def test_municipalities_api(built_site: Path) -> None:
    data = json.loads((built_site / "api/v1/municipalities.json").read_text(encoding="utf-8"))
    assert data["count"] == 357
    oslo = next(m for m in data["municipalities"] if m["number"] == "0301")
    assert oslo["url"] == {"nb": "/kommune/0301/", "nn": "/nn/kommune/0301/", "en": "/en/kommune/0301/"}
    assert oslo["hospital_trust_ids"] == ["lovisenberg", "ous", "diakonhjemmet", "ahus"]
    assert oslo["ke_id"] == "kommune-0301"
    kautokeino = next(m for m in data["municipalities"] if m["number"] == "5612")
    assert kautokeino["ke_id"] is None and kautokeino["hospital_trust_ids"] == ["finnmarkssykehuset"]
    assert oslo["organisation_number"] == "958935420" and oslo["ke_per_district"] is True


def test_schemas_are_published(built_site: Path) -> None:
    schema = json.loads((built_site / "schemas/municipality.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["number"]["pattern"] == "^[0-9]{4}$"


def test_no_third_party_resources_in_pages(built_site: Path) -> None:
    for path in ("", "en", "kommune/0301", "helseforetak/unn"):
        html = read(built_site, path)
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not loaded, path
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_bad_data_fails_the_build_and_leaves_the_previous_site(built_site: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # the previous good site: the session's shared build, not a build of its own
    before = _tree_digest(site)
    edit(project / "data/municipalities/3911-faerder.yaml", "number: '3911'", "number: 3911")
    edit(project / "data/municipalities/0301-oslo.yaml", "  email: null", "  emial: null")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/municipalities/3911-faerder.yaml:2:9: number: '3911' was read by YAML as a number (3911)" in output
    assert "data/municipalities/0301-oslo.yaml" in output and "unknown field 'emial'" in output
    assert "2 data error(s)" in output
    assert _tree_digest(site) == before


def test_stale_details_are_flagged(built_site: Path) -> None:
    # Harstad: read 30 November 2026 from a stored copy of an undated page: not stale by our dates
    assert "ke-stale" not in read(built_site, "kommune/5503")
    # Færder: read 23 November 2026, undated page; Kragerø (2015) is an old lead, not merely "stale"
    assert "ke-stale" not in read(built_site, "kommune/3911")
    assert "ke-stale" not in read(built_site, "kommune/4014") and "ke-old-lead" in read(built_site, "kommune/4014")


def test_suggest_a_correction_links(built_site: Path) -> None:
    nb = read(built_site, "kommune/3911")
    assert '<a href="https://example.org/ke-finder/edit/main/data/municipalities/3911-faerder.yaml">' in nb
    assert 'href="mailto:redaksjon@example.org?subject=Rettelse%3A%20F%C3%A6rder' in nb
    assert "%28data%2Fmunicipalities%2F3911-faerder.yaml%29" in nb  # every part encoded (links.mailto_href, RFC 6068)
    trust = read(built_site, "en/helseforetak/unn")
    assert "data/hospital-trusts/unn.yaml" in trust and "Suggest a correction" in trust


def test_coverage_page_tables_and_map(built_site: Path) -> None:
    nb = read(built_site, "dekning")
    assert "Av 357 kommuner: 0 bekreftet (0 %), 61 ikke bekreftet (17 %), 296 ukjent (83 %)." in nb
    assert "Av de ukjente har 38 bare en beslektet side og 5 bare et gammelt spor som må sjekkes." in nb
    svg = re.search(r"<svg[^>]*ke-map.*?</svg>", nb, re.S).group(0)
    links = re.findall(r'<a href="\.\./kommune/(\d{4})/" aria-label="([^"]+)"', svg)
    assert len(links) == 357 and len({n for n, _ in links}) == 357
    assert ("3911", "Færder: ikke bekreftet") in links and ("5612", "Kautokeino: ukjent") in links
    assert "© Kartverket" in svg
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td>", nb)
    assert sum(int(n) for name, n in rows[:15]) == 357  # by county
    en = read(built_site, "en/dekning")
    assert "Of 357 municipalities: 0 confirmed (0%), 61 not confirmed (17%), 296 not known (83%)." in en
    assert 'aria-label="Færder: not confirmed"' in en
