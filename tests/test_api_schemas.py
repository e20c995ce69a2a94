"""The documented JSON Schemas of the api/v1 JSON documents (data/api-schemas/, published in api/v1/schemas/)."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import ROOT, TODAY
from ke_finder.source.load import load_directory
from ke_finder.model import Directory
from ke_finder.exports.api_json import API_SCHEMA_DIR, EDITOR_SCHEMAS, directory_json
from ke_finder.exports.open_data import write_open_data

SCHEMA_DIR = ROOT / "data" / "api-schemas"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def schema_name(document: str) -> str:
    """'ke-units.json' -> 'ke-units.schema.json'."""
    return document.removesuffix(".json") + ".schema.json"


def load_schemas(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))
            if p.name not in EDITOR_SCHEMAS}  # the crawler's output contract: tests/test_discovery.py


def validators_for(folder: Path) -> dict[str, Draft202012Validator]:
    """File name -> validator; the relative $refs between the files are resolved by a Registry keyed by $id."""
    schemas = load_schemas(folder)
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in schemas.values())
    return {name: Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for name, schema in schemas.items()}


def errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def real() -> Directory:
    return load_directory(ROOT / "data")


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    return validators_for(SCHEMA_DIR)


@pytest.fixture
def fixture_docs(data_dir: Path) -> dict[str, dict[str, Any]]:
    return directory_json(load_directory(data_dir, today=TODAY))


# ---------------------------------------------------------------------------------------------------- the schemas


def test_one_schema_per_document_plus_common(real: Directory) -> None:
    assert API_SCHEMA_DIR == SCHEMA_DIR
    documents = set(directory_json(real))
    # candidates.schema.json (the editors' crawl output, discover -> accept) is left out by load_schemas
    assert set(load_schemas(SCHEMA_DIR)) == {schema_name(d) for d in documents} | {"common.schema.json"}
    assert len(documents) == 7


def test_schemas_are_valid_draft_2020_12_with_relative_ids() -> None:
    for name, schema in load_schemas(SCHEMA_DIR).items():
        assert schema["$schema"] == DRAFT_2020_12, name
        assert schema["$id"] == name, name  # relative: resolves the same for editors, the site and Python
        Draft202012Validator.check_schema(schema)
        assert schema.get("title") and schema.get("description"), name


def walk(node: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    """Every (JSON pointer-ish path, value) in a schema, depth first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}/{i}")


def test_every_property_and_definition_is_described() -> None:
    missing = []
    for name, schema in load_schemas(SCHEMA_DIR).items():
        for path, node in walk(schema):
            if not isinstance(node, dict):
                continue
            if isinstance(node.get("properties"), dict) and not path.endswith("/properties"):
                for key, sub in node["properties"].items():
                    if not (isinstance(sub, dict) and isinstance(sub.get("description"), str)
                            and sub["description"].strip()):
                        missing.append(f"{name} {path}/properties/{key}")
            if isinstance(node.get("$defs"), dict):
                for key, sub in node["$defs"].items():
                    if not str(sub.get("description", "")).strip():
                        missing.append(f"{name} {path}/$defs/{key}")
    assert not missing, "properties without a description:\n" + "\n".join(missing)


def test_refs_are_relative_and_resolve() -> None:
    schemas = load_schemas(SCHEMA_DIR)
    for name, schema in schemas.items():
        for path, node in walk(schema):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                continue
            ref = node["$ref"]
            assert "://" not in ref and not ref.startswith("/"), f"{name} {path}: {ref}"
            target_file, _, pointer = ref.partition("#")
            target: Any = schemas[target_file or name]
            for part in [p for p in pointer.split("/") if p]:
                target = target[part]
            assert isinstance(target, dict), f"{name} {path}: {ref}"


def test_fixed_shapes_refuse_unknown_keys() -> None:
    """Every object with a fixed set of properties closes it (rows: additionalProperties, documents: unevaluated)."""
    common = "common.schema.json"
    for name, schema in load_schemas(SCHEMA_DIR).items():
        if name not in (common, "candidates.schema.json"):  # candidates.json has no api/v1 envelope
            assert schema["unevaluatedProperties"] is False, name
            assert schema["allOf"] == [{"$ref": f"{common}#/$defs/envelope"}], name
        for path, node in walk(schema):
            if (isinstance(node, dict) and isinstance(node.get("properties"), dict)
                    and not path.endswith("/properties") and not path.endswith("/$defs/envelope")
                    and path != "#"):
                assert node.get("additionalProperties") is False, f"{name} {path}"
    envelope = load_schemas(SCHEMA_DIR)[common]["$defs"]["envelope"]["properties"]
    assert envelope["version"] == {**envelope["version"], "const": "v1"}


# ---------------------------------------------------------------------------------------------------- the documents


def test_real_documents_validate(real: Directory, validators: dict[str, Draft202012Validator]) -> None:
    for name, doc in directory_json(real).items():
        assert not errors(validators[schema_name(name)], doc), (name, errors(validators[schema_name(name)], doc)[:5])


def test_fixture_documents_validate(fixture_docs: dict[str, dict[str, Any]],
                                    validators: dict[str, Draft202012Validator]) -> None:
    assert fixture_docs["cooperations.json"]["count"] == 1  # the cooperation schema is exercised, not vacuous
    assert any(t["districts"] for t in fixture_docs["hospital-trusts.json"]["hospital_trusts"])
    assert any(u["phones"] for u in fixture_docs["ke-units.json"]["ke_units"])
    for name, doc in fixture_docs.items():
        assert not errors(validators[schema_name(name)], doc), (name, errors(validators[schema_name(name)], doc))


def broken(doc: dict[str, Any], change) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    change(doc)
    return doc


BREAKAGES = {
    "municipality number as the int 301": (
        "municipalities.json", lambda d: d["municipalities"][0].update(number=301)),
    "municipality number without its leading zero": (
        "municipalities.json", lambda d: d["municipalities"][0].update(number="301")),
    "unknown key in a municipality row": (
        "municipalities.json", lambda d: d["municipalities"][0].update(phone="22 00 00 00")),
    "unknown top-level key": ("municipalities.json", lambda d: d.update(generated="2026-11-23")),
    "missing licence": ("counties.json", lambda d: d.pop("licence")),
    "another version": ("regions.json", lambda d: d.update(version="v2")),
    "count as text": ("services.json", lambda d: d.update(count="10")),
    "ke_id not a KE id": ("municipalities.json", lambda d: d["municipalities"][0].update(ke_id="Oslo")),
    "retrieved not YYYY-MM-DD": (
        "ke-units.json", lambda d: d["ke_units"][0]["source"].update(retrieved="23.11.2026")),
    "retrieved not a real date": (
        "ke-units.json", lambda d: d["ke_units"][0]["source"].update(retrieved="2026-02-30")),
    "confirmed_by_ke as text": (
        "ke-units.json", lambda d: d["ke_units"][0]["source"].update(confirmed_by_ke="false")),
    "phone not E.164": (
        "ke-units.json", lambda d: next(u for u in d["ke_units"] if u["phones"])["phones"][0].update(e164="75555000")),
    "unknown KE kind": ("ke-units.json", lambda d: d["ke_units"][0].update(kind="hospital")),
    "cooperation without its KE": ("cooperations.json", lambda d: d["cooperations"][0].update(ke_id=None)),
    "district number of 4 digits": (
        "hospital-trusts.json",
        lambda d: next(t for t in d["hospital_trusts"] if t["districts"])["districts"][0].update(number="0301")),
    "page url without a language": (
        "counties.json", lambda d: d["counties"][0]["url"].pop("en")),
    "service names in a third language": (
        "services.json", lambda d: d["services"][0]["names"].update(se="Mánáid koordináhtor")),
}


@pytest.mark.parametrize("what", sorted(BREAKAGES))
def test_broken_documents_fail(what: str, fixture_docs: dict[str, dict[str, Any]],
                               validators: dict[str, Draft202012Validator]) -> None:
    name, change = BREAKAGES[what]
    validator = validators[schema_name(name)]
    assert not errors(validator, fixture_docs[name])
    assert errors(validator, broken(fixture_docs[name], change)), what


# ---------------------------------------------------------------------------------------------------- publishing


def test_write_open_data_publishes_the_schemas(data_dir: Path, tmp_path: Path) -> None:
    directory = load_directory(data_dir, today=TODAY)
    site = tmp_path / "site"
    written = write_open_data(directory, site)
    assert written == sorted(written)
    folder = site / "api" / "v1" / "schemas"
    published = sorted(p for p in written if p.parent == folder)
    assert [p.name for p in published] == sorted(set(load_schemas(SCHEMA_DIR)))
    assert len(published) == 8
    for path in published:
        assert path.read_bytes() == (SCHEMA_DIR / path.name).read_bytes(), path.name
    # the published copy works on its own: every written document validates against the schema beside it
    published_validators = validators_for(folder)
    for name in directory_json(directory):
        doc = json.loads((site / "api" / "v1" / name).read_text(encoding="utf-8"))
        assert not errors(published_validators[schema_name(name)], doc), name
