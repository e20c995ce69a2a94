"""A county's list for user organisations: every municipality with every contact we know for its KE.

One list, two forms: the county page prints it (site/templates/county.md.j2, print-only table) and the exports
write it as a spreadsheet (exports/county_lists.py). Both read these rows, so the paper and the file agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .coverage import lead_kind, municipality_status
from .entities import Directory, KeUnit, Municipality


@dataclass(frozen=True)
class CountyListRow:
    """One municipality: how much we know (status, and for 'unknown' whether we hold a related page or an old
    lead), and the KE details we hold, shared through a cooperation or its own. ke is None when we hold none."""

    municipality: Municipality
    status: str            # confirmed | unconfirmed | unknown
    lead: str | None       # related | old | None
    ke: KeUnit | None
    cooperation_name: str | None


def county_list(directory: Directory, county_number: str) -> list[CountyListRow]:
    """The county's municipalities in reading order, each with what we know of its KE."""
    rows = []
    for m in directory.municipalities_in_county(county_number):
        coop = directory.cooperations.get(m.cooperation_id) if m.cooperation_id else None
        rows.append(CountyListRow(m, municipality_status(directory, m), lead_kind(directory, m), directory.ke_for(m),
                                  coop.name if coop else None))
    return rows
