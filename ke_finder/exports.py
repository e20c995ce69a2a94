"""Machine-readable exports written into the built site (api/v1, schemas)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .finder_index import finder_index_json
from .i18n import DEFAULT_LANGUAGE, LANGUAGES
from .model import Directory
from .pages import municipality_path, page_url

API_VERSION = "v1"


def language_url(path: str, lang: str) -> str:
    """Root-relative URL of a page in a language: '/kommune/0301/' or '/en/kommune/0301/'."""
    prefix = "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"
    return prefix + page_url(path)


def municipalities_export(directory: Directory) -> dict[str, Any]:
    rows = []
    for number in sorted(directory.municipalities):
        m = directory.municipalities[number]
        ke = directory.ke_for(m)
        rows.append({
            "number": m.number,
            "name": m.name,
            "display_name": m.display_name,
            "county": m.county_number,
            "url": {lang: language_url(municipality_path(m.number), lang) for lang in LANGUAGES},
            "ke_id": ke.id if ke else None,
            "cooperation_id": m.cooperation_id,
            "hospital_trust_ids": [t.id for t in directory.trusts_for(m)],
        })
    return {"version": API_VERSION, "count": len(rows), "municipalities": rows}


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def write_exports(directory: Directory, site_dir: Path, data_dir: Path) -> None:
    """Every export of the site; deterministic so two builds are byte-identical."""
    from .open_data import write_open_data  # open_data builds on municipalities_export above

    write_open_data(directory, site_dir)
    (site_dir / "assets").mkdir(parents=True, exist_ok=True)
    (site_dir / "assets" / "finder-index.json").write_text(finder_index_json(directory), encoding="utf-8")
    schemas = site_dir / "schemas"
    schemas.mkdir(parents=True, exist_ok=True)
    for schema in sorted((data_dir / "schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)
