"""Open data exports: api/v1 JSON and CSV, HSDS 3.0 against the official schemas, vCard, JSON-LD, determinism."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import ROOT, TODAY, edit
from ke_finder.exports.api_csv import csv_cell, directory_csv
from ke_finder.exports.api_json import directory_json, municipalities_export
from ke_finder.exports.common import LICENCE, SOURCES
from ke_finder.exports.hsds import HSDS_NAMESPACE, hsds_export, hsds_id
from ke_finder.exports.jsonld import json_ld
from ke_finder.exports.open_data import write_open_data
from ke_finder.model.coverage import shows_as_ke
from ke_finder.exports.vcard import has_vcard, vcard, vcard_files, vcard_href, vcard_path
from ke_finder.model import Directory, KeUnit, Phone, Provenance
from ke_finder.site.templating import render_fragment
from ke_finder.source.load import load_directory
from ke_finder.paths import LANGUAGES

pytestmark = pytest.mark.unit

HSDS_DIR = ROOT / "data" / "hsds-3.0"
JSON_DOCS = {"municipalities.json", "ke-units.json", "cooperations.json", "hospital-trusts.json", "regions.json",
             "counties.json", "services.json"}


@pytest.fixture(scope="module")
def real() -> Directory:
    return load_directory(ROOT / "data")


@pytest.fixture
def fixture_dir(data_dir: Path) -> Directory:
    return load_directory(data_dir, today=TODAY)


def expected_ke_count(directory: Directory, shown_only: bool = False) -> int:
    """KE records; shown_only: only those that identify the KE with current details (HSDS services, vCards)."""
    def counts(ke) -> bool:
        return ke is not None and (not shown_only or shows_as_ke(ke, directory.today))
    return (sum(1 for m in directory.municipalities.values() if counts(m.own_ke))
            + sum(1 for t in directory.hospital_trusts.values() if counts(t.ke))
            + sum(1 for r in directory.regions.values() if counts(r.regional_ke))
            + sum(1 for c in directory.cooperations.values() if counts(c.ke)))


def ke(**changes) -> KeUnit:
    base = KeUnit(id="kommune-1804", unit="Tildelingskontoret",
                  phones=(Phone("+4775555000", "75 55 50 00", "sentralbord"),),
                  email="ke@example.no", web="https://example.org/ke", visiting_address=None, postal_address=None,
                  opening_hours=None, her_id=None,
                  source=Provenance("https://example.org/ke", date(2026, 1, 2), confirmed_by_ke=False))
    return dataclasses.replace(base, **changes)


# ---------------------------------------------------------------------------------------------------- JSON


def test_real_data_json_documents(real: Directory) -> None:
    docs = directory_json(real)
    assert set(docs) == JSON_DOCS
    for name, doc in docs.items():
        assert doc["version"] == "v1", name
        assert doc["licence"] == LICENCE == "NLOD 2.0", name
        assert doc["sources"] == SOURCES and "Kartverket (CC BY 4.0)" in SOURCES, name
        json.dumps(doc)  # JSON-able
    assert docs["municipalities.json"]["count"] == 357
    assert docs["hospital-trusts.json"]["count"] == len(docs["hospital-trusts.json"]["hospital_trusts"]) == 24
    assert docs["regions.json"]["count"] == 4 and docs["counties.json"]["count"] == 15
    assert docs["cooperations.json"]["count"] == 0
    units = docs["ke-units.json"]["ke_units"]
    assert docs["ke-units.json"]["count"] == len(units) == expected_ke_count(real) > 40
    assert [u["id"] for u in units] == sorted(u["id"] for u in units)
    assert {u["kind"] for u in units} <= {"municipality", "hospital_trust", "cooperation", "region"}


def test_municipalities_json_keeps_the_existing_shape(real: Directory) -> None:
    existing = municipalities_export(real)
    ours = directory_json(real)["municipalities.json"]
    assert {k: ours[k] for k in existing} == existing
    assert set(ours) - set(existing) == {"licence", "sources"}


def test_ke_unit_fields_and_served_municipalities(real: Directory) -> None:
    units = {u["id"]: u for u in directory_json(real)["ke-units.json"]["ke_units"]}
    faerder = units["kommune-3911"]
    assert faerder["kind"] == "municipality" and faerder["owner_id"] == "3911"
    assert faerder["phones"] == [{"e164": "+4795193480", "display": "95 19 34 80",
                                  "label": "Tjenestekontoret - ekspedisjon"}]
    assert faerder["municipalities"] == ["3911"]
    assert set(faerder["source"]) == {"url", "evidence", "retrieved", "page_date", "confirmed_by_ke"}
    assert faerder["source"]["evidence"] == "stored-copy"  # read from a stored copy, not a live check
    assert faerder["opening_hours"] is None and faerder["phone_hours"] == "kl. 09:00–14:00"  # as the page says
    assert faerder["source"]["retrieved"] == "2026-11-23"
    ous = units["helseforetak-ous"]
    assert ous["kind"] == "hospital_trust" and "0301" in ous["municipalities"]
    assert all(d.startswith("0301") for d in ous["districts"]) and ous["districts"]
    trusts = {t["id"]: t for t in directory_json(real)["hospital-trusts.json"]["hospital_trusts"]}
    assert trusts["ous"]["ke_id"] == "helseforetak-ous"
    assert {d["municipality"] for d in trusts["ous"]["districts"]} == {"0301"}
    vestfold = trusts["sykehuset-i-vestfold"]
    assert vestfold["ke_id"] is None and "3911" in vestfold["municipalities"]


def test_fixture_cooperation_members_get_its_ke(fixture_dir: Directory) -> None:
    docs = directory_json(fixture_dir)
    rows = {r["number"]: r for r in docs["municipalities.json"]["municipalities"]}
    assert rows["1812"]["ke_id"] == rows["1813"]["ke_id"] == "samarbeid-sor-helgeland"
    assert rows["0301"]["ke_id"] is None
    units = {u["id"]: u for u in docs["ke-units.json"]["ke_units"]}
    assert set(units) == {"kommune-1804", "helseforetak-ous", "region-helse-nord", "samarbeid-sor-helgeland"}
    assert docs["ke-units.json"]["count"] == expected_ke_count(fixture_dir) == 4
    coop = units["samarbeid-sor-helgeland"]
    assert coop["kind"] == "cooperation" and coop["owner_id"] == "sor-helgeland"
    assert coop["municipalities"] == ["1812", "1813"]
    assert units["region-helse-nord"]["municipalities"] == ["1804", "1812", "1813"]
    assert units["helseforetak-ous"]["municipalities"] == ["0301"]
    assert units["helseforetak-ous"]["districts"] == ["030103"]
    assert docs["cooperations.json"]["cooperations"] == [{
        "id": "sor-helgeland", "name": "KE Sør-Helgeland (test)", "host": "1813", "members": ["1812", "1813"],
        "ke_id": "samarbeid-sor-helgeland",
        "url": {"nb": "/samarbeid/sor-helgeland/", "nn": "/nn/samarbeid/sor-helgeland/",
                "en": "/en/samarbeid/sor-helgeland/"}}]
    services = {s["code"]: s for s in docs["services.json"]["services"]}
    assert services["barnekoordinator"]["municipalities"] == ["1804"]
    assert services["hverdagsrehabilitering"]["municipalities"] == []
    assert services["barnekoordinator"]["names"] == {"en": "Child coordinator", "nb": "Barnekoordinator",
                                                     "nn": "Barnekoordinator"}
    assert services["hverdagsrehabilitering"]["names"]["nn"] == "Kvardagsrehabilitering"


# ---------------------------------------------------------------------------------------------------- CSV


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_parses_back_with_leading_zeros(real: Directory) -> None:
    files = directory_csv(real)
    assert set(files) == {"municipalities.csv", "ke-units.csv"}
    for text in files.values():
        assert text.count("\n") == text.count("\r\n") > 1  # CRLF on every line, no bare LF
    rows = parse(files["municipalities.csv"])
    assert [r["number"] for r in rows] == sorted(real.municipalities) and rows[0]["number"] == "0301"
    assert len(rows) == 357
    by_number = {r["number"]: r for r in rows}
    faerder = by_number["3911"]
    assert faerder["ke_phone"] == "95 19 34 80"  # display form, never "+47…"
    assert faerder["ke_status"] == "unconfirmed" and faerder["confirmed_by_ke"] == "false"
    assert faerder["page_nb"] == "/kommune/3911/" and faerder["page_en"] == "/en/kommune/3911/"
    assert faerder["page_nn"] == "/nn/kommune/3911/"
    assert faerder["hospital_trusts"] == "sykehuset-i-vestfold"
    oslo_trusts = [t.id for t in real.trusts_for(real.municipalities["0301"])]
    assert by_number["0301"]["hospital_trusts"].split(";") == oslo_trusts and len(oslo_trusts) > 1
    unknown = [r for r in rows if r["ke_status"] == "unknown" and not r["ke_lead"]]
    assert unknown and all(r["ke_unit"] == r["source_url"] == r["confirmed_by_ke"] == "" for r in unknown)
    assert by_number["4014"]["ke_status"] == "unknown" and by_number["4014"]["ke_lead"] == "old"  # Kragerø, 2015
    assert by_number["1146"]["ke_lead"] == "related" and by_number["1146"]["ke_web_kind"] == "related-page"
    assert all(len(r["organisation_number"]) == 9 for r in rows)
    units = parse(files["ke-units.csv"])
    assert len(units) == expected_ke_count(real)
    assert not any(cell.startswith("+") for u in units for cell in u.values())


def test_fixture_csv_cooperation_and_services(fixture_dir: Directory) -> None:
    rows = {r["number"]: r for r in parse(directory_csv(fixture_dir)["municipalities.csv"])}
    assert rows["1812"]["cooperation_id"] == "sor-helgeland" and rows["1812"]["ke_status"] == "confirmed"
    assert rows["1812"]["ke_email"] == "ke@example.no"
    assert rows["1804"]["services"] == "barnekoordinator" and rows["1812"]["services"] == ""
    assert rows["0301"]["ke_status"] == "unknown" and rows["0301"]["hospital_trusts"] == "lovisenberg;ous"


def test_csv_formula_injection_guard(data_dir: Path) -> None:
    edit(data_dir / "municipalities" / "1804-bodo.yaml", "unit: Tildelingskontoret", "unit: '=HYPERLINK(1+2)'")
    directory = load_directory(data_dir, today=TODAY)  # the loader refuses markup, not "="
    assert directory.municipalities["1804"].own_ke.unit == "=HYPERLINK(1+2)"
    files = directory_csv(directory)
    row = next(r for r in parse(files["municipalities.csv"]) if r["number"] == "1804")
    assert row["ke_unit"] == "'=HYPERLINK(1+2)"
    unit = next(r for r in parse(files["ke-units.csv"]) if r["id"] == "kommune-1804")
    assert unit["unit"] == "'=HYPERLINK(1+2)"
    units = {u["id"]: u for u in directory_json(directory)["ke-units.json"]["ke_units"]}
    assert units["kommune-1804"]["unit"] == "=HYPERLINK(1+2)"  # JSON is data, not a spreadsheet: unchanged
    for bad in ("=1", "+47", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("Bodø = fint") == "Bodø = fint" and csv_cell(None) == "" and csv_cell(True) == "true"


# ---------------------------------------------------------------------------------------------------- HSDS


@pytest.fixture(scope="module")
def hsds_validators() -> dict[str, Draft202012Validator]:
    """One validator per table from the copied official schemas, cross-file $refs resolved by a Registry."""
    contents = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(HSDS_DIR.glob("*.json"))}
    # The files declare no $schema: validator_for falls back to the default we name, Draft 2020-12
    # (the dialect of HSDS 3.0's OpenAPI 3.1 description).
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in contents.items())
    validators = {}
    for name, schema in contents.items():
        cls = validator_for(schema, default=Draft202012Validator)
        assert cls is Draft202012Validator
        cls.check_schema(schema)
        validators[name.removesuffix(".json")] = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    return validators


def assert_valid_hsds(tables: dict[str, list[dict]], validators: dict[str, Draft202012Validator]) -> None:
    for table, rows in tables.items():
        validator = validators[table]
        for row in rows:
            errors = [f"{table} {row.get('id')}: {e.json_path}: {e.message}" for e in validator.iter_errors(row)]
            assert not errors, "\n".join(errors)
            for key, value in row.items():
                if key == "id" or key.endswith("_id"):
                    assert uuid.UUID(value).version == 5, (table, key, value)
                if key in ("url", "website"):
                    assert re.match(r"^https?://\S+$", value), (table, key, value)  # "uri" is not asserted offline
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in {table}"


def test_the_copied_schemas_are_the_official_ones_and_checked() -> None:
    readme = (HSDS_DIR / "README.md").read_text(encoding="utf-8")
    assert "Open Referral HSDS 3.0" in readme and "shared reference copy" in readme
    shared = Path("/work/shared/reference/hsds-3.0")
    if shared.is_dir():  # the project itself never needs ../shared
        for path in HSDS_DIR.glob("*.json"):
            assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


def test_validator_really_asserts_formats(hsds_validators) -> None:
    assert list(hsds_validators["service"].iter_errors({"id": "not-a-uuid", "name": "x", "status": "active"}))
    assert list(hsds_validators["service"].iter_errors({"id": hsds_id("service", "x"), "name": "x", "status": "open"}))
    assert list(hsds_validators["service"].iter_errors(
        {"id": hsds_id("service", "x"), "name": "x", "status": "active", "phones": [{"id": "x"}]}))  # via $ref


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("which", ["fixture", "real"])
def test_hsds_tables_validate_against_the_official_schemas(which: str, lang: str, data_dir: Path, real: Directory,
                                                           hsds_validators) -> None:
    directory = real if which == "real" else load_directory(data_dir, today=TODAY)
    tables = hsds_export(directory, lang)
    assert_valid_hsds(tables, hsds_validators)
    services = tables["service"]
    assert len(services) == expected_ke_count(directory, shown_only=True)
    assert all(s["status"] == "active" for s in services)
    assert len(tables["organization"]) == (len(directory.municipalities) + len(directory.hospital_trusts)
                                           + len(directory.cooperations) + len(directory.regions))
    assert len(tables["taxonomy_term"]) == len(directory.services) and len(tables["taxonomy"]) == 1
    # every link points at a row that exists
    ids = {table: {r["id"] for r in rows} for table, rows in tables.items()}
    assert {s["organization_id"] for s in services} <= ids["organization"]
    for table in ("service_area", "schedule", "service_at_location"):
        assert {r["service_id"] for r in tables[table]} <= ids["service"], table
    # a KE's phone belongs to its service; an owner's switchboard to the organisation (never to the KE service)
    assert all(("service_id" in r) != ("organization_id" in r) for r in tables["phone"])
    assert {r["service_id"] for r in tables["phone"] if "service_id" in r} <= ids["service"]
    assert {r["organization_id"] for r in tables["phone"] if "organization_id" in r} <= ids["organization"]
    assert {r["location_id"] for r in tables["address"] + tables["service_at_location"]} <= ids["location"]
    assert {r["organization_id"] for r in tables["location"]} <= ids["organization"]
    assert {r["taxonomy_term_id"] for r in tables["attribute"]} <= ids["taxonomy_term"]
    assert {r["link_id"] for r in tables["attribute"]} <= ids["organization"]
    for loc in tables["location"]:
        assert loc["location_type"] in ("postal", "physical")


def test_hsds_tables_in_each_language_share_ids_and_carry_their_own_words(real: Directory) -> None:
    tables = {lang: hsds_export(real, lang) for lang in LANGUAGES}
    for table in tables["nb"]:
        assert [r["id"] for r in tables["nn"][table]] == [r["id"] for r in tables["nb"][table]], table
    services = {lang: {s["id"]: s for s in tables[lang]["service"]} for lang in LANGUAGES}
    faerder = hsds_id("service", "kommune-3911")
    assert services["nb"][faerder]["name"] == "Koordinerende enhet – Færder kommune"
    assert services["nn"][faerder]["name"] == "Koordinerande eining – Færder kommune"
    assert services["en"][faerder]["name"] == "Coordinating unit – Færder kommune"
    terms = {t["code"]: t for t in tables["nn"]["taxonomy_term"]}
    assert terms["hverdagsrehabilitering"]["language"] == "nn"
    assert terms["hverdagsrehabilitering"]["name"] == real.services["hverdagsrehabilitering"].names["nn"]


def test_hsds_fixture_content(fixture_dir: Directory) -> None:
    tables = hsds_export(fixture_dir)
    service = next(s for s in tables["service"] if s["id"] == hsds_id("service", "samarbeid-sor-helgeland"))
    assert service["organization_id"] == hsds_id("organization", "samarbeid-sor-helgeland")
    assert service["email"] == "ke@example.no" and "bekreftet av enheten" in service["description"]
    areas = [a["name"] for a in tables["service_area"] if a["service_id"] == service["id"]]
    assert areas == ["Sømna", "Brønnøy"]
    ous_areas = [a["name"] for a in tables["service_area"] if a["service_id"] == hsds_id("service", "helseforetak-ous")]
    assert ous_areas == ["Sagene (Oslo)"]
    phones = [p for p in tables["phone"] if p["service_id"] == hsds_id("service", "helseforetak-ous")]
    assert phones == [{"id": hsds_id("phone", "helseforetak-ous:1"),
                       "service_id": hsds_id("service", "helseforetak-ous"),
                       "number": "22 11 80 80", "type": "voice", "description": "sentralbord"}]
    postal = [loc for loc in tables["location"] if loc["location_type"] == "postal"]
    assert [loc["description"] for loc in postal] == ["Postboks 1, 9038 Tromsø"]
    assert tables["attribute"] == [{"id": hsds_id("attribute", "kommune-1804:barnekoordinator"),
                                    "taxonomy_term_id": hsds_id("taxonomy_term", "barnekoordinator"),
                                    "link_id": hsds_id("organization", "kommune-1804"),
                                    "link_entity": "organization", "link_type": "offers"}]


def test_hsds_ids_are_stable_uuids(fixture_dir: Directory) -> None:
    # Published ids must never change: the namespace and one derived id are pinned.
    assert HSDS_NAMESPACE == uuid.UUID("a77c7403-ad19-4077-a6e3-d52ac0875083")
    assert hsds_id("organization", "kommune-0301") == "48ddeb03-f118-57e0-a672-b116d374b06a"
    assert hsds_id("organization", "kommune-0301") == str(uuid.uuid5(HSDS_NAMESPACE, "organization:kommune-0301"))
    first, second = hsds_export(fixture_dir), hsds_export(fixture_dir)
    assert first == second
    all_ids = [r["id"] for rows in first.values() for r in rows]
    assert len(all_ids) == len(set(all_ids))  # unique across tables too


# ---------------------------------------------------------------------------------------------------- vCard


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_vcard_folds_escapes_and_uses_crlf() -> None:
    unit = "Koordinerende enhet for barn, unge og voksne; tildeling og koordinering i Bø – Ávjovárgeaidnu"
    card = vcard(ke(unit=unit, visiting_address="Rådhuset; inngang B, 2. etasje, 8001 Bodø",
                    postal_address="Postboks 1, 8001 Bodø", opening_hours="08–15"), "Bodø kommune")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and card.endswith("END:VCARD\r\n")
    assert "\n" not in card.replace("\r\n", "")  # CRLF only
    physical = card.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert any(len(line.encode("utf-8")) > 70 for line in physical)  # something was long enough to fold
    lines = unfold(card)
    assert "ADR;TYPE=work:;;Rådhuset\\; inngang B\\, 2. etasje\\, 8001 Bodø;;;;" in lines
    assert "ADR;TYPE=work:;;Postboks 1\\, 8001 Bodø;;;;" in lines
    assert f"ORG:Bodø kommune;{unit.replace(',', chr(92) + ',').replace(';', chr(92) + ';')}" in lines
    assert "TEL;TYPE=work;VALUE=uri:tel:+4775555000" in lines
    assert "EMAIL;TYPE=work:ke@example.no" in lines and "URL:https://example.org/ke" in lines
    assert "FN:Koordinerende enhet – Bodø kommune" in lines
    note = next(line for line in lines if line.startswith("NOTE:"))
    assert "Ikke bekreftet av koordinerende enhet." in note and "https://example.org/ke" in note
    assert "\\n" in note  # newlines escaped, not raw
    # folding never splits a UTF-8 character: every physical line is valid UTF-8 on its own
    for line in card.encode("utf-8").split(b"\r\n"):
        line.decode("utf-8")


def test_vcard_only_with_contacts() -> None:
    web_only = ke(phones=(), email=None)
    assert not has_vcard(web_only, TODAY) and not has_vcard(None, TODAY)
    with pytest.raises(ValueError):
        vcard(web_only, "Bodø kommune")
    assert has_vcard(ke(phones=(), email=None, postal_address="Postboks 1, 8001 Bodø"), TODAY)
    # a related page or an old lead is never saved as "Koordinerende enhet"
    assert not has_vcard(ke(web_kind="related-page", related_topic="individual-plan"), TODAY)
    old = ke(source=Provenance("https://example.org/ke", date(2026, 1, 2), False, page_date=date(2015, 9, 9)))
    assert not has_vcard(old, TODAY)
    confirmed = ke(source=Provenance("https://example.org/ke", date(2026, 1, 2), confirmed_by_ke=True))
    assert "Bekreftet av koordinerende enhet." in "".join(unfold(vcard(confirmed, "Bodø kommune")))


def test_vcard_paths_and_links(fixture_dir: Directory) -> None:
    unit = fixture_dir.municipalities["1804"].own_ke
    assert vcard_path(unit) == "api/v1/vcard/kommune-1804.vcf"
    assert vcard_href("kommune/1804", "nb", unit) == "../../api/v1/vcard/kommune-1804.vcf"
    assert vcard_href("kommune/1804", "en", unit) == "../../../api/v1/vcard/en/kommune-1804.vcf"
    assert vcard_href("kommune/1804", "nn", unit) == "../../../api/v1/vcard/nn/kommune-1804.vcf"
    assert vcard_path(unit, "nn") == "api/v1/vcard/nn/kommune-1804.vcf"


def test_vcard_words_in_every_language(real: Directory) -> None:
    files = vcard_files(real)
    cards = {lang: unfold(files[vcard_path(real.municipalities["3911"].own_ke, lang)]) for lang in LANGUAGES}
    assert "FN:Koordinerende enhet – Færder kommune" in cards["nb"]
    assert "FN:Koordinerande eining – Færder kommune" in cards["nn"]
    assert "FN:Coordinating unit – Færder kommune" in cards["en"]
    # the same card otherwise: the same id and phone
    for lang in LANGUAGES:
        assert [line for line in cards[lang] if line.startswith(("UID:", "TEL"))] == \
               [line for line in cards["nb"] if line.startswith(("UID:", "TEL"))]


# ---------------------------------------------------------------------------------------------------- JSON-LD


def test_json_ld_for_faerder(real: Directory) -> None:
    data = json_ld(real, real.municipalities["3911"], "https://example.org/kommune/3911/", "nb")
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    assert data["telephone"] == "+4795193480"
    assert data["contactPoint"][0]["telephone"] == "+4795193480"
    assert data["contactPoint"][0]["contactType"] == "koordinerende enhet"
    assert data["parentOrganization"] == {"@type": "GovernmentOrganization", "name": "Færder kommune",
                                          "url": "https://faerder.kommune.no"}
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Færder"}]
    assert "sameAs" not in data
    en = json_ld(real, real.municipalities["3911"], "https://example.org/en/kommune/3911/", "en")
    assert en["contactPoint"][0]["contactType"] == "coordinating unit"
    unknown = next(m for m in real.municipalities.values() if real.ke_for(m) is None)
    assert json_ld(real, unknown, "/x/", "nb") is None


def test_json_ld_for_trust_and_cooperation(fixture_dir: Directory) -> None:
    ous = json_ld(fixture_dir, fixture_dir.hospital_trusts["ous"], "/helseforetak/ous/", "nb")
    assert ous["parentOrganization"]["@type"] == "Hospital"
    assert ous["identifier"]["value"] == "12345"
    assert ous["areaServed"] == [{"@type": "AdministrativeArea", "name": "Sagene (Oslo)"}]
    somna = json_ld(fixture_dir, fixture_dir.municipalities["1812"], "/kommune/1812/", "nb")
    assert somna["name"] == "Felles koordinerende enhet" and somna["email"] == "ke@example.no"
    assert [a["name"] for a in somna["areaServed"]] == ["Sømna", "Brønnøy"]
    assert somna["contactPoint"] == [{"@type": "ContactPoint", "contactType": "koordinerende enhet",
                                      "email": "ke@example.no", "availableLanguage": ["no"]}]
    assert json_ld(fixture_dir, fixture_dir.hospital_trusts["lovisenberg"], "/x/", "nb") is None
    assert json_ld(fixture_dir, fixture_dir.municipalities["0301"], "/x/", "nb") is None


def test_json_ld_script_cannot_close_the_script_element(fixture_dir: Directory) -> None:
    hostile = "</script><script>alert(1)</script> <!-- & </SCRIPT >"
    bodo = fixture_dir.municipalities["1804"]
    fixture_dir.municipalities["1804"] = dataclasses.replace(bodo, own_ke=ke(unit=hostile, visiting_address=hostile))
    data = json_ld(fixture_dir, fixture_dir.municipalities["1804"], "/kommune/1804/?a=1&b=<2>", "nb")
    assert data["name"] == hostile
    script = json_ld_script(data)
    assert script.endswith("\n")  # the fragment's own line end, as pages include it
    script = script[:-1]
    opening, closing = '<script type="application/ld+json">', "</script>"
    assert script.startswith(opening) and script.endswith(closing)
    inner = script[len(opening):-len(closing)]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert "</script" not in script.lower()[:-len(closing)]
    assert json.loads(inner) == data  # the escapes are still the same JSON
    assert "Bodø" in json_ld_script({"name": "Bodø"})  # ensure_ascii=False: letters stay readable


def json_ld_script(data: dict) -> str:
    """The script element exactly as KE pages include it (templates/_json_ld.html.j2 and its json_ld filter)."""
    return render_fragment("_json_ld.html.j2", "nb", json_ld=data)


def test_json_ld_falls_back_to_a_name_in_the_page_language(fixture_dir: Directory) -> None:
    bodo = fixture_dir.municipalities["1804"]
    fixture_dir.municipalities["1804"] = dataclasses.replace(bodo, own_ke=ke(unit=None))
    names = {lang: json_ld(fixture_dir, fixture_dir.municipalities["1804"], "/x/", lang)["name"]
             for lang in LANGUAGES}
    assert names == {"nb": "Koordinerende enhet i Bodø", "nn": "Koordinerande eining i Bodø", "en": "Coordinating unit in Bodø"}


# ---------------------------------------------------------------------------------------------------- writing


def test_write_open_data_writes_every_file_in_a_stable_order(fixture_dir: Directory, data_dir: Path,
                                                             tmp_path: Path) -> None:
    """Same files, same order, same bytes from two loads (across processes: tests/test_pipeline.py)."""
    first = write_open_data(fixture_dir, tmp_path / "a")
    second = write_open_data(load_directory(data_dir, today=TODAY), tmp_path / "b")
    assert first == sorted(first)
    rel_a = [p.relative_to(tmp_path / "a") for p in first]
    rel_b = [p.relative_to(tmp_path / "b") for p in second]
    assert rel_a == rel_b
    for rel in rel_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    names = {str(p).replace("\\", "/") for p in rel_a}
    assert {f"api/v1/{n}" for n in JSON_DOCS} <= names
    assert {"api/v1/municipalities.csv", "api/v1/ke-units.csv", "api/v1/hsds/organization.json",
            "api/v1/hsds/service.json", "api/v1/hsds/taxonomy_term.json", "api/v1/hsds/nn/service.json",
            "api/v1/hsds/en/service.json",
            "api/v1/vcard/kommune-1804.vcf", "api/v1/vcard/samarbeid-sor-helgeland.vcf"} <= names
    assert "api/v1/vcard/region-helse-nord.vcf" in names  # a postal address is enough for a card
    assert (tmp_path / "a" / "api/v1/municipalities.csv").read_bytes().count(b"\r\n") == 5  # header + 4 rows
    assert json.loads((tmp_path / "a" / "api/v1/hsds/service.json").read_text(encoding="utf-8"))


def test_real_data_writes_a_vcard_per_ke_with_contacts(real: Directory, tmp_path: Path) -> None:
    first = write_open_data(real, tmp_path / "a")
    per_language = sum(1 for u in directory_json(real)["ke-units.json"]["ke_units"]
                       if u["shown_as_ke"] and (u["phones"] or u["email"] or u["visiting_address"] or u["postal_address"]))
    cards = [p.relative_to(tmp_path / "a").as_posix() for p in first if p.suffix == ".vcf"]
    for lang, folder in (("nb", "api/v1/vcard/"), ("nn", "api/v1/vcard/nn/"), ("en", "api/v1/vcard/en/")):
        assert len([c for c in cards if c.rsplit("/", 1)[0] + "/" == folder]) == per_language, lang
    assert len(cards) == per_language * len(LANGUAGES)


def test_fold_line_boundaries() -> None:
    from ke_finder.exports.vcard import fold_line

    assert fold_line("x" * 75) == "x" * 75
    assert fold_line("x" * 76) == "x" * 75 + "\r\n x"
    folded = fold_line("x" * 74 + "ø" + "y" * 200)  # "ø" is 2 octets: it may not straddle the 75-octet limit
    assert folded.split("\r\n")[0] == "x" * 74
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "x" * 74 + "ø" + "y" * 200
