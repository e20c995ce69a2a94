"""The directory as open data: JSON and CSV under api/v1/, Open Referral HSDS 3.0, vCard and schema.org JSON-LD.

Everything here is a pure function of the Directory (no clock, no randomness, no file order), so two builds of
the same data give byte-identical files: lists are sorted by id or number, the only dates are the data's own
(when a page was retrieved, its date), and HSDS ids are name-based UUIDs (version 5) that never change for the
same entity. Only write_open_data() touches the disk.

The documents name their licence and sources because open data without them cannot legally be reused:
the directory is published under NLOD 2.0; the boundaries, numbers and names it was built from are credited in
SOURCES; the KE contact details were copied from public web pages, each with its URL and date.
"""
from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .coverage import municipality_status
from .i18n import DEFAULT_LANGUAGE, LANGUAGES
from .model import Directory, HospitalTrust, KeUnit, Municipality
from .pages import (cooperation_path, county_path, language_url, municipality_path, page_url, service_path,
                    trust_path)

API_VERSION = "v1"
API_DIR = f"api/{API_VERSION}"
# The documented JSON Schemas of the api/v1 JSON documents, published beside them in api/v1/schemas/.
API_SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "api-schemas"
LICENCE = "NLOD 2.0"
SOURCES = ("Kartverket (CC BY 4.0), Statistisk sentralbyrå (NLOD), Språkrådet, Sametinget; "
           "KE details from public web pages of municipalities and hospitals")

# The namespace of every HSDS id: uuid5(HSDS_NAMESPACE, "<table>:<key>"), e.g. "organization:kommune-0301",
# "service:kommune-0301", "phone:kommune-0301:1". Chosen once at random (uuid4) for this project and fixed here:
# it must NEVER change, or every published HSDS id changes with it and consumers lose their links.
HSDS_NAMESPACE = uuid.UUID("a77c7403-ad19-4077-a6e3-d52ac0875083")

KE_KINDS = ("municipality", "hospital_trust", "cooperation", "region")

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection, OWASP): "=", "+", "-", "@",
# and tab / carriage return, which some spreadsheets strip before looking for the others.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MUNICIPALITY_CSV_COLUMNS = (
    "number", "name", "county", "ke_status", "ke_unit", "ke_phone", "ke_email", "ke_web", "her_id",
    "cooperation_id", "hospital_trusts", "services", "source_url", "retrieved", "confirmed_by_ke",
    "page_nb", "page_en",
)
KE_UNIT_CSV_COLUMNS = (
    "id", "kind", "owner_id", "owner_name", "unit", "phones", "phone_labels", "email", "web", "visiting_address",
    "postal_address", "opening_hours", "her_id", "source_url", "retrieved", "page_date", "confirmed_by_ke",
    "municipalities",
)


# --------------------------------------------------------------------------------------------------------------
# Every known KE unit, with who owns it and whom it serves


@dataclass(frozen=True)
class Area:
    """A place a KE serves: a whole municipality, or (Oslo) one district of it."""

    code: str                 # municipality number "1804", or district number "030101"
    name: str                 # "Bodø", "Gamle Oslo (Oslo)"
    municipality_number: str


@dataclass(frozen=True)
class KeRecord:
    """One KE unit with its owner and the areas it serves: the row behind ke-units.json, HSDS and vCards."""

    ke: KeUnit
    kind: str                 # municipality | hospital_trust | cooperation | region
    owner_id: str             # municipality number, trust id, cooperation id, region id
    owner_name: str           # "Bodø kommune", "Oslo universitetssykehus HF", the cooperation's or region's name
    areas: tuple[Area, ...]

    @property
    def municipality_numbers(self) -> list[str]:
        return sorted({a.municipality_number for a in self.areas})

    @property
    def district_numbers(self) -> list[str]:
        return sorted(a.code for a in self.areas if a.code != a.municipality_number)


def municipality_org_name(m: Municipality) -> str:
    """'Bodø kommune', 'Herøy kommune': the organisation, not the place (the number tells the Herøys apart)."""
    return f"{m.name} kommune"


def _municipality_area(m: Municipality) -> Area:
    return Area(m.number, m.display_name, m.number)


def _record_for_municipality(m: Municipality) -> KeRecord | None:
    if m.own_ke is None:
        return None
    return KeRecord(m.own_ke, "municipality", m.number, municipality_org_name(m), (_municipality_area(m),))


def _trust_areas(directory: Directory, trust_id: str) -> tuple[Area, ...]:
    """Whole municipalities in the trust's catchment area, and the single districts (Oslo) it serves."""
    areas: list[Area] = []
    for m in sorted(directory.municipalities.values(), key=lambda x: x.number):
        if m.hospital_trust_id == trust_id:
            areas.append(_municipality_area(m))
        else:
            areas += [Area(d.number, f"{d.name} ({m.display_name})", m.number)
                      for d in sorted(m.districts, key=lambda d: d.number) if d.hospital_trust_id == trust_id]
    return tuple(areas)


def _record_for_trust(directory: Directory, trust: HospitalTrust) -> KeRecord | None:
    if trust.ke is None:
        return None
    return KeRecord(trust.ke, "hospital_trust", trust.id, trust.name, _trust_areas(directory, trust.id))


def _record_for_cooperation(directory: Directory, coop_id: str) -> KeRecord:
    coop = directory.cooperations[coop_id]
    members = sorted((directory.municipalities[n] for n in coop.members), key=lambda m: m.number)
    return KeRecord(coop.ke, "cooperation", coop.id, coop.name, tuple(_municipality_area(m) for m in members))


def _record_for_region(directory: Directory, region_id: str) -> KeRecord | None:
    region = directory.regions[region_id]
    if region.regional_ke is None:
        return None
    counties = {c.number for c in directory.counties.values() if c.region_id == region_id}
    members = sorted((m for m in directory.municipalities.values() if m.county_number in counties),
                     key=lambda m: m.number)
    return KeRecord(region.regional_ke, "region", region.id, region.name, tuple(_municipality_area(m) for m in members))


def ke_records(directory: Directory) -> list[KeRecord]:
    """Every KE unit the directory knows, sorted by KE id.

    Municipal KEs of members of a cooperation do not exist (the loader refuses them): the members are served by
    the cooperation's one record, so the count is municipalities with their own KE + trusts with a KE + regions
    with a regional KE + cooperations.
    """
    records: list[KeRecord | None] = []
    records += [_record_for_municipality(m) for m in directory.municipalities.values()]
    records += [_record_for_trust(directory, t) for t in directory.hospital_trusts.values()]
    records += [_record_for_cooperation(directory, c) for c in directory.cooperations]
    records += [_record_for_region(directory, r) for r in directory.regions]
    return sorted((r for r in records if r is not None), key=lambda r: r.ke.id)


def record_for(directory: Directory, entity: Municipality | HospitalTrust) -> KeRecord | None:
    """The KE that serves a municipality (its cooperation's, else its own) or a hospital trust; None if unknown."""
    if isinstance(entity, HospitalTrust):
        return _record_for_trust(directory, entity)
    if entity.cooperation_id:
        return _record_for_cooperation(directory, entity.cooperation_id)
    return _record_for_municipality(entity)


# --------------------------------------------------------------------------------------------------------------
# api/v1/*.json


def _doc(key: str, rows: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The envelope of every document: version, licence and credits travel with the data."""
    return {"version": API_VERSION, "licence": LICENCE, "sources": SOURCES, **extra, "count": len(rows), key: rows}


def _phones_json(ke: KeUnit) -> list[dict[str, str | None]]:
    return [{"e164": p.e164, "display": p.display, "label": p.label} for p in ke.phones]


def _source_json(ke: KeUnit) -> dict[str, Any]:
    s = ke.source
    return {"url": s.url, "retrieved": s.retrieved.isoformat(),
            "page_date": s.page_date.isoformat() if s.page_date else None, "confirmed_by_ke": s.confirmed_by_ke}


def _ke_unit_json(record: KeRecord) -> dict[str, Any]:
    ke = record.ke
    return {
        "id": ke.id, "kind": record.kind, "owner_id": record.owner_id, "owner_name": record.owner_name,
        "unit": ke.unit, "phones": _phones_json(ke), "email": ke.email, "web": ke.web,
        "visiting_address": ke.visiting_address, "postal_address": ke.postal_address,
        "opening_hours": ke.opening_hours, "her_id": ke.her_id, "source": _source_json(ke),
        "municipalities": record.municipality_numbers, "districts": record.district_numbers,
    }


def _urls(path: str) -> dict[str, str]:
    return {lang: language_url(path, lang) for lang in LANGUAGES}


def municipalities_export(directory: Directory) -> dict[str, Any]:
    """api/v1/municipalities.json: each municipality, its pages, the KE that serves it and its hospital trusts."""
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        ke = directory.ke_for(m)
        rows.append({
            "number": m.number,
            "name": m.name,
            "display_name": m.display_name,
            "county": m.county_number,
            "url": _urls(municipality_path(m.number)),
            "ke_id": ke.id if ke else None,
            "cooperation_id": m.cooperation_id,
            "hospital_trust_ids": [t.id for t in directory.trusts_for(m)],
        })
    return {"version": API_VERSION, "count": len(rows), "municipalities": rows}


def directory_json(directory: Directory) -> dict[str, dict[str, Any]]:
    """File name (under api/v1/) -> JSON document, for everyone who wants the directory as data.

    municipalities.json keeps exactly the rows of municipalities_export (existing consumers);
    the licence and sources keys are only added beside them.
    """
    municipalities = dict(municipalities_export(directory))
    municipalities.setdefault("licence", LICENCE)
    municipalities.setdefault("sources", SOURCES)

    records = ke_records(directory)
    ke_units = [_ke_unit_json(r) for r in records]

    cooperations = [{
        "id": c.id, "name": c.name, "host": c.host, "members": sorted(c.members), "ke_id": c.ke.id,
        "url": _urls(cooperation_path(c.id)),
    } for c in sorted(directory.cooperations.values(), key=lambda c: c.id)]

    trusts = []
    for t in sorted(directory.hospital_trusts.values(), key=lambda t: t.id):
        areas = _trust_areas(directory, t.id)
        trusts.append({
            "id": t.id, "name": t.name, "kind": t.kind, "region": t.region_id, "website": t.website,
            "ke_id": t.ke.id if t.ke else None,
            "municipalities": sorted({a.municipality_number for a in areas}),
            "districts": [{"number": d.number, "name": d.name, "municipality": m.number}
                          for m, d in sorted(directory.districts_served_by(t.id), key=lambda md: md[1].number)],
            "url": _urls(trust_path(t.id)),
        })

    regions = [{
        "id": r.id, "name": r.name, "website": r.website,
        "regional_ke_id": r.regional_ke.id if r.regional_ke else None,
        "hospital_trusts": sorted(t.id for t in directory.hospital_trusts.values() if t.region_id == r.id),
        "counties": sorted(c.number for c in directory.counties.values() if c.region_id == r.id),
        "sources": list(r.sources),
    } for r in sorted(directory.regions.values(), key=lambda r: r.id)]

    counties = [{
        "number": c.number, "name": c.name, "official_name": c.official_name, "region": c.region_id,
        "municipalities": sorted(m.number for m in directory.municipalities.values() if m.county_number == c.number),
        "url": _urls(county_path(c.number)),
    } for c in sorted(directory.counties.values(), key=lambda c: c.number)]

    services = [{
        "code": s.code, "names": dict(sorted(s.names.items())), "descriptions": dict(sorted(s.descriptions.items())),
        "statutory": s.statutory, "law": {"name": s.law_name, "url": s.law_url} if s.statutory else None,
        "municipalities": sorted(m.number for m in directory.municipalities_offering(s.code)),
        "url": _urls(service_path(s.code)),
    } for s in sorted(directory.services.values(), key=lambda s: s.code)]
    known = sum(1 for m in directory.municipalities.values() if m.services is not None)

    return {
        "municipalities.json": municipalities,
        "ke-units.json": _doc("ke_units", ke_units),
        "cooperations.json": _doc("cooperations", cooperations),
        "hospital-trusts.json": _doc("hospital_trusts", trusts),
        "regions.json": _doc("regions", regions),
        "counties.json": _doc("counties", counties),
        "services.json": _doc(
            "services", services, municipalities_with_known_services=known,
            note="A municipality missing from a service's list may still offer it: only offers found on the "
                 "municipality's own pages are listed (unknown is not 'no'). A statutory service is a right that "
                 "every municipality must provide: there, missing only means we have no contact for it."),
    }


# --------------------------------------------------------------------------------------------------------------
# api/v1/*.csv


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


def directory_csv(directory: Directory) -> dict[str, str]:
    """File name (under api/v1/) -> CSV text: the same directory for spreadsheets.

    Lists inside a cell are joined with ';'. services empty = not known (never 'offers none').
    """
    urls = {number: _urls(municipality_path(number)) for number in directory.municipalities}
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        ke = directory.ke_for(m)
        rows.append({
            "number": m.number, "name": m.name, "county": m.county_number,
            "ke_status": municipality_status(directory, m),
            "ke_unit": ke.unit if ke else None,
            "ke_phone": ke.phones[0].display if ke and ke.phones else None,
            "ke_email": ke.email if ke else None, "ke_web": ke.web if ke else None,
            "her_id": ke.her_id if ke else None, "cooperation_id": m.cooperation_id,
            "hospital_trusts": _join(t.id for t in directory.trusts_for(m)),
            "services": _join(m.services or ()),
            "source_url": ke.source.url if ke else None,
            "retrieved": ke.source.retrieved.isoformat() if ke else None,
            "confirmed_by_ke": ke.source.confirmed_by_ke if ke else None,
            "page_nb": urls[number].get("nb"), "page_en": urls[number].get("en"),
        })
    units = []
    for r in ke_records(directory):
        ke = r.ke
        units.append({
            "id": ke.id, "kind": r.kind, "owner_id": r.owner_id, "owner_name": r.owner_name, "unit": ke.unit,
            "phones": _join(p.display for p in ke.phones), "phone_labels": _join(p.label for p in ke.phones),
            "email": ke.email, "web": ke.web, "visiting_address": ke.visiting_address,
            "postal_address": ke.postal_address, "opening_hours": ke.opening_hours, "her_id": ke.her_id,
            "source_url": ke.source.url, "retrieved": ke.source.retrieved.isoformat(),
            "page_date": ke.source.page_date.isoformat() if ke.source.page_date else None,
            "confirmed_by_ke": ke.source.confirmed_by_ke, "municipalities": _join(r.municipality_numbers),
        })
    return {"municipalities.csv": _csv(MUNICIPALITY_CSV_COLUMNS, rows),
            "ke-units.csv": _csv(KE_UNIT_CSV_COLUMNS, units)}


# --------------------------------------------------------------------------------------------------------------
# Open Referral HSDS 3.0 (tabular form: one list of flat rows per table, linked by *_id)


def hsds_id(table: str, key: str) -> str:
    """A stable UUID for one HSDS row: uuid5(HSDS_NAMESPACE, '<table>:<key>')."""
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{table}:{key}"))


HSDS_TABLES = ("organization", "service", "location", "address", "service_at_location", "phone", "schedule",
               "service_area", "taxonomy", "taxonomy_term", "attribute")
TAXONOMY_KEY = "ke-finder-services"
# Our own link_type code for "this municipality offers the service named by the taxonomy term" (the HSDS
# attribute table's link_type is an open code list).
OFFERS_LINK_TYPE = "offers"

# "<anything>, 3717 Skien" at the end of a free-text address: the only structure parsed out of it.
_POSTCODE_PLACE = re.compile(r"^(?P<before>.+?),\s*(?P<code>\d{4})\s+(?P<place>[^,\d][^,]*)$")

_KIND_NB = {
    "hospital": "Helseforetak i",
    "private-non-profit": "Privat ideelt sykehus med avtale med",
}


def _org_key(kind: str, owner_id: str) -> str:
    prefix = {"municipality": "kommune", "hospital_trust": "helseforetak", "cooperation": "samarbeid",
              "region": "region"}[kind]
    return f"{prefix}-{owner_id}"


def _drop_none(row: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields are optional strings: an unknown value is left out, not null (null is not a string)."""
    return {k: v for k, v in row.items() if v is not None}


def _hsds_organizations(directory: Directory) -> list[dict[str, Any]]:
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        county = directory.counties[m.county_number]
        alternate = m.official_name if m.official_name != m.name else None
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("municipality", number)),
            "name": municipality_org_name(m), "alternate_name": alternate,
            "description": f"Kommune i {county.name}, kommunenummer {number}.",
            "website": m.website,
        }))
    for t in sorted(directory.hospital_trusts.values(), key=lambda t: t.id):
        region = directory.regions[t.region_id]
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("hospital_trust", t.id)),
            "name": t.name, "description": f"{_KIND_NB.get(t.kind, 'Sykehus i')} {region.name}.",
            "website": t.website,
            # a health trust (HF) is owned by its regional health authority; private hospitals are not
            "parent_organization_id": hsds_id("organization", _org_key("region", t.region_id))
            if t.kind == "hospital" else None,
        }))
    for c in sorted(directory.cooperations.values(), key=lambda c: c.id):
        members = ", ".join(municipality_org_name(directory.municipalities[n]) for n in sorted(c.members))
        rows.append({
            "id": hsds_id("organization", _org_key("cooperation", c.id)), "name": c.name,
            "description": f"Interkommunalt samarbeid om koordinerende enhet. Medlemmer: {members}.",
        })
    for r in sorted(directory.regions.values(), key=lambda r: r.id):
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("region", r.id)), "name": r.name,
            "description": "Regionalt helseforetak.", "website": r.website,
        }))
    return rows


def _service_description(record: KeRecord) -> str:
    ke = record.ke
    parts = [f"Koordinerende enhet for habilitering og rehabilitering: {record.owner_name}."]
    if ke.unit:
        parts.append(f"Enhet: {ke.unit}.")
    if ke.opening_hours:
        parts.append(f"Åpningstid: {ke.opening_hours}.")
    if ke.her_id:
        parts.append(f"HER-id: {ke.her_id}.")
    confirmed = "bekreftet av enheten" if ke.source.confirmed_by_ke else "ikke bekreftet av enheten"
    parts.append(f"Kilde: {ke.source.url}, hentet {ke.source.retrieved.isoformat()}, {confirmed}.")
    return " ".join(parts)


def _address_row(directory: Directory, location_id: str, text: str, address_type: str) -> dict[str, Any] | None:
    """A structured HSDS address, only when the free text ends in a known postal code and place.

    HSDS requires street, city, state/province, postal code and country; Norway's "state" is the county, found
    through the postal code's municipality. Anything we cannot parse stays free text in location.description.
    """
    match = _POSTCODE_PLACE.match(" ".join(text.split()))
    if not match:
        return None
    postal = directory.postal_codes.get(match["code"])
    m = directory.municipalities.get(postal.municipality_number) if postal else None
    if m is None:
        return None
    return {
        "id": hsds_id("address", location_id), "location_id": location_id, "address_1": match["before"].strip(),
        "city": match["place"].strip(), "state_province": directory.counties[m.county_number].name,
        "postal_code": match["code"], "country": "NO", "address_type": address_type,
    }


def hsds_export(directory: Directory) -> dict[str, list[dict[str, Any]]]:
    """The directory as Open Referral HSDS 3.0 tables (table name -> rows), for service-directory software.

    One organization per municipality, hospital trust, cooperation and region (the regions own the regional
    KEs); one active service "Koordinerende enhet" per known KE unit; a location per postal or visiting address
    (with a structured address when the text ends in a known postal code); phones in display form; service areas
    per municipality (or Oslo district) served; the controlled service list of data/services.yaml as one
    taxonomy, linked to the municipalities known to offer each service through attribute rows.
    """
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in HSDS_TABLES}
    tables["organization"] = _hsds_organizations(directory)
    for record in ke_records(directory):
        ke = record.ke
        service_id = hsds_id("service", ke.id)
        org_id = hsds_id("organization", _org_key(record.kind, record.owner_id))
        name = f"Koordinerende enhet – {record.owner_name}"
        tables["service"].append(_drop_none({
            "id": service_id, "organization_id": org_id, "name": name, "alternate_name": ke.unit,
            "description": _service_description(record), "url": ke.web, "email": ke.email, "status": "active",
            "assured_date": ke.source.retrieved.isoformat(),
        }))
        for kind, location_type, text in (("postal", "postal", ke.postal_address),
                                          ("visiting", "physical", ke.visiting_address)):
            if not text:
                continue
            location_id = hsds_id("location", f"{ke.id}:{kind}")
            label = "Postadresse" if kind == "postal" else "Besøksadresse"
            tables["location"].append({
                "id": location_id, "location_type": location_type, "organization_id": org_id,
                "name": f"{label}: {ke.unit or name}", "description": text,
            })
            address = _address_row(directory, location_id, text, location_type)
            if address:
                tables["address"].append(address)
            if location_type == "physical":  # the service is met at its visiting address, not at a PO box
                tables["service_at_location"].append({
                    "id": hsds_id("service_at_location", f"{ke.id}:{kind}"), "service_id": service_id,
                    "location_id": location_id,
                })
        for i, phone in enumerate(ke.phones, start=1):
            tables["phone"].append(_drop_none({
                "id": hsds_id("phone", f"{ke.id}:{i}"), "service_id": service_id, "number": phone.display,
                "type": "voice", "description": phone.label,
            }))
        if ke.opening_hours:
            tables["schedule"].append({"id": hsds_id("schedule", ke.id), "service_id": service_id,
                                       "description": ke.opening_hours})
        for area in record.areas:
            kind = "kommune" if area.code == area.municipality_number else "bydel"
            tables["service_area"].append({
                "id": hsds_id("service_area", f"{ke.id}:{area.code}"), "service_id": service_id,
                "name": area.name, "description": f"{kind} {area.code}",
            })
    taxonomy_id = hsds_id("taxonomy", TAXONOMY_KEY)
    tables["taxonomy"].append({
        "id": taxonomy_id, "name": "KE-finner: tilbud i kommunen", "version": API_VERSION,
        "description": "Kontrollert liste over tilbud innen habilitering og rehabilitering som en kommune kan "
                       "være merket med (data/services.yaml). Kodene endres ikke etter at de er publisert.",
    })
    for code in sorted(directory.services):
        service = directory.services[code]
        term_id = hsds_id("taxonomy_term", code)
        tables["taxonomy_term"].append({
            "id": term_id, "code": code, "name": service.names["nb"], "description": service.descriptions["nb"],
            "taxonomy_id": taxonomy_id, "language": "nb",
        })
        for m in sorted(directory.municipalities_offering(code), key=lambda m: m.number):
            tables["attribute"].append({
                "id": hsds_id("attribute", f"kommune-{m.number}:{code}"), "taxonomy_term_id": term_id,
                "link_id": hsds_id("organization", _org_key("municipality", m.number)),
                "link_entity": "organization", "link_type": OFFERS_LINK_TYPE,
            })
    return tables


# --------------------------------------------------------------------------------------------------------------
# vCard 4.0 (RFC 6350)


def has_vcard(ke: KeUnit | None) -> bool:
    """A contact card is worth saving only with a phone, an e-mail or an address in it."""
    return ke is not None and (ke.has_direct_contact or bool(ke.visiting_address or ke.postal_address))


def _vtext(value: str) -> str:
    """RFC 6350 §3.4 text escaping: backslash, comma, semicolon and newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """RFC 6350 §3.2: lines of at most 75 octets, continued after CRLF + one space; never splits a UTF-8 char."""
    out: list[str] = []
    current, size, room = "", 0, limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            out.append(current)
            current, size, room = "", 0, limit - 1  # the leading space of a continuation line counts
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


_VCARD_NOTE = {
    "nb": {"source": "Kilde", "retrieved": "hentet", "confirmed": "Bekreftet av koordinerende enhet.",
           "unconfirmed": "Ikke bekreftet av koordinerende enhet.", "hours": "Åpningstid",
           "phone": "Telefon", "visiting": "Besøksadresse", "postal": "Postadresse", "her": "HER-id"},
    "en": {"source": "Source", "retrieved": "retrieved", "confirmed": "Confirmed by the coordinating unit.",
           "unconfirmed": "Not confirmed by the coordinating unit.", "hours": "Opening hours",
           "phone": "Phone", "visiting": "Visiting address", "postal": "Postal address", "her": "HER-id"},
}


def vcard(ke: KeUnit, display_name: str, lang: str = "nb") -> str:
    """A vCard 4.0 for a KE, so a person can save the unit in their phone's contacts.

    display_name is the organisation the KE belongs to as people know it ("Færder kommune",
    "Oslo universitetssykehus HF"): it becomes ORG and FN. The free-text addresses go into the street component
    of ADR (visiting address first); the NOTE says where the details come from and whether the KE confirmed them.
    Lines are folded at 75 octets with CRLF line ends. Raises ValueError when has_vcard(ke) is False.
    """
    if not has_vcard(ke):
        raise ValueError(f"{ke.id} has no phone, e-mail or address: there is nothing to put in a vCard")
    words = _VCARD_NOTE.get(lang, _VCARD_NOTE["nb"])
    org = _vtext(display_name) + (";" + _vtext(ke.unit) if ke.unit else "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:org",
             f"UID:urn:uuid:{hsds_id('service', ke.id)}",
             f"FN:{_vtext('Koordinerende enhet – ' + display_name)}", f"ORG:{org}"]
    lines += [f"TEL;TYPE=work;VALUE=uri:tel:{p.e164}" for p in ke.phones]
    if ke.email:
        lines.append(f"EMAIL;TYPE=work:{_vtext(ke.email)}")
    if ke.web:
        lines.append(f"URL:{ke.web}")
    for address in (ke.visiting_address, ke.postal_address):
        if address:
            # ADR components: PO box; extended; street; locality; region; postal code; country
            lines.append(f"ADR;TYPE=work:;;{_vtext(address)};;;;")
    note = [f"{words['source']}: {ke.source.url} ({words['retrieved']} {ke.source.retrieved.isoformat()}).",
            words["confirmed"] if ke.source.confirmed_by_ke else words["unconfirmed"]]
    note += [f"{words['phone']} {p.display}: {p.label}" for p in ke.phones if p.label]
    if ke.opening_hours:
        note.append(f"{words['hours']}: {ke.opening_hours}")
    if ke.visiting_address:
        note.append(f"{words['visiting']}: {ke.visiting_address}")
    if ke.postal_address:
        note.append(f"{words['postal']}: {ke.postal_address}")
    if ke.her_id:
        note.append(f"{words['her']}: {ke.her_id}")
    lines.append("NOTE:" + _vtext("\n".join(note)))
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def vcard_path(ke: KeUnit) -> str:
    """Site-relative path of a KE's vCard: 'api/v1/vcard/kommune-3911.vcf' (one per KE, shared by languages)."""
    return f"{API_DIR}/vcard/{ke.id}.vcf"


def vcard_href(page_path: str, lang: str, ke: KeUnit) -> str:
    """A relative link from a generated page ('kommune/3911', either language) to the KE's vCard.

    Relative, like every link of the site, so it works without site_url and under a sub-folder; English pages
    live one folder deeper (/en/) but share the one vCard.
    """
    depth = len([p for p in page_url(page_path).split("/") if p]) + (0 if lang == DEFAULT_LANGUAGE else 1)
    return "../" * depth + vcard_path(ke)


def vcard_files(directory: Directory) -> dict[str, str]:
    """Site-relative path -> vCard text, for every KE that has something to put in one."""
    return {vcard_path(r.ke): vcard(r.ke, r.owner_name) for r in ke_records(directory) if has_vcard(r.ke)}


# --------------------------------------------------------------------------------------------------------------
# schema.org JSON-LD


_LD_WORDS = {
    "nb": {"contact_type": "koordinerende enhet", "visiting": "besøksadresse", "postal": "postadresse",
           "municipality": "{name} kommune"},
    "en": {"contact_type": "coordinating unit", "visiting": "visiting address", "postal": "postal address",
           "municipality": "{name} municipality"},
}


# Norwegian only: whether a KE answers in Sami is not in any of our sources, so the export does not claim it.
AVAILABLE_LANGUAGES = ["no"]


def json_ld(directory: Directory, entity: Municipality | HospitalTrust, page_url: str, lang: str) -> dict | None:
    """schema.org GovernmentOrganization for the KE shown on a municipality or hospital-trust page, or None.

    Search engines and assistants read it to answer "phone number of koordinerende enhet in X". Only facts from
    the data: no sameAs, no guessed opening hours (the free text does not fit OpeningHoursSpecification).
    """
    record = record_for(directory, entity)
    if record is None:
        return None
    ke = record.ke
    words = _LD_WORDS.get(lang, _LD_WORDS["nb"])
    if isinstance(entity, HospitalTrust):
        place = entity.name
        parent: dict[str, Any] = {"@type": "Hospital", "name": entity.name}
        if entity.website:
            parent["url"] = entity.website
    elif entity.cooperation_id:
        coop = directory.cooperations[entity.cooperation_id]
        place = coop.name
        parent = {"@type": "GovernmentOrganization", "name": coop.name}
    else:
        place = entity.display_name
        parent = {"@type": "GovernmentOrganization", "name": words["municipality"].format(name=entity.name)}
        if entity.official_name != entity.name:
            parent["alternateName"] = entity.official_name
        if entity.website:
            parent["url"] = entity.website
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "GovernmentOrganization", "@id": f"{page_url}#ke",
        "name": ke.unit or f"Koordinerende enhet i {place}", "mainEntityOfPage": page_url,
    }
    if ke.web:
        data["url"] = ke.web
    if ke.phones:
        data["telephone"] = ke.phones[0].e164
    if ke.email:
        data["email"] = ke.email
    data["parentOrganization"] = parent
    languages = list(AVAILABLE_LANGUAGES)
    points = []
    for phone in ke.phones:
        point = {"@type": "ContactPoint", "contactType": words["contact_type"], "telephone": phone.e164}
        if phone.label:
            point["name"] = phone.label
        if ke.email:
            point["email"] = ke.email
        point["availableLanguage"] = languages
        points.append(point)
    if not points and ke.email:
        points.append({"@type": "ContactPoint", "contactType": words["contact_type"], "email": ke.email,
                       "availableLanguage": languages})
    if points:
        data["contactPoint"] = points
    addresses = [{"@type": "PostalAddress", "contactType": words[kind], "streetAddress": text, "addressCountry": "NO"}
                 for kind, text in (("visiting", ke.visiting_address), ("postal", ke.postal_address)) if text]
    if addresses:
        data["address"] = addresses[0] if len(addresses) == 1 else addresses
    if ke.her_id:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "HER-id", "value": ke.her_id}
    data["areaServed"] = [{"@type": "AdministrativeArea", "name": a.name} for a in record.areas]
    return data


def json_ld_script(data: dict[str, Any]) -> str:
    """The complete <script type="application/ld+json"> element, safe to insert into HTML unescaped.

    <, > and & are written as \\u003c \\u003e \\u0026 (still the same JSON), so no value can end the script
    element ("</script>") or open a comment ("<!--"), whatever the data says.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


# --------------------------------------------------------------------------------------------------------------
# Writing


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def open_data_files(directory: Directory) -> dict[str, bytes]:
    """Site-relative path -> file content: every JSON, CSV, HSDS table and vCard of api/v1/."""
    files: dict[str, bytes] = {}
    for name, doc in directory_json(directory).items():
        files[f"{API_DIR}/{name}"] = _json_text(doc).encode("utf-8")
    for name, text in directory_csv(directory).items():
        files[f"{API_DIR}/{name}"] = text.encode("utf-8")
    for table, rows in hsds_export(directory).items():
        files[f"{API_DIR}/hsds/{table}.json"] = _json_text(rows).encode("utf-8")
    for path, text in vcard_files(directory).items():
        files[path] = text.encode("utf-8")
    return files


def write_open_data(directory: Directory, site_dir: Path) -> list[Path]:
    """Write every open-data file under site_dir/api/v1/; return the written paths, sorted.

    Bytes are written as built (no newline translation), so CSV keeps CRLF and JSON keeps LF on every OS.
    The JSON Schemas of the JSON documents (data/api-schemas/) are copied byte for byte to api/v1/schemas/.
    """
    written = []
    for rel, content in open_data_files(directory).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    for schema in sorted(API_SCHEMA_DIR.glob("*.schema.json")):
        path = site_dir / API_DIR / "schemas" / schema.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(schema.read_bytes())
        written.append(path)
    return sorted(written)
