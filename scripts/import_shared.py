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
  is seeded from it;
- evidence is what it is: every seeded detail was read from a stored copy of a public page
  (crawl date unknown), on the day the shared file was collected; nobody checked the live page;
- a page that does not say which unit is the KE is a related page (web_kind: related-page),
  never the KE's page (RELATED_PAGES, with the reason from the entry's notes);
- hours are copied only as the source gives them: phone hours are phone_hours (PHONE_HOURS);
- a unit that serves only some people says whom (SERVES);
- `changes:` records what this import added or corrected, dated by the source file's
  collected_on (the change feed is built from it);
- part 3 (ke-sources-part3.yaml, 2026-12-07) adds KE blocks only where parts 1-2 have none, except where it
  gives the KE's own phone and e-mail for a KE page that had none (REPLACED_BY_PART3); a part-3 page on a
  host other than the municipality's website is flagged by the loader, as for parts 1-2;
- the owner's general contact goes into `switchboard:` (never into `ke:`): from kommuner-kontakt.csv, part 3's
  `switchboard` blocks and `switchboards_only`, and two found in part 3's search notes (SWITCHBOARDS_FROM_NOTES);
  each keeps its source; a number a source gives only on another host is not taken without its page's address.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import yaml
from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
# The day each shared file's stored public pages were read is its `collected_on`; the crawl date of the
# stored copies is unknown, so the evidence is "stored-copy", never "live-page".
EVIDENCE = "stored-copy"
MIGRATED_ON = "2026-11-30"  # evidence kinds, phone hours, related pages and scope were corrected this day

# Entries whose page does not say which unit is the KE (entry id -> what the page is about). The reason is the
# entry's own note in ke-sources*.yaml. SOURCES.md counts 12 such pages in ke-sources-more.yaml; Ås and Time
# are here too: Ås's page speaks of "koordinerende enhet" only in general, and Time's notes say the page
# "does not say in words that the office is the KE".
RELATED_PAGES = {
    # ke-sources.yaml
    "ke-1804-bodo": "individual-plan",        # "the KE unit is not named"
    "ke-0301-oslo": "individual-plan",        # city-level information page; run by the districts
    "ke-3201-baerum": "individual-plan",      # "KE unit not named"
    "ke-4631-alver": "individual-plan",       # applications go to Forvaltningskontoret; KE not named
    "ke-5530-senja": "individual-plan",       # page on individuell plan; Tildelingsenheten answers questions
    "ke-1146-tysvaer": "individual-plan",     # "does not use the words koordinerende eining"
    "ke-3412-loten": "child-coordinator",     # "does not use the words koordinerende enhet"
    "ke-3905-tonsberg": "individual-plan",    # "does not name the koordinerende enhet"
    "ke-3407-gjovik": "allocation-office",    # "does not use the words koordinerende enhet"
    # ke-sources-more.yaml
    "ke-4203-arendal": "individual-plan",
    "ke-5054-indre-fosen": "individual-plan",
    "ke-1508-alesund": "individual-plan",
    "ke-5035-stjordal": "individual-plan",
    "ke-4639-vik": "individual-plan",
    "ke-4202-grimstad": "individual-plan",
    "ke-4227-kvinesdal": "individual-plan",
    "ke-1833-rana": "child-coordinator",
    "ke-3236-jevnaker": "child-coordinator",
    "ke-4205-lindesnes": "child-coordinator",
    "ke-1130-strand": "child-coordinator",
    "ke-4627-askoy": "individual-plan",
    "ke-3218-as": "child-coordinator",
    "ke-1121-time": "allocation-office",
    # ke-sources-part3.yaml (kind: related-page; the topic from each entry's notes)
    "ke-1532-giske": "allocation-office",      # allocation office's service page
    "ke-3118-indre-ostfold": "individual-plan",  # application form used for koordinator and individuell plan
    "ke-3209-ullensaker": "allocation-office",   # names the allocation unit (Helse- og mestringstorget)
    "ke-3322-nesbyen": "individual-plan",
    "ke-3440-oyer": "individual-plan",
    "ke-3442-ostre-toten": "individual-plan",
    "ke-4001-porsgrunn": "child-coordinator",    # koordinator page under "barn, unge og familier"
    "ke-4016-drangedal": "individual-plan",
    "ke-4618-ullensvang": "individual-plan",
    "ke-4622-kvam": "individual-plan",
    "ke-5025-roros": "allocation-office",        # Forvaltningskontoret as the way in to health and care services
    "ke-5028-melhus": "individual-plan",
    "ke-5057-orland": "individual-plan",
    "ke-5540-kafjord": "individual-plan",
    "ke-5607-vadso": "individual-plan",
    "ke-5618-masoy": "individual-plan",
    "ke-hf-sunnaas-samhandling": "individual-plan",
}

# Hours the source gives for the phone, copied without adding anything (the seed had added "mandag til fredag"
# to Færder, which its page does not say).
PHONE_HOURS = {
    "ke-3911-faerder": "kl. 09:00–14:00",  # quote: "ring tjenestekontoret 95 19 34 80 (kl. 09:00–14:00)"
    # notes: "Telefontid mandag-onsdag og fredag fra 10.00-14.00"
    "ke-3448-nordre-land": "mandag-onsdag og fredag fra 10.00-14.00",
    # part 3: "Telefon sentralbord: 52 74 42 00 / 902 67 497 besvares mellom kl. 08.00-15.00 mandag til fredag."
    "ke-1106-haugesund": "mellom kl. 08.00-15.00 mandag til fredag",
    # part 3 hours: "Telefontid: måndag – torsdag 12:30 15:00; fredag 10:00 – 11:30"
    "ke-1532-giske": "måndag – torsdag 12:30 15:00; fredag 10:00 – 11:30",
    # "Vår telefontid er mandager fra kl 12.00 til klokken 15.00, og torsdager fra klokken 09.00 til klokken 11.30."
    "ke-1837-meloy": "mandager fra kl 12.00 til klokken 15.00, og torsdager fra klokken 09.00 til klokken 11.30",
}

# Opening hours (visits) the source gives, copied as written.
OPENING_HOURS = {
    # "Åpningstider ved kontoret er mandag til fredag fra kl. 09.00-15.00."
    "ke-1106-haugesund": "mandag til fredag fra kl. 09.00-15.00",
}

# Phone labels the source entry wrote with an English editor's note: the label shown is the page's own words.
PHONE_LABELS = {
    "ke-1106-haugesund": ["Telefon sentralbord (Vedtakskontoret for helse- og omsorgstjenester)"] * 2,
    "ke-1837-meloy": ["Tildelingskontoret"],
}

# Units that serve only some people, as their source says (entry id -> whom, in both languages).
SERVES = {
    # quote: "Helse- og velferdskontor, 0-18 år er kommunens koordinerende enhet for barn og familier."
    "ke-5001-trondheim": {"nb": "barn og unge 0–18 år og familiene deres – ikke voksne",
                          "nn": "barn og unge 0–18 år og familiane deira – ikkje vaksne",
                          "en": "children and young people aged 0–18 and their families – not adults"},
    # quote: "behandler alle søknader om helse- og omsorgstjenester til personer over 18 år"
    "ke-3905-tonsberg": {"nb": "personer over 18 år", "nn": "personar over 18 år", "en": "people over 18"},
}

# Oslo: "in Oslo services are run by the bydeler (KE contact per bydel not collected)" (ke-sources.yaml notes).
PER_DISTRICT = {"0301"}

# Addresses whose kind the simple rule below gets wrong (entry id -> (postal, visiting)), from the quotes.
ADDRESSES = {
    # "sender du det til Harstad kommune, postmottak, 9479 Harstad [...] Enheten har kontor på rådhus 1A."
    "ke-5503-harstad": ("Harstad kommune, postmottak, 9479 Harstad", "rådhus 1A"),
    # "Send skjema til: Øygarden kommune - Koordinerande eining Ternholmvegen 2 5337 Rong"
    "ke-4626-oygarden": ("Øygarden kommune - Koordinerande eining, Ternholmvegen 2, 5337 Rong", None),
    # part 3: "Besøksadresse: Kirkegata 85, 5528 Haugesund Postadresse: Postboks 2160, 5504 Haugesund"
    "ke-1106-haugesund": ("Postboks 2160, 5504 Haugesund", "Kirkegata 85, 5528 Haugesund"),
    # where the application for individuell plan is sent (notes), not a visiting address
    "ke-3440-oyer": ("Øyer kommune Tildelingsenheten Kongsvegen 325 2636 Øyer", None),
    # where requests for individuell plan are sent (notes), "not stated as the KE's own office"
    "ke-5542-skjervoy": ("Skjervøy helsesenter, Sandvåghaugan 1", None),
}

# A second entry for a municipality that already has one; not merged (a KE block has one source).
SKIPPED_ENTRIES = {"ke-1804-bodo-tildelingskontoret"}
# Part 3 entries for municipalities that already have a KE page from parts 1-2: that page stays the KE block's one
# source (their switchboard blocks are still taken). Part 3 repeats Balsfjord's id with another page.
SKIPPED_PART3 = {"ke-5532-balsfjord", "ke-3901-horten-helse-og-boligservice", "ke-4003-skien-tjenestekontoret",
                 "ke-4211-gjerstad-koordinerende-gruppe", "ke-4601-bergen-vurderingskontor",
                 "ke-5501-tromso-koordinerende-hok", "ke-5536-lyngen-koordinerende-enhet-adresse"}
# A part 3 KE page that gives the KE's own phone and e-mail where the earlier KE page gave none: it replaces it,
# and the file's change log keeps the earlier entry's history.
REPLACED_BY_PART3 = {"ke-3301-drammen-tjenestetildeling": "ke-3301-drammen"}

# Corrections made by hand on 2026-12-01 (English editorial notes moved out of unit names and phone labels into
# source.note; labels in the page's own Norwegian words), kept here so the seed reproduces data/.
CORRECTED_ON = "2026-12-01"
CORRECTIONS = {
    "ke-1554-averoy": {"unit": "Tildelingsenheten", "fields": ["unit"],
                       "note": 'The KE is named in the page\'s section "Koordinerende enhet"; the unit named there is '
                               'tildelingsenheten.'},
    "ke-1560-tingvoll": {"unit": "Tildelingsenheten for helse- og omsorgstjenester", "fields": ["unit"],
                         "note": 'The KE is named in the page\'s section "Koordinerende enhet".'},
    "ke-1580-haram": {"labels": ["Tildelingskontoret i Haram", "Tildelingskontoret i Haram"], "fields": ["phones"]},
    "ke-1833-rana": {"unit": "Tildelingskontoret", "fields": ["unit"],
                     "note": 'The unit is named in the page\'s section "Koordinator og barnekoordinator".'},
    "ke-1841-fauske": {"unit": "Koordinerende enhet", "labels": ["Tildelingskontoret (søknadsskjema)"],
                       "fields": ["unit", "phones"],
                       "note": "The page says the application form is sent on request by Tildelingskontoret "
                               "(phone and e-mail given)."},
    "ke-1845-sorfold": {"unit": "Tildelingskontoret", "fields": ["unit"],
                        "note": 'The unit is named on the page "Tildeling og koordinerende enhet".'},
    "ke-4617-kvinnherad": {"unit": "Koordinerande eining for habilitering og rehabilitering", "fields": ["unit"],
                           "note": 'The unit is named on the page "Vurdering og koordinerande eining".'},
    "ke-4626-oygarden": {"unit": "Koordinerande eining", "fields": ["unit", "phones"],
                         "labels": ["Eininga Helse, meistring og rehabilitering – spørsmål om koordinator og "
                                    "individuell plan"],
                         "note": "The page gives the phone of the unit Helse, meistring og rehabilitering for questions "
                                 "about koordinator and individuell plan; forms go to Koordinerande eining."},
}

# Switchboards that part 3 found only in its search notes (searched_without_result), on the municipality's own site.
SWITCHBOARDS_FROM_NOTES = {
    # "Kommunens servicetorg er tilgjengelig alle hverdager klokken 08.00 - 15.00 på telefon 61 15 33 00."
    "3443": {"number": "61 15 33 00", "label": "Servicetorget", "email": None,
             "source_url": "https://www.vestre-toten.kommune.no/snarvei/sporsmal-og-svar/",
             "note": "Questions-and-answers page: \"Kommunens servicetorg er tilgjengelig alle hverdager klokken "
                     "08.00 - 15.00 på telefon 61 15 33 00.\""},
    # "Uttale vert å senda Fitjar kommune, Pb. 83, 5418 fitjar, evnt. fitjar@fitjar.kommune.no"
    "4615": {"number": None, "label": None, "email": "fitjar@fitjar.kommune.no",
             "source_url": "https://www.fitjar.kommune.no/hoeyring-plan-for-habilitering-og-rehabilitering-i-fitjar-"
                           "2020-2030.6345623-425334.html",
             "note": "A hearing notice gives the municipality's general e-mail for replies: \"Uttale vert å senda "
                     "Fitjar kommune, Pb. 83, 5418 fitjar, evnt. fitjar@fitjar.kommune.no\"."},
}
# Part 3 switchboard labels with an English editor's note: the label shown is the page's own word, or none.
SWITCHBOARD_LABELS = {"4204": None}  # "Kristiansand kommune, telefon (general; not labelled sentralbord)"

# What kommuner-kontakt.csv's sources call each number (its notes), in the source's own words where it has them.
CSV_SWITCHBOARD = {
    "3110": {"label": "Servicetorget", "page_date": "2021-04-19",
             "note": "\"ring Servicetorget, 69 37 50 00, tastevalg 1\" (page updated 19.4.2021)."},
    "3427": {"label": None, "page_date": None,
             "note": "\"Høringsuttalelser rettes til Tynset kommune postmottak@tynset.kommune.no\" (a news item "
                     "from 2018)."},
    "4012": {"label": "Bamble kommune (skoleeier)", "page_date": None,
             "note": "The school-owner phone of Bamble kommune in the national school register (Geonorge "
                     "Grunnskoler/NSR, extract 2024-11-19), as committed in a public repository; the source does "
                     "not call it the switchboard."},
    "4601": None,  # part 3's block for Bergen quotes the same page and number
}

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
    labels = CORRECTIONS.get(entry["id"], {}).get("labels") or PHONE_LABELS.get(entry["id"])
    phones = [] if personal else [
        {"number": p["number"], "label": labels[i] if labels else p.get("label")}
        for i, p in enumerate(entry.get("phones") or [])
    ]
    source = {"url": entry["source_url"], "evidence": EVIDENCE, "retrieved": entry["collected_on"],
              "page_date": entry.get("page_date_shown"), "confirmed_by_ke": False}
    if CORRECTIONS.get(entry["id"], {}).get("note"):
        source["note"] = CORRECTIONS[entry["id"]]["note"]
    if personal:
        source["note"] = ("The source page shows a named employee's own contact details; "
                          "they are left out here (unit, web page and address only). "
                          "Ask the KE for a shared phone or mailbox.")
    address = entry.get("address")
    is_postal = bool(address) and any(word in address for word in ("Postboks", "PB "))
    visiting = None if is_postal else address
    if entry["id"] in ADDRESSES:
        address, visiting = ADDRESSES[entry["id"]]
        is_postal = address is not None
    if address and "Besøksadresse:" in address:  # Skien's page gives both, labelled
        postal_part, visiting = address.split("Besøksadresse:")
        address, visiting = postal_part.replace("Postadresse:", "").strip(" ."), visiting.strip(" .")
    hours = None if personal or entry["id"] in PHONE_HOURS or entry["id"] in OPENING_HOURS else entry.get("hours")
    if hours is not None:
        raise SystemExit(f"{entry['id']}: hours {hours!r} not classified: add it to PHONE_HOURS or decide here")
    block = {
        "unit": CORRECTIONS.get(entry["id"], {}).get("unit", entry.get("unit")),
        "serves": SERVES.get(entry["id"]),
        "phones": phones,
        "email": None if personal else entry.get("email"),
        "web": entry.get("web"),
        "web_kind": "related-page" if entry["id"] in RELATED_PAGES else "ke-page",
        "related_topic": RELATED_PAGES.get(entry["id"]),
        "visiting_address": visiting,
        "postal_address": address if is_postal else None,
        "opening_hours": None if personal else OPENING_HOURS.get(entry["id"]),
        "phone_hours": None if personal else PHONE_HOURS.get(entry["id"]),
        "her_id": None,
        "source": source,
    }
    return block


FIELD_ORDER = ("unit", "serves", "phones", "email", "web", "visiting_address", "postal_address", "phone_hours")


def changes_for(entry: dict, block: dict) -> list[dict]:
    """What the import did to this KE block, dated: added on the source's collected_on, corrected on MIGRATED_ON.

    The first shared file (2026-11-23) was imported before evidence kinds, related pages, phone hours and scope
    existed; those corrections are recorded as their own change, so the feed says what changed and when.
    """
    fields = [f for f in FIELD_ORDER if block.get(f) not in (None, [], "")]
    changes = [{"date": entry["collected_on"], "change": "added", "fields": fields or ["web"]}]
    if entry["collected_on"] < MIGRATED_ON:
        corrected = ["evidence"]
        if entry["id"] in RELATED_PAGES:
            corrected.append("web_kind")
        if entry["id"] in PHONE_HOURS:
            corrected.append("phone_hours")
        if entry["id"] in SERVES:
            corrected.append("serves")
        changes.append({"date": MIGRATED_ON, "change": "corrected", "fields": corrected})
    if entry["id"] in CORRECTIONS:
        changes.append({"date": CORRECTED_ON, "change": "corrected", "fields": CORRECTIONS[entry["id"]]["fields"]})
    return sorted(changes, key=lambda c: c["date"], reverse=True)


def replacing_changes(entry: dict, block: dict, earlier: dict) -> list[dict]:
    """A part-3 KE page that replaces an earlier one: the earlier history, then what this one updated."""
    earlier_changes = changes_for(earlier, ke_block(earlier))
    fields = [f for f in FIELD_ORDER if block.get(f) not in (None, [], "")]
    return [{"date": entry["collected_on"], "change": "updated", "fields": fields}] + earlier_changes


def switchboard_block(phones: list[dict], email: str | None, source_url: str, retrieved: str,
                      page_date: str | None, note: str | None) -> dict:
    """The owner's general contact in data's `switchboard:` shape; never the KE's."""
    return {"phones": phones, "email": email, "url": None,
            "source": {"url": source_url, "evidence": EVIDENCE, "retrieved": retrieved, "page_date": page_date,
                       "note": note}}


def github_url(source: str) -> str:
    """'github:owner/repo@commit:path' (the shared files' notation) -> the file's address on GitHub."""
    repo, rest = source.removeprefix("github:").split("@", 1)
    commit, path = rest.split(":", 1)
    return f"https://github.com/{repo}/blob/{commit}/{path}"


def switchboards(src: Path, contact: dict[str, dict], part3: dict) -> dict[str, dict]:
    """municipality number -> switchboard block, from every shared source that has one (later sources win)."""
    found: dict[str, dict] = {}
    collected = "2026-11-23"  # kommuner-kontakt.csv was collected with the first shared files (SOURCES.md)
    for number, row in contact.items():
        if number not in CSV_SWITCHBOARD or CSV_SWITCHBOARD[number] is None:
            if row["switchboard_phone"] or row["post_email"]:
                assert number in CSV_SWITCHBOARD, f"{number}: a switchboard in kommuner-kontakt.csv is not reviewed"
            continue
        extra = CSV_SWITCHBOARD[number]
        url = row["phone_source"] or row["email_source"]
        phones = [{"number": row["switchboard_phone"], "label": extra["label"]}] if row["switchboard_phone"] else []
        found[number] = switchboard_block(phones, row["post_email"] or None,
                                          github_url(url) if url.startswith("github:") else url,
                                          collected, extra["page_date"], extra["note"])
    on = part3["collected_on"]
    for entry in part3["entries"]:
        sb = entry.get("switchboard")
        if not sb:
            continue
        phones = [{"number": sb["number"], "label": sb.get("label")}] if sb.get("number") else []
        note = sb.get("note") or sb.get("notes")
        found[entry["kommunenummer"]] = switchboard_block(phones, sb.get("email"), sb["source_url"], on,
                                                          sb.get("page_date_shown"), note)
    for sb in part3["switchboards_only"]:
        phones = [{"number": sb["number"], "label": SWITCHBOARD_LABELS.get(sb["kommunenummer"], sb.get("label"))}]
        note = sb.get("notes")
        if sb.get("hours"):
            note = f"Hours on the page: {sb['hours']}. " + (note or "")
        found[sb["kommunenummer"]] = switchboard_block(phones, sb.get("email"), sb["source_url"], on,
                                                       sb.get("page_date_shown"), note)
    for number, sb in SWITCHBOARDS_FROM_NOTES.items():
        phones = [{"number": sb["number"], "label": sb["label"]}] if sb["number"] else []
        found[number] = switchboard_block(phones, sb["email"], sb["source_url"], on, None, sb["note"])
    return found


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
    ke_sources = []
    for name in ("ke-sources.yaml", "ke-sources-more.yaml"):
        doc = yaml.safe_load((src / name).read_text(encoding="utf-8"))
        ke_sources += [{**e, "collected_on": doc["collected_on"]} for e in doc["entries"]
                       if e["id"] not in SKIPPED_ENTRIES]
    contact = {r["number"]: r for r in csv.DictReader((src / "kommuner-kontakt.csv").open(encoding="utf-8"))}
    ke_by_id = {e["id"]: e for e in ke_sources}
    part3 = yaml.safe_load((src / "ke-sources-part3.yaml").read_text(encoding="utf-8"))
    ke_sources += [{**e, "collected_on": part3["collected_on"]} for e in part3["entries"]
                   if e["id"] not in SKIPPED_PART3]
    ke_by_municipality = {e["kommunenummer"]: e for e in ke_sources if e["scope"] == "kommune"}
    switchboard_of = switchboards(src, contact, part3)
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
            "organisation_number": contact[number]["orgnr"],
            "organisation_number_source": "Enhetsregisteret (Brønnøysundregistrene), via kommuner-kontakt.csv: "
                                          + contact[number]["orgnr_source"],
        }
        if number == "0301":
            data["districts"] = districts
        if number in PER_DISTRICT:
            data["ke_per_district"] = True
        block = ke_block(entry) if entry else None
        data["ke"] = block
        data["switchboard"] = switchboard_of.get(number)
        services = SERVICES_FROM_QUOTES.get(entry["id"]) if entry else None
        data["services"] = services
        data["services_source"] = entry["source_url"] if services else None
        if entry and entry["id"] in REPLACED_BY_PART3:
            data["changes"] = replacing_changes(entry, block, ke_by_id[REPLACED_BY_PART3[entry["id"]]])
        else:
            data["changes"] = changes_for(entry, block) if entry else []
        if data["switchboard"]:
            added = {"date": data["switchboard"]["source"]["retrieved"], "change": "added", "fields": ["switchboard"]}
            data["changes"] = sorted(data["changes"] + [added], key=lambda c: c["date"], reverse=True)
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
            block = ke_block(entry) if entry else None
            dump(out / "hospital-trusts" / f"{hf['id']}.yaml", "../schemas/hospital-trust.schema.json", {
                "id": hf["id"], "name": hf["name"], "region": rhf["id"], "kind": hf["kind"],
                "website": hf.get("website"),
                "ke": block,
                "switchboard": None,  # no shared source gives a trust's general contact yet
                "sources": hf["confirmed_by"],
                "changes": changes_for(entry, block) if entry else [],
            })
    dump(out / "regions.yaml", "schemas/regions.schema.json", regions)

    (out / "postal-codes.csv").write_text((src / "postnummer.csv").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"seeded {len(kommuner)} municipalities into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
