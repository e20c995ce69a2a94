"""Derived records: every known KE unit with who owns it and whom it serves.

Shared by the open-data exports (ke-units, HSDS, vCards) and the pages (JSON-LD), so it lives with the model.
"""
from __future__ import annotations

from dataclasses import dataclass

from .entities import Directory, HospitalTrust, Municipality
from .entities import KeUnit


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


def municipality_area(m: Municipality) -> Area:
    return Area(m.number, m.display_name, m.number)


def record_for_municipality(m: Municipality) -> KeRecord | None:
    if m.own_ke is None:
        return None
    return KeRecord(m.own_ke, "municipality", m.number, municipality_org_name(m), (municipality_area(m),))


def trust_areas(directory: Directory, trust_id: str) -> tuple[Area, ...]:
    """Whole municipalities in the trust's catchment area, and the single districts (Oslo) it serves."""
    areas: list[Area] = []
    for m in sorted(directory.municipalities.values(), key=lambda x: x.number):
        if m.hospital_trust_id == trust_id:
            areas.append(municipality_area(m))
        else:
            areas += [Area(d.number, f"{d.name} ({m.display_name})", m.number)
                      for d in sorted(m.districts, key=lambda d: d.number) if d.hospital_trust_id == trust_id]
    return tuple(areas)


def record_for_trust(directory: Directory, trust: HospitalTrust) -> KeRecord | None:
    if trust.ke is None:
        return None
    return KeRecord(trust.ke, "hospital_trust", trust.id, trust.name, trust_areas(directory, trust.id))


def record_for_cooperation(directory: Directory, coop_id: str) -> KeRecord:
    coop = directory.cooperations[coop_id]
    members = sorted((directory.municipalities[n] for n in coop.members), key=lambda m: m.number)
    return KeRecord(coop.ke, "cooperation", coop.id, coop.name, tuple(municipality_area(m) for m in members))


def record_for_region(directory: Directory, region_id: str) -> KeRecord | None:
    region = directory.regions[region_id]
    if region.regional_ke is None:
        return None
    counties = {c.number for c in directory.counties.values() if c.region_id == region_id}
    members = sorted((m for m in directory.municipalities.values() if m.county_number in counties),
                     key=lambda m: m.number)
    return KeRecord(region.regional_ke, "region", region.id, region.name, tuple(municipality_area(m) for m in members))


def ke_records(directory: Directory) -> list[KeRecord]:
    """Every KE unit the directory knows, sorted by KE id.

    Municipal KEs of members of a cooperation do not exist (the loader refuses them): the members are served by
    the cooperation's one record, so the count is municipalities with their own KE + trusts with a KE + regions
    with a regional KE + cooperations.
    """
    records: list[KeRecord | None] = []
    records += [record_for_municipality(m) for m in directory.municipalities.values()]
    records += [record_for_trust(directory, t) for t in directory.hospital_trusts.values()]
    records += [record_for_cooperation(directory, c) for c in directory.cooperations]
    records += [record_for_region(directory, r) for r in directory.regions]
    return sorted((r for r in records if r is not None), key=lambda r: r.ke.id)


def record_for(directory: Directory, entity: Municipality | HospitalTrust) -> KeRecord | None:
    """The KE that serves a municipality (its cooperation's, else its own) or a hospital trust; None if unknown."""
    if isinstance(entity, HospitalTrust):
        return record_for_trust(directory, entity)
    if entity.cooperation_id:
        return record_for_cooperation(directory, entity.cooperation_id)
    return record_for_municipality(entity)
