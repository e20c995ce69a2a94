"""The JSON Schemas in data/schemas are the data contract; this turns their verdicts into fix hints."""
from __future__ import annotations

import difflib
import json
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .errors import DataError
from .rules import excerpt
from .yamlsource import YamlDocument, dotted

_YAML_KIND = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:null": "empty (null)",
}


class SchemaSet:
    """All schemas of one data directory, with their cross-references resolved.

    Every data file, the quiz included, is checked here, and every verdict becomes a DataError
    whose message quotes at most a short excerpt of the value (jsonschema's own messages print
    the whole value, which may be megabytes).
    """

    def __init__(self, schema_dir: Path):
        self.dir = schema_dir
        resources = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            resources[path.name] = Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))
        self.registry = Registry().with_resources(resources.items())
        self.validators = {
            name.removesuffix(".schema.json"): Draft202012Validator(res.contents, registry=self.registry)
            for name, res in resources.items()
        }

    def check(self, doc: YamlDocument, kind: str) -> list[DataError]:
        validator = self.validators[kind]
        errors: list[DataError] = []
        for error in validator.iter_errors(doc.data):
            errors.extend(_explain(error, doc))
        return errors


def _explain(error: ValidationError, doc: YamlDocument) -> Iterable[DataError]:
    path = tuple(error.absolute_path)
    # The jsonschema stubs type these as "value or Unset"; an error from iter_errors always has them set.
    schema = cast(Mapping[str, Any], error.schema)
    value, instance = cast(Any, error.validator_value), cast(Any, error.instance)
    if error.validator in ("oneOf", "anyOf") and error.context:
        # "null or a KE block": explain the KE-block branch, which is what the editor meant.
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(cast(int, sub.relative_schema_path[0]), []).append(sub)
        meant = [errs for errs in branches.values()
                 if not any(e.validator == "type" and e.validator_value == "null" for e in errs)]
        for sub in (meant[0] if meant else error.context):
            yield from _explain(sub, doc)
        return
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            close = difflib.get_close_matches(key[:100], allowed, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            yield doc.error(path + (key,), f"unknown field {excerpt(key)}",
                            f"{hint}allowed here: {', '.join(allowed)}", at_key=True)
        return
    if error.validator == "required":
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                yield doc.error(path + (key,), f"the required field '{key}' is missing", _required_hint(error, key))
        return
    if error.validator == "type":
        yield _type_error(error, doc, path)
        return
    if error.validator == "enum":
        choices = ", ".join(str(v) for v in value if v is not None)
        yield doc.error(path, f"{excerpt(instance)} is not one of the allowed values", f"use one of: {choices}")
        return
    if error.validator == "pattern":
        described = schema.get("description") or f"it must match {value}"
        yield doc.error(path, f"{excerpt(instance)} does not have the expected form", described)
        return
    message = _message(error)
    if message is not None:
        yield doc.error(path, message, schema.get("description") or "see the schema in data/schemas/")
        return
    # Any other rule: jsonschema's words, with the value cut to an excerpt.
    text = error.message.replace(repr(instance), excerpt(instance))
    yield doc.error(path, text, "see the schema in data/schemas/")


def _message(error: ValidationError) -> str | None:
    """Our words for the rules the schemas use; None for rules without a sentence of their own."""
    rule, limit, value = error.validator, cast(Any, error.validator_value), cast(Any, error.instance)
    if rule == "uniqueItems":
        return "the list names the same value twice"
    if rule == "maxLength":
        return f"the text is {len(value):,} characters long; at most {limit} are allowed: {excerpt(value)}"
    if rule == "minLength":
        return "the text is empty" if not value else f"the text is {len(value)} characters long; at least {limit} are needed"
    if rule == "minItems":
        return f"the list has {len(value)} item(s); at least {limit} are needed"
    if rule == "maxItems":
        return f"the list has {len(value)} items; at most {limit} are allowed"
    if rule == "minimum":
        return f"{excerpt(value)} is less than the smallest allowed value, {limit}"
    if rule == "maximum":
        return f"{excerpt(value)} is more than the largest allowed value, {limit}"
    return None


def _required_hint(error: ValidationError, key: str) -> str:
    """'write x: null' only where null is allowed; else what the field is, from the schema."""
    prop = cast(Mapping[str, Any], error.schema).get("properties", {}).get(key, {})
    types = prop.get("type", [])
    nullable = "null" in (types if isinstance(types, list) else [types]) or any(
        branch.get("type") == "null" for branch in prop.get("oneOf", []) + prop.get("anyOf", []))
    if nullable:
        return f"add '{key}:' here (write '{key}: null' if it is not known)"
    described = prop.get("description")
    return f"add '{key}:' here: {described}" if described else f"add '{key}:' here"


def _brief(value: Any) -> str:
    """repr() of a value, cut like an excerpt: a 4,000-digit number prints as its first digits."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:60]}… ({len(text):,} characters)"


def _type_error(error: ValidationError, doc: YamlDocument, path: tuple) -> DataError:
    expected = error.validator_value
    expected = expected if isinstance(expected, list) else [expected]
    pos = doc.position(path)
    field = dotted(path) or "value"
    if "string" in expected and pos.plain_text is not None and pos.tag in _YAML_KIND:
        key = path[-1] if path and isinstance(path[-1], str) else field
        return doc.error(
            path,
            f"{excerpt(pos.plain_text)} was read by YAML as {_YAML_KIND[pos.tag]} ({_brief(error.instance)}), "
            "not as text",
            f"put it in quotes: {key}: {excerpt(pos.plain_text)}",
        )
    names = {"string": "text", "object": "a block of fields", "array": "a list", "boolean": "true or false",
             "null": "null", "integer": "a whole number", "number": "a number"}
    wanted = " or ".join(names.get(t, t) for t in cast(list[str], expected))
    return doc.error(path, f"expected {wanted}, found {_describe(error.instance)}",
                     "see the example in the guide for KE staff")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the yes/no value {value}"
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    return excerpt(value if isinstance(value, str) else repr(value))
