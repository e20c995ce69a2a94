"""Everything the build writes into the site besides pages: open data, the finder's index, the schemas."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..model import Directory
from .correction import correction_files
from .finder_index import finder_index_json
from .open_data import write_open_data


def write_exports(directory: Directory, site_dir: Path, data_dir: Path) -> None:
    """Every export of the site; deterministic so two builds are byte-identical."""
    write_open_data(directory, site_dir)
    (site_dir / "assets").mkdir(parents=True, exist_ok=True)
    (site_dir / "assets" / "finder-index.json").write_text(finder_index_json(directory), encoding="utf-8")
    for rel, text in correction_files(directory, data_dir).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: the data file's text must reach the form unchanged
    schemas = site_dir / "schemas"
    schemas.mkdir(parents=True, exist_ok=True)
    for schema in sorted((data_dir / "schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)
