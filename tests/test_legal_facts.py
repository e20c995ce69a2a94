"""The legal facts of issue 9, pinned: each test asserts the right statement is there, not only that
a wrong one is gone, so a later edit that drops a correction fails here.

Sources (checked when the facts were written; cite them when you change a test):
- Lovdata: the acts and sections named in each test, linked at their own section anchor.
- Helsedirektoratet, veileder «Rehabilitering, habilitering, individuell plan og koordinator»:
  13 (IP: the municipality makes sure the plan is made and coordinates when both levels are
  involved; coordinator also without IP, pbrl § 2-5 b), 13.5 (notification: confidentiality and
  consent rules apply, recorded in the patient record), 12.2 (§ 7: the KE receives internal
  notifications), 12.3 (§ 5: planning), 12.5 (§ 11 with § 6: the hospital trust's KE).
- Helsedirektoratet's comments on pbrl § 2-5 a (contact doctor) and § 2-5 c (child coordinator).
- Helsetilsynet, «Hvor skal en klage sendes»: to whoever decided, who forwards it to Statsforvalteren.
- helse-nord.no, «Henvisning private rehabiliteringsinstitusjoner»: RRV is the DIPS address of
  «Rehabilitering, Regional vurderingsenhet».
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import TODAY, edit
from ke_finder.paths import language_prefix
from ke_finder.source.errors import DataInvalid
from ke_finder.source.load import load_directory
from ke_finder.source.quiz import load_quiz

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

HOL, SPHL, PBRL, HPL = (f"https://lovdata.no/lov/{n}" for n in
                         ("2011-06-24-30", "1999-07-02-61", "1999-07-02-63", "1999-07-02-64"))
REGULATION = "https://lovdata.no/forskrift/2011-12-16-1256"
CITIZEN_GUIDES = ("what-is-ke", "individual-plan", "coordinator", "contact-doctor")
LANGS = ("nb", "en")


# --- reading the built pages -------------------------------------------------------------

def _path(built_site: Path, lang: str, page: str) -> Path:
    return built_site / language_prefix(lang) / page / "index.html"


def article(built_site: Path, lang: str, page: str) -> str:
    """The page's main content as HTML (Material's <article>), without nav, header and footer."""
    text = _path(built_site, lang, page).read_text(encoding="utf-8")
    start, end = text.find("<article"), text.rfind("</article>")
    assert start != -1 and end != -1, f"{page} ({lang}) has no <article>"
    return text[start:end]


def plain(fragment: str) -> str:
    """Visible text, one space between words and none before punctuation (a link ends 'a</a>.')."""
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()
    return re.sub(r" ([.,:;!?)])", r"\1", text)


def links(fragment: str) -> list[tuple[str, str]]:
    """(href, link text) for every <a>, the href percent-decoded (§ may be written %C2%A7)."""
    return [(unquote(html.unescape(href)), plain(body))
            for href, body in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', fragment, re.DOTALL)]


def hrefs(fragment: str) -> set[str]:
    return {href for href, _ in links(fragment)}


def blocks(fragment: str, tag: str) -> list[str]:
    """The inner HTML of every <tag> element that is not nested in another one of the same tag."""
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", fragment, re.DOTALL)


def law_box(fragment: str) -> str:
    boxes = [b for b in re.findall(r'<div class="admonition info">(.*?)</div>', fragment, re.DOTALL)
             if re.search(r'admonition-title">(Lovverk|The law)<', b)]
    assert len(boxes) == 1, "expected one 'Lovverk' / 'The law' box"
    return boxes[0]


def all_pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("*.html"))


# --- 1. Individual plan: both levels have a duty; the municipality coordinates ------------

@pytest.mark.parametrize("lang", LANGS)
def test_ip_guide_cites_the_specialist_duty_and_the_municipal_coordination(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/individual-plan")
    box = law_box(page)
    assert f"{SPHL}/§2-5" in hrefs(box) and f"{HOL}/§7-1" in hrefs(box) and f"{PBRL}/§2-5" in hrefs(box)
    text = plain(page)
    if lang == "nb":
        assert "Sykehuset har også plikt til å lage en plan." in text
        assert "Da skal kommunen sørge for at planen blir laget. Kommunen leder arbeidet, og sykehuset skal være med." in text
        assert "Kommunen skal lage planen. Det står i" not in text  # the old 'municipality alone' sentence
    else:
        assert "The hospital also has a duty to make a plan." in text
        assert ("Then the municipality must make sure that the plan is made. The municipality leads the work, "
                "and the hospital must take part.") in text
        assert "The municipality must make the plan. The law says so in" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide", ["health-personnel", "ke-staff"])
def test_professional_guides_give_both_ip_duties(built_site: Path, lang: str, guide: str) -> None:
    page = article(built_site, lang, f"guides/{guide}")
    item = next((li for li in blocks(page, "li") if f"{SPHL}/§2-5" in hrefs(li)), None)
    assert item is not None, f"{guide}: no list item links spesialisthelsetjenesteloven § 2-5"
    assert f"{HOL}/§7-1" in hrefs(item)
    assert ("har plikt til å lage IP" if lang == "nb" else "have a duty to make an IP") in plain(item)


# --- 2. The specialist health service's KE must have an overview of the health region ------

@pytest.mark.parametrize("lang", LANGS)
def test_ke_staff_guide_states_the_overview_duty(built_site: Path, lang: str) -> None:
    text = plain(article(built_site, lang, "guides/ke-staff"))
    if lang == "nb":
        assert ("KE i spesialisthelsetjenesten skal ha en generell oversikt over tiltak for habilitering og "
                "rehabilitering i helseregionen.") in text
        assert "sier ikke at KE skal ha en oversikt" not in text
    else:
        assert ("The KE of the specialist health service must have a general overview of habilitation and "
                "rehabilitation measures in the health region.") in text
        assert "does not say that the KE must keep an overview" not in text
    assert "§ 11" in text and "2-5 b" in text


# --- 3. A coordinator also without an IP: pbrl § 2-5 b and the regulation ------------------

@pytest.mark.parametrize("lang", LANGS)
def test_coordinator_without_plan_cites_the_right_and_the_regulation(built_site: Path, lang: str) -> None:
    box = law_box(article(built_site, lang, "guides/coordinator"))
    assert f"{PBRL}/§2-5b" in hrefs(box) and REGULATION in hrefs(box)
    # issue 18 point 5: the current section numbers could not be verified, so none are given; the IP regulation is named
    assert "§§ 16" not in plain(box)
    assert ("forskrift om individuell plan ved ytelse av velferdstjenester" in plain(box))
    page = article(built_site, lang, "guides/health-personnel")
    item = next(li for li in blocks(page, "li") if ("uten IP" if lang == "nb" else "without an IP") in plain(li))
    assert f"{PBRL}/§2-5b" in hrefs(item) and REGULATION in hrefs(item)


def test_quiz_cites_pbrl_2_5_b_for_a_coordinator_without_a_plan() -> None:
    question = {q.id: q for q in load_quiz(ROOT / "data" / "quiz.yaml")}["coordinator-without-plan"]
    assert question.law == "pasient- og brukerrettighetsloven § 2-5 b"
    for lang in ("nb", "nn", "en"):
        assert "§§ 16" not in question.text(lang).feedback  # issue 18 point 5: unverified numbers left out
    assert "forskrift om habilitering, rehabilitering og koordinator" in question.text("nb").feedback


# --- 4. Notification (hpl § 38 a): consent and confidentiality, the patient record ----------

@pytest.mark.parametrize("lang", LANGS)
def test_notification_needs_consent_and_is_recorded(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/health-personnel")
    assert f"{HPL}/§38a" in hrefs(page)
    text = plain(page)
    if lang == "nb":
        assert "som regel taushetsbelagte, og reglene om samtykke gjelder" in text
        assert "Skriv i journalen at du har meldt fra." in text
    else:
        assert "covered by your duty of confidentiality, and the rules on consent apply" in text
        assert "Record in the patient's notes that you have notified the KE." in text
    ip = plain(article(built_site, lang, "guides/individual-plan"))
    assert ("Helsepersonell har taushetsplikt." if lang == "nb" else "Health personnel have a duty of confidentiality.") in ip
    assert ("journalen din" if lang == "nb" else "patient record") in ip


# --- 5. Child coordinator: every condition, expecting families included --------------------

@pytest.mark.parametrize("lang", LANGS)
def test_child_coordinator_conditions(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/coordinator")
    section = page[page.index('id="barnekoordinator"'):]
    conditions = [plain(li) for li in blocks(section.split("</ul>")[0], "li")]
    if lang == "nb":
        assert conditions == [
            "Familien har et barn, eller venter et barn.",
            "Barnet har en alvorlig sykdom, skade eller funksjonsnedsettelse.",
            "Barnet vil trenge helse- og omsorgstjenester og andre velferdstjenester over lang tid. "
            "Det kan for eksempel være hjelp fra NAV, i barnehagen eller på skolen.",
            "Familien vil ha en barnekoordinator. Foreldrene må si ja.",
        ]
        assert "Alle kommuner har denne plikten." in plain(section)
    else:
        assert conditions[0] == "The family has a child, or is expecting a child."
        assert "serious illness, injury or disability" in conditions[1]
        assert "health and care services and other welfare services over a long time" in conditions[2]
        assert conditions[3] == "The family wants a child coordinator. The parents must say yes."
        assert "Every municipality has this duty." in plain(section)
    box = law_box(page)
    assert f"{HOL}/§7-2a" in hrefs(box) and f"{PBRL}/§2-5c" in hrefs(box)


# --- 6. Child coordinator (and coordinator, IP) is a right, not a local offer ---------------

def test_child_coordinator_is_statutory_in_the_data() -> None:
    service = load_directory(ROOT / "data").services["barnekoordinator"]
    assert service.statutory is True
    assert service.law_name == "helse- og omsorgstjenesteloven § 7-2 a"
    assert service.law_url == f"{HOL}/§7-2a"


def test_a_statutory_service_must_cite_its_law(data_dir: Path) -> None:
    edit(data_dir / "services.yaml", "- code: barnekoordinator\n", "- code: barnekoordinator\n  statutory: true\n")
    with pytest.raises(DataInvalid) as info:
        load_directory(data_dir, today=TODAY)
    assert any(str(e).startswith("data/services.yaml:3:14: services[0].statutory: a statutory service must cite the law")
               and "add law: with name:" in str(e) for e in info.value.errors), [str(e) for e in info.value.errors]


@pytest.mark.parametrize("lang", LANGS)
def test_services_view_presents_the_child_coordinator_as_a_right(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "tjeneste/barnekoordinator")
    text = plain(page)
    assert f"{HOL}/§7-2a" in hrefs(page)
    if lang == "nb":
        assert ("Alle kommuner skal gi dette til dem som har rett til det. "
                "Det står i helse- og omsorgstjenesteloven § 7-2 a.") in text
        assert re.search(r"For \d+ kommuner har vi ingen opplysninger eller kontakt for dette ennå\. "
                         r"De skal likevel gi det\.", text)
        assert "vet vi ikke om de har tilbudet" not in text and "mangler det" not in text
    else:
        assert "Every municipality must provide this to those who have the right to it." in text
        assert re.search(r"For \d+ municipalities we have no details or contact for this yet\. "
                         r"They must still provide it\.", text)
        assert "we do not know whether they offer it" not in text
    index = plain(article(built_site, lang, "tjeneste"))
    assert ("en rett i alle kommuner" if lang == "nb" else "a right in every municipality") in index
    # coordinator and IP are rights too: said on the index and on every municipality page, with links
    for page_path in ("tjeneste", "kommune/5610"):
        rights = re.findall(r'<p class="ke-right">(.*?)</p>', article(built_site, lang, page_path), re.DOTALL)
        assert len(rights) == 1, page_path
        expected = ("Alle kommuner skal gi koordinator, individuell plan og barnekoordinator til dem som har rett til det."
                    if lang == "nb" else
                    "Every municipality must provide a coordinator, an individual plan and a child coordinator "
                    "to those who have the right to them.")
        assert plain(rights[0]).startswith(expected), plain(rights[0])
    municipality = article(built_site, lang, "kommune/5610")
    assert any(h.endswith("guides/coordinator/#barnekoordinator") for h in hrefs(municipality))
    assert any(h.endswith("guides/individual-plan/") for h in hrefs(municipality))


@pytest.mark.parametrize("lang", LANGS)
def test_user_organisations_guide_presents_the_child_coordinator_as_a_right(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/user-organisations")
    text = plain(page)
    if lang == "nb":
        assert "Barnekoordinator er ikke et lokalt tilbud, men en rett." in text
        assert "betyr det bare at vi ikke har opplysninger eller kontakt for det ennå. Kommunen skal likevel gi det." in text
    else:
        assert "A child coordinator is not a local service but a right." in text
        assert "it only means that we have no details or contact for it yet. The municipality must still provide it." in text
    assert f"{HOL}/§7-2a" in hrefs(page)


# --- 7. Contact doctor: illness, injury or disorder; specialist health service; psychologist -

@pytest.mark.parametrize("lang", LANGS)
def test_contact_doctor_conditions(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/contact-doctor")
    text = plain(page)
    if lang == "nb":
        assert "Du har en alvorlig sykdom, skade eller lidelse." in text
        assert "Du trenger behandling eller oppfølging fra spesialisthelsetjenesten over en viss tid." in text
        assert "kontaktpsykolog" in text
    else:
        assert "You have a serious illness, injury or disorder." in text
        assert "You need treatment or follow-up from the specialist health service over some time." in text
        assert "contact psychologist" in text
    box = law_box(page)
    assert f"{PBRL}/§2-5a" in hrefs(box) and f"{SPHL}/§2-5c" in hrefs(box)


# --- 8. Complaints: to whoever decided, then Statsforvalteren -------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide", ["individual-plan", "coordinator", "contact-doctor"])
def test_guides_give_the_complaint_route(built_site: Path, lang: str, guide: str) -> None:
    page = article(built_site, lang, f"guides/{guide}")
    steps = [plain(li) for li in blocks(next(iter(blocks(page, "ol"))), "li")]
    assert len(steps) == 3, steps
    if lang == "nb":
        assert "send den til" in steps[0] and "sa nei" in steps[0]
        assert steps[1] == "De ser på saken på nytt."
        assert steps[2].startswith("Gir de deg ikke rett, sender de klagen videre til Statsforvalteren.")
    else:
        assert "send it to" in steps[0] and "turned you down" in steps[0]
        assert steps[1] == "They look at the case again."
        assert steps[2].startswith("If they still say no, they send your complaint on to the County Governor")
    assert f"{PBRL}/§7-2" in hrefs(law_box(page))


def test_quiz_gives_the_complaint_route() -> None:
    questions = {q.id: q for q in load_quiz(ROOT / "data" / "quiz.yaml")}
    route = questions["complaint-route"]
    assert route.text("nb").options[route.correct] == "Til kommunen, som tok avgjørelsen"
    assert "den som tok avgjørelsen" in questions["plan-complaint"].text("nb").feedback
    assert "whoever made the decision" in questions["plan-complaint"].text("en").feedback
    for lang, words in (("nb", "fire uker"), ("nn", "fire veker"), ("en", "four weeks")):   # issue 18 point 8
        assert words in route.text(lang).feedback and "7-5" in route.text(lang).feedback


# --- 9. RRV is an address, not a unit -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_rrv_is_named_as_the_address_of_the_assessment_unit(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "guides/health-personnel")
    item = next(li for li in blocks(page, "li") if "RRV" in li)
    text = plain(item)
    assert "Regional vurderingsenhet" in text and "RVE" in text
    assert "UNN" in text
    assert ("bare en adresse" if lang == "nb" else "only an address") in text
    assert "«RRV» (regional vurderingsenhet)" not in text and '"RRV" (regional vurderingsenhet)' not in text


# --- 10. Every hospital trust, not every hospital -------------------------------------------

def test_no_page_says_every_hospital_must_have_a_ke(built_site: Path) -> None:
    wrong = re.compile(r"alle sykehus skal ha|hvert sykehus skal ha|every hospital must have|"
                       r"every municipality and every hospital must", re.IGNORECASE)
    offenders = [str(p.relative_to(built_site)) for p in all_pages(built_site)
                 if wrong.search(plain(p.read_text(encoding="utf-8")))]
    assert not offenders, offenders
    assert "Alle kommuner og alle helseforetak skal ha en koordinerende enhet." in plain(article(built_site, "nb", "."))
    assert "Every municipality and every hospital trust must have a coordinating unit." in plain(article(built_site, "en", "."))


# --- 11. The logo is a proposal, never 'the national logo' ----------------------------------

def test_no_page_calls_the_logo_national(built_site: Path) -> None:
    wrong = re.compile(r"nasjonale? logo|national (ke )?logo|nasjonal(e)? ke-logo", re.IGNORECASE)
    offenders = [str(p.relative_to(built_site)) for p in all_pages(built_site) if wrong.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    sources = [ROOT / "mkdocs.yml", ROOT / "ke_finder" / "i18n.py", *DOCS.rglob("*.md"),
               *(ROOT / "ke_finder" / "site" / "templates").glob("*.j2")]
    assert not [str(p) for p in sources if wrong.search(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("lang", LANGS)
def test_logo_page_says_it_is_a_proposal_no_authority_adopted(built_site: Path, lang: str) -> None:
    page = article(built_site, lang, "logo")
    heading, text = plain(blocks(page, "h1")[0]), plain(page)
    if lang == "nb":
        assert heading == "Forslag til felles logo for koordinerende enhet"
        assert "Denne logoen er et forslag til det." in text and "Ingen myndighet har vedtatt den." in text
        assert "du kan bruke den fritt" in text
    else:
        assert heading == "Proposed common logo for the coordinating unit"
        assert "This logo is a proposal for that." in text and "No authority has adopted it" in text
        assert "you may use it freely" in text


# --- 12. Lovdata links go to the section; the regulation is linked where cited --------------

SECTION_LINK = re.compile(r"^https://lovdata\.no/lov/\d{4}-\d\d-\d\d-\d+/§\d+(-\d+)?[a-z]?$")
REGULATION_LINK = re.compile(r"^https://lovdata\.no/forskrift/2011-12-16-1256$")


@pytest.mark.parametrize("lang", LANGS)
def test_lovdata_links_point_at_sections(built_site: Path, lang: str) -> None:
    guides = sorted(p.parent.name for p in (built_site / ("en/" if lang == "en" else "") / "guides").glob("*/index.html"))
    assert len(guides) >= 8
    seen = 0
    for guide in guides:
        for href in hrefs(article(built_site, lang, f"guides/{guide}")):
            if "lovdata.no" in href:
                seen += 1
                assert SECTION_LINK.match(href) or REGULATION_LINK.match(href), f"{guide}: {href}"
    assert seen >= 40


@pytest.mark.parametrize("lang", LANGS)
def test_the_regulation_is_linked_wherever_it_is_cited(built_site: Path, lang: str) -> None:
    name = "forskrift om habilitering, rehabilitering og koordinator"
    english = "regulation on habilitation, rehabilitation and coordinator"
    citing = []
    for path in sorted((built_site / ("en/" if lang == "en" else "") / "guides").glob("*/index.html")):
        guide = path.parent.name
        text = plain(article(built_site, lang, f"guides/{guide}")).lower()
        if name in text or english in text:
            citing.append(guide)
            assert REGULATION in hrefs(article(built_site, lang, f"guides/{guide}")), guide
    assert {"coordinator", "health-personnel", "ke-staff", "what-is-ke"} <= set(citing)


# --- 13 and 14. Plain language: a law box, terms explained, 'adressen til KE' ----------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide", CITIZEN_GUIDES)
def test_citizen_guides_keep_section_numbers_in_the_law_box(built_site: Path, lang: str, guide: str) -> None:
    page = article(built_site, lang, f"guides/{guide}")
    box = law_box(page)
    assert "§" in plain(box)
    assert "§" not in plain(page.replace(box, "")), f"{guide} ({lang}): a section number outside the law box"


def test_terms_are_explained_on_first_use() -> None:
    what = (DOCS / "guides" / "what-is-ke.md").read_text(encoding="utf-8")
    assert "Habilitering er hjelp til å lære ferdigheter du ikke har hatt." in what
    assert "Et helseforetak driver ett eller flere sykehus." in what
    assert "En funksjonsnedsettelse betyr at en del av kroppen eller hodet ikke virker som det skal." in what
    for guide in ("individual-plan", "coordinator", "contact-doctor"):
        guide_text = (DOCS / "guides" / f"{guide}.md").read_text(encoding="utf-8")
        assert "Et helseforetak driver ett eller flere sykehus." in guide_text, guide
    assert "En funksjonsnedsettelse betyr" in (DOCS / "guides" / "coordinator.md").read_text(encoding="utf-8")


def test_no_s_genitive_with_sin() -> None:
    sources = [*(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")), ROOT / "ke_finder" / "i18n.py"]
    offenders = [str(p.relative_to(ROOT)) for p in sources
                 if re.search(r"\bKE sin\b|\benhet sin\b", p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    assert "den elektroniske adressen til KE (HER-id)" in (DOCS / "guides" / "health-personnel.md").read_text(encoding="utf-8")


def test_english_is_idiomatic() -> None:
    english = {p: p.read_text(encoding="utf-8") for p in DOCS.rglob("*.en.md")}
    assert not [str(p) for p, text in english.items() if re.search(r"\bfor you who\b|\bIf you get a no\b", text)]
    for guide in ("individual-plan", "coordinator", "contact-doctor"):
        assert "## If you are turned down" in english[DOCS / "guides" / f"{guide}.en.md"]
    assert "## For people who work with this" in english[DOCS / "guides" / "index.en.md"]
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "Tilbud: Services" in mkdocs and "Offers" not in mkdocs


# --- nynorsk: the same corrections, said in nynorsk (issue 13; the same law links: tests/test_languages.py) ---

NYNORSK_STATEMENTS = [
    ("guides/individual-plan", "Sjukehuset har òg plikt til å lage ein plan."),                          # point 1
    ("guides/individual-plan", "Då skal kommunen sørgje for at planen blir laga. Kommunen leier arbeidet, og "
                               "sjukehuset skal vere med."),
    ("guides/ke-staff", "KE i spesialisthelsetenesta skal ha ei generell oversikt over tiltak for habilitering og "
                        "rehabilitering i helseregionen."),                                               # point 2
    ("guides/individual-plan", "Derfor må du som regel seie ja før dei seier frå til KE om deg. Det dei seier frå "
                               "om, skal dei skrive i journalen din."),                                   # point 4
    ("guides/health-personnel", "Opplysningane i meldinga er som regel underlagde teieplikt, og reglane om "
                                "samtykke gjeld."),
    ("guides/coordinator", "Barnet har ein alvorleg sjukdom, skade eller funksjonsnedsetjing."),          # point 5
    ("guides/user-organisations", "Barnekoordinator er ikkje eit lokalt tilbod, men ein rett."),          # point 6
    ("guides/contact-doctor", "Du har ein alvorleg sjukdom, skade eller liding."),                        # point 7
    ("guides/contact-doctor", "kontaktpsykolog"),
    ("guides/individual-plan", "sender dei klagen vidare til Statsforvaltaren."),                         # point 8
    ("guides/coordinator", "sender dei klagen vidare til Statsforvaltaren."),
    ("guides/contact-doctor", "sender dei klagen vidare til Statsforvaltaren."),
]


@pytest.mark.parametrize(("page", "statement"), NYNORSK_STATEMENTS)
def test_nynorsk_guides_state_the_legal_fixes(built_site: Path, page: str, statement: str) -> None:
    assert statement in plain(article(built_site, "nn", page))


# --- issue 18: the second review, pinned in all three languages ----------------------------
# Sources: hol § 7-3 as amended by Prop. 100 L (2020–2021) (the KE appoints, trains and guides coordinators under
# §§ 7-2 and 7-2 a); hpl § 38 a (whoever provides specialist health services notifies the specialist health
# service's KE); Helsedirektoratet's guideline 12.2 (§ 7), 12.3 (§ 5), 12.5 (§ 11 with § 6, private institutions)
# and 13.5 (confidentiality and consent apply to the notification, which is recorded); Helsedirektoratet's comments
# on pbrl § 7-2 (relatives: as representatives where the law says so, otherwise written authorisation) and § 7-5
# (four weeks); the guideline on cooperation on services for children, young people and their families
# (the child coordinator); Prop. 100 L ch. 8 (relatives take part in the IP if the person wants).

ALL = ("nb", "nn", "en")
GUIDELINE = "https://www.helsedirektoratet.no/veiledere/rehabilitering-habilitering-individuell-plan-og-koordinator"
KE_CHAPTER = f"{GUIDELINE}/koordinerende-enhet-for-habilitering-og-rehabilitering-i-kommunen-og-i-spesialisthelsetjenesten"
G12_5 = f"{KE_CHAPTER}/lovgrunnlaget-for-koordinerende-enhet-i-spesialisthelsetjenesten"
G13_5 = f"{GUIDELINE}/individuell-plan-og-koordinator/melding-om-behov-for-individuell-plan-og-koordinator"
CHILDREN_GUIDELINE = "https://www.helsedirektoratet.no/veiledere/samarbeid-om-tjenester-til-barn-unge-og-deres-familier"


def said(lang: str, nb: str, nn: str, en: str) -> str:
    return {"nb": nb, "nn": nn, "en": en}[lang]


@pytest.mark.parametrize("lang", ALL)
def test_the_ke_is_responsible_for_child_coordinators(built_site: Path, lang: str) -> None:
    """Point 1: since 1 August 2022 hol § 7-3 covers coordinators under §§ 7-2 and 7-2 a."""
    what = plain(article(built_site, lang, "guides/what-is-ke"))
    assert said(lang, "KE velger ut koordinatorer og barnekoordinatorer.", "KE vel ut koordinatorar og barnekoordinatorar.",
                "The KE appoints coordinators and child coordinators.") in what
    staff = article(built_site, lang, "guides/ke-staff")
    item = next(li for li in blocks(staff, "li") if f"{HOL}/§7-2a" in hrefs(li) and f"{HOL}/§7-2" in hrefs(li)
                and len(plain(li)) < 120)
    assert said(lang, "barnekoordinatorer", "barnekoordinatorar", "child coordinators") in plain(item)
    assert "Prop. 100 L (2020–2021)" in plain(staff)
    glossary = plain(article(built_site, lang, "guides/glossary"))
    assert said(lang, "I kommunen har KE også ansvar for barnekoordinatorer.",
                "I kommunen har KE òg ansvar for barnekoordinatorar.",
                "In the municipality, the KE is also responsible for child coordinators.") in glossary
    tasks = {q.id: q for q in load_quiz(ROOT / "data" / "quiz.yaml")}["ke-tasks"].text(lang)
    assert said(lang, "barnekoordinatorer", "barnekoordinatorar", "child coordinators") in tasks.options[2]
    assert "§ 7-3" in tasks.feedback


@pytest.mark.parametrize("lang", ALL)
def test_message_helper_says_the_consent_rules_apply_to_the_message(built_site: Path, lang: str) -> None:
    """Point 2: confidentiality and consent apply to the message itself; it is recorded; all specialist services."""
    page = article(built_site, lang, "message-helper")
    text = plain(page)
    assert said(lang, "reglene om samtykke gjelder for selve meldingen", "reglane om samtykke gjeld for sjølve meldinga",
                "the rules on consent apply to the message itself") in text
    assert said(lang, "Skriv i journalen at du har meldt fra.", "Skriv i journalen at du har meldt frå.",
                "Record in the patient's notes that you have sent the notification.") in text
    assert "DPS" in text
    assert said(lang, "Bare samtykket er et lovkrav", "Berre samtykket er eit lovkrav",
                "Only the consent is a legal requirement") not in text
    assert f"{HPL}/§38a" in hrefs(page) and f"{PBRL}/§2-5" in hrefs(page) and G13_5 in hrefs(page)
    assert not [h for h in hrefs(page) if "lovdata.no/dokument" in h], "whole-act links"
    script = (DOCS / "assets" / "message.js").read_text(encoding="utf-8")
    assert said(lang, "Pasienten har sagt ja til at denne meldingen sendes",
                "Pasienten har sagt ja til at denne meldinga blir send",
                "The patient has agreed that this message is sent") in script


@pytest.mark.parametrize("lang", ALL)
def test_ke_staff_guide_gives_the_regulations_duties(built_site: Path, lang: str) -> None:
    """Point 4: § 5 (plan and overview of the need), § 7 (internal notifications), § 11 with § 6 (hospital KE)."""
    page = article(built_site, lang, "guides/ke-staff")
    items = blocks(page, "li")
    planning = next(plain(li) for li in items if "(§ 5)" in plain(li))
    assert said(lang, "generell oversikt over behovet", "generell oversikt over behovet",
                "general overview of the need") in planning
    internal = next(plain(li) for li in items if "(§ 7" in plain(li))
    assert said(lang, "meldinger internt i kommunen", "meldingar internt i kommunen",
                "notifications within the municipality") in internal
    hospital = next(li for li in items if "§ 11" in plain(li))
    assert "§ 6" in plain(hospital) and G12_5 in hrefs(hospital)
    assert said(lang, "nødvendig kontakt", "naudsynt kontakt", "the necessary contact") in plain(hospital)
    overview = next(p for p in blocks(page, "p") if "§ 11" in plain(p))
    assert G12_5 in hrefs(overview) and f"{KE_CHAPTER}/lovgrunnlaget-for-koordinerende-enhet-i-kommunene" not in hrefs(overview)


def test_no_page_gives_the_unverified_coordinator_sections(built_site: Path) -> None:
    """Point 5: the regulation's current coordinator sections could not be checked on Lovdata; no page states them."""
    offenders = [str(p.relative_to(built_site)) for p in all_pages(built_site) if "§§ 16" in plain(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders


@pytest.mark.parametrize("lang", ALL)
def test_relatives_are_told_what_they_may_do(built_site: Path, lang: str) -> None:
    """Point 6: take part in the IP if the person wants; complain where the law allows or with written authorisation."""
    page = article(built_site, lang, "guides/individual-plan")
    section = plain(page[page.index('id="parorende"'):page.index("<h2", page.index('id="parorende"'))])
    assert said(lang, "kan du være med i arbeidet med planen hvis personen selv vil det",
                "kan du vere med i arbeidet med planen om personen sjølv vil det",
                "you can take part in the work on the plan if the person wants you to") in section
    assert said(lang, "skriftlig fullmakt", "skriftleg fullmakt", "written authorisation") in section
    assert any(h.endswith("-7-2-klage-mv") for h in hrefs(law_box(page)))
    assert any(h.endswith("individual-plan/#parorende") for h in hrefs(article(built_site, lang, "guides")))


@pytest.mark.parametrize("lang", ALL)
def test_the_child_coordinator_right_ends_at_18(built_site: Path, lang: str) -> None:
    """Point 7, with the guideline on cooperation on services for children, young people and their families."""
    page = article(built_site, lang, "guides/coordinator")
    assert said(lang, "Retten til barnekoordinator varer til barnet fyller 18 år.",
                "Retten til barnekoordinator varer til barnet fyller 18 år.",
                "The right to a child coordinator lasts until the child turns 18.") in plain(page)
    assert CHILDREN_GUIDELINE in hrefs(law_box(page))


@pytest.mark.parametrize("lang", ALL)
@pytest.mark.parametrize("guide", ["individual-plan", "coordinator", "contact-doctor"])
def test_complaints_are_written_within_four_weeks(built_site: Path, lang: str, guide: str) -> None:
    """Point 8: pbrl § 7-3 (in writing) and § 7-5 (four weeks), with the route (pinned above)."""
    page = article(built_site, lang, f"guides/{guide}")
    assert said(lang, "Klagen må være skriftlig. Send den innen fire uker etter at du fikk svaret.",
                "Klagen må vere skriftleg. Send den innan fire veker etter at du fekk svaret.",
                "Your complaint must be in writing. Send it within four weeks of getting the answer.") in plain(page)
    assert {f"{PBRL}/§7-3", f"{PBRL}/§7-5"} <= hrefs(law_box(page))


@pytest.mark.parametrize("lang", ALL)
@pytest.mark.parametrize("code", ["fysioterapi", "ergoterapi"])
def test_physiotherapy_and_occupational_therapy_are_duties(built_site: Path, lang: str, code: str) -> None:
    """Point 3: hol § 3-2 (habilitation and rehabilitation; a physiotherapist and an occupational therapist in every
    municipality). Shown like the child coordinator: a duty everywhere, 'unknown' means we have no contact."""
    service = load_directory(ROOT / "data").services[code]
    assert service.statutory and service.law_url == f"{HOL}/§3-2"
    page = article(built_site, lang, f"tjeneste/{code}")
    assert f"{HOL}/§3-2" in hrefs(page)
    assert said(lang, "De skal likevel gi det.", "Dei skal likevel gje det.", "They must still provide it.") in plain(page)
    index = article(built_site, lang, "tjeneste")
    item = next(plain(li) for li in blocks(index, "li") if service.names[lang] in plain(li))
    assert said(lang, "en rett i alle kommuner", "ein rett i alle kommunar", "a right in every municipality") in item
    assert not re.search(r"kjent i \d+ kommuner|kjend i \d+ kommunar|known in \d+ municipalities", item), item
    duties = plain(next(p for p in blocks(index, "p") if f"{HOL}/§3-2" in hrefs(p)))
    assert said(lang, "Alle kommuner skal også gi habilitering og rehabilitering, og ha fysioterapeut og ergoterapeut",
                "Alle kommunar skal òg gje habilitering og rehabilitering, og ha fysioterapeut og ergoterapeut",
                "Every municipality must also provide habilitation and rehabilitation, and have a physiotherapist and an "
                "occupational therapist") in duties


@pytest.mark.parametrize("lang", ALL)
def test_private_non_profit_hospitals_are_not_listed_as_trusts(built_site: Path, lang: str) -> None:
    """Point 9: Diakonhjemmet, Lovisenberg, Revmatismesykehuset and Haraldsplass are not trusts; they work under
    agreements with the regional health authority (guideline 12.5)."""
    index = article(built_site, lang, "helseforetak")
    private = {t.name for t in load_directory(ROOT / "data").hospital_trusts.values() if t.kind == "private-non-profit"}
    assert private == {"Diakonhjemmet Sykehus", "Lovisenberg Diakonale Sykehus", "Revmatismesykehuset",
                       "Haraldsplass Diakonale Sykehus"} or len(private) >= 4, private
    listed_apart = " ".join(plain(ul) for ul in re.findall(r'<ul class="ke-list" data-private>(.*?)</ul>', index, re.DOTALL))
    trusts = " ".join(plain(ul) for ul in re.findall(r'<ul class="ke-list">(.*?)</ul>', index, re.DOTALL))
    for name in private:
        assert name in listed_apart and name not in trusts, name
    note = plain(next(p for p in blocks(index, "p") if G12_5 in hrefs(p)))
    assert said(lang, "De er ikke helseforetak, men gir spesialisthelsetjenester etter avtale med det regionale helseforetaket.",
                "Dei er ikkje helseføretak, men gjev spesialisthelsetenester etter avtale med det regionale helseføretaket.",
                "They are not hospital trusts, but provide specialist health services under an agreement with the regional "
                "health authority.") in note
    page = plain(article(built_site, lang, "helseforetak/lovisenberg"))
    assert said(lang, "Lovisenberg Diakonale Sykehus er et privat ideelt sykehus, ikke et helseforetak.",
                "Lovisenberg Diakonale Sykehus er eit privat ideelt sjukehus, ikkje eit helseføretak.",
                "Lovisenberg Diakonale Sykehus is a private non-profit hospital, not a hospital trust.") in page


@pytest.mark.parametrize("lang", ALL)
def test_oslo_statistical_rows_are_not_shown_as_districts(built_site: Path, lang: str) -> None:
    """Point 10: 'Uoppgitt bydel Oslo' and Marka are categories in the catchment statistics, not districts."""
    page = re.sub(r"<script\b.*?</script>", "", article(built_site, lang, "helseforetak/ous"), flags=re.DOTALL)
    text = plain(page)  # what people read; the JSON-LD and the open data keep every catchment row
    assert "Uoppgitt" not in text and "Marka" not in text
    assert "Gamle Oslo" in text or "Frogner" in text or "Nordstrand" in text, "the residential districts are still listed"
