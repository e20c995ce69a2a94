"""Everything the build writes into the site besides pages: open data, the finder's index, the schemas."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..model import Directory
from .feed import feed_files
from .finder_index import finder_index_json
from .open_data import write_open_data


def write_exports(directory: Directory, site_dir: Path, data_dir: Path) -> None:
    """Every export of the site; deterministic so two builds are byte-identical."""
    write_open_data(directory, site_dir)
    for rel, content in feed_files(directory).items():
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / rel).write_bytes(content)
    (site_dir / "assets").mkdir(parents=True, exist_ok=True)
    (site_dir / "assets" / "finder-index.json").write_text(finder_index_json(directory), encoding="utf-8")
    schemas = site_dir / "schemas"
    schemas.mkdir(parents=True, exist_ok=True)
    for schema in sorted((data_dir / "schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)
