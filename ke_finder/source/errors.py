"""Data errors that point at a file, a line and a fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .rules import clip, shown


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file.

    Errors are collected, never raised one by one, so that a KE editor sees every
    problem of a run at once instead of fixing them one build at a time. A warning
    (``severity="warning"``) is reported the same way but does not stop the build.
    Message and hint are cut to a bounded length whatever produced them.
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", shown(self.file))
        object.__setattr__(self, "message", clip(self.message))
        object.__setattr__(self, "hint", clip(self.hint))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = self.field or "(file)"
        label = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {field}: {label}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataInvalid(Exception):
    """Raised once, at the end of loading, with every error found (and the warnings, to show with them)."""

    def __init__(self, errors: list[DataError], warnings: list[DataError] | None = None):
        self.errors = sorted(set(errors))
        self.warnings = sorted(set(warnings or []))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in self.errors + self.warnings]
        lines.append(f"{len(self.errors)} error(s) in the data; nothing was built.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the project read better in error messages and in tests.

    The folder is resolved, the file name is not: a link is named as it is in the folder,
    not by where it points.
    """
    if root is not None:
        try:
            return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
