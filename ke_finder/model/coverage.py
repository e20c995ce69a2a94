"""How complete the directory is: counts per county and hospital trust, for user organisations."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeGuard

from .entities import Directory, KeUnit, Municipality

STATUSES = ("confirmed", "unconfirmed", "unknown")
STALE_AFTER = timedelta(days=365)
OLD_LEAD_MONTHS = 24


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the 29th–31st fall back to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_old_lead(ke: KeUnit | None, today: date) -> bool:
    """The source page is dated more than 24 months before the build: its details are a lead to check, not the
    KE's current contact (Kragerø's page is from 2015). Confirmation by the KE overrides the page's date."""
    if ke is None or ke.source.confirmed_by_ke or ke.source.page_date is None:
        return False
    return ke.source.page_date < months_before(today, OLD_LEAD_MONTHS)


def shows_as_ke(ke: KeUnit | None, today: date) -> TypeGuard[KeUnit]:
    """The details identify the KE and are current enough to be shown as its contact (and exported as a KE)."""
    return ke is not None and not ke.is_related_page and not is_old_lead(ke, today)


def lead_kind(directory: Directory, m: Municipality) -> str | None:
    """'related' (only a related page), 'old' (an old lead to check) or None, for a municipality whose KE is not
    identified by current details."""
    ke = directory.ke_for(m)
    if ke is None or shows_as_ke(ke, directory.today):
        return None
    return "old" if is_old_lead(ke, directory.today) else "related"


def municipality_status(directory: Directory, m: Municipality) -> str:
    """confirmed | unconfirmed | unknown: how much we know of the KE that serves m.

    A related page or an old lead does not tell who the KE is today: that is "unknown" (lead_kind says which).
    """
    ke = directory.ke_for(m)
    if not shows_as_ke(ke, directory.today):
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
    leads: dict[str, int] = field(default_factory=lambda: {"related": 0, "old": 0})  # among the unknown

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _row(directory: Directory, key: str, name: str, municipalities: list[Municipality]) -> CoverageRow:
    row = CoverageRow(key, name)
    for m in municipalities:
        row.counts[municipality_status(directory, m)] += 1
        lead = lead_kind(directory, m)
        if lead:
            row.leads[lead] += 1
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
