"""Load and check data/place-names.yaml: town and hospital names people use, each with its source.

The schema (data/schemas/place-names.schema.json) checks each entry's form; this module checks what a schema
cannot: that the municipality and the hospital trust named exist, and that no name is listed twice.
"""
from __future__ import annotations

from typing import Any, Protocol

from ..links import link_problem
from ..model.names import fold
from ..model.place_names import HospitalName, TownName
from .yamlsource import YamlDocument

FILE_NAME = "place-names.yaml"


class _Reader(Protocol):
    data_dir: Any

    def read(self, path: Any, kind: str) -> YamlDocument | None: ...

    def error(self, doc: YamlDocument, path: tuple, message: str, hint: str = "", at_key: bool = False) -> None: ...


def load_place_names(loader: _Reader, municipalities: set[str],
                     trusts: set[str]) -> tuple[list[TownName], list[HospitalName]]:
    """The names, or none when the file is missing or has errors (which join the run's error list)."""
    path = loader.data_dir / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return [], []
    doc = loader.read(path, "place-names")
    if doc is None:
        return [], []
    towns: list[TownName] = []
    hospitals: list[HospitalName] = []
    seen: dict[str, tuple] = {}
    failed = False

    def linked(url: str, where: tuple) -> None:
        """The source's host as a browser reads it (ke_finder/links.py), like every other link in data."""
        nonlocal failed
        problem = link_problem(url)
        if problem is not None:
            failed = True
            loader.error(doc, where, f"the source is not a web address: {problem}",
                         "write the address as the browser's address bar shows it, starting with https://")

    def once(name: str, where: tuple) -> None:
        nonlocal failed
        key = fold(name)
        if key in seen:
            failed = True
            loader.error(doc, where, f"the name {name!r} is listed twice", "keep one entry for it")
        seen[key] = where

    for i, raw in enumerate(doc.data["towns"]):
        once(raw["name"], ("towns", i, "name"))
        linked(raw["source"], ("towns", i, "source"))
        if raw["municipality"] not in municipalities:
            failed = True
            loader.error(doc, ("towns", i, "municipality"), f"no municipality has the number {raw['municipality']}",
                         "use the four-digit number of a municipality in data/municipalities/")
        towns.append(TownName(raw["name"], raw["language"], raw["municipality"], raw["source"]))
    for i, raw in enumerate(doc.data["hospitals"]):
        also = tuple(raw.get("also") or ())
        for j, name in enumerate((raw["name"], *also)):
            once(name, ("hospitals", i, "name") if j == 0 else ("hospitals", i, "also", j - 1))
        linked(raw["source"], ("hospitals", i, "source"))
        if raw["hospital_trust"] not in trusts:
            failed = True
            loader.error(doc, ("hospitals", i, "hospital_trust"), f"no hospital trust has the id {raw['hospital_trust']!r}",
                         "use the file name (without .yaml) of a trust in data/hospital-trusts/")
        hospitals.append(HospitalName(raw["name"], also, raw["hospital_trust"], raw["source"]))
    return ([], []) if failed else (towns, hospitals)
