"""Issue 21, point 10: a county's list for user organisations, on paper and as a spreadsheet.

The CSV edition is semicolon-separated with a UTF-8 byte-order mark (exports/county_lists.py says why): these
tests read it back the way Norwegian Excel opens a double-clicked .csv — the BOM decides UTF-8, the locale's
list separator ';' splits the cells — and check that nothing moves: every row has every column, "Bodø" stays
"Bodø", "0301 Oslo" keeps its zero, and a cell that would run as a formula still starts with an apostrophe."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import ROOT, edit
from ke_finder.exports.county_lists import county_csv, county_list_files
from ke_finder.model.county_list import county_list
from ke_finder.paths import LANGUAGES, county_list_file
from ke_finder.source.load import load_directory

PREFIX = {"nb": "", "nn": "nn/", "en": "en/"}


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data")


def read_like_norwegian_excel(data: bytes) -> list[list[str]]:
    """Excel reads a .csv as UTF-8 only after a BOM (else the ANSI code page, cp1252) and splits cells at the
    locale's list separator, which is ';' in Norwegian; it also sniffs nothing else. Returns the rows."""
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_every_county_has_a_list_in_every_language(directory) -> None:
    files = county_list_files(directory)
    assert set(files) == {county_list_file(c, lang) for c in directory.counties for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_list_opens_right_in_norwegian_excel(directory, lang: str) -> None:
    data = county_csv(directory, "03", lang)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"sep=" not in data
    rows = read_like_norwegian_excel(data)
    assert rows[1][0] == "0301 Oslo"  # a text cell: the leading zero survives Excel's number guessing
    # Python's sniffer, as a second opinion on the separator, agrees.
    assert csv.Sniffer().sniff(data.decode("utf-8-sig")[:2000], delimiters=";,").delimiter == ";"

    nordland = read_like_norwegian_excel(county_csv(directory, "18", lang))
    header, body = nordland[0], nordland[1:]
    assert len(body) == len(directory.municipalities_in_county("18"))
    assert all(len(row) == len(header) for row in body)
    names = [row[0] for row in body]
    assert "1804 Bodø" in names and "1815 Vega" in names


def test_every_known_contact_is_in_the_list(directory) -> None:
    """Not only the status: every phone, e-mail and web page we hold for a county's KEs is in its list."""
    for number in directory.counties:
        text = county_csv(directory, number, "nb").decode("utf-8-sig")
        for row in county_list(directory, number):
            if row.ke:
                for value in [*(p.display for p in row.ke.phones), row.ke.email, row.ke.web, row.ke.her_id]:
                    assert value is None or value in text, (number, row.municipality.name, value)


def test_the_formula_guard_holds_in_the_excel_edition(data_dir: Path) -> None:
    edit(data_dir / "municipalities" / "1804-bodo.yaml", "unit: Tildelingskontoret", "unit: =HYPERLINK(\"x\")")
    directory = load_directory(data_dir)
    rows = read_like_norwegian_excel(county_csv(directory, "18", "nb"))
    bodo = next(row for row in rows if row[0].endswith("Bodø"))
    assert "'=HYPERLINK(\"x\")" in bodo
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_county_page_links_its_list(built_site: Path) -> None:
    for lang in LANGUAGES:
        page = (built_site / PREFIX[lang] / "fylke" / "18" / "index.html").read_text(encoding="utf-8")
        href = page.split('type="text/csv"')[0].rsplit('href="', 1)[1].split('"')[0]
        target = (built_site / PREFIX[lang] / "fylke" / "18" / href).resolve()
        assert target == (built_site / county_list_file("18", lang)).resolve() and target.is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_printed_county_page_is_the_contact_list(page, site_url: str, directory, lang: str) -> None:
    page.goto(site_url + PREFIX[lang] + "fylke/18/")
    download = page.locator('a[type="text/csv"]')
    assert download.is_visible() and page.request.get(download.evaluate("a => a.href")).body().startswith(b"\xef\xbb\xbf")
    assert not page.locator("table.ke-county-contacts").is_visible()
    page.emulate_media(media="print")
    contacts = page.locator("table.ke-county-contacts")
    assert contacts.is_visible() and not download.is_visible()
    assert not page.locator(".ke-noprint table").is_visible()
    printed = contacts.inner_text()
    for row in county_list(directory, "18"):
        assert row.municipality.display_name in printed
        for phone in row.ke.phones if row.ke else ():
            assert phone.display in printed
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
