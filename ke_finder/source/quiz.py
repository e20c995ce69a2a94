"""Load and check data/quiz.yaml, the knowledge quiz for coordinators and staff.

The quiz goes through the same path as every data file (document.read_document: the bounded
YAML reader, data/schemas/quiz.schema.json through SchemaSet, DataErrors); this module adds only
what a schema cannot say (matching option counts, `correct` in range, unique ids) and names the
question an error is in, so an editor finds it without counting list items.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from ..model.quiz import Question, QuizText
from ..paths import LANGUAGES
from .document import read_document
from .errors import DataError, DataInvalid
from .rules import shown
from .schemas import SchemaSet
from .yamlsource import YamlDocument

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"
_QUESTION = re.compile(r"^questions\[(\d+)\]")


def check_quiz(path: Path, schemas: SchemaSet, display: str) -> tuple[list[Question], list[DataError]]:
    """The questions, or no questions and every error of the file."""
    doc, errors = read_document(path, display, schemas, "quiz")
    if doc is None or doc.data is None:
        return [], errors
    cross = _cross_checks(doc)
    # `correct` out of range: the cross-check names the real range; the schema's 0..4 would repeat it.
    said = {error.field for error in cross if error.field.endswith(".correct")}
    errors = [error for error in errors if error.field not in said] + cross
    if errors:
        return [], [_in_question(doc.data, error) for error in errors]
    return [_question(item) for item in doc.data["questions"]], []


def load_quiz(path: Path, schemas: SchemaSet | None = None, display: str | None = None) -> list[Question]:
    """Read and check one quiz file on its own; raise DataInvalid listing every error."""
    questions, errors = check_quiz(path, schemas or SchemaSet(SCHEMA_DIR), display or str(path))
    if errors:
        raise DataInvalid(errors)
    return questions


def _question(item: dict[str, Any]) -> Question:
    def text(block: dict[str, Any]) -> QuizText:
        return QuizText(block["question"], tuple(block["options"]), block["feedback"])

    return Question(item["id"], {lang: text(item[lang]) for lang in LANGUAGES}, item["correct"], item["law"])


def _cross_checks(doc: YamlDocument) -> list[DataError]:
    """Rules the schema cannot express: matching option counts, `correct` in range, unique ids."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return []
    errors: list[DataError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["questions"]):
        if not isinstance(item, dict):
            continue
        where = ("questions", index)
        qid = item.get("id")
        if isinstance(qid, str):
            if qid in seen:
                errors.append(doc.error(where + ("id",), f"the id is also used by question number {seen[qid] + 1}",
                                        "ids must be unique; keep a published id and give the other a new one"))
            seen.setdefault(qid, index)
        counts = {lang: len(item[lang]["options"]) for lang in LANGUAGES
                  if isinstance(item.get(lang), dict) and isinstance(item[lang].get("options"), list)}
        for lang, count in counts.items():
            if "nb" in counts and count != counts["nb"]:
                errors.append(doc.error(where + (lang, "options"), f"nb has {counts['nb']} options but {lang} has "
                                        f"{count}", "every language needs the same options in the same order"))
        correct = item.get("correct")
        if isinstance(correct, int) and not isinstance(correct, bool) and counts:
            fewest = min(counts.values())
            if not 0 <= correct < fewest:
                errors.append(doc.error(where + ("correct",), f"correct is {correct}, but the options are "
                                        f"numbered 0 to {fewest - 1}", "the first option is 0"))
    return errors


def _in_question(data: Any, error: DataError) -> DataError:
    """Name the question an error is in: `question 'ke-duty': …` (or its number when it has no id)."""
    match = _QUESTION.match(error.field)
    questions = data.get("questions") if isinstance(data, dict) else None
    if not match or not isinstance(questions, list) or int(match.group(1)) >= len(questions):
        return error
    index = int(match.group(1))
    item = questions[index]
    qid = item.get("id") if isinstance(item, dict) else None
    label = f"question '{shown(qid)}'" if isinstance(qid, str) and len(qid) <= 60 else f"question number {index + 1}"
    return dataclasses.replace(error, message=f"{label}: {error.message}")
