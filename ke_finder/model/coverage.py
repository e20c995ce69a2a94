"""How complete the directory is: counts per county and hospital trust, for user organisations."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .entities import Directory, KeUnit, Municipality

STATUSES = ("confirmed", "unconfirmed", "unknown")
STALE_AFTER = timedelta(days=365)


def municipality_status(directory: Directory, m: Municipality) -> str:
    """confirmed | unconfirmed | unknown: how much we know of the KE that serves m."""
    ke = directory.ke_for(m)
    if ke is None:
        return "unknown"
    return "confirmed" if ke.source.confirmed_by_ke else "unconfirmed"


def map_status(directory: Directory, m: Municipality) -> str:
    """For the map: a shared KE gets its own colour, since that is what user organisations look for."""
    return "shared" if m.cooperation_id else municipality_status(directory, m)


def is_stale(ke: KeUnit, today: date) -> bool:
    """Details older than 12 months, by the date they were read or the date the source page shows."""
    oldest = min(d for d in (ke.source.retrieved, ke.source.page_date) if d is not None)
    return today - oldest > STALE_AFTER


@dataclass
class CoverageRow:
    key: str
    name: str
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATUSES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _row(directory: Directory, key: str, name: str, municipalities: list[Municipality]) -> CoverageRow:
    row = CoverageRow(key, name)
    for m in municipalities:
        row.counts[municipality_status(directory, m)] += 1
    return row


def coverage_by_county(directory: Directory) -> list[CoverageRow]:
    return [_row(directory, c.number, c.name, directory.municipalities_in_county(c.number))
            for c in sorted(directory.counties.values(), key=lambda c: c.number)]


def coverage_by_trust(directory: Directory) -> list[CoverageRow]:
    rows = [_row(directory, t.id, t.name, directory.municipalities_served_by(t.id))
            for t in directory.hospital_trusts.values()]
    return sorted((r for r in rows if r.total), key=lambda r: r.name)


def coverage_total(directory: Directory) -> CoverageRow:
    return _row(directory, "all", "Norge", list(directory.municipalities.values()))
