#!/usr/bin/env python3
"""One-off seed: turn the collected public data in ../shared/data into this project's data/ files.

Kept in the repository so the seed can be re-run and reviewed; the site never reads
../shared at build time. Existing files are overwritten: run it only to re-seed.

Rules applied (see ../shared/data/SOURCES.md):
- identifiers stay strings with leading zeros;
- entries marked personal_contact lose their phone numbers and e-mail (a person's own
  contact details are never published); the unit, web page and address are kept;
- every seeded KE entry is marked confirmed_by_ke: false;
- services are recorded only where the source page's quoted text names the offer;
- the one intermunicipal lead (Værnesregionen, 2015) is not confirmed, so no cooperation
  is seeded from it.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import yaml
from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
RETRIEVED = "2026-11-23"  # the day the stored public pages were read (ke-sources.yaml collected_on)

# Services named in the quoted source text of ke-sources.yaml (entry id -> service codes).
SERVICES_FROM_QUOTES = {
    "ke-5001-trondheim": ["barnekoordinator"],
    "ke-5510-kvaefjord": ["barnekoordinator"],
    "ke-4624-bjornafjorden": ["barnekoordinator"],
    "ke-1505-kristiansund": ["barnekoordinator"],
    "ke-3412-loten": ["barnekoordinator"],
    "ke-3201-baerum": ["barnekoordinator"],
}
HOSPITAL_KINDS = {"hospital", "private-non-profit"}


def dump(path: Path, schema: str, data: dict, header: str = "") -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
    modeline = f"# yaml-language-server: $schema={schema}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(modeline + header + body, encoding="utf-8")


def ke_block(entry: dict) -> dict:
    personal = bool(entry.get("personal_contact"))
    phones = [] if personal else [
        {"number": p["number"], "label": p.get("label")} for p in entry.get("phones") or []
    ]
    source = {"url": entry["source_url"], "retrieved": RETRIEVED,
              "page_date": entry.get("page_date_shown"), "confirmed_by_ke": False}
    if personal:
        source["note"] = ("The source page shows a named employee's own contact details; "
                          "they are left out here. Ask the KE for a shared phone or mailbox.")
    address = entry.get("address")
    is_postal = bool(address) and any(word in address for word in ("Postboks", "PB "))
    visiting = None if is_postal else address
    if address and "Besøksadresse:" in address:  # Skien's page gives both, labelled
        postal_part, visiting = address.split("Besøksadresse:")
        address, visiting = postal_part.replace("Postadresse:", "").strip(" ."), visiting.strip(" .")
    block = {
        "unit": entry.get("unit"),
        "phones": phones,
        "email": None if personal else entry.get("email"),
        "web": entry.get("web"),
        "visiting_address": visiting,
        "postal_address": address if is_postal else None,
        "opening_hours": entry.get("hours"),
        "her_id": None,
        "source": source,
    }
    return block


def website(host: str) -> str | None:
    host = (host or "").strip()
    return f"https://{host}" if host else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    src, out = args.shared, args.out

    kommuner = list(csv.DictReader((src / "kommuner-2024.csv").open(encoding="utf-8")))
    fylker = list(csv.DictReader((src / "fylker-2024.csv").open(encoding="utf-8")))
    catchment = list(csv.DictReader((src / "opptaksomrader.csv").open(encoding="utf-8")))
    trusts = yaml.safe_load((src / "helseforetak.yaml").read_text(encoding="utf-8"))
    ke_sources = yaml.safe_load((src / "ke-sources.yaml").read_text(encoding="utf-8"))["entries"]
    ke_by_municipality = {e["kommunenummer"]: e for e in ke_sources if e["scope"] == "kommune"}
    ke_by_id = {e["id"]: e for e in ke_sources}
    ke_by_trust = {e["hf_id"]: e for e in ke_sources if e["scope"] == "helseforetak"}

    trust_of = {r["kommunenummer"]: r["hf_id"] for r in catchment if r["area_type"] == "kommune"}
    districts = [
        {"number": r["area_code"], "name": r["area_name"], "hospital_trust": r["hf_id"]}
        for r in catchment if r["area_type"] == "bydel"
    ]

    counties = {"source": "Kartverket, Fylker 2024 (CC BY 4.0); region: regjeringen.no, De regionale helseforetakene",
                "counties": [{"number": f["number"], "name": f["name"], "official_name": f["official_name"],
                              "region": f["rhf"]} for f in fylker]}
    dump(out / "counties.yaml", "schemas/counties.schema.json", counties)

    for k in kommuner:
        number = k["number"]
        other = []
        for part in filter(None, (p.strip() for p in k["sami_kven_names"].split(";"))):
            name, lang = part.rsplit(" (", 1)
            other.append({"name": name, "lang": lang.rstrip(")")})
        entry = ke_by_municipality.get(number)
        site = website(k["website"])
        if number == "3911":
            site = "https://faerder.kommune.no"  # host of Færder's own KE page (ke-sources.yaml ke-3911-faerder)
        data = {
            "number": number,
            "name": k["name"],
            "display_name": k["display_name"] if k["display_name"] != k["name"] else None,
            "official_name": k["official_name_ssb_2026"] or k["official_name"],
            "other_names": other,
            "county": k["county_number"],
            "language_form": k["malform"] or None,
            "sami_language_area": k["sami_language_area"] == "true",
            "admin_centre": k["admin_centre"] or None,
            "website": site,
            "hospital_trust": None if number == "0301" else trust_of[number],
        }
        if number == "0301":
            data["districts"] = districts
        data["ke"] = ke_block(entry) if entry else None
        services = SERVICES_FROM_QUOTES.get(entry["id"]) if entry else None
        data["services"] = services
        data["services_source"] = entry["source_url"] if services else None
        header = ("# KE details: null means not known yet. A KE can add its details: see the guide for KE staff.\n"
                  if entry is None else "")
        dump(out / "municipalities" / f"{number}-{slugify(k['name'])}.yaml",
             "../schemas/municipality.schema.json", data, header)

    regions = {"helpline": {"name": "ReHabiliteringstelefonen", "phone": "800 30 061",
                            "source": ke_by_id["rke-helse-vest"]["source_url"]},
               "regions": []}
    for rhf in trusts["rhf"]:
        rke_id = rhf.get("regional_ke_source_id")
        regional = ke_block(ke_by_id[rke_id]) if rke_id else None
        if rke_id == "rke-helse-vest":
            # The 800 number on that page is the national helpline, not the RKE's own line.
            regional["phones"] = []
        regions["regions"].append({"id": rhf["id"], "name": rhf["name"], "website": rhf.get("website"),
                                   "regional_ke": regional, "sources": rhf["confirmed_by"]})
        for hf in rhf["hf"]:
            if hf["kind"] not in HOSPITAL_KINDS:
                continue
            entry = ke_by_trust.get(hf["id"])
            dump(out / "hospital-trusts" / f"{hf['id']}.yaml", "../schemas/hospital-trust.schema.json", {
                "id": hf["id"], "name": hf["name"], "region": rhf["id"], "kind": hf["kind"],
                "website": hf.get("website"),
                "ke": ke_block(entry) if entry else None,
                "sources": hf["confirmed_by"],
            })
    dump(out / "regions.yaml", "schemas/regions.schema.json", regions)

    (out / "postal-codes.csv").write_text((src / "postnummer.csv").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"seeded {len(kommuner)} municipalities into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
