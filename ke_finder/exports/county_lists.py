"""Each county's contact list as a spreadsheet file that opens right in Norwegian Excel.

Norwegian Excel opens a .csv by double-click with the system's list separator, which in a Norwegian locale is
';' (the decimal separator is ','), and reads the file as UTF-8 only when it starts with a byte-order mark. A
comma-separated file with a BOM therefore lands in one column in Norwegian Excel; a semicolon file without a BOM
shows "Bodø" as "BodÃ¸". So this edition is semicolon-separated with a UTF-8 BOM and CRLF line ends — the one
form that opens right by double-click — while api/v1/*.csv stays RFC 4180 (comma, no BOM) for programs.
A "sep=;" first line would also name the separator, but Excel then ignores the BOM, so it is not used.

Cells pass the same formula guard as the other CSV files (api_csv.csv_cell). Excel turns a cell of digits
into a number ("0301" → 301), so the municipality is one text cell, "0301 Oslo", which keeps its leading zero.
Headers and status words are in the file's language (one file per county and language).
"""
from __future__ import annotations

import csv
import io

from ..i18n import t
from ..model import Directory
from ..model.county_list import CountyListRow, county_list
from ..paths import LANGUAGES, county_list_file
from .api_csv import csv_cell

BOM = "\ufeff"
DELIMITER = ";"


def header(lang: str) -> list[str]:
    """The column heads in the file's language, in the order of _cells."""
    return [t("county_list_municipality", lang), t("ke_status", lang), t("county_list_shared", lang),
            t("unit", lang), t("phone", lang), t("email", lang), t("web", lang), t("visiting_address", lang),
            t("postal_address", lang), t("opening_hours", lang), t("phone_hours", lang), t("her_id", lang),
            t("municipality_website", lang), t("county_list_source", lang), t("county_list_source_date", lang)]


def status_text(row: CountyListRow, lang: str) -> str:
    """'Not known' with what we hold instead (a related page, an old lead), or confirmed / not confirmed."""
    text = t(f"status_{row.status}", lang)
    if row.lead == "related":
        text += ". " + t("related_title", lang)
    elif row.lead == "old":
        text += ". " + t("old_lead_title", lang)
    return text


def _cells(row: CountyListRow, lang: str) -> list[str | None]:
    m, ke = row.municipality, row.ke
    phones = " / ".join(p.display + (f" ({p.label})" if p.label else "") for p in ke.phones) if ke else None
    return [f"{m.number} {m.display_name}", status_text(row, lang), row.cooperation_name,
            *((ke.unit, phones, ke.email, ke.web, ke.visiting_address, ke.postal_address, ke.opening_hours,
               ke.phone_hours, ke.her_id) if ke else (None,) * 9),
            m.website, ke.source.url if ke else None, ke.source.retrieved.isoformat() if ke else None]


def county_csv(directory: Directory, county_number: str, lang: str) -> bytes:
    """The county's list: BOM, header row, one row per municipality; ';'-separated, CRLF, UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header(lang))
    for row in county_list(directory, county_number):
        writer.writerow([csv_cell(value) for value in _cells(row, lang)])
    return (BOM + out.getvalue()).encode("utf-8")


def county_list_files(directory: Directory) -> dict[str, bytes]:
    """Site-relative path -> file, for every county in every language."""
    return {county_list_file(number, lang): county_csv(directory, number, lang)
            for number in sorted(directory.counties) for lang in LANGUAGES}
