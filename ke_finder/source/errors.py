"""Data errors that point at a file, a line and a fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file.

    Errors are collected, never raised one by one, so that a KE editor sees every
    problem of a run at once instead of fixing them one build at a time.
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = self.field or "(file)"
        text = f"{where}: {field}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataInvalid(Exception):
    """Raised once, at the end of loading, with every error found."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        lines.append(f"{len(self.errors)} error(s) in the data; nothing was built.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the project read better in error messages and in tests."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
