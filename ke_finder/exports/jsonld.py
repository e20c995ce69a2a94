"""schema.org JSON-LD for the KE shown on a municipality or hospital-trust page."""
from __future__ import annotations

import json
from typing import Any

from ..i18n import t
from ..model import Directory, HospitalTrust, Municipality
from ..model.coverage import shows_as_ke
from ..model.records import record_for


# Norwegian only: whether a KE answers in Sami is not in any of our sources, so the export does not claim it.
AVAILABLE_LANGUAGES = ["no"]


def json_ld(directory: Directory, entity: Municipality | HospitalTrust, page_url: str, lang: str) -> dict | None:
    """schema.org GovernmentOrganization for the KE shown on a municipality or hospital-trust page, or None.

    Search engines and assistants read it to answer "phone number of koordinerende enhet in X". Only facts from
    the data: no sameAs, no guessed opening hours (the free text does not fit OpeningHoursSpecification).
    """
    record = record_for(directory, entity)
    if record is None or not shows_as_ke(record.ke, directory.today):
        return None  # a related page or an old lead is not the KE: claim nothing
    ke = record.ke
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
        parent = {"@type": "GovernmentOrganization", "name": t("ld_municipality", lang, name=entity.name)}
        if entity.official_name != entity.name:
            parent["alternateName"] = entity.official_name
        if entity.website:
            parent["url"] = entity.website
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "GovernmentOrganization", "@id": f"{page_url}#ke",
        "name": ke.unit or t("ld_unit_name", lang, place=place), "mainEntityOfPage": page_url,
    }
    if ke.web and not ke.web_host_flagged:  # a page on a host that is not the official site is not claimed
        data["url"] = ke.web
    if ke.phones:
        data["telephone"] = ke.phones[0].e164
    if ke.email:
        data["email"] = ke.email
    data["parentOrganization"] = parent
    languages = list(AVAILABLE_LANGUAGES)
    points = []
    for phone in ke.phones:
        point: dict[str, Any] = {"@type": "ContactPoint", "contactType": t("ld_contact_type", lang), "telephone": phone.e164}
        if phone.label:
            point["name"] = phone.label
        if ke.email:
            point["email"] = ke.email
        point["availableLanguage"] = languages
        points.append(point)
    if not points and ke.email:
        points.append({"@type": "ContactPoint", "contactType": t("ld_contact_type", lang), "email": ke.email,
                       "availableLanguage": languages})
    if points:
        data["contactPoint"] = points
    addresses = [{"@type": "PostalAddress", "contactType": t(f"ld_{kind}", lang), "streetAddress": text,
                  "addressCountry": "NO"}
                 for kind, text in (("visiting", ke.visiting_address), ("postal", ke.postal_address)) if text]
    if addresses:
        data["address"] = addresses[0] if len(addresses) == 1 else addresses
    if ke.her_id:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "HER-id", "value": ke.her_id}
    data["areaServed"] = [{"@type": "AdministrativeArea", "name": a.name} for a in record.areas]
    return data


def json_ld_text(data: dict[str, Any]) -> str:
    """The JSON text for a <script type="application/ld+json"> element, safe to insert into HTML unescaped.

    <, > and & are written as \\u003c \\u003e \\u0026 (still the same JSON), so no value can end the script
    element ("</script>") or open a comment ("<!--"), whatever the data says. The site's templates apply it as
    the `json_ld` filter (templates/_json_ld.html.j2).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
