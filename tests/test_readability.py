"""Plain language, measured: LIX of the citizen guides, and nb/en guides kept in step.

Citizen pages must score LIX <= 40 in both languages. The check runs on the files in
docs/, so an edit that makes a guide harder to read fails here, with the score shown.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ke_finder.paths import DEFAULT_LANGUAGE, parse_source_file
from readability import lix, markdown_lix, markdown_to_prose, sentence_count, words

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDE_DIRS = (DOCS / "guides", DOCS / "about")
MAX_CITIZEN_LIX = 40.0
AUDIENCES = {"citizen", "professional", "ke-staff", "organisation", "reference"}


def front_matter_text(path: Path) -> str:
    """The raw front matter block of a page, or '' when it has none."""
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", path.read_text(encoding="utf-8"), re.DOTALL)
    return match.group(1) if match else ""


def front_matter(path: Path) -> dict:
    """The parsed YAML front matter of a page, or {} when it has none."""
    return yaml.safe_load(front_matter_text(path)) or {}


def citizen_pages() -> list[Path]:
    """Every page under docs/ marked `audience: citizen`, hand-written or generated.

    Found with a line match rather than a YAML parse, so one page elsewhere with broken
    front matter cannot stop the whole readability check from running.
    """
    marked = re.compile(r"^audience:\s*[\"']?citizen[\"']?\s*$", re.MULTILINE)
    return sorted(p for p in DOCS.rglob("*.md") if marked.search(front_matter_text(p)))


def nb_guides() -> list[Path]:
    """Hand-written pages in bokmål (the default language has no suffix)."""
    return sorted(p for d in GUIDE_DIRS for p in d.glob("*.md") if parse_source_file(p.name)[1] == DEFAULT_LANGUAGE)


def english_of(nb: Path) -> Path:
    return nb.with_name(nb.name.removesuffix(".md") + ".en.md")


def nynorsk_of(nb: Path) -> Path:
    return nb.with_name(nb.name.removesuffix(".md") + ".nn.md")


def headings(path: Path, level: int) -> list[str]:
    """Headings of one level, outside fenced code (a YAML comment is not a heading)."""
    found, in_code = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
        elif not in_code and re.match(rf"^{'#' * level}\s", line):
            found.append(line)
    return found


# --- lix() on texts small enough to count by hand -------------------------------------

def test_lix_short_words_only() -> None:
    # 6 words, 2 sentences, no word over 6 letters ("katter" has exactly 6): 6/2 + 0 = 3.
    assert lix("Jeg liker katter. De er søte.") == pytest.approx(3.0)


def test_lix_counts_long_words() -> None:
    # 4 words, 1 sentence; "Koordinerende" (13) and "hjelper" (7) are long: 4/1 + 100*2/4 = 54.
    assert lix("Koordinerende enhet hjelper deg.") == pytest.approx(54.0)


def test_lix_english() -> None:
    # 8 words, 2 sentences; "coordinator" (11) is long: 8/2 + 100*1/8 = 16.5.
    assert lix("Ask for a coordinator. You can call us.") == pytest.approx(16.5)


def test_lix_last_sentence_without_full_stop_counts() -> None:
    # 4 words, 1 sentence, 0 long: 4.
    assert lix("Ring oss i dag") == pytest.approx(4.0)
    assert sentence_count("Ring oss. Skriv til oss") == 2


def test_lix_colon_ends_sentence_but_clock_time_does_not() -> None:
    assert sentence_count("Åpent: kl 09:00 til 14:00.") == 2
    # 5 words (Åpent, kl, 09:00, til, 14:00), none long, 2 sentences: 5/2 = 2.5.
    assert lix("Åpent: kl 09:00 til 14:00.") == pytest.approx(2.5)


def test_lix_empty_text_is_zero() -> None:
    assert lix("") == 0.0
    assert lix("  — ") == 0.0


def test_words_ignore_lone_punctuation() -> None:
    assert words("§ 7-3 – og") == ["7-3", "og"]


# --- markdown_to_prose() ---------------------------------------------------------------

def test_prose_drops_front_matter_code_and_link_targets() -> None:
    md = (
        "---\ntitle: Test\naudience: citizen\n---\n"
        "# Tittel\n\n"
        "Les [loven](https://lovdata.no/dokument/NL/lov/2011-06-24-30) her.\n\n"
        "```yaml\nnumber: '3911'\n```\n"
    )
    assert markdown_to_prose(md) == "Tittel.\nLes loven her."


def test_prose_list_items_headings_and_cells_end_sentences() -> None:
    md = "## Slik gjør du\n\n- Ring oss\n- Skriv til oss\n\n| norsk | engelsk |\n|---|---|\n| enhet | unit |\n"
    prose = markdown_to_prose(md)
    assert prose.splitlines() == ["Slik gjør du.", "Ring oss.", "Skriv til oss.",
                                  "norsk.", "engelsk.", "enhet.", "unit."]
    assert sentence_count(prose) == 7


def test_prose_task_list_and_admonition() -> None:
    md = '!!! note "Husk dette"\n    Du bestemmer selv.\n\n- [ ] Har vi rutiner?\n- [x] Ja\n'
    assert markdown_to_prose(md).splitlines() == ["Husk dette.", "Du bestemmer selv.", "Har vi rutiner?", "Ja."]


def test_prose_keeps_existing_question_mark() -> None:
    assert markdown_to_prose("## Hva er viktig for deg?") == "Hva er viktig for deg?"


def test_markdown_lix_of_list() -> None:
    # "Ring oss." + "Skriv til oss." = 5 words, 2 sentences, 0 long: 2.5.
    assert markdown_lix("- Ring oss\n- Skriv til oss\n") == pytest.approx(2.5)


# --- the pages themselves --------------------------------------------------------------

def test_there_are_enough_citizen_pages() -> None:
    pages = citizen_pages()
    assert len(pages) >= 8, f"expected at least 4 citizen guides x 2 languages, found {[str(p) for p in pages]}"


@pytest.mark.parametrize("page", citizen_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_citizen_page_is_plain_language(page: Path) -> None:
    score = markdown_lix(page.read_text(encoding="utf-8"))
    assert score <= MAX_CITIZEN_LIX, (
        f"{page.relative_to(DOCS)}: LIX {score:.1f} > {MAX_CITIZEN_LIX} "
        "(use shorter sentences and shorter words)"
    )


@pytest.mark.parametrize("nb", nb_guides(), ids=lambda p: str(p.relative_to(DOCS)))
def test_guide_exists_in_both_languages_with_same_sections(nb: Path) -> None:
    en = english_of(nb)
    assert en.exists(), f"{nb.relative_to(DOCS)} has no English version {en.name}"
    nb_h2, en_h2 = headings(nb, 2), headings(en, 2)
    assert len(nb_h2) == len(en_h2), (
        f"{nb.relative_to(DOCS)} has {len(nb_h2)} H2 headings, {en.name} has {len(en_h2)}:\n"
        f"nb: {nb_h2}\nen: {en_h2}"
    )


# Every guide has a nynorsk version; other hand-written pages are compared once theirs exists.
@pytest.mark.parametrize("nb", [nb for nb in nb_guides() if nb.parent.name == "guides" or nynorsk_of(nb).exists()],
                         ids=lambda p: str(p.relative_to(DOCS)))
def test_nynorsk_version_has_the_same_sections_and_audience(nb: Path) -> None:
    nn = nynorsk_of(nb)
    assert nn.exists(), f"{nb.relative_to(DOCS)} has no nynorsk version {nn.name}"
    nb_h2, nn_h2 = headings(nb, 2), headings(nn, 2)
    assert len(nb_h2) == len(nn_h2), f"{nb.name}: {len(nb_h2)} H2 headings, {nn.name}: {len(nn_h2)}\nnb: {nb_h2}\nnn: {nn_h2}"
    anchors = re.compile(r"\{#([\w-]+)\}")  # explicit anchors are linked from other pages: same in every language
    assert anchors.findall(nb.read_text(encoding="utf-8")) == anchors.findall(nn.read_text(encoding="utf-8"))
    assert front_matter(nn).get("audience") == front_matter(nb).get("audience"), f"{nn.name}: audience differs"


@pytest.mark.parametrize("page", [p for nb in nb_guides() for p in (nb, nynorsk_of(nb), english_of(nb)) if p.exists()],
                         ids=lambda p: str(p.relative_to(DOCS)))
def test_guide_front_matter_and_title(page: Path) -> None:
    meta = front_matter(page)
    for key in ("title", "description", "audience"):
        assert meta.get(key), f"{page.relative_to(DOCS)}: front matter has no '{key}'"
    assert meta["audience"] in AUDIENCES, f"{page.relative_to(DOCS)}: audience must be one of {sorted(AUDIENCES)}"
    assert len(headings(page, 1)) == 1, f"{page.relative_to(DOCS)}: expected exactly one '# ' title"


def test_every_guide_is_linked_from_the_guide_index() -> None:
    for index_name in ("index.md", "index.nn.md", "index.en.md"):
        index = (DOCS / "guides" / index_name).read_text(encoding="utf-8")
        for nb in (DOCS / "guides").glob("*.md"):
            if nb.name.endswith((".en.md", ".nn.md")) or nb.name == "index.md":
                continue
            assert f"({nb.name})" in index, f"guides/{index_name} does not link to {nb.name}"
