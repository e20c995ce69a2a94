"""Load data/ into one validated Directory, or fail with every error at once."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from slugify import slugify

from . import inventory
from ..links import web_host
from .checks import check_every_link, check_ke_block, check_switchboard
from .document import read_document
from .errors import DataError, DataInvalid, display_path
from ..model import (NOT_MUNICIPALITIES, Change, Cooperation, County, Directory, District, Helpline, HospitalTrust,
                     KeUnit, Municipality, OtherName, PostalCode, Provenance, Region, Service, Switchboard)
from .phones import normalise_phone
from ..model.quiz import Question
from ..paths import LANGUAGES
from .place_names import load_place_names
from .quiz import check_quiz
from .rules import MAX_CSV_BYTES, excerpt
from .schemas import SchemaSet
from .yamlsource import YamlDocument, forbidden_in_text, read_text

# Postal codes Bring assigns to places that are not municipalities.


class _Loader:
    """Collects errors across every file; builds model objects only from files that passed."""

    def __init__(self, data_dir: Path, today: date):
        self.data_dir = data_dir
        self.root = data_dir.parent
        self.today = today
        self.errors: list[DataError] = []
        self.warnings: list[DataError] = []
        self.schemas = SchemaSet(data_dir / "schemas")
        # ids of files that failed their own checks: references to them are not reported
        # again as "unknown", so one mistake gives one error, not a cascade.
        self.failed: dict[str, set[str]] = {}

    def read(self, path: Path, kind: str) -> YamlDocument | None:
        """Parse and check one file; None when it has errors (they are recorded)."""
        doc, errors = read_document(path, display_path(path, self.root), self.schemas, kind)
        if doc is not None and doc.data is not None:
            errors += self.field_checks(doc)
        self.errors += errors
        if errors:
            stem = path.stem.split("-")[0] if kind == "municipality" else path.stem
            self.failed.setdefault(kind, set()).add(stem)
            return None
        return doc

    def files(self, folder: str) -> list[Path]:
        """The data files of one entity folder; every other file in it is reported (inventory.py)."""
        files, errors, warnings = inventory.entity_files(self.data_dir / folder, self.root)
        self.errors += errors
        self.warnings += warnings
        return files

    def known(self, kind: str, loaded: dict[str, Any]) -> set[str]:
        """Ids that exist, whether or not their file passed validation."""
        return set(loaded) | self.failed.get(kind, set())

    def field_checks(self, doc: YamlDocument) -> list[DataError]:
        data = doc.data
        errors: list[DataError] = []
        if not isinstance(data, dict):
            return errors
        for key in ("ke", "regional_ke"):
            errors += check_ke_block(doc, (key,), data.get(key), self.today)
        errors += check_switchboard(doc, ("switchboard",), data.get("switchboard"), self.today)
        errors += check_every_link(doc)
        for i, region in enumerate(data.get("regions") or []):
            if isinstance(region, dict):
                errors += check_ke_block(doc, ("regions", i, "regional_ke"), region.get("regional_ke"), self.today)
        return errors

    def error(self, doc: YamlDocument, path: tuple, message: str, hint: str = "", at_key: bool = False) -> None:
        self.errors.append(doc.error(path, message, hint, at_key=at_key))


def _provenance(raw: dict) -> Provenance:
    page_date = raw.get("page_date")
    return Provenance(url=raw["url"], retrieved=date.fromisoformat(raw["retrieved"]),
                      confirmed_by_ke=raw["confirmed_by_ke"],
                      page_date=date.fromisoformat(page_date) if page_date else None, note=raw.get("note"),
                      evidence=raw.get("evidence") or "stored-copy")


def host_of(url: str | None) -> str | None:
    """'https://www.skien.kommune.no/x' -> 'skien.kommune.no': the host without a leading 'www.'."""
    if not url:
        return None
    host = web_host(url)  # as a browser reads it (ke_finder/links.py), never urllib's reading
    return host[4:] if host.startswith("www.") else host


def unofficial_host(web: str | None, official_site: str | None) -> str | None:
    """The KE page's host when it differs from the owner's official website (both known), else None.

    Stored copies were found on hosting and staging hosts (muniskien.azurewebsites.net, nyweb.gulen…,
    wap.svk.no): such a page may be an old or unofficial copy, so it is flagged for re-checking.
    """
    page, site = host_of(web), host_of(official_site)
    if web is None or page is None or site is None or page == site:
        return None
    return web_host(web)


def _changes(raw: list | None) -> tuple[Change, ...]:
    """The file's `changes:` list, newest first (the schema has checked every item)."""
    items = [Change(date.fromisoformat(c["date"]), c["change"], tuple(c["fields"]), c.get("note"))
             for c in raw or []]
    return tuple(sorted(items, key=lambda c: c.date, reverse=True))


def ke_unit(ke_id: str, raw: dict | None, official_site: str | None = None) -> KeUnit | None:
    if raw is None:
        return None
    return KeUnit(
        id=ke_id,
        unit=raw.get("unit"),
        phones=tuple(normalise_phone(p["number"], p.get("label")) for p in raw.get("phones") or []),
        email=raw.get("email"),
        web=raw.get("web"),
        visiting_address=raw.get("visiting_address"),
        postal_address=raw.get("postal_address"),
        opening_hours=raw.get("opening_hours"),
        her_id=raw.get("her_id"),
        source=_provenance(raw["source"]),
        serves=dict(raw["serves"]) if raw.get("serves") else None,
        web_kind=raw.get("web_kind") or "ke-page",
        related_topic=raw.get("related_topic"),
        phone_hours=raw.get("phone_hours"),
        web_host=unofficial_host(raw.get("web"), official_site),
    )


def switchboard(raw: dict | None, official_site: str | None) -> Switchboard | None:
    """The owner's general contact; flagged when its source (or contact page) is not on the owner's own website."""
    if raw is None:
        return None
    source = raw["source"]
    return Switchboard(
        phones=tuple(normalise_phone(p["number"], p.get("label")) for p in raw.get("phones") or []),
        email=raw.get("email"), url=raw.get("url"),
        source=_provenance({**source, "confirmed_by_ke": False}),
        source_host=unofficial_host(source["url"], official_site) or unofficial_host(raw.get("url"), official_site),
    )


def load_counties(loader: _Loader) -> dict[str, County]:
    doc = loader.read(loader.data_dir / "counties.yaml", "counties")
    if doc is None:
        return {}
    counties: dict[str, County] = {}
    for i, c in enumerate(doc.data["counties"]):
        if c["number"] in counties:
            loader.error(doc, ("counties", i, "number"), f"county {c['number']} is listed twice", "keep one")
        counties[c["number"]] = County(c["number"], c["name"], c["official_name"], c["region"])
    return counties


def load_regions(loader: _Loader) -> tuple[dict[str, Region], Helpline | None]:
    doc = loader.read(loader.data_dir / "regions.yaml", "regions")
    if doc is None:
        return {}, None
    regions = {r["id"]: Region(r["id"], r["name"], r.get("website"), ke_unit(f"region-{r['id']}", r["regional_ke"]),
                               tuple(r["sources"])) for r in doc.data["regions"]}
    raw = doc.data["helpline"]
    try:
        helpline = Helpline(raw["name"], normalise_phone(raw["phone"]), raw["source"])
    except ValueError as exc:
        loader.error(doc, ("helpline", "phone"), str(exc), "write 8 digits, like '800 30 061', or with +47 in front")
        helpline = None
    return regions, helpline


def load_services(loader: _Loader) -> dict[str, Service]:
    doc = loader.read(loader.data_dir / "services.yaml", "services")
    if doc is None:
        return {}
    services: dict[str, Service] = {}
    for i, s in enumerate(doc.data["services"]):
        if s["code"] in services:
            loader.error(doc, ("services", i, "code"), f"service code {excerpt(s['code'])} is listed twice", "keep one")
        law = s.get("law") or {}
        if s.get("statutory") and not law:
            loader.error(doc, ("services", i, "statutory"), "a statutory service must cite the law that makes it a duty",
                         "add law: with name: (the act and section) and url: (its Lovdata address)")
        services[s["code"]] = Service(s["code"], {lang: s[lang]["name"] for lang in LANGUAGES},
                                      {lang: s[lang]["description"] for lang in LANGUAGES},
                                      statutory=bool(s.get("statutory")), law_name=law.get("name"),
                                      law_url=law.get("url"))
    return services


def _read_id_files(loader: _Loader, folder: str, kind: str, label: str) -> dict[str, YamlDocument]:
    """Files named <id>.yaml that passed their own checks, by id; a mismatched name or a second
    definition of the same id is an error."""
    docs: dict[str, YamlDocument] = {}
    for path in loader.files(folder):
        doc = loader.read(path, kind)
        if doc is None:
            continue
        entity_id = doc.data["id"]
        if path.stem != entity_id:
            loader.error(doc, ("id",), f"the id {excerpt(entity_id)} does not match the file name '{path.name}'",
                         f"rename the file to {entity_id}.yaml or fix the id")
        if entity_id in docs:
            loader.error(doc, ("id",), f"{label} {excerpt(entity_id)} is defined twice",
                         f"it is also in {docs[entity_id].display}; delete one")
            continue
        docs[entity_id] = doc
    return docs


def load_hospital_trusts(loader: _Loader) -> tuple[dict[str, HospitalTrust], dict[str, YamlDocument]]:
    docs = _read_id_files(loader, "hospital-trusts", "hospital-trust", "hospital trust")
    trusts: dict[str, HospitalTrust] = {}
    for trust_id, doc in docs.items():
        d = doc.data
        trusts[trust_id] = HospitalTrust(d["id"], d["name"], d["region"], d["kind"], d.get("website"),
                                         ke_unit(f"helseforetak-{trust_id}", d["ke"], d.get("website")),
                                         tuple(d["sources"]), doc.display, _changes(d.get("changes")),
                                         switchboard(d.get("switchboard"), d.get("website")))
    return trusts, docs


def expected_municipality_file(number: str, name: str) -> str:
    return f"{number}-{slugify(name)}.yaml"


def load_municipalities(loader: _Loader) -> tuple[dict[str, Municipality], dict[str, YamlDocument]]:
    municipalities: dict[str, Municipality] = {}
    docs: dict[str, YamlDocument] = {}
    for path in loader.files("municipalities"):
        doc = loader.read(path, "municipality")
        if doc is None:
            continue
        d = doc.data
        expected = expected_municipality_file(d["number"], d["name"])
        if path.name != expected:
            loader.error(doc, ("number",), f"number {d['number']} and name {excerpt(d['name'])} do not match the file name "
                         f"'{path.name}'", f"the file should be called {expected}; check the number")
        if d["number"] in municipalities:
            loader.error(doc, ("number",), f"municipality {d['number']} is defined twice",
                         f"it is also in {municipalities[d['number']].source_file}; delete one file")
            continue
        m = Municipality(
            number=d["number"], name=d["name"], display_name=d.get("display_name") or d["name"],
            official_name=d.get("official_name") or d["name"],
            other_names=tuple(OtherName(n["name"], n["lang"]) for n in d.get("other_names") or []),
            county_number=d["county"], language_form=d.get("language_form"),
            sami_language_area=bool(d.get("sami_language_area")), admin_centre=d.get("admin_centre"),
            website=d.get("website"), hospital_trust_id=d["hospital_trust"],
            districts=tuple(District(x["number"], x["name"], x["hospital_trust"]) for x in d.get("districts") or []),
            own_ke=ke_unit(f"kommune-{d['number']}", d["ke"], d.get("website")),
            services=tuple(d["services"]) if d.get("services") is not None else None,
            services_source=d.get("services_source"), source_file=doc.display,
            organisation_number=d.get("organisation_number"),
            organisation_number_source=d.get("organisation_number_source"),
            ke_per_district=bool(d.get("ke_per_district")), changes=_changes(d.get("changes")),
            switchboard=switchboard(d.get("switchboard"), d.get("website")),
        )
        municipalities[m.number] = m
        docs[m.number] = doc
    return municipalities, docs


def load_cooperations(loader: _Loader) -> tuple[dict[str, Cooperation], dict[str, YamlDocument]]:
    docs = _read_id_files(loader, "cooperations", "cooperation", "cooperation")
    cooperations: dict[str, Cooperation] = {}
    for coop_id, doc in docs.items():
        d = doc.data
        ke = ke_unit(f"samarbeid-{coop_id}", d["ke"])
        assert ke is not None, "the cooperation schema requires a KE block"  # validated before loading
        cooperations[coop_id] = Cooperation(d["id"], d["name"], d["host"], tuple(d["members"]), ke, doc.display)
    return cooperations, docs


POSTAL_COLUMNS = ("postnummer", "poststed", "kommunenummer", "category")


def load_postal_codes(loader: _Loader, municipalities: dict[str, Municipality]) -> dict[str, PostalCode]:
    """Bring's register: read with the same bounds and character rules as the YAML files."""
    path = loader.data_dir / "postal-codes.csv"
    display = display_path(path, loader.root)
    text, errors = read_text(path, display, MAX_CSV_BYTES)
    if text is not None:
        text, errors = forbidden_in_text(text, display)
    loader.errors += errors
    if text is None or errors:
        return {}
    codes: dict[str, PostalCode] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        missing = [column for column in POSTAL_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            loader.errors.append(DataError(display, 1, 1, "", f"the column(s) {', '.join(missing)} are missing",
                                           f"the first row names the columns: {', '.join(POSTAL_COLUMNS)}"))
            return {}
        known = loader.known("municipality", municipalities)
        for row in reader:
            row_number = reader.line_num
            code, number = row["postnummer"] or "", row["kommunenummer"] or ""
            if not (len(code) == 4 and code.isdigit()):
                loader.errors.append(DataError(display, row_number, 1, "postnummer",
                                               f"{excerpt(code)} is not a 4-digit postal code", "keep leading zeros"))
                continue
            if number not in known and number not in NOT_MUNICIPALITIES:
                loader.errors.append(DataError(display, row_number, 3, "kommunenummer",
                                               f"postal code {code} names unknown municipality {excerpt(number)}",
                                               "use a 2024 municipality number"))
                continue
            codes[code] = PostalCode(code, row["poststed"] or "", number, row["category"] or "")
    except csv.Error as exc:
        loader.errors.append(DataError(display, reader.line_num, 1, "", f"the CSV cannot be read: {exc}",
                                       "save it as CSV with commas, one postal code per line"))
        return {}
    return codes


def resolve_references(loader: _Loader, directory: Directory, m_docs: dict[str, YamlDocument],
                       t_docs: dict[str, YamlDocument], c_docs: dict[str, YamlDocument]) -> None:
    """Every id that one file names must exist in another; shared KEs are attached here."""
    trusts, regions = directory.hospital_trusts, directory.regions
    known_trusts = loader.known("hospital-trust", trusts)
    for number, m in directory.municipalities.items():
        doc = m_docs[number]
        if m.county_number not in directory.counties:
            loader.error(doc, ("county",), f"unknown county {excerpt(m.county_number)}",
                         f"use one of: {', '.join(sorted(directory.counties))}")
        elif not number.startswith(m.county_number):
            loader.error(doc, ("county",), f"municipality {number} cannot be in county {m.county_number}",
                         "the county is the first two digits of the municipality number")
        if m.hospital_trust_id is None and not m.districts:
            loader.error(doc, ("hospital_trust",), "no hospital trust is given",
                         "name the trust whose catchment area the municipality is in")
        if m.hospital_trust_id is not None and m.hospital_trust_id not in known_trusts:
            loader.error(doc, ("hospital_trust",), f"unknown hospital trust {excerpt(m.hospital_trust_id)}",
                         _one_of(trusts))
        for i, district in enumerate(m.districts):
            if district.hospital_trust_id not in known_trusts:
                loader.error(doc, ("districts", i, "hospital_trust"),
                             f"unknown hospital trust {excerpt(district.hospital_trust_id)}", _one_of(trusts))
            if not district.number.startswith(number):
                loader.error(doc, ("districts", i, "number"),
                             f"district {district.number} does not belong to municipality {number}",
                             "a district number starts with its municipality number")
        for i, code in enumerate(m.services or ()):
            if code not in directory.services:
                loader.error(doc, ("services", i), f"unknown service code {excerpt(code)}", _one_of(directory.services))
    for trust_id, trust in trusts.items():
        if trust.region_id not in regions:
            loader.error(t_docs[trust_id], ("region",), f"unknown region {excerpt(trust.region_id)}", _one_of(regions))
    for county in directory.counties.values():
        if county.region_id not in regions:
            loader.errors.append(DataError("data/counties.yaml", 1, 1, "region",
                                           f"county {county.number} names unknown region {excerpt(county.region_id)}",
                                           _one_of(regions)))
    resolve_cooperation(loader, directory, m_docs, c_docs)


def resolve_cooperation(loader: _Loader, directory: Directory, m_docs: dict[str, YamlDocument],
                        c_docs: dict[str, YamlDocument]) -> None:
    """Attach each member municipality to the one cooperation whose KE serves it."""
    for coop_id, coop in sorted(directory.cooperations.items()):
        doc = c_docs[coop_id]
        if coop.host not in coop.members:
            loader.error(doc, ("host",), f"the host {coop.host} is not among the members", "add it to members")
        for i, number in enumerate(coop.members):
            m = directory.municipalities.get(number)
            if m is None and number in loader.failed.get("municipality", set()):
                continue
            if m is None:
                loader.error(doc, ("members", i), f"unknown municipality {excerpt(number)}",
                             "use a 4-digit 2024 municipality number in quotes")
                continue
            if m.cooperation_id and m.cooperation_id != coop_id:
                loader.error(doc, ("members", i), f"municipality {number} {m.name} is already a member of "
                             f"cooperation '{m.cooperation_id}'", "a municipality can share only one KE; remove it "
                             "from one of the cooperations")
                continue
            if m.own_ke is not None:
                loader.error(m_docs[number], ("ke",), f"{m.name} has its own KE block but shares the KE of "
                             f"cooperation '{coop_id}'", f"set 'ke: null' here; the shared KE is in {coop.source_file}")
            m.cooperation_id = coop_id


def _one_of(known: dict[str, Any]) -> str:
    names = sorted(known)
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"use one of: {shown}"


def load_quiz_questions(loader: _Loader) -> list[Question]:
    """The knowledge quiz, if data/quiz.yaml exists; its errors join the run's error list."""
    path = loader.data_dir / "quiz.yaml"
    if not path.exists() and not path.is_symlink():
        return []
    questions, errors = check_quiz(path, loader.schemas, display_path(path, loader.root))
    loader.errors += errors
    return questions


def load_directory(data_dir: Path, today: date | None = None,
                   warnings: list[DataError] | None = None) -> Directory:
    """The whole directory, validated. Raises DataInvalid listing every error in every file.

    Warnings (files in the data folders that are not read) are added to `warnings` when a list is
    given; they never stop the build.
    """
    loader = _Loader(data_dir, today or date.today())
    top_errors, top_warnings = inventory.top_level(data_dir, loader.root)
    loader.errors += top_errors
    loader.warnings += top_warnings
    counties = load_counties(loader)
    regions, helpline = load_regions(loader)
    services = load_services(loader)
    trusts, t_docs = load_hospital_trusts(loader)
    municipalities, m_docs = load_municipalities(loader)
    cooperations, c_docs = load_cooperations(loader)
    postal_codes = load_postal_codes(loader, municipalities)
    directory = Directory(municipalities, trusts, regions, counties, cooperations, services,
                          helpline, postal_codes, today=loader.today)  # type: ignore[arg-type]
    resolve_references(loader, directory, m_docs, t_docs, c_docs)
    directory.quiz = load_quiz_questions(loader)
    directory.town_names, directory.hospital_names = load_place_names(
        loader, loader.known("municipality", municipalities), loader.known("hospital-trust", trusts))
    if warnings is not None:
        warnings.extend(sorted(set(loader.warnings)))
    if loader.errors:
        raise DataInvalid(loader.errors, loader.warnings)
    return directory


def data_warnings(data_dir: Path) -> list[DataError]:
    """Only the warnings of a load (inventory.py: files in the data folders that are not read), without
    loading: for callers that loaded already and want to show them."""
    root = data_dir.parent
    found = inventory.top_level(data_dir, root)[1]
    for folder in inventory.ENTITY_FOLDERS:
        found += inventory.entity_files(data_dir / folder, root)[2]
    return sorted(set(found))


def check_data(data_dir: Path, today: date | None = None) -> tuple[list[DataError], list[DataError]]:
    """Every error and every warning of the data directory, for the command-line checker."""
    warnings: list[DataError] = []
    try:
        load_directory(data_dir, today, warnings)
    except DataInvalid as exc:
        return exc.errors, exc.warnings
    return [], warnings


def validate_files(data_dir: Path, today: date | None = None) -> list[DataError]:
    """All errors for the data directory (empty when valid)."""
    return check_data(data_dir, today)[0]
