"""The finder's one static data file: every name a person may type, and every postal code.

Small by design (budget: under 60 KB gzip): short keys, municipalities as arrays, postal codes
grouped by municipality. The browser folds the query the same way (docs/assets/finder.js).
"""
from __future__ import annotations

import json
from typing import Any

from ..model import NOT_MUNICIPALITIES, Directory, sort_key
from ..model.names import fold_variants


def search_keys(names: tuple[str, ...]) -> list[str]:
    """Folded forms of every name and of each part of a multilingual name ('Kárášjohka - Karasjok')."""
    keys: set[str] = set()
    for name in names:
        for part in [name, *name.split(" - ")]:
            keys |= fold_variants(part.strip())
    return sorted(k for k in keys if k)


_SMALL_WORDS = {"i", "på", "og", "ved", "under", "over"}


def place_name(upper: str) -> str:
    """The postal register writes places in capitals ('MO I RANA'); show them as people write them
    ('Mo i Rana', 'Nes på Hedmarken', 'Ny-Ålesund'). Small linking words stay lower case."""
    words = upper.lower().split(" ")
    out = [w if i and w in _SMALL_WORDS else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
           for i, w in enumerate(words)]
    return " ".join(out)


def build_finder_index(directory: Directory) -> dict[str, Any]:
    """{'m': [[number, display name, county number, keys...]], 'c': counties, 'p': postal codes,
    'x': non-municipalities, 'd': city districts people live in ({'0301': [[district number, name], ...]}),
    'h': hospitals by the names people use ([[keys, name, trust id, trust name], ...])}.

    Postal place names ('Mosjøen', 'Sandvika') are not repeated: the browser folds them from 'p'.

    Language-neutral: names are proper names, and the page builds the URL for its own language.
    """
    municipalities = sorted(directory.municipalities.values(), key=lambda m: sort_key(m.display_name))
    # A town's Sami or Kven name ("Romsa", "Tromssa": data/place-names.yaml) finds its municipality like its own names.
    towns: dict[str, list[str]] = {}
    for town in directory.town_names:
        towns.setdefault(town.municipality_number, []).append(town.name)
    rows = [[m.number, m.display_name, m.county_number, "|".join(search_keys((*m.all_names, *towns.get(m.number, ()))))]
            for m in municipalities]
    postal: dict[str, list[str]] = {}
    for code in sorted(directory.postal_codes):
        pc = directory.postal_codes[code]
        postal.setdefault(pc.municipality_number, []).append(f"{code}{place_name(pc.place)}")
    return {
        "m": rows,
        "c": {c.number: c.name for c in sorted(directory.counties.values(), key=lambda c: c.number)},
        # municipality number -> "0010Oslo<TAB>0015Oslo…" (4-digit code followed by the place name)
        "p": {number: "\t".join(codes) for number, codes in sorted(postal.items())},
        "x": dict(sorted(NOT_MUNICIPALITIES.items())),
        "d": {m.number: [[d.number, d.name] for d in m.districts if d.residential]
              for m in municipalities if any(d.residential for d in m.districts)},
        # hospitals by their own names -> their trust's page: [[folded keys, name, trust id, trust name]]
        # (each trust by its own name too, with and without "HF": a row whose name is the trust's name)
        "h": [["|".join(search_keys(h.names)), h.name, h.trust_id, directory.hospital_trusts[h.trust_id].name]
              for h in directory.hospital_names]
             + [["|".join(search_keys((t.name, t.name.removesuffix(" HF")))), t.name, t.id, t.name]
                for t in sorted(directory.hospital_trusts.values(), key=lambda t: sort_key(t.name))],
    }


def finder_index_json(directory: Directory) -> str:
    return json.dumps(build_finder_index(directory), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
