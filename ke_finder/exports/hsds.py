"""Open Referral HSDS 3.0 (tabular form: one list of flat rows per table, linked by *_id).

HSDS ids are name-based UUIDs (version 5) that never change for the same entity.
"""
from __future__ import annotations

import re
import uuid
from typing import Any

from ..i18n import t
from ..model import Directory
from ..model.coverage import shows_as_ke
from ..model.records import KeRecord, ke_records, municipality_org_name
from ..paths import DEFAULT_LANGUAGE
from .common import API_DIR, API_VERSION

# The namespace of every HSDS id: uuid5(HSDS_NAMESPACE, "<table>:<key>"), e.g. "organization:kommune-0301",
# "service:kommune-0301", "phone:kommune-0301:1". Chosen once at random (uuid4) for this project and fixed here:
# it must NEVER change, or every published HSDS id changes with it and consumers lose their links.
HSDS_NAMESPACE = uuid.UUID("a77c7403-ad19-4077-a6e3-d52ac0875083")


def hsds_id(table: str, key: str) -> str:
    """A stable UUID for one HSDS row: uuid5(HSDS_NAMESPACE, '<table>:<key>')."""
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{table}:{key}"))


HSDS_TABLES = ("organization", "organization_identifier", "service", "location", "address", "service_at_location",
               "phone", "schedule",
               "service_area", "taxonomy", "taxonomy_term", "attribute")
TAXONOMY_KEY = "ke-finder-services"
# Our own link_type code for "this municipality offers the service named by the taxonomy term" (the HSDS
# attribute table's link_type is an open code list).
OFFERS_LINK_TYPE = "offers"

# "<anything>, 3717 Skien" at the end of a free-text address: the only structure parsed out of it.
_POSTCODE_PLACE = re.compile(r"^(?P<before>.+?),\s*(?P<code>\d{4})\s+(?P<place>[^,\d][^,]*)$")

# The tables' own text (descriptions, names) is in one language per set of tables: api/v1/hsds/ in bokmål (the
# default language), api/v1/hsds/<lang>/ in each other language (HSDS has no field for a second language of the
# same text). Ids are the same in every set. The words are in ke_finder.i18n (hsds_*).


def hsds_dir(lang: str) -> str:
    """Where one language's HSDS tables are: 'api/v1/hsds' (bokmål), 'api/v1/hsds/nn', 'api/v1/hsds/en'."""
    return f"{API_DIR}/hsds" + ("" if lang == DEFAULT_LANGUAGE else f"/{lang}")


def _org_key(kind: str, owner_id: str) -> str:
    prefix = {"municipality": "kommune", "hospital_trust": "helseforetak", "cooperation": "samarbeid",
              "region": "region"}[kind]
    return f"{prefix}-{owner_id}"


def _drop_none(row: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields are optional strings: an unknown value is left out, not null (null is not a string)."""
    return {k: v for k, v in row.items() if v is not None}


def _hsds_organizations(directory: Directory, lang: str) -> list[dict[str, Any]]:
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        county = directory.counties[m.county_number]
        alternate = m.official_name if m.official_name != m.name else None
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("municipality", number)),
            "name": municipality_org_name(m), "alternate_name": alternate,
            "description": t("hsds_municipality", lang, county=county.name, number=number),
            "website": m.website, "email": m.switchboard.email if m.switchboard else None,
        }))
    for trust in sorted(directory.hospital_trusts.values(), key=lambda trust: trust.id):
        region = directory.regions[trust.region_id]
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("hospital_trust", trust.id)),
            "name": trust.name,
            "description": t("hsds_hospital" if trust.kind == "hospital" else "hsds_private_non_profit"
                             if trust.kind == "private-non-profit" else "hsds_other_hospital", lang, region=region.name),
            "website": trust.website, "email": trust.switchboard.email if trust.switchboard else None,
            # a health trust (HF) is owned by its regional health authority; private hospitals are not
            "parent_organization_id": hsds_id("organization", _org_key("region", trust.region_id))
            if trust.kind == "hospital" else None,
        }))
    for c in sorted(directory.cooperations.values(), key=lambda c: c.id):
        members = ", ".join(municipality_org_name(directory.municipalities[n]) for n in sorted(c.members))
        rows.append({
            "id": hsds_id("organization", _org_key("cooperation", c.id)), "name": c.name,
            "description": t("hsds_cooperation", lang, members=members),
        })
    for r in sorted(directory.regions.values(), key=lambda r: r.id):
        rows.append(_drop_none({
            "id": hsds_id("organization", _org_key("region", r.id)), "name": r.name,
            "description": t("hsds_region", lang), "website": r.website,
        }))
    return rows


# org-id.guide's code for Brønnøysundregistrene's Enhetsregisteret (organisasjonsnummer).
ORGNR_SCHEME = "NO-BRC"


def _hsds_identifiers(directory: Directory) -> list[dict[str, Any]]:
    """Each municipality's organisation number, as HSDS organization_identifier rows (scheme NO-BRC)."""
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        if not m.organisation_number:
            continue
        rows.append({
            "id": hsds_id("organization_identifier", f"kommune-{number}:{ORGNR_SCHEME}"),
            "organization_id": hsds_id("organization", _org_key("municipality", number)),
            "identifier_scheme": ORGNR_SCHEME, "identifier_type": "Organisasjonsnummer (Enhetsregisteret)",
            "identifier": m.organisation_number,
        })
    return rows


def _service_description(record: KeRecord, lang: str) -> str:
    ke = record.ke
    parts = [t("hsds_service", lang, owner=record.owner_name)]
    if ke.unit:
        parts.append(t("hsds_unit", lang, unit=ke.unit))
    if ke.serves:
        parts.append(t("hsds_serves", lang, text=ke.serves[lang]))
    if ke.opening_hours:
        parts.append(t("hsds_hours", lang, text=ke.opening_hours))
    if ke.phone_hours:
        parts.append(t("hsds_phone_hours", lang, text=ke.phone_hours))
    if ke.web_host_flagged:
        parts.append(t("hsds_web_host_flagged", lang, host=ke.web_host))
    if ke.her_id:
        parts.append(t("hsds_her", lang, her_id=ke.her_id))
    parts.append(t("hsds_source", lang, url=ke.source.url,
                   evidence=t(f"hsds_evidence_{ke.source.evidence.replace('-', '_')}", lang),
                   date=ke.source.retrieved.isoformat()))
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


def hsds_export(directory: Directory, lang: str = DEFAULT_LANGUAGE) -> dict[str, list[dict[str, Any]]]:
    """The directory as Open Referral HSDS 3.0 tables (table name -> rows), for service-directory software.

    One organization per municipality, hospital trust, cooperation and region (the regions own the regional
    KEs); one active service "Koordinerende enhet" per known KE unit; a location per postal or visiting address
    (with a structured address when the text ends in a known postal code); phones in display form; service areas
    per municipality (or Oslo district) served; the controlled service list of data/services.yaml as one
    taxonomy, linked to the municipalities known to offer each service through attribute rows.
    """
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in HSDS_TABLES}
    tables["organization"] = _hsds_organizations(directory, lang)
    tables["organization_identifier"] = _hsds_identifiers(directory)
    for record in ke_records(directory):
        ke = record.ke
        if not shows_as_ke(ke, directory.today):
            continue  # a related page or an old lead does not identify the KE: no service is claimed
        service_id = hsds_id("service", ke.id)
        org_id = hsds_id("organization", _org_key(record.kind, record.owner_id))
        name = t("ke_service_name", lang, name=record.owner_name)
        tables["service"].append(_drop_none({
            "id": service_id, "organization_id": org_id, "name": name, "alternate_name": ke.unit,
            "description": _service_description(record, lang), "url": ke.web, "email": ke.email, "status": "active",
            # HSDS: "the date the information was last checked". Reading a stored copy of a page is not a check.
            "assured_date": ke.source.retrieved.isoformat() if ke.source.evidence != "stored-copy" else None,
        }))
        for kind, location_type, text in (("postal", "postal", ke.postal_address),
                                          ("visiting", "physical", ke.visiting_address)):
            if not text:
                continue
            location_id = hsds_id("location", f"{ke.id}:{kind}")
            tables["location"].append({
                "id": location_id, "location_type": location_type, "organization_id": org_id,
                "name": t(f"labelled_{kind}", lang, text=ke.unit or name), "description": text,
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
        if ke.phone_hours:
            tables["schedule"].append({"id": hsds_id("schedule", f"{ke.id}:phone"), "service_id": service_id,
                                       "description": t("hsds_phone_hours", lang, text=ke.phone_hours)})
        for area in record.areas:
            whole = area.code == area.municipality_number  # a whole municipality, or one of Oslo's districts
            tables["service_area"].append({
                "id": hsds_id("service_area", f"{ke.id}:{area.code}"), "service_id": service_id,
                "name": area.name, "description": t("hsds_area_municipality" if whole else "hsds_area_district", lang,
                                                     code=area.code),
            })
    # The owners' general contacts (switchboards) are the organisation's phones, never the KE service's.
    owners = [("municipality", m.number, m.switchboard) for m in directory.municipalities.values()]
    owners += [("hospital_trust", trust.id, trust.switchboard) for trust in directory.hospital_trusts.values()]
    for kind, owner_id, switchboard in sorted(owners, key=lambda o: (o[0], o[1])):
        for i, phone in enumerate(switchboard.phones if switchboard else (), start=1):
            tables["phone"].append(_drop_none({
                "id": hsds_id("phone", f"{_org_key(kind, owner_id)}:switchboard:{i}"),
                "organization_id": hsds_id("organization", _org_key(kind, owner_id)), "number": phone.display,
                "type": "voice", "description": phone.label,
            }))
    taxonomy_id = hsds_id("taxonomy", TAXONOMY_KEY)
    tables["taxonomy"].append({
        "id": taxonomy_id, "name": t("hsds_taxonomy", lang), "version": API_VERSION,
        "description": t("hsds_taxonomy_description", lang),
    })
    for code in sorted(directory.services):
        service = directory.services[code]
        term_id = hsds_id("taxonomy_term", code)
        tables["taxonomy_term"].append({
            "id": term_id, "code": code, "name": service.names[lang], "description": service.descriptions[lang],
            "taxonomy_id": taxonomy_id, "language": lang,
        })
        for m in sorted(directory.municipalities_offering(code), key=lambda m: m.number):
            tables["attribute"].append({
                "id": hsds_id("attribute", f"kommune-{m.number}:{code}"), "taxonomy_term_id": term_id,
                "link_id": hsds_id("organization", _org_key("municipality", m.number)),
                "link_entity": "organization", "link_type": OFFERS_LINK_TYPE,
            })
    return tables
