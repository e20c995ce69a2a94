"""Load and check data/quiz.yaml, the knowledge quiz for coordinators and staff."""
from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..model.quiz import Question, QuizText
from ..paths import LANGUAGES
from .yamlsource import YamlDocument, dotted, load_yaml

Problem = tuple[int, str]  # (line, full message): sorted by line before they are reported
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "schemas" / "quiz.schema.json"

_YAML_KIND = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
}


# --- loading -------------------------------------------------------------------------------------

class QuizInvalid(ValueError):
    """Every problem of the quiz file as (line, text), so the site build can report them with the rest."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.problems = problems
        super().__init__(_report(path, [text for _, text in problems]))


def load_quiz(path: Path, schema_path: Path = SCHEMA_PATH, display: str | None = None) -> list[Question]:
    """Read and check the quiz file; raise ValueError naming every problem and its question.

    All problems are collected before raising, so an editor fixes the file in one go.
    """
    doc, parse_errors = load_yaml(path, display or str(path))
    if doc is None:
        raise QuizInvalid(path, [(e.line, str(e)) for e in parse_errors])
    problems: list[Problem] = [
        (e.line, f"{e.file}:{e.line}: {_label_from_field(doc.data, e.field)}: {e.field}: {e.message}")
        for e in parse_errors
    ]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for error in Draft202012Validator(schema).iter_errors(doc.data):
        for where, message in _explain(error, doc):
            problems.append(_locate(doc, where, message))
    problems += _cross_checks(doc)
    if problems:
        # jsonschema reports each missing key once per required-rule: keep one of each, in file order.
        ordered = sorted(dict.fromkeys(problems), key=lambda problem: problem[0])
        raise QuizInvalid(path, ordered)
    return [_question(item) for item in doc.data["questions"]]


def _question(item: dict[str, Any]) -> Question:
    def text(block: dict[str, Any]) -> QuizText:
        return QuizText(block["question"], tuple(block["options"]), block["feedback"])

    return Question(item["id"], text(item["nb"]), text(item["en"]), item["correct"], item["law"])


def _cross_checks(doc: YamlDocument) -> list[Problem]:
    """Rules the schema cannot express: matching option counts, `correct` in range, unique ids."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["questions"]):
        if not isinstance(item, dict):
            continue
        where = ("questions", index)
        qid = item.get("id")
        if isinstance(qid, str):
            if qid in seen:
                problems.append(_locate(doc, where + ("id",),
                                        f"the id is also used by question number {seen[qid] + 1}; ids must be unique"))
            seen.setdefault(qid, index)
        counts = {lang: len(item[lang]["options"]) for lang in LANGUAGES
                  if isinstance(item.get(lang), dict) and isinstance(item[lang].get("options"), list)}
        if len(counts) == 2 and counts["nb"] != counts["en"]:
            problems.append(_locate(doc, where + ("en", "options"),
                                    f"nb has {counts['nb']} options but en has {counts['en']}; "
                                    "both languages need the same options in the same order"))
        correct = item.get("correct")
        if isinstance(correct, int) and not isinstance(correct, bool) and counts:
            fewest = min(counts.values())
            if not 0 <= correct < fewest:
                problems.append(_locate(doc, where + ("correct",),
                                        f"correct is {correct}, but the options are numbered 0 to {fewest - 1} "
                                        "(the first option is 0)"))
    return problems


def _explain(error: ValidationError, doc: YamlDocument) -> list[tuple[tuple[str | int, ...], str]]:
    """A schema verdict as (where, words an editor can act on); empty when a cross-check says it better."""
    path = tuple(error.absolute_path)
    # The jsonschema stubs type these as "value or Unset"; an error from iter_errors always has them set.
    schema = cast(Mapping[str, Any], error.schema)
    value, instance = cast(Any, error.validator_value), cast(Any, error.instance)
    if error.validator == "required":
        hints = {"nb": " (the bokmål text; both languages are required)",
                 "en": " (the English text; both languages are required)"}
        return [(path, f"'{key}' is missing{hints.get(key, '')}")
                for key in value if key not in instance]
    if error.validator == "additionalProperties":
        known = schema.get("properties", {})
        allowed = ", ".join(sorted(known))
        return [(path + (key, "<key>"), f"unknown key '{key}' (allowed here: {allowed})")
                for key in sorted(set(instance) - set(known))]
    message = _message(error, doc, path)
    return [(path, message)] if message else []


def _message(error: ValidationError, doc: YamlDocument, path: tuple[str | int, ...]) -> str | None:
    value, instance = cast(Any, error.validator_value), cast(Any, error.instance)
    if error.validator == "type":
        pos = doc.position(path)
        if error.validator_value == "string" and pos.plain_text is not None and pos.tag in _YAML_KIND:
            return (f"'{pos.plain_text}' was read by YAML as {_YAML_KIND[pos.tag]} ({error.instance!r}), "
                    f"not as text; put it in quotes: '{pos.plain_text}'")
        names = {"object": "a block of keys", "array": "a list", "string": "text", "integer": "a whole number"}
        found = "nothing (the value is empty)" if error.instance is None else repr(error.instance)
        return f"expected {names.get(value, value)}, found {found}"
    if path and path[-1] == "correct" and error.validator in ("minimum", "maximum"):
        return None
    if error.validator in ("minItems", "maxItems") and path and path[-1] == "options":
        return f"there are {len(instance)} options; a question needs 2 to 5"
    if error.validator == "uniqueItems":
        return "the same option is written twice"
    if error.validator == "minLength":
        return "the text is empty"
    if error.validator == "pattern":
        described = cast(Mapping[str, Any], error.schema).get("description", "")
        return f"'{instance}' is not a valid id; {described}".rstrip("; ")
    return error.message


def _locate(doc: YamlDocument, path: tuple[str | int, ...], message: str) -> Problem:
    """`file:line: question 'id': field: message` — the line and the question an editor looks for."""
    if path and path[-1] == "<key>":  # an unknown key: point at the key, name the block it is in
        line = doc.key_position(path[:-1]).line
        path = path[:-2]
    else:
        line = doc.position(path).line
    in_question = len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int)
    field = dotted(path[2:]) if in_question else dotted(path)
    return line, f"{doc.display}:{line}: {_label(doc.data, path)}: {field + ': ' if field else ''}{message}"


def _label(data: Any, path: tuple[str | int, ...]) -> str:
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        item = data["questions"][path[1]]
        qid = item.get("id") if isinstance(item, dict) else None
        return f"question '{qid}'" if isinstance(qid, str) else f"question number {path[1] + 1} (no id)"
    return "quiz"


def _label_from_field(data: Any, field: str) -> str:
    """Question label for errors that come as a dotted field name, e.g. `questions[2].nb`."""
    if field.startswith("questions[") and isinstance(data, dict) and isinstance(data.get("questions"), list):
        index = int(field[len("questions["):field.index("]")])
        if index < len(data["questions"]):
            return _label(data, ("questions", index))
    return "quiz"


def _report(path: Path, problems: Iterable[str]) -> str:
    problems = list(problems)
    return "\n".join([f"{path}: {len(problems)} problem(s) in the quiz; fix them all and run again:", *problems])
