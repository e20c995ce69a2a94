"""api/v1/*.csv: the directory for spreadsheets, safe against formula injection."""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from ..model import Directory, Switchboard
from ..model.coverage import is_old_lead, lead_kind, municipality_status, shows_as_ke
from ..model.records import ke_records
from ..paths import LANGUAGES, municipality_path
from .common import page_urls

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection, OWASP): "=", "+", "-", "@",
# and tab / carriage return, which some spreadsheets strip before looking for the others.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MUNICIPALITY_CSV_COLUMNS = (
    "number", "name", "county", "organisation_number", "ke_status", "ke_lead", "ke_unit", "ke_phone", "ke_email",
    "ke_web", "ke_web_kind", "her_id", "cooperation_id", "hospital_trusts", "services", "source_url", "evidence",
    "retrieved", "page_date", "confirmed_by_ke",
    # the municipality's general contact (not the KE): numbers and their labels joined with ';'
    "switchboard_phones", "switchboard_labels", "switchboard_email", "switchboard_source_url", "switchboard_evidence",
    "switchboard_retrieved", "page_nb", "page_nn", "page_en",
)
KE_UNIT_CSV_COLUMNS = (
    "id", "kind", "owner_id", "owner_name", "unit", "serves_nb", "serves_nn", "serves_en", "phones", "phone_labels",
    "email",
    "web", "web_kind", "related_topic", "web_host_flagged", "visiting_address", "postal_address", "opening_hours",
    "phone_hours", "her_id", "source_url", "evidence", "retrieved", "page_date", "confirmed_by_ke", "old_lead",
    "shown_as_ke", "municipalities",
)


def csv_cell(value: Any) -> str:
    """One CSV cell as text, safe to open in a spreadsheet.

    None -> "", booleans -> "true"/"false". Text that a spreadsheet would run as a formula (starting with
    = + - @, tab or carriage return) gets a leading apostrophe, which spreadsheets show as text and do not
    execute. That is why phones are exported in display form ("95 19 34 80"): E.164 ("+4795193480") starts with +.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    """RFC 4180 CSV: header row, CRLF line ends (the csv module's default, used for every line), UTF-8, no BOM."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_cell(row.get(c)) for c in columns})
    return out.getvalue()


def _join(values: Iterable[str | None]) -> str:
    return ";".join(v or "" for v in values)


def _switchboard_cells(sb: Switchboard | None) -> dict[str, Any]:
    if sb is None:
        return {}
    return {"switchboard_phones": _join(p.display for p in sb.phones),
            "switchboard_labels": _join(p.label for p in sb.phones), "switchboard_email": sb.email,
            "switchboard_source_url": sb.source.url, "switchboard_evidence": sb.source.evidence,
            "switchboard_retrieved": sb.source.retrieved.isoformat()}


def directory_csv(directory: Directory) -> dict[str, str]:
    """File name (under api/v1/) -> CSV text: the same directory for spreadsheets.

    Lists inside a cell are joined with ';'. services empty = not known (never 'offers none').
    """
    urls = {number: page_urls(municipality_path(number)) for number in directory.municipalities}
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        ke = directory.ke_for(m)
        rows.append({
            "number": m.number, "name": m.name, "county": m.county_number,
            "organisation_number": m.organisation_number,
            "ke_status": municipality_status(directory, m), "ke_lead": lead_kind(directory, m),
            "ke_unit": ke.unit if ke else None,
            "ke_phone": ke.phones[0].display if ke and ke.phones else None,
            "ke_email": ke.email if ke else None, "ke_web": ke.web if ke else None,
            "ke_web_kind": ke.web_kind if ke else None,
            "evidence": ke.source.evidence if ke else None,
            "page_date": ke.source.page_date.isoformat() if ke and ke.source.page_date else None,
            "her_id": ke.her_id if ke else None, "cooperation_id": m.cooperation_id,
            "hospital_trusts": _join(t.id for t in directory.trusts_for(m)),
            "services": _join(m.services or ()),
            "source_url": ke.source.url if ke else None,
            "retrieved": ke.source.retrieved.isoformat() if ke else None,
            "confirmed_by_ke": ke.source.confirmed_by_ke if ke else None,
            **_switchboard_cells(m.switchboard),
            **{f"page_{lang}": urls[number][lang] for lang in LANGUAGES},
        })
    units = []
    for r in ke_records(directory):
        ke = r.ke
        units.append({
            "id": ke.id, "kind": r.kind, "owner_id": r.owner_id, "owner_name": r.owner_name, "unit": ke.unit,
            **{f"serves_{lang}": ke.serves[lang] if ke.serves else None for lang in LANGUAGES},
            "phones": _join(p.display for p in ke.phones), "phone_labels": _join(p.label for p in ke.phones),
            "email": ke.email, "web": ke.web, "web_kind": ke.web_kind, "related_topic": ke.related_topic,
            "web_host_flagged": ke.web_host_flagged, "visiting_address": ke.visiting_address,
            "postal_address": ke.postal_address, "opening_hours": ke.opening_hours, "phone_hours": ke.phone_hours,
            "her_id": ke.her_id, "source_url": ke.source.url, "evidence": ke.source.evidence,
            "old_lead": is_old_lead(ke, directory.today), "shown_as_ke": shows_as_ke(ke, directory.today),
            "retrieved": ke.source.retrieved.isoformat(),
            "page_date": ke.source.page_date.isoformat() if ke.source.page_date else None,
            "confirmed_by_ke": ke.source.confirmed_by_ke, "municipalities": _join(r.municipality_numbers),
        })
    return {"municipalities.csv": _csv(MUNICIPALITY_CSV_COLUMNS, rows),
            "ke-units.csv": _csv(KE_UNIT_CSV_COLUMNS, units)}
