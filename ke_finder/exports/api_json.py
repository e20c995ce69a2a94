"""api/v1/*.json: the directory as JSON documents, each described by a JSON Schema in data/api-schemas/."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..model import Directory, KeUnit, Switchboard
from ..model.coverage import is_old_lead, lead_kind, municipality_status, shows_as_ke
from ..model.records import KeRecord, ke_records, trust_areas
from ..paths import cooperation_path, county_path, municipality_path, service_path, trust_path
from .common import API_VERSION, LICENCE, SOURCES, page_urls

# The documented JSON Schemas of the api/v1 JSON documents, published beside them in api/v1/schemas/.
API_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "api-schemas"
# Schemas in the same folder that are not api/v1 documents and are not published: the editors' crawler output
# (python -m ke_finder discover), read by the accept command.
EDITOR_SCHEMAS = ("candidates.schema.json",)


def _doc(key: str, rows: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The envelope of every document: version, licence and credits travel with the data."""
    return {"version": API_VERSION, "licence": LICENCE, "sources": SOURCES, **extra, "count": len(rows), key: rows}


def _phones_json(ke: KeUnit) -> list[dict[str, str | None]]:
    return [{"e164": p.e164, "display": p.display, "label": p.label} for p in ke.phones]


def _source_json(ke: KeUnit) -> dict[str, Any]:
    s = ke.source
    return {"url": s.url, "evidence": s.evidence, "retrieved": s.retrieved.isoformat(),
            "page_date": s.page_date.isoformat() if s.page_date else None, "confirmed_by_ke": s.confirmed_by_ke}


def switchboard_json(sb: Switchboard | None) -> dict[str, Any] | None:
    """The owner's general contact (not the KE), with its source; None when not known."""
    if sb is None:
        return None
    s = sb.source
    return {"phones": [{"e164": p.e164, "display": p.display, "label": p.label} for p in sb.phones],
            "email": sb.email, "url": sb.url,
            "source": {"url": s.url, "evidence": s.evidence, "retrieved": s.retrieved.isoformat(),
                       "page_date": s.page_date.isoformat() if s.page_date else None, "confirmed_by_ke": False},
            "source_host_flagged": sb.source_host_flagged}


def _ke_unit_json(record: KeRecord, today: date) -> dict[str, Any]:
    ke = record.ke
    return {
        "id": ke.id, "kind": record.kind, "owner_id": record.owner_id, "owner_name": record.owner_name,
        "unit": ke.unit, "serves": dict(sorted(ke.serves.items())) if ke.serves else None,
        "phones": _phones_json(ke), "email": ke.email, "web": ke.web,
        "web_kind": ke.web_kind, "related_topic": ke.related_topic, "web_host_flagged": ke.web_host_flagged,
        "visiting_address": ke.visiting_address, "postal_address": ke.postal_address,
        "opening_hours": ke.opening_hours, "phone_hours": ke.phone_hours, "her_id": ke.her_id,
        "source": _source_json(ke), "old_lead": is_old_lead(ke, today), "shown_as_ke": shows_as_ke(ke, today),
        "municipalities": record.municipality_numbers, "districts": record.district_numbers,
    }


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
            "url": page_urls(municipality_path(m.number)),
            "organisation_number": m.organisation_number,
            "ke_id": ke.id if ke else None,
            "ke_status": municipality_status(directory, m),
            "ke_lead": lead_kind(directory, m),
            "ke_per_district": m.ke_per_district,
            "cooperation_id": m.cooperation_id,
            "hospital_trust_ids": [t.id for t in directory.trusts_for(m)],
            "switchboard": switchboard_json(m.switchboard),
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
    ke_units = [_ke_unit_json(r, directory.today) for r in records]

    cooperations = [{
        "id": c.id, "name": c.name, "host": c.host, "members": sorted(c.members), "ke_id": c.ke.id,
        "url": page_urls(cooperation_path(c.id)),
    } for c in sorted(directory.cooperations.values(), key=lambda c: c.id)]

    trusts = []
    for t in sorted(directory.hospital_trusts.values(), key=lambda t: t.id):
        areas = trust_areas(directory, t.id)
        trusts.append({
            "id": t.id, "name": t.name, "kind": t.kind, "region": t.region_id, "website": t.website,
            "ke_id": t.ke.id if t.ke else None,
            "switchboard": switchboard_json(t.switchboard),
            "municipalities": sorted({a.municipality_number for a in areas}),
            "districts": [{"number": d.number, "name": d.name, "municipality": m.number}
                          for m, d in sorted(directory.districts_served_by(t.id), key=lambda md: md[1].number)],
            "url": page_urls(trust_path(t.id)),
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
        "url": page_urls(county_path(c.number)),
    } for c in sorted(directory.counties.values(), key=lambda c: c.number)]

    services = [{
        "code": s.code, "names": dict(sorted(s.names.items())), "descriptions": dict(sorted(s.descriptions.items())),
        "statutory": s.statutory, "law": {"name": s.law_name, "url": s.law_url} if s.statutory else None,
        "municipalities": sorted(m.number for m in directory.municipalities_offering(s.code)),
        "url": page_urls(service_path(s.code)),
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
