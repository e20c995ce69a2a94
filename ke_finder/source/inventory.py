"""No silent loss: every file in the data folders is either read by the build or reported.

The loader reads `*.yaml` in the entity folders and a fixed list of files at the top of data/.
Anything else would be ignored without a word, so it is reported here:

* **an error** for names that look like data: another extension of a data file (`.yml`, `.json`,
  `.YAML`, `1804-bodo.yaml.txt`), and any `.yaml`/`.yml`/`.json`/`.csv` file at the top of data/
  that the build does not know. Such a file was meant to be read; the build stops until it is
  renamed, moved or deleted.
* **a warning** for everything else (`notes.txt`, a folder, and editors' backup, swap and lock files
  such as `1804-bodo.yaml~`, `.#1804-bodo.yaml`, `.1804-bodo.yaml.swp`): the build goes on, and the
  editor is told the file is not read. Editors create these while a file is open, so an error
  would stop `make serve` in the middle of an edit.

`.gitkeep` is the one name nobody needs to hear about.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError, display_path

ENTITY_FOLDERS = ("municipalities", "hospital-trusts", "cooperations")
TOP_FILES = ("counties.yaml", "regions.yaml", "services.yaml", "postal-codes.csv", "quiz.yaml",
             "place-names.yaml")
# The build's reference files (schemas, map, export formats): kept by developers, read by name.
BUILD_FOLDERS = ("schemas", "api-schemas", "hsds-3.0", "geo")
QUIET = {".gitkeep"}
_BYPRODUCT = re.compile(r"(~|\.(swp|swo|swx|bak|orig|rej|tmp))$|^\.#|^#.*#$|^(\.DS_Store|Thumbs\.db|desktop\.ini)$",
                        re.IGNORECASE)
_DATA_LIKE = re.compile(r"\.(ya?ml|json|csv)(\.|$)", re.IGNORECASE)


def is_byproduct(name: str) -> bool:
    """Backup, swap, lock and desktop files that editors and file managers leave beside a file."""
    return bool(_BYPRODUCT.search(name))


def is_data_file(path: Path) -> bool:
    """What the loader reads in an entity folder."""
    return path.name.endswith(".yaml") and not is_byproduct(path.name)


def entity_files(folder: Path, root: Path) -> tuple[list[Path], list[DataError], list[DataError]]:
    """The files to read in one entity folder, and the errors and warnings for the others."""
    if not folder.is_dir():
        return [], [], []
    read, errors, warnings = [], [], []
    for path in sorted(folder.iterdir()):
        display = display_path(path, root)
        if is_data_file(path):
            read.append(path)
        elif path.name in QUIET:
            continue
        elif path.is_dir() and not path.is_symlink():
            warnings.append(_warning(display, f"the build does not read the folder '{path.name}' or the files in it",
                                     f"move it out of data/; data files go directly in {folder.name}/"))
        elif is_byproduct(path.name):
            warnings.append(_warning(display, "this is an editor's backup, swap or lock file; the build does not "
                                              "read it", "delete it when you have finished editing"))
        elif _DATA_LIKE.search(path.name):
            errors.append(_misnamed(path, display))
        else:
            warnings.append(_warning(display, "the build does not read this file",
                                     f"only files ending in .yaml are read here; move it out of data/{folder.name}/"))
    return read, errors, warnings


def top_level(data_dir: Path, root: Path) -> tuple[list[DataError], list[DataError]]:
    """Errors and warnings for what lies at the top of data/ besides the known files and folders."""
    known = set(TOP_FILES) | set(ENTITY_FOLDERS) | set(BUILD_FOLDERS) | QUIET
    errors, warnings = [], []
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if path.name in known:
            continue
        display = display_path(path, root)
        if path.is_dir() and not path.is_symlink():
            warnings.append(_warning(display, f"the build does not read the folder '{path.name}'",
                                     f"the data folders are {', '.join(ENTITY_FOLDERS)}"))
        elif is_byproduct(path.name):
            warnings.append(_warning(display, "this is an editor's backup, swap or lock file; the build does not "
                                              "read it", "delete it when you have finished editing"))
        elif _DATA_LIKE.search(path.name):
            errors.append(DataError(display, 1, 1, "", "the build does not read this file",
                                    f"the files read here are {', '.join(TOP_FILES)}; a municipality, hospital trust "
                                    f"or cooperation goes in its folder ({', '.join(ENTITY_FOLDERS)})"))
        else:
            warnings.append(_warning(display, "the build does not read this file", "move it out of data/"))
    return errors, warnings


def _misnamed(path: Path, display: str) -> DataError:
    stem = path.name.split(".")[0] or path.name
    wanted = path.with_name(f"{stem}.yaml")
    hint = f"rename it to {wanted.name}"
    if wanted.exists() and wanted != path:
        hint += f"; {wanted.name} exists too, so keep one of them"
    return DataError(display, 1, 1, "", "the build reads only files ending in .yaml (in small letters), so this "
                                        "file is not read", hint)


def _warning(display: str, message: str, hint: str) -> DataError:
    return DataError(display, 1, 1, "", message, hint, severity="warning")
