"""What a finding is: the details one HTML page shows, each with the line of page text it came from.

Pure functions over a page's HTML (no network, no Scrapy): trafilatura gives the page's main text (navigation and
footer boilerplate would otherwise put the switchboard on every page), phonenumbers' PhoneNumberMatcher reads
numbers however they are written ("33 99 01 10", "33990110", "(+47) 339 90 110", tel: links), htmldate the page's
own date. Everything else is a small, named rule (what makes a page the KE's page, an address line, phone hours,
a person's name), so an editor can read why a value was found.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote, urlsplit

import htmldate
import lxml.html
import phonenumbers
import trafilatura
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

QUOTE_LIMIT = 300
REGION = "NO"

# ---------------------------------------------------------------- words

KE_NAME = re.compile(r"koordinerende\s+enhet|koordinerande\s+eining", re.I)
# "Tildelingskontoret er kommunens koordinerende enhet": the body names the unit as the KE.
KE_SENTENCE = re.compile(r"\b(er|ivaretar funksjonen som|har rolla som|har rollen som)\s+(kommunens\s+|kommunen si\s+|"
                         r"sykehusets\s+|helseforetakets\s+|sjukehuset si\s+)?(koordinerende\s+enhet|koordinerande\s+eining)",
                         re.I)
RELATED_TOPICS = (  # checked in this order against title and main heading
    ("child-coordinator", re.compile(r"barnekoordinator", re.I)),
    ("individual-plan", re.compile(r"individuell\s+plan|\bkoordinator\b", re.I)),
    ("allocation-office", re.compile(r"tildelingskontor|tjenestekontor|tenestekontor|forvaltningskontor|"
                                     r"tildelingsenhet|tildelingseining|bestillerkontor|forvaltningsenhet", re.I)),
)
CONTACT_PAGE = re.compile(r"^(kontakt|servicetorg|kundesenter|innbyggarservice|innbyggerservice|sentralbord)", re.I)
CONTACT_PATH = re.compile(r"kontakt|servicetorg|contact", re.I)
VISITING = re.compile(r"^\s*(besøksadresse|besøksadr\.?|besøk oss|besøksadresse og postadresse)\s*:?\s*", re.I)
POSTAL = re.compile(r"^\s*(postadresse|postadr\.?|postboks-adresse)\s*:?\s*", re.I)
PHONE_HOURS = re.compile(r"telefontid(er)?|telefonen er (åpen|open)|telefonopningstid|telefonåpningstid", re.I)
PHONE_HOURS_VALUE = re.compile(r"^\s*(telefontid(er)?|telefonen er (åpen|open)|telefonopningstid|telefonåpningstid)\s*:?\s*",
                               re.I)
MOBILE_WORD = re.compile(r"\bmob(il|ile|\.)?\b", re.I)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.I)
SWITCHBOARD_EMAIL = re.compile(r"^(post|postmottak|post\.?mottak|firmapost|kommune|servicetorget)@", re.I)

# Capitalised words that are not people's names ("Helse Bergen", "Sykehuset Innlandet", "Mandag Fredag"):
# whole words, and prefixes of compounds.
NOT_A_NAME_WORDS = {"den", "det", "de", "vi", "du", "ring", "send", "les", "se", "kontakt", "telefon", "tlf", "mobil",
                    "e-post", "epost", "post", "nav", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "måndag",
                    "tysdag", "laurdag", "lørdag", "søndag", "sundag", "januar", "februar", "mars", "april", "mai", "juni",
                    "juli", "august", "september", "oktober", "november", "desember", "statens", "norsk", "norges",
                    "kommune", "kommunen", "fylke", "fylket", "i", "og", "på", "til", "for", "med", "hos"}
NOT_A_NAME_PREFIX = re.compile(r"^(helse|sykehus|sjukehus|universitet|kommune|fylke|besøk|koordinerende|koordinerande|"
                               r"tildeling|tjeneste|teneste|barne|sentralbord|servicetorg|kontakt|telefon)", re.I)


def _not_a_name(word: str) -> bool:
    return word.casefold() in NOT_A_NAME_WORDS or bool(NOT_A_NAME_PREFIX.match(word))


NAME_TOKEN = r"[A-ZÆØÅ][a-zæøåéèüöä]+(?:-[A-ZÆØÅ][a-zæøåéèüöä]+)?"
PERSON_NAME = re.compile(rf"\b({NAME_TOKEN})((?:\s+{NAME_TOKEN})+)\b")


@dataclass(frozen=True)
class Found:
    """One value and where it was read: `quote` is the page text around it (≤ 300 characters)."""

    text: str
    quote: str
    url: str


@dataclass(frozen=True)
class FoundPhone:
    number: str        # as written on the page
    e164: str
    label: str | None
    quote: str
    url: str
    mobile: bool
    person: str | None  # the person's name on the same line, when there is one


@dataclass(frozen=True)
class FoundEmail:
    address: str
    quote: str
    url: str
    person: str | None


@dataclass
class Page:
    """What one page shows. `kind` is ke-page / related-page / None; `contact` marks the owner's contact page."""

    url: str
    title: str
    heading: str
    kind: str | None
    related_topic: str | None
    ke_score: int
    contact: bool
    phones: list[FoundPhone] = field(default_factory=list)
    emails: list[FoundEmail] = field(default_factory=list)
    visiting_address: Found | None = None
    postal_address: Found | None = None
    phone_hours: Found | None = None
    page_date: str | None = None
    services: list[tuple[str, Found]] = field(default_factory=list)
    http_date: str | None = None
    depth: int = 0


# ---------------------------------------------------------------- text


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def quote_around(line: str, start: int, end: int) -> str:
    """The line, cut to at most QUOTE_LIMIT characters centred on [start, end)."""
    line = line.strip()
    if len(line) <= QUOTE_LIMIT:
        return line
    room = (QUOTE_LIMIT - (end - start)) // 2
    left = max(0, start - room)
    return line[left:left + QUOTE_LIMIT].strip()


def main_text(html: str) -> str:
    """The page's main text, one block per line (trafilatura); the whole body's text when it finds none."""
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=False, include_links=False)
    if not text or len(text) < 40:
        tree = lxml.html.fromstring(html)
        for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript"):
            bad.drop_tree()
        body = tree.find("body")
        text = (body if body is not None else tree).text_content()
    return "\n".join(clean(line) for line in text.splitlines() if clean(line))


def body_text(html: str) -> str:
    """Every visible line of the page, boilerplate included (verify checks the whole page)."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in tree.xpath("//p|//div|//li|//br|//h1|//h2|//h3|//h4|//tr|//td|//footer|//header"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(clean(line) for line in tree.text_content().splitlines() if clean(line))


def person_on(line: str) -> str | None:
    """A person's name on the line ("Kari Nordmann"), by the shape of Norwegian names; None when there is none."""
    for match in PERSON_NAME.finditer(line):
        if any(_not_a_name(word) for word in match.group(0).split()):
            continue
        return clean(match.group(0))
    return None


def label_before(line: str, start: int) -> str | None:
    """The label written before a number ("Telefon:", "Sentralbord", "Direkte:"), when it is a short label."""
    before = line[:start].strip().rstrip(":").strip()
    before = re.split(r"[.;!?]\s", before)[-1].strip()
    while True:
        shorter = re.sub(r"(\b(tlf|tel|telefon|nummer|ring oss|ring|ringje oss|du kan|på|eller|og)\.?|:)$", "", before,
                         flags=re.I).strip(" :,-–")
        if shorter == before:
            break
        before = shorter
    if not before or re.search(r"\d", before) or len(before.split()) > 4 or len(before) > 60:
        return None
    return before[0].upper() + before[1:]


def phones_in(lines: list[str], url: str) -> list[FoundPhone]:
    found: list[FoundPhone] = []
    seen: set[str] = set()
    for line in lines:
        for match in PhoneNumberMatcher(line, REGION, leniency=Leniency.VALID):
            e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
            if e164 in seen:
                continue
            seen.add(e164)
            found.append(_phone(match.number, match.raw_string, line, match.start, match.end, url))
    return found


def _phone(number: phonenumbers.PhoneNumber, written: str, line: str, start: int, end: int, url: str) -> FoundPhone:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    kind = phonenumbers.number_type(number)
    mobile = kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE) or bool(MOBILE_WORD.search(line))
    return FoundPhone(clean(written), e164, label_before(line, start), quote_around(line, start, end), url, mobile,
                      person_on(line))


def tel_links(tree: lxml.html.HtmlElement, url: str, known: set[str]) -> list[FoundPhone]:
    """Numbers that are only in tel: links (not in the text as written)."""
    found = []
    for link in tree.xpath("//a[starts-with(translate(@href,'TEL','tel'),'tel:')]"
                           "[not(ancestor::nav or ancestor::header or ancestor::footer)]"):
        raw = unquote(link.get("href", "")[4:]).strip()
        try:
            number = phonenumbers.parse(raw, REGION)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if e164 in known:
            continue
        known.add(e164)
        parent = link.getparent()
        line = clean((parent if parent is not None else link).text_content())
        text = clean(link.text_content()) or raw
        index = line.find(text)
        found.append(_phone(number, text, line, max(index, 0), max(index, 0) + len(text), url))
    return found


def emails_in(lines: list[str], url: str) -> list[FoundEmail]:
    found: list[FoundEmail] = []
    seen: set[str] = set()
    for line in lines:
        for match in EMAIL.finditer(line):
            address = match.group(0).rstrip(".").lower()
            if address in seen:
                continue
            seen.add(address)
            found.append(FoundEmail(address, quote_around(line, match.start(), match.end()), url, person_on(line)))
    return found


def line_value(lines: list[str], pattern: re.Pattern[str], url: str, limit: int = 200) -> Found | None:
    """The text after a label ("Besøksadresse: Rådhusgata 1, …"), or the next line when the label stands alone."""
    for index, line in enumerate(lines):
        match = pattern.match(line) if pattern.pattern.startswith("^") else pattern.search(line)
        if not match:
            continue
        value = line[match.end():].strip() if pattern.pattern.startswith("^") else line
        if not value and index + 1 < len(lines):
            value, line = lines[index + 1], line + " " + lines[index + 1]
        value = value.strip(" :")
        if value:
            return Found(value[:limit], quote_around(line, 0, min(len(line), limit)), url)
    return None


def phone_hours(lines: list[str], url: str) -> Found | None:
    for index, line in enumerate(lines):
        if not PHONE_HOURS.search(line):
            continue
        match = PHONE_HOURS_VALUE.match(line)
        value = line[match.end():].strip() if match else line
        if not value and index + 1 < len(lines):
            value, line = lines[index + 1], line + " " + lines[index + 1]
        if re.search(r"\d", value):
            return Found(value[:120], quote_around(line, 0, len(line)), url)
    return None


def page_date(html: str, today: date) -> str | None:
    """The page's own date as it shows it (markup, not guessed from any number in the text)."""
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=False, outputformat="%Y-%m-%d",
                                   max_date=today.isoformat())
    except Exception:  # htmldate raises on odd markup; a page without a date is the common case
        return None
    return found or None


# ---------------------------------------------------------------- classification


def fold(text: str) -> str:
    return clean(text).casefold()


def classify(title: str, heading: str, text: str) -> tuple[str | None, str | None, int]:
    """(web_kind, related_topic, score): a KE page names the KE in its title or main heading, or says of its unit
    that it *is* the KE; a related page is about individual plans, child coordinators or allocation."""
    score = 0
    if KE_NAME.search(heading):
        score += 3
    if KE_NAME.search(title):
        score += 2
    if KE_SENTENCE.search(text):
        score += 2
    if score:
        return "ke-page", None, score
    for topic, pattern in RELATED_TOPICS:
        if pattern.search(heading) or pattern.search(title):
            return "related-page", topic, 0
    return None, None, 0


def is_contact_page(url: str, title: str, heading: str) -> bool:
    path = urlsplit(url).path
    return bool(CONTACT_PAGE.match(heading) or CONTACT_PAGE.match(title) or CONTACT_PATH.search(path.rsplit("/", 2)[-2]
                                                                                                  if path.count("/") >= 2
                                                                                                  else path))


def services_in(headings: list[str], terms: dict[str, tuple[str, ...]], url: str) -> list[tuple[str, Found]]:
    """Offers the page is about: a service's name in the title or a heading (a link list does not count)."""
    found = []
    for code, words in terms.items():
        for heading in headings:
            folded = fold(heading)
            if any(word in folded for word in words):
                found.append((code, Found(code, heading[:QUOTE_LIMIT], url)))
                break
    return found


# ---------------------------------------------------------------- one page


def analyse(url: str, html: str, terms: dict[str, tuple[str, ...]], today: date, http_date: str | None = None,
            depth: int = 0) -> Page:
    tree = lxml.html.fromstring(html)
    title = clean(" ".join(tree.xpath("//title//text()")))
    h1s = [clean(h.text_content()) for h in tree.xpath("//h1")]
    heading = h1s[0] if h1s else ""
    headings = [clean(h.text_content()) for h in tree.xpath("//h1|//h2|//h3")] + [title]
    text = main_text(html)
    lines = text.splitlines()
    kind, topic, score = classify(title, heading, text)
    page = Page(url, title, heading, kind, topic, score, is_contact_page(url, title, heading), http_date=http_date,
                depth=depth)
    page.phones = phones_in(lines, url)
    page.phones += tel_links(tree, url, {p.e164 for p in page.phones})
    page.emails = emails_in(lines, url)
    known = {e.address for e in page.emails}
    for link in tree.xpath("//a[starts-with(translate(@href,'MAILTO','mailto'),'mailto:')]"
                           "[not(ancestor::nav or ancestor::header or ancestor::footer)]"):
        address = unquote(link.get("href", "")[7:].split("?")[0]).strip().lower()
        if EMAIL.fullmatch(address) and address not in known:
            known.add(address)
            parent = link.getparent()
            line = clean((parent if parent is not None else link).text_content())
            page.emails.append(FoundEmail(address, quote_around(line, 0, len(line)), url, person_on(line)))
    page.visiting_address = line_value(lines, VISITING, url)
    page.postal_address = line_value(lines, POSTAL, url)
    page.phone_hours = phone_hours(lines, url)
    page.page_date = page_date(html, today)
    page.services = services_in(headings, terms, url)
    return page


def service_terms(names: dict[str, dict[str, str]]) -> dict[str, tuple[str, ...]]:
    """code -> folded words that name it, from data/services.yaml's names (bokmål and nynorsk) plus the other
    ways municipal sites write them."""
    extra = {
        "laerings-og-mestringstilbud": ("lærings- og mestring", "lærings- og meistring", "læring og mestring",
                                        "læring og meistring"),
        "syn-og-horsel": ("synskontakt", "hørselskontakt", "høyrselskontakt", "syns- og hørsel"),
        "hjelpemidler": ("hjelpemiddel",),
        "korttidsopphold-rehabilitering": ("korttidsopphold med rehabilitering", "korttidsopphald med rehabilitering",
                                           "rehabiliteringsopphold"),
        "rehabilitering-psykisk-helse-rus": ("rehabilitering innen psykisk helse og rus",
                                             "rehabilitering innan psykisk helse og rus"),
    }
    terms: dict[str, tuple[str, ...]] = {}
    for code, by_lang in names.items():
        words = {fold(by_lang[lang]) for lang in ("nb", "nn") if by_lang.get(lang)}
        words.update(extra.get(code, ()))
        terms[code] = tuple(sorted(words))
    return terms


def looks_like_switchboard_email(address: str) -> bool:
    return bool(SWITCHBOARD_EMAIL.match(address))
