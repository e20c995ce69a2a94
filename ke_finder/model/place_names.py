"""Names people use that are not official names: a town's Sami or Kven name, a hospital's own name.

The finder answers them (ke_finder/exports/finder_index.py): "Romsa" leads to Tromsø, "Rikshospitalet" to
Oslo universitetssykehus HF. Each name carries the address of the page that says it is used
(data/place-names.yaml), because a name we cannot source is never shown.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TownName:
    """A town's name in another language ("Romsa", Northern Sami), in the municipality it lies in."""

    name: str
    language: str
    municipality_number: str
    source: str


@dataclass(frozen=True)
class HospitalName:
    """A hospital by the names people use ("Haukeland"), and the hospital trust that runs it."""

    name: str
    also: tuple[str, ...]
    trust_id: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.also)
