"""The directory as open data: JSON and CSV under api/v1/, Open Referral HSDS 3.0, vCard and schema.org JSON-LD.

Everything here is a pure function of the Directory (no clock, no randomness, no file order), so two builds of
the same data give byte-identical files: lists are sorted by id or number, the only dates are the data's own
(when a page was retrieved, its date), and HSDS ids are name-based UUIDs (version 5) that never change for the
same entity. Only write_open_data() touches the disk.

The documents name their licence and sources because open data without them cannot legally be reused:
the directory is published under NLOD 2.0; the boundaries, numbers and names it was built from are credited in
SOURCES; the KE contact details were copied from public web pages, each with its URL and date.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Directory
from ..paths import LANGUAGES
from .api_csv import directory_csv
from .api_json import API_SCHEMA_DIR, EDITOR_SCHEMAS, directory_json
from .common import API_DIR, json_text
from .county_lists import county_list_files
from .hsds import hsds_dir, hsds_export
from .vcard import vcard_files


def open_data_files(directory: Directory) -> dict[str, bytes]:
    """Site-relative path -> file content: every JSON, CSV, HSDS table (one set per language), vCard and county
    list (one per county and language) of api/v1/."""
    files: dict[str, bytes] = {}
    for name, doc in directory_json(directory).items():
        files[f"{API_DIR}/{name}"] = json_text(doc).encode("utf-8")
    for name, text in directory_csv(directory).items():
        files[f"{API_DIR}/{name}"] = text.encode("utf-8")
    for lang in LANGUAGES:  # api/v1/hsds/ in bokmål, api/v1/hsds/nn/ and api/v1/hsds/en/: same ids, own words
        for table, rows in hsds_export(directory, lang).items():
            files[f"{hsds_dir(lang)}/{table}.json"] = json_text(rows).encode("utf-8")
    for path, text in vcard_files(directory).items():
        files[path] = text.encode("utf-8")
    files.update(county_list_files(directory))  # api/v1/fylke/<number>[.nn|.en].csv, for Norwegian Excel
    return files


def write_open_data(directory: Directory, site_dir: Path) -> list[Path]:
    """Write every open-data file under site_dir/api/v1/; return the written paths, sorted.

    Bytes are written as built (no newline translation), so CSV keeps CRLF and JSON keeps LF on every OS.
    The JSON Schemas of the JSON documents (data/api-schemas/) are copied byte for byte to api/v1/schemas/.
    """
    written = []
    for rel, content in open_data_files(directory).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    for schema in sorted(API_SCHEMA_DIR.glob("*.schema.json")):
        if schema.name in EDITOR_SCHEMAS:
            continue
        path = site_dir / API_DIR / "schemas" / schema.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(schema.read_bytes())
        written.append(path)
    return sorted(written)
