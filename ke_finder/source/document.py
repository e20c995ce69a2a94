"""The one validation path of a YAML data file: bounded read, schema, plain-text rule.

Every data file (municipalities, hospital trusts, cooperations, the shared lists, the quiz)
goes through `read_document`, so each gets the same limits, the same DataErrors and the same
messages; callers add only the rules that belong to their kind of file.
"""
from __future__ import annotations

from pathlib import Path

from .checks import check_text_is_inert
from .errors import DataError
from .schemas import SchemaSet
from .yamlsource import YamlDocument, load_yaml


def read_document(path: Path, display: str, schemas: SchemaSet,
                  kind: str) -> tuple[YamlDocument | None, list[DataError]]:
    """The parsed file and every error found in it; the document is None when it could not be parsed."""
    doc, errors = load_yaml(path, display)
    if doc is not None:
        if doc.data is None:
            errors.append(DataError(display, 1, 1, "", "the file is empty", "see the example in data/"))
        else:
            errors += schemas.check(doc, kind)
            errors += check_text_is_inert(doc)
    return doc, errors
