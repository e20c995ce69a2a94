"""The spelling gate: every text of every built page, per language, through Hunspell with Debian's dictionaries.

Why: the site is published in three written standards (bokmål, nynorsk, English). A typo, or a bokmål word on a
nynorsk page ("ikke" for "ikkje"), is a defect a reader sees; Hunspell's nb_NO and nn_NO dictionaries each reject
the other standard's forms, so one check per language catches both.

What is checked: every text node of every HTML page, in the language of its nearest `lang` attribute (`<html
lang>`, or an inner `<span lang="en">`), plus the texts a screen reader or tooltip speaks (alt, title, aria-label,
placeholder). That includes the theme's chrome (header, search, footer): it is Material's own translation and our
overrides, the reader sees or hears it as part of the page, and it passes (Material's nb and nn strings leave the
header's "Header" label in English, so overrides/partials/header.html gives its own).

Texts from data are Norwegian on every page (see DATA_NAMES and DataTexts): a KE's unit name, address, phone
label or hours, and a place or organisation name, are checked against nb_NO or nn_NO, whatever the page language.

What is skipped, and why:
  * script, style, code, pre, kbd, samp, template: program text and commands, not prose;
  * a text in a language without a dictionary here (Sami `se`, `sma`, `smj`, `smi`, Kven `fkv`): names shown in
    their own language; a page *language* without a dictionary is an error instead (see DICTIONARIES);
  * hidden search metadata (`hidden` with `data-pagefind-meta`: a guide's search keywords, which list on purpose
    the variants people type, "utskrivelse" beside "utskriving"; no reader sees or hears them). Other hidden
    elements (quiz feedback, filter messages) are shown by the scripts and are checked;
  * single letters ("§ 38 a", "bokstav b", "Ctrl+F", the "e" of "e-post" split at its hyphen): never a misspelling
    a reader would notice, and Hunspell rejects most of them;
  * whitespace-separated chunks with a digit (phone numbers, numbers, dates, postal codes, "§ 38", "24/7"),
    an @ (e-mail addresses), or that are URLs or host names ("helsenorge.no").

The words Hunspell does not know but the site must use (names of places, units and organisations, law titles,
established domain terms) are excepted through one reviewed list, tests/spelling/words.txt (its header says what
may go in). Matching follows Hunspell's case rules: a lower-case entry also accepts its capitalised and upper-case
forms, a capitalised entry ("Oslo") also its upper-case form, never the lower-case one.

Only the unique words of a language go to Hunspell, in one `hunspell -d <dict> -l` process per language.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from ke_finder.model import Directory, KeUnit
from ke_finder.paths import LANGUAGES
from ke_finder.source.load import load_directory

# A site language -> its Hunspell dictionary (Debian: hunspell-no has nb_NO and nn_NO, hunspell-en-gb has en_GB).
# A fourth language needs a dictionary here and its package in scripts/install_browser_deps.sh.
DICTIONARIES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
DICTIONARY_DIR = Path("/usr/share/hunspell")

ROOT = Path(__file__).resolve().parent.parent
WORD_LIST = ROOT / "tests" / "spelling" / "words.txt"

# A text that is exactly a text from data (a KE's unit name, address, phone label, opening or phone hours; a
# municipality's name) is written in the source's own Norwegian, bokmål or nynorsk, on every page of every
# language: it is checked as "Norwegian" (accepted when nb_NO or nn_NO knows the word), not in the page's
# language. So "Tjenestekontoret for helse- og omsorgstjenester" passes on an nn or en page without its bokmål
# words entering the nn list, yet an English note typed into a unit name ("(page …)") is still rejected.
DATA_NAMES = "data"
NORWEGIAN = ("nb", "nn")

SKIPPED_ELEMENTS = frozenset({"script", "style", "code", "pre", "kbd", "samp", "template"})
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                           "track", "wbr"})

_URL = re.compile(r"(?:https?://|mailto:|tel:|www\.)\S*", re.IGNORECASE)
# Host names written without a scheme ("helsenorge.no", "lovdata.no/lov/…"); a closed list of top-level domains,
# so abbreviations such as "f.eks." or "e.g." are still checked.
_HOST = re.compile(r"^(?:[\w-]+\.)+(?:no|com|org|net|eu|int|gov|uk|se|dk|io|info)(?:/\S*)?$", re.IGNORECASE)
_CHUNK_SKIP = re.compile(r"[\d@]")
# A word: letters, joined by inner apostrophes or hyphens ("don't", "e-post", "Nord-Fron").
_LETTERS = r"[^\W\d_]+"
_WORD = re.compile(rf"{_LETTERS}(?:['-]{_LETTERS})*")
_EDGE_PUNCTUATION = "\"'«»“”‘’()[]{}<>.,;:!?…–—/|*"


@dataclasses.dataclass(frozen=True)
class Rejected:
    """A word Hunspell rejected in one language, with the first page it was seen on and how many pages have it."""

    lang: str
    word: str
    page: str
    pages: int

    def __str__(self) -> str:
        more = f" (and {self.pages - 1} more pages)" if self.pages > 1 else ""
        return f"[{self.lang}] {self.word}  — {self.page}{more}"


class MissingDictionary(RuntimeError):
    """A page language with no Hunspell dictionary mapped or installed."""


# ---- text per language -----------------------------------------------------------------------------------------

class _TextParser(HTMLParser):
    """Collect (language, text) pairs from one HTML page, following nested `lang` attributes.

    A lenient stack: void elements are never pushed, and an end tag pops back to its matching start tag (the
    built pages are well-formed; this also recovers from an implied end such as a `<p>` closed by its parent).
    """

    def __init__(self, names: DataTexts | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names or DataTexts.of((), ())
        self.stack: list[tuple[str, str | None, bool]] = []   # (tag, lang in effect, inside a skipped element)
        self.texts: list[tuple[str | None, str]] = []
        self.joined = False  # the last text ended at a <wbr>: the next text goes on the same word

    def _state(self) -> tuple[str | None, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (None, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang, skipped = self._state()
        if tag == "wbr":  # a line-break opportunity inside a word or address, not a break between words
            self.joined = bool(self.texts)
            return
        values = dict(attrs)
        if values.get("lang"):
            lang = (values["lang"] or "").split("-")[0].lower()
        if not skipped and not ("hidden" in values and "data-pagefind-meta" in values):
            for name in TEXT_ATTRIBUTES:
                if values.get(name):
                    self._add(lang, values[name] or "")
        if tag not in VOID_ELEMENTS:
            search_metadata = "hidden" in values and "data-pagefind-meta" in values
            self.stack.append((tag, lang, skipped or tag in SKIPPED_ELEMENTS or search_metadata))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <svg …/>-style self-closing elements: their attributes count, nothing is pushed.
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        lang, skipped = self._state()
        if self.joined and not skipped and self.texts:
            self.joined = False
            last_lang, last = self.texts.pop()
            self.texts.append((last_lang, last + data))
            return
        self.joined = False
        if not skipped and data.strip():
            self._add(lang, data)

    def _add(self, lang: str | None, text: str) -> None:
        keys, inline = self.names.keys, self.names.inline
        if lang not in DICTIONARIES or not keys:
            self.texts.append((lang, text))
        elif _name_key(text) in keys:
            self.texts.append((DATA_NAMES, text))
        else:
            # A data text inside a longer text, set off by a dash, brackets or a colon ("Sørlandet sykehus HF – KE",
            # "Herøy (Møre og Romsdal): not known"), counts as one; so does a place or organisation name with a
            # lower-case word anywhere in a sentence ("… i Sørlandet sykehus HF, og …"): its "sykehus" must not
            # enter the nn list, where it would let the bokmål word pass in nynorsk text.
            parts = _PARTS.split(text)
            rest = [part for part in parts if _name_key(part) not in keys]
            self.texts.extend((DATA_NAMES, part) for part in parts if _name_key(part) in keys)
            remaining = " ".join(rest)
            if inline is not None:
                self.texts.extend((DATA_NAMES, name) for name in inline.findall(remaining))
                remaining = inline.sub(" ", remaining)
            self.texts.append((lang, remaining))


_PARTS = re.compile(r"\s+[–—-]\s+|[():;]")


def _name_key(text: str) -> str:
    """A text as compared with the data names: single spaces, no brackets or separators around it."""
    return " ".join(text.split()).strip(" ()[],;:·–-")


def page_texts(html: str, names: DataTexts | None = None) -> list[tuple[str | None, str]]:
    """Every text of one page with the language it is in (None when no `lang` applies; DATA_NAMES for a text from
    data, see DataTexts)."""
    parser = _TextParser(names)
    parser.feed(html)
    parser.close()
    return parser.texts


def words_of(text: str) -> Iterator[str]:
    """The words of a text, without numbers, phone numbers, e-mail addresses, URLs and host names."""
    text = _URL.sub(" ", text.replace("’", "'").replace("\u00ad", ""))
    for chunk in text.split():
        chunk = chunk.strip(_EDGE_PUNCTUATION)
        if not chunk or _CHUNK_SKIP.search(chunk) or _HOST.match(chunk):
            continue
        for match in _WORD.finditer(chunk):
            if len(match.group(0)) > 1:
                yield match.group(0)


def site_words(site: Path, languages: Iterable[str] = LANGUAGES,
               names: DataTexts | None = None) -> dict[str, dict[str, list[str]]]:
    """{language: {word: [pages…]}} over every HTML page of a built site, for the given languages (and DATA_NAMES).

    Text in another language (Sami, Kven, or any language not asked for) is skipped."""
    wanted = set(languages) | {DATA_NAMES}
    found: dict[str, dict[str, list[str]]] = {lang: {} for lang in wanted}
    seen: dict[str, list[str]] = {}   # the header, footer and navigation repeat on every page: split each text once
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        for lang, text in page_texts(path.read_text(encoding="utf-8"), names):
            if lang not in wanted:
                continue
            words = found[lang]
            if text not in seen:
                seen[text] = list(words_of(text))
            for word in seen[text]:
                pages = words.setdefault(word, [])
                if not pages or pages[-1] != rel:
                    pages.append(rel)
    return found


# ---- the word list ----------------------------------------------------------------------------------------------

_SECTION = re.compile(r"^\[([\w, ]+)\]$")


def read_word_list(path: Path = WORD_LIST) -> dict[str, set[str]]:
    """{section: words} of the word list: `[all]` (every language) and sections per language code; `[nb, nn]`
    puts the words that follow into both. A section may occur more than once (the generated block repeats them).

    Blank lines and `#` comments are ignored; a word may be a hyphenated form ("ÅÅÅÅ-MM-DD")."""
    sections: dict[str, set[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        section = _SECTION.match(line)
        if section:
            current = [code for code in re.split(r"[, ]+", section.group(1)) if code]
            for code in current:
                sections.setdefault(code, set())
            continue
        if current is None or " " in line:
            raise ValueError(f"{path}:{number}: expected a [section] first and one word per line, got {line!r}")
        for code in current:
            sections[code].add(line)
    return sections


def accepted_forms(words: Iterable[str]) -> set[str]:
    """The forms a list of exceptions accepts, by Hunspell's case rules."""
    forms: set[str] = set()
    for word in words:
        forms.update((word, word.upper()))
        if word[:1].islower():
            forms.add(word[:1].upper() + word[1:])
    return forms


def exceptions_for(lang: str, word_list: dict[str, set[str]]) -> set[str]:
    """Accepted forms for one language: its own section and the `[all]` section (data names: nb's and nn's too)."""
    sections = NORWEGIAN if lang == DATA_NAMES else (lang,)
    return accepted_forms(word_list.get("all", set()).union(*(word_list.get(code, set()) for code in sections)))


# ---- Hunspell ---------------------------------------------------------------------------------------------------

def dictionary_for(lang: str) -> str:
    """The installed Hunspell dictionary of a site language; fails clearly when there is none."""
    if lang not in DICTIONARIES:
        raise MissingDictionary(
            f"no Hunspell dictionary for the site language {lang!r}: add it to DICTIONARIES in tests/spelling.py "
            f"and install its Debian package in scripts/install_browser_deps.sh")
    name = DICTIONARIES[lang]
    if not (DICTIONARY_DIR / f"{name}.dic").is_file():
        raise MissingDictionary(f"Hunspell dictionary {name} is not installed: run `make browser-deps`")
    return name


def _dictionary_encoding(name: str) -> str:
    """The dictionary's character set (nb_NO and nn_NO are ISO-8859-1, en_GB is UTF-8)."""
    with open(DICTIONARY_DIR / f"{name}.aff", "rb") as aff:
        for raw in aff:
            if raw.startswith(b"SET "):
                return raw.split()[1].decode("ascii")
    return "ISO8859-1"


def hunspell_rejects(lang: str, words: Iterable[str]) -> set[str]:
    """The words of `words` that Hunspell rejects in a language's dictionary: one process for all of them.

    A word with a letter outside the dictionary's character set (č, ŋ, š in nb_NO/nn_NO) cannot be in it and is
    rejected here without asking Hunspell, which would only print an iconv error for it."""
    name = dictionary_for(lang)
    encoding = _dictionary_encoding(name)
    rejected: set[str] = set()
    asked: list[str] = []
    for word in sorted(set(words)):
        try:
            word.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            rejected.add(word)
            continue
        asked.append(word)
    if not asked:
        return rejected
    result = subprocess.run(
        ["hunspell", "-d", name, "-i", "UTF-8", "-l"], input="\n".join(asked) + "\n",
        capture_output=True, text=True, encoding="utf-8", check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"})
    printed = set(result.stdout.split())
    asked_set = set(asked)
    rejected |= printed & asked_set
    # Hunspell splits a few words itself (at an apostrophe in nb/nn: "KE's" -> "KE", "s"): map the pieces back.
    pieces = printed - asked_set
    if pieces:
        rejected |= {word for word in asked if set(re.split(r"['-]", word)) & pieces}
    return rejected


def check_words(found: dict[str, dict[str, list[str]]], word_list: dict[str, set[str]]) -> list[Rejected]:
    """Every word of `found` (site_words) that neither the word list nor Hunspell accepts, sorted by language order.

    A hyphenated word the list does not name is checked part by part ("Nord-Fron" -> "Nord", "Fron")."""
    rejected: list[Rejected] = []
    order = {lang: index for index, lang in enumerate((*DICTIONARIES, DATA_NAMES))}
    for lang in sorted(found, key=lambda code: order.get(code, len(order))):
        accepted = exceptions_for(lang, word_list)
        pages_of: dict[str, list[str]] = {}
        for word, pages in found[lang].items():
            parts = [] if word in accepted else [part for part in word.split("-") if len(part) > 1]
            for part in parts:
                if part in accepted:
                    continue
                known = pages_of.setdefault(part, [])
                known.extend(page for page in pages if page not in known)
        if lang == DATA_NAMES:
            rejects = set.intersection(*(hunspell_rejects(code, pages_of) for code in NORWEGIAN))
        else:
            rejects = hunspell_rejects(lang, pages_of)
        for word in sorted(rejects):
            rejected.append(Rejected(lang, word, pages_of[word][0], len(pages_of[word])))
    return rejected


def check_site(site: Path, languages: Iterable[str] = LANGUAGES, word_list_path: Path = WORD_LIST,
               names: Iterable[str] | None = None) -> list[Rejected]:
    """The spelling gate over a built site: every rejected word, with a page where it occurs.

    `names`: the texts from data (default: those of the project's data/, which the site is built from)."""
    languages = tuple(languages)
    for lang in (*languages, *NORWEGIAN):
        dictionary_for(lang)
    texts = project_names() if names is None else DataTexts.of(names, names)
    return check_words(site_words(site, languages, texts), read_word_list(word_list_path))


# ---- names from data ------------------------------------------------------------------------------------------

def _unit_texts(ke: KeUnit | None) -> Iterator[str]:
    """A KE's texts as the source wrote them, in Norwegian: unit name, addresses, phone labels, hours."""
    if ke is not None:
        yield from (text for text in (ke.unit, ke.visiting_address, ke.postal_address, ke.opening_hours,
                                      ke.phone_hours, *(phone.label for phone in ke.phones)) if text)


def organisation_names(directory: Directory) -> Iterator[str]:
    """The names of places and organisations: counties, regions, hospital trusts and their hospitals, cooperations, municipalities
    (every official and Sami/Kven name), administrative centres, Oslo's districts, the helpline. They also occur
    inside sentences, so scripts/spelling_words.py puts their words into the word list."""
    for county in directory.counties.values():
        yield from (county.name, county.official_name)
    for region in directory.regions.values():
        yield region.name
    for trust in directory.hospital_trusts.values():
        yield trust.name
    for hospital in directory.hospital_names:  # data/place-names.yaml, shown on the trust's page
        yield from hospital.names
    for cooperation in directory.cooperations.values():
        yield from (cooperation.name, cooperation.host)
    for municipality in directory.municipalities.values():
        yield from (municipality.name, municipality.display_name, municipality.official_name)
        yield from (other.name for other in municipality.other_names)
        if municipality.admin_centre:
            yield municipality.admin_centre
        yield from (district.name for district in municipality.districts)
    yield directory.helpline.name


def data_names(directory: Directory) -> Iterator[str]:
    """Every text the pages show from data as written in Norwegian: organisation_names, and each KE's texts."""
    yield from organisation_names(directory)
    yield from ke_texts(directory)


def ke_texts(directory: Directory) -> Iterator[str]:
    """Every KE's texts (_unit_texts): of regions, hospital trusts, cooperations and municipalities; and the
    phone labels of the owners' switchboards."""
    for region in directory.regions.values():
        yield from _unit_texts(region.regional_ke)
    for trust in directory.hospital_trusts.values():
        yield from _unit_texts(trust.ke)
    for cooperation in directory.cooperations.values():
        yield from _unit_texts(cooperation.ke)
    for municipality in directory.municipalities.values():
        yield from _unit_texts(municipality.own_ke)
    # the owners' general contacts: their phone labels, as the source wrote them ("Servicetorget")
    for owner in (*directory.municipalities.values(), *directory.hospital_trusts.values()):
        if owner.switchboard is not None:
            yield from (phone.label for phone in owner.switchboard.phones if phone.label)


@dataclasses.dataclass(frozen=True)
class DataTexts:
    """The texts from data as the gate recognises them in a page: `keys`, whole texts (or dash/bracket-separated
    parts of one) as _name_key gives them; `inline`, names of places and organisations that hold a lower-case
    word ("Sørlandet sykehus HF", "Møre og Romsdal"), found anywhere in a text."""

    keys: frozenset[str]
    inline: re.Pattern[str] | None

    @classmethod
    def of(cls, texts: Iterable[str], inline_names: Iterable[str]) -> DataTexts:
        multiword = {" ".join(name.split()) for name in inline_names
                     if any(word[:1].islower() for word in name.split()[1:])}
        pattern = "|".join(re.escape(name) for name in sorted(multiword, key=len, reverse=True))
        inline = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if pattern else None
        return cls(frozenset(_name_key(text) for text in texts), inline)


@functools.cache
def project_names() -> DataTexts:
    """The data texts of the project's data/ (which the built site comes from), loaded once per test run."""
    directory = load_directory(ROOT / "data")
    return DataTexts.of(data_names(directory), organisation_names(directory))
