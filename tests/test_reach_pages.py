"""Every page ends with a way to reach someone (issue 21 points 1, 2, 4; issue 17's site side), on a real build.

One site is built for this module: the real data, plus two crawl candidates accepted with `python -m ke_finder
accept --write` (Sømna: a KE checked on the live page; Brønnøy: only its switchboard), so the built pages show what
an editor's accept produces. Checked in the built HTML, in every language.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from babel.dates import format_date

from conftest import ROOT
from ke_finder.i18n import t
from ke_finder.paths import LANGUAGES, language_prefix
from sitebuild import SESSION_HASH_SEED, copy_project, mkdocs_build

pytestmark = pytest.mark.site

CANDIDATES = ROOT / "tests" / "fixtures" / "candidates" / "candidates.json"
FETCHED = date(2026, 12, 5)  # fetched_at of the fixture candidates
BABEL = {"nb": "nb", "nn": "nn", "en": "en_GB"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("reach")
    project = copy_project(work / "project")
    for owner in ("1812", "1813"):
        done = subprocess.run([sys.executable, "-m", "ke_finder", "accept", str(CANDIDATES), owner, "--write",
                               "--data", str(project / "data")], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stdout + done.stderr
    result = mkdocs_build(project, work / "site", SESSION_HASH_SEED)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def page(site: Path, lang: str, path: str) -> Element:
    html = (site / (language_prefix(lang) + path) / "index.html").read_text(encoding="utf-8")
    return html5lib.parse(html, namespaceHTMLElements=False)


def ke_section(site: Path, lang: str, path: str) -> Element:
    found = [s for s in page(site, lang, path).iter("section") if "ke-section--ke" in s.get("class", "")]
    assert len(found) == 1
    return found[0]


def text(element: Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def hrefs(element: Element) -> list[str]:
    return [a.get("href", "") for a in element.iter("a")]


def day(lang: str, value: date = FETCHED) -> str:
    return format_date(value, "long", locale=BABEL[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_live_page_evidence_shows_with_its_date_on_the_page_in_the_copy_text_vcard_and_hsds(site: Path,
                                                                                           lang: str) -> None:
    section = ke_section(site, lang, "kommune/1812/")
    sentence = t("evidence_live-page", lang, link=t("source_page", lang), date=day(lang))
    assert sentence in text(section)
    assert t("evidence_stored-copy", lang, link=t("source_page", lang), date=day(lang)) not in text(section)
    copy = [dl.get("data-copy-source", "") for dl in section.iter("dl") if dl.get("data-copy-source")]
    assert len(copy) == 1 and t("copy_how_live-page", lang, retrieved=day(lang)) in copy[0]
    vcard = (site / "api/v1/vcard" / language_prefix(lang).rstrip("/") / "kommune-1812.vcf")
    unfolded = vcard.read_text(encoding="utf-8").replace("\r\n ", "")
    assert t("vcard_evidence_live_page", lang) in unfolded and "2026-12-05" in unfolded
    hsds = site / ("api/v1/hsds" + ("" if lang == "nb" else f"/{lang}")) / "service.json"
    services = [s for s in json.loads(hsds.read_text(encoding="utf-8")) if "somna" in json.dumps(s)]
    assert len(services) == 1 and t("hsds_evidence_live_page", lang) in services[0]["description"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_municipality_known_only_by_its_switchboard_shows_it_as_the_way_in_never_as_the_ke(site: Path,
                                                                                             lang: str) -> None:
    section = ke_section(site, lang, "kommune/1813/")
    items = [li for li in section.iter("li") if "ke-switchboard" in li.get("class", "")]
    assert len(items) == 1
    assert text(items[0]).startswith(t("turn_switchboard_municipality", lang))
    assert "tel:+4775012000" in hrefs(items[0]) and "(Servicetorget)" in text(items[0])
    assert t("evidence_live-page", lang, link=t("source_page", lang), date=day(lang)) in text(items[0])
    # never in a KE block: no contact list on the page carries the number, and the KE is "not known"
    assert all("tel:+4775012000" not in hrefs(dl) for dl in page(site, lang, "kommune/1813/").iter("dl"))
    assert t("unknown_ke", lang, name="Brønnøy") in text(section)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_circular_advice_when_the_hospitals_ke_is_unknown_too(site: Path, lang: str) -> None:
    # Vestre Toten: KE unknown, Sykehuset Innlandet's KE unknown; Helse Sør-Øst has a regional KE page
    section = ke_section(site, lang, "kommune/3443/")
    words = text(section)
    assert t("turn_trust", lang) not in words
    assert t("turn_regional", lang) in words
    links = hrefs(section)
    assert "tel:+4761153300" in links and "tel:+4780030061" in links  # switchboard, ReHabiliteringstelefonen
    # Sømna before the accept had the same trust (Helgelandssykehuset, unknown) and no regional KE (Helse Nord);
    # Bindal still does: it gets the helpline and the website, and no promised switchboard number
    bindal = text(ke_section(site, lang, "kommune/1811/"))
    assert t("turn_trust", lang) not in bindal and t("turn_regional", lang) not in bindal
    assert t("turn_website", lang) in bindal and "800 30 061" in bindal
    assert not re.search(r"sentralbord|switchboard", bindal, re.IGNORECASE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_call_the_switchboard_comes_with_the_number_or_not_at_all(site: Path, lang: str) -> None:
    # Lyngen: a KE page without phone or e-mail; the municipality's post mailbox is sourced, no switchboard number
    lyngen = ke_section(site, lang, "kommune/5536/")
    notes = [p for p in lyngen.iter("p") if "ke-note" in p.get("class", "")]
    assert len(notes) == 1 and "mailto:post@lyngen.kommune.no" in hrefs(notes[0])
    assert not re.search(r"sentralbord|switchboard", text(notes[0]), re.IGNORECASE)
    # Bergen: a KE page without phone or e-mail, and the municipality's service desk number is sourced: the note
    # and the copied text give that number, as the switchboard's
    bergen = ke_section(site, lang, "kommune/4601/")
    note = [p for p in bergen.iter("p") if "ke-note" in p.get("class", "")]
    assert len(note) == 1 and "tel:+4755565556" in hrefs(note[0])
    assert text(note[0]).endswith(t("ask_switchboard_municipality", lang, phone="55 56 55 56 (Innbyggerservice (Kaigaten 4))"))
    copy = [dl.get("data-copy-source", "") for dl in bergen.iter("dl") if dl.get("data-copy-source")]
    assert len(copy) == 1 and copy[0].endswith(t("copy_switchboard_municipality", lang, phone="55 56 55 56"))
    # Bokn: a KE page without phone or e-mail and nothing sourced: the website, no number promised
    bokn = [p for p in ke_section(site, lang, "kommune/1145/").iter("p") if "ke-note" in p.get("class", "")]
    assert len(bokn) == 1 and "https://www.bokn.kommune.no" in hrefs(bokn[0])
    assert not re.search(r"sentralbord|switchboard", text(bokn[0]), re.IGNORECASE)
    # a hospital trust without a KE and without a sourced switchboard: its website, no promised number
    trust = text(ke_section(site, lang, "helseforetak/finnmarkssykehuset/"))
    assert t("turn_trust_website", lang) in trust
    assert not re.search(r"sentralbord|switchboard", trust, re.IGNORECASE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_related_page_says_one_thing_not_unknown_and_not_confirmed_side_by_side(site: Path, lang: str) -> None:
    section = ke_section(site, lang, "kommune/1804/")  # Bodø: a related page only
    badges = [span for span in section.iter("span") if "ke-status" in span.get("class", "").split()]
    assert [b.get("class") for b in badges] == ["ke-status ke-status--unknown"]
    assert t("status_unconfirmed", lang) not in text(section)
    assert t("provenance_unconfirmed", lang) not in text(section)
    assert t("related_title", lang) in text(section)
